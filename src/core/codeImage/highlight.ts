/**
 * Colours code the way the person's editor does: VS Code's own TextMate grammars and colour theme, tokenised by shiki
 * with the Oniguruma engine (the regular expressions VS Code's grammars are written for). The entry of its own bundle,
 * dist/codeImage.js, which the host loads on first use: shiki and its WebAssembly cost nothing until then.
 */
// The dist paths, not 'shiki/core': this project resolves modules the CommonJS way, which does not read `exports`
// maps, and only these paths carry their types that way. Both name the same files at run time.
import { createHighlighterCore, type HighlighterCore, type LanguageRegistration, type ThemedToken } from 'shiki/dist/core.mjs';
import { createOnigurumaEngine } from 'shiki/dist/engine-oniguruma.mjs';
// Its types re-export a path the CommonJS resolution cannot follow, so the default export is untyped here.
import getWasmInstance from 'shiki/dist/wasm.mjs';
import { parse, type ParseError } from 'jsonc-parser';
import { isRecord } from '../common/json';
import { plainLines, type CodeLine, type CodeToken, type HighlightedCode } from './model';
import { loadTheme, normalizeColor, type LoadedTheme, type ReadFile, type ThemeContribution } from './theme';

export type { ThemeContribution } from './theme';

/** A grammar as an extension contributes it (`contributes.grammars`), with its path made absolute. */
export interface GrammarContribution {
  readonly language?: string;
  readonly scopeName: string;
  readonly path: string;
  readonly embeddedLanguages?: Readonly<Record<string, string>>;
  readonly injectTo?: readonly string[];
}

export interface HighlightRequest {
  /** Already prepared (prepareCode). */
  readonly code: string;
  readonly languageId: string;
  /** Every grammar the installed extensions contribute. */
  readonly grammars: readonly GrammarContribution[];
  readonly theme: ThemeContribution;
  /** Reads a file for the host (UTF-8 text; a Buffer is read as UTF-8 too). */
  readFile(path: string): Promise<string>;
  /** How long one line may take to tokenise before the rest of it stays uncoloured; 500 ms (VS Code's) by default. */
  readonly lineTimeLimitMs?: number;
}

/** HTML embeds a handful of grammars and Markdown dozens (one per fenced language); beyond this something is amiss. */
const MAX_GRAMMARS = 200;
/** VS Code stops colouring a line this long (editor.maxTokenizationLineLength) and so do we. */
const MAX_TOKENIZED_LINE = 20_000;
/** Per line, as shiki's default: a pathological grammar leaves the rest of a line uncoloured rather than hanging. */
const TOKENIZE_TIME_LIMIT_MS = 500;
// FontStyle bits of vscode-textmate.
const ITALIC = 1;
const BOLD = 2;
const UNDERLINE = 4;
const STRIKETHROUGH = 8;

interface LoadedGrammar {
  readonly registration: LanguageRegistration;
  /** Scopes the grammar includes (`source.js`, `text.html.basic#tags` → `text.html.basic`). */
  readonly includes: readonly string[];
}

// One highlighter per process; grammars and themes are added to it as they are first needed, and the files are read
// and parsed once per path, so the second picture costs only the tokenising.
let highlighter: Promise<HighlighterCore> | undefined;
const grammarFiles = new Map<string, Promise<LoadedGrammar | string | ReadError>>();
const themes = new Map<string, Promise<LoadedTheme>>();
/** Languages whose grammars made shiki throw: they stay plain rather than break the highlighter again. */
const failedLanguages = new Set<string>();

/**
 * The code's lines as coloured tokens in the theme's colours. Never rejects: without a usable grammar (an unknown
 * language, a plist grammar, a file that cannot be read) the lines come back plain in the foreground colour, and
 * what went wrong is in `problems`.
 */
export async function highlight(request: HighlightRequest): Promise<HighlightedCode> {
  const readFile: ReadFile = async (file) => String(await request.readFile(file)).replace(/^\ufeff/, '');
  const themeKey = `${request.theme.uiTheme}\u0000${request.theme.path}`;
  let themePromise = themes.get(themeKey);
  if (!themePromise) themes.set(themeKey, (themePromise = loadTheme(request.theme, readFile)));
  const theme = await themePromise;
  // A theme that could not be read whole is read again next time: the file may have been mid-update.
  if (theme.problems.length > 0 && themes.get(themeKey) === themePromise) themes.delete(themeKey);
  const problems = [...theme.problems];
  const plain = (): HighlightedCode => ({
    lines: plainLines(request.code, theme.palette.foreground),
    palette: theme.palette,
    themeName: request.theme.label,
    highlighted: false,
    problems,
  });

  const languages = await grammarsFor(request.languageId, request.grammars, readFile, problems);
  if (!languages) return plain();
  const language = languages[0].name;
  if (failedLanguages.has(language)) {
    problems.push(`Grammar ${language} failed before and is not used again`);
    return plain();
  }
  let shiki: HighlighterCore;
  try {
    shiki = await getHighlighter();
  } catch (error) {
    problems.push(`The highlighter could not start: ${error instanceof Error ? error.message : String(error)}`);
    return plain();
  }
  try {
    const loaded = new Set(shiki.getLoadedLanguages());
    const missing = languages.filter((registration) => !loaded.has(registration.name));
    if (missing.length > 0) shiki.loadLanguageSync(...missing);
    const themeName = shikiThemeName(theme);
    if (!shiki.getLoadedThemes().includes(themeName)) shiki.loadThemeSync({ ...theme.registration, name: themeName });
    const lineTimeLimitMs = request.lineTimeLimitMs ?? TOKENIZE_TIME_LIMIT_MS;
    const tokenize = (): ThemedToken[][] =>
      shiki.codeToTokensBase(request.code, { lang: language, theme: themeName, tokenizeMaxLineLength: MAX_TOKENIZED_LINE, tokenizeTimeLimit: lineTimeLimitMs });
    const started = performance.now();
    let tokens = tokenize();
    // A grammar compiles its expressions when a line first needs them, inside that line's time limit: on a busy machine
    // the first pass can leave the end of a line uncoloured. Only a pass that slow can have cut a line; the next is warm.
    if (performance.now() - started > lineTimeLimitMs) tokens = tokenize();
    const lines = tokens.map((line) => mergeTokens(line, theme.palette.foreground));
    return { lines, palette: theme.palette, themeName: request.theme.label, highlighted: true, problems };
  } catch (error) {
    problems.push(`Highlighting failed: ${error instanceof Error ? error.message : String(error)}`);
    // A malformed grammar stays in shiki's registry and fails every later load, so this highlighter is left behind
    // (not disposed: a call that already holds it may still be about to use it) and the next call starts afresh.
    failedLanguages.add(language);
    highlighter = undefined;
    return plain();
  }
}

const shikiThemeNames = new WeakMap<LoadedTheme, string>();

/**
 * The theme's name in shiki, which keeps the first theme registered under a name: the content's hash is part of it, so
 * a theme file read again after it changed is registered anew, and one that did not change is not registered twice.
 */
function shikiThemeName(theme: LoadedTheme): string {
  let name = shikiThemeNames.get(theme);
  if (name === undefined) {
    const content = JSON.stringify(theme.registration);
    // FNV-1a: enough to tell two versions of one file apart.
    let hash = 0x811c9dc5;
    for (let index = 0; index < content.length; index++) hash = Math.imul(hash ^ content.charCodeAt(index), 0x01000193);
    name = `${theme.registration.name}#${(hash >>> 0).toString(16)}`;
    shikiThemeNames.set(theme, name);
  }
  return name;
}

function getHighlighter(): Promise<HighlighterCore> {
  if (!highlighter) {
    const created = createHighlighterCore({ themes: [], langs: [], engine: createOnigurumaEngine(getWasmInstance) });
    highlighter = created;
    // A failed start (no WebAssembly) is tried again next time rather than remembered.
    created.catch(() => {
      if (highlighter === created) highlighter = undefined;
    });
  }
  return highlighter;
}

/**
 * The grammar of `languageId` first, then every grammar it needs: the scopes it includes, its embedded languages,
 * and the grammars injected into any of them, transitively. Undefined when the language's own grammar is unusable.
 */
async function grammarsFor(
  languageId: string,
  grammars: readonly GrammarContribution[],
  readFile: ReadFile,
  problems: string[],
): Promise<LanguageRegistration[] | undefined> {
  // A later contribution of the same language or scope replaces an earlier one, as in VS Code.
  const byScope = new Map<string, GrammarContribution>();
  const byLanguage = new Map<string, GrammarContribution>();
  for (const grammar of grammars) {
    byScope.set(grammar.scopeName, grammar);
    if (grammar.language) byLanguage.set(grammar.language, grammar);
  }
  const main = byLanguage.get(languageId);
  if (!main) return undefined;
  const injections = grammars.filter((grammar) => grammar.injectTo && grammar.injectTo.length > 0);

  const registrations: LanguageRegistration[] = [];
  const seen = new Set([main.scopeName]);
  let frontier = [main];
  let tooMany = false;
  while (frontier.length > 0) {
    const results = await Promise.all(frontier.map((grammar) => loadGrammar(grammar, readFile)));
    const next: GrammarContribution[] = [];
    const want = (scope: string): void => {
      const grammar = byScope.get(scope);
      if (!grammar || seen.has(scope)) return;
      if (seen.size >= MAX_GRAMMARS) {
        if (!tooMany) problems.push(`More than ${MAX_GRAMMARS} grammars needed; ${scope} and others left out`);
        tooMany = true;
        return;
      }
      seen.add(scope);
      next.push(grammar);
    };
    results.forEach((result, index) => {
      const grammar = frontier[index];
      if (typeof result === 'string') {
        problems.push(result);
        return;
      }
      registrations.push(result.registration);
      result.includes.forEach(want);
      for (const [scope, language] of Object.entries(grammar.embeddedLanguages ?? {})) {
        want(scope);
        const embedded = byLanguage.get(language);
        if (embedded) want(embedded.scopeName);
      }
      for (const injection of injections) {
        if (injection.injectTo!.some((target) => grammar.scopeName === target || grammar.scopeName.startsWith(`${target}.`))) want(injection.scopeName);
      }
    });
    if (registrations.length === 0) return undefined;
    frontier = next;
  }
  return registrations;
}

/** Reads and parses a grammar file once per path; a string says why it cannot be used. */
function loadGrammar(grammar: GrammarContribution, readFile: ReadFile): Promise<LoadedGrammar | string> {
  const key = `${grammar.scopeName}\u0000${grammar.path}`;
  let loaded = grammarFiles.get(key);
  if (!loaded) {
    const reading = readGrammar(grammar, readFile);
    grammarFiles.set(key, (loaded = reading));
    // A file that could not be read is tried again next time; one that is not a usable grammar is not.
    void reading.then((result) => {
      if (result instanceof ReadError && grammarFiles.get(key) === reading) grammarFiles.delete(key);
    });
  }
  return loaded.then((result) => (result instanceof ReadError ? result.message : result));
}

class ReadError {
  constructor(readonly message: string) {}
}

async function readGrammar(grammar: GrammarContribution, readFile: ReadFile): Promise<LoadedGrammar | string | ReadError> {
  let text: string;
  try {
    text = await readFile(grammar.path);
  } catch (error) {
    return new ReadError(`Grammar ${grammar.scopeName} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  // .tmLanguage files are plist XML; reading them would take a plist parser for a few old extensions.
  if (text.trimStart().startsWith('<')) return `Grammar ${grammar.scopeName} is a plist (.tmLanguage), which is not read`;
  const raw = parseJson(text);
  if (!isRecord(raw) || !Array.isArray(raw.patterns)) return `Grammar ${grammar.scopeName} is not a TextMate grammar in JSON: ${grammar.path}`;
  // The shiki-only fields are dropped so a grammar file cannot steer how shiki resolves languages.
  const { embeddedLangs: _e, embeddedLanguages: _l, embeddedLangsLazy: _z, aliases: _a, ...rest } = raw;
  const registration = {
    ...rest,
    repository: isRecord(rest.repository) ? rest.repository : {},
    // Named by scope: unique, and what includes refer to.
    name: grammar.scopeName,
    scopeName: grammar.scopeName,
    injectTo: grammar.injectTo ? [...grammar.injectTo] : undefined,
  } as LanguageRegistration;
  return { registration, includes: [...includedScopes(raw)] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Some grammars carry comments or trailing commas, which VS Code accepts.
    const errors: ParseError[] = [];
    return parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  }
}

/** Every other grammar's scope named by an `include` anywhere in `grammar` (not `#rule`, `$self` or `$base`). */
function includedScopes(grammar: unknown): Set<string> {
  const scopes = new Set<string>();
  const pending: unknown[] = [grammar];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) pending.push(item);
    } else if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'include' && typeof value === 'string') {
          const scope = value.split('#')[0];
          if (scope && !value.startsWith('$')) scopes.add(scope);
        } else if (typeof value === 'object' && value !== null) {
          pending.push(value);
        }
      }
    }
  }
  return scopes;
}

/**
 * Shiki's tokens as ours, adjacent runs of one style merged. Whitespace takes the style of the text beside it where the
 * style cannot show on a space (colour, italic, bold), which merges most of a line's tokens away.
 */
function mergeTokens(line: readonly ThemedToken[], foreground: string): CodeLine {
  const tokens: CodeToken[] = line.map((token) => toCodeToken(token, foreground));
  const merged: CodeToken[] = [];
  let pendingSpace = '';
  for (const token of tokens) {
    const blank = !token.underline && !token.strikethrough && /^\s+$/.test(token.text);
    const last = merged.at(-1);
    if (blank && last && !last.underline && !last.strikethrough) {
      merged[merged.length - 1] = { ...last, text: last.text + token.text };
    } else if (blank && !last) {
      pendingSpace += token.text;
    } else if (last && sameStyle(last, token)) {
      merged[merged.length - 1] = { ...last, text: last.text + token.text };
    } else if (pendingSpace && !token.underline && !token.strikethrough) {
      merged.push({ ...token, text: pendingSpace + token.text });
      pendingSpace = '';
    } else {
      if (pendingSpace) merged.push({ text: pendingSpace, color: foreground });
      merged.push(token);
      pendingSpace = '';
    }
  }
  if (pendingSpace) merged.push({ text: pendingSpace, color: foreground });
  return merged;
}

function toCodeToken(token: ThemedToken, foreground: string): CodeToken {
  const style = token.fontStyle ?? 0;
  const result: { -readonly [K in keyof CodeToken]: CodeToken[K] } = { text: token.content, color: normalizeColor(token.color) ?? foreground };
  if (style > 0) {
    if (style & ITALIC) result.italic = true;
    if (style & BOLD) result.bold = true;
    if (style & UNDERLINE) result.underline = true;
    if (style & STRIKETHROUGH) result.strikethrough = true;
  }
  return result;
}

function sameStyle(one: CodeToken, two: CodeToken): boolean {
  return (
    one.color === two.color &&
    !one.italic === !two.italic &&
    !one.bold === !two.bold &&
    !one.underline === !two.underline &&
    !one.strikethrough === !two.strikethrough
  );
}
