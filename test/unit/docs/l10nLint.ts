// Finds user-facing string literals in the host layer (src/vscode/**) that do not go through vscode.l10n.t, using the
// TypeScript compiler API. What counts as user-facing:
//   * every argument of window.showInformationMessage / showWarningMessage / showErrorMessage and of
//     notifier.info / warn / error (message and button labels), the message argument of showActionableError, and the
//     first argument of `new …TreeItem(…)` / `new …MarkdownString(…)`;
//   * the value given to a property named in USER_FACING_PROPERTIES, in an object literal (`{ title: … }`) or by
//     assignment (`picker.title = …`).
// Such a value is flagged when it is, or contains, a string or template literal with a letter in it once codicons
// (`$(history)`) are removed. Template literals pass when their own text has no letter: `${l10n.t('A')} (${n})`.
// Object literals declared as lookup tables (`Record<K, V>`, index signatures) are data: their keys are not properties.
// Values are followed through `?:`, `+`, `??`, `||`, `&&` (right side), parentheses, `as`, `!`, `[…].join(…)`, and
// identifiers that name a `const` declared in the same file. A call other than l10n.t ends the search (its result is
// assumed to be localised already; that function's own literals are checked where they are used).
// vscode.l10n.t itself must get a literal message, or `npm run l10n` cannot extract it.
// `// l10n-ignore: <reason>` on the same line or the line above silences a finding.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export const USER_FACING_PROPERTIES: ReadonlySet<string> = new Set([
  'title',
  'prompt',
  'placeHolder',
  'placeholder',
  'label',
  'detail',
  'description',
  'message',
  'tooltip',
  'text',
  'openLabel',
  'saveLabel',
]);
const MESSAGE_FUNCTIONS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
const NOTIFIER_METHODS = new Set(['info', 'warn', 'error']);
/** Functions whose argument at this index is a user-facing message. */
const MESSAGE_ARGUMENT: ReadonlyMap<string, number> = new Map([['showActionableError', 1]]);
const CONSTRUCTED_LABELS = new Set(['TreeItem', 'MarkdownString']);

export interface Finding {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}

/**
 * Whether a literal's text reads as words to translate: a letter left once codicons are removed. Not prose: a bare
 * URL, and one token that starts with something other than a letter (`#RRGGBB`, `+79001234567`, `.jpg`, `1101123456`).
 */
export function isProse(text: string): boolean {
  const stripped = text.replace(/\$\([a-z0-9-]+(~[a-z]+)?\)/gi, '').trim();
  if (/^https?:\/\/\S+$/.test(stripped) || /^[^\p{L}\s]\S*$/u.test(stripped)) return false;
  return /\p{L}/u.test(stripped);
}

/** `Record<K, V>`, `Readonly<Record<K, V>>`, `{ [key: string]: V }` or a mapped type: a lookup table, not a UI object. */
function isLookupType(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText();
    if (name === 'Record') return true;
    if ((name === 'Readonly' || name === 'Partial') && type.typeArguments?.length === 1) return isLookupType(type.typeArguments[0]);
    return false;
  }
  if (ts.isMappedTypeNode(type)) return true;
  return ts.isTypeLiteralNode(type) && type.members.length > 0 && type.members.every(ts.isIndexSignatureDeclaration);
}

/** An object literal declared as a lookup table (`const ICONS: Record<Shape, string> = { text: 'comment' }`): its keys are data. */
function isLookupTable(object: ts.ObjectLiteralExpression): boolean {
  let node: ts.Node = object;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) return isLookupType(parent.type);
  if (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent)) return isLookupType(parent.type);
  return false;
}

function isL10nCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 't') return false;
  const owner = node.expression.expression;
  return (ts.isIdentifier(owner) && owner.text === 'l10n') || (ts.isPropertyAccessExpression(owner) && owner.name.text === 'l10n');
}

function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

function isNotifierCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !NOTIFIER_METHODS.has(callee.name.text)) return false;
  const receiver = callee.expression;
  const name = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : '';
  return /notifier$/i.test(name);
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

/** Checks one source text; `fileName` is used for positions only. */
export function lintSource(fileName: string, sourceText: string): Finding[] {
  const options: ts.CompilerOptions = { noLib: true, noResolve: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS };
  const host = ts.createCompilerHost(options);
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => (name === fileName ? source : getSourceFile(name, version));
  host.fileExists = (name) => name === fileName;
  host.readFile = (name) => (name === fileName ? sourceText : undefined);
  const checker = ts.createProgram([fileName], options, host).getTypeChecker();
  const lines = sourceText.split('\n');
  const findings: Finding[] = [];
  const reported = new Set<ts.Node>();

  const report = (node: ts.Node, reason: string) => {
    if (reported.has(node)) return; // A const used in two places is one finding.
    reported.add(node);
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
    if (/\/\/\s*l10n-ignore\b/.test(lines[line]) || (line > 0 && /^\s*\/\/\s*l10n-ignore\b/.test(lines[line - 1]))) return;
    findings.push({ file: fileName, line: line + 1, text: node.getText(source), reason });
  };

  /** Reports the literals with prose that make up the value of `expression`. */
  const checkValue = (expression: ts.Expression, context: string, seen = new Set<ts.Node>()): void => {
    if (seen.has(expression)) return;
    seen.add(expression);
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
      if (isProse(expression.text)) report(expression, `${context}: literal text not passed through vscode.l10n.t`);
    } else if (ts.isTemplateExpression(expression)) {
      const own = [expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)].join(' ');
      if (isProse(own)) report(expression, `${context}: template literal with its own text, not passed through vscode.l10n.t`);
      for (const span of expression.templateSpans) checkValue(span.expression, context, seen);
    } else if (ts.isConditionalExpression(expression)) {
      checkValue(expression.whenTrue, context, seen);
      checkValue(expression.whenFalse, context, seen);
    } else if (ts.isBinaryExpression(expression)) {
      const operator = expression.operatorToken.kind;
      if (operator === ts.SyntaxKind.PlusToken || operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
        checkValue(expression.left, context, seen);
        checkValue(expression.right, context, seen);
      } else if (operator === ts.SyntaxKind.AmpersandAmpersandToken) {
        checkValue(expression.right, context, seen);
      }
    } else if (
      ts.isParenthesizedExpression(expression) ||
      ts.isAsExpression(expression) ||
      ts.isNonNullExpression(expression) ||
      ts.isSatisfiesExpression(expression)
    ) {
      checkValue(expression.expression, context, seen);
    } else if (ts.isCallExpression(expression)) {
      // `[a, b].join('\n')`: the pieces are what is shown.
      const callee = expression.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'join' && ts.isArrayLiteralExpression(callee.expression)) {
        for (const element of callee.expression.elements) if (!ts.isSpreadElement(element)) checkValue(element, context, seen);
      }
    } else if (ts.isIdentifier(expression)) {
      const declaration = checker.getSymbolAtLocation(expression)?.valueDeclaration;
      if (
        declaration &&
        ts.isVariableDeclaration(declaration) &&
        declaration.initializer &&
        ts.isVariableDeclarationList(declaration.parent) &&
        (declaration.parent.flags & ts.NodeFlags.Const) !== 0
      ) {
        checkValue(declaration.initializer, context, seen);
      }
    }
  };

  const visit = (node: ts.Node): void => {
    if (isL10nCall(node)) {
      const [message] = node.arguments;
      const literal = message && (ts.isStringLiteral(message) || ts.isNoSubstitutionTemplateLiteral(message) || ts.isObjectLiteralExpression(message));
      if (!literal) report(node, 'vscode.l10n.t needs a literal message, or `npm run l10n` cannot extract it');
      return; // Its arguments are substitutions: values, not sentences.
    }
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      if ((name && MESSAGE_FUNCTIONS.has(name)) || isNotifierCall(node)) {
        for (const argument of node.arguments) if (!ts.isObjectLiteralExpression(argument)) checkValue(argument, `${name}()`);
      } else if (name && MESSAGE_ARGUMENT.has(name)) {
        const argument = node.arguments[MESSAGE_ARGUMENT.get(name)!];
        if (argument) checkValue(argument, `${name}()`);
      }
    } else if (ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      if (name && CONSTRUCTED_LABELS.has(name) && node.arguments?.[0]) checkValue(node.arguments[0], `new ${name}()`);
    } else if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node.name);
      if (name && USER_FACING_PROPERTIES.has(name) && !isLookupTable(node.parent)) checkValue(node.initializer, `property ${name}`);
    } else if (ts.isShorthandPropertyAssignment(node)) {
      if (USER_FACING_PROPERTIES.has(node.name.text)) {
        const declaration = checker.getShorthandAssignmentValueSymbol(node)?.valueDeclaration;
        if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && (declaration.parent.flags & ts.NodeFlags.Const) !== 0) {
          checkValue(declaration.initializer, `property ${node.name.text}`);
        }
      }
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      if (USER_FACING_PROPERTIES.has(node.left.name.text)) checkValue(node.right, `property ${node.left.name.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/** Every .ts file under `dir`, checked. */
export function lintDirectory(dir: string): { files: string[]; findings: Finding[] } {
  const files = (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(dir, file))
    .sort();
  return { files, findings: files.flatMap((file) => lintSource(file, fs.readFileSync(file, 'utf8'))) };
}

export function formatFindings(findings: readonly Finding[], root: string): string {
  return findings.map((finding) => `${path.relative(root, finding.file)}:${finding.line}: ${finding.reason}: ${finding.text}`).join('\n');
}
