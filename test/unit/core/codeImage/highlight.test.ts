import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { highlight, type GrammarContribution, type HighlightRequest, type ThemeContribution } from '../../../../src/core/codeImage/highlight';
import type { CodeLine, CodeToken } from '../../../../src/core/codeImage/model';

// Real grammars and themes as VS Code's extensions ship them, taken from shiki's collections (ES modules, which Node
// 20.19+ loads with require).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fixture = <T>(name: string): T => (require(name) as { default: T }).default;

const CODE = 'const x = "hi"; // c';
const text = (line: CodeLine): string => line.map((token) => token.text).join('');
const tokenWith = (line: CodeLine, part: string): CodeToken => {
  const found = line.find((token) => token.text.includes(part));
  assert.ok(found, `no token holds ${JSON.stringify(part)} in ${JSON.stringify(line)}`);
  return found;
};

describe('core/codeImage/highlight', function () {
  let dir: string;
  let grammars: GrammarContribution[];
  let darkPlus: ThemeContribution;
  let lightPlus: ThemeContribution;
  const write = (name: string, content: unknown): string => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const request = (code: string, languageId: string, extra: Partial<HighlightRequest> = {}): HighlightRequest => ({
    code,
    languageId,
    grammars,
    theme: darkPlus,
    readFile: (file) => fs.promises.readFile(file, 'utf8'),
    ...extra,
  });

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-image-highlight-'));
    const language = (id: string): Record<string, unknown> => fixture<Record<string, unknown>[]>(`@shikijs/langs/${id}`).find((lang) => lang.name === id)!;
    grammars = [
      { language: 'typescript', scopeName: 'source.ts', path: write('typescript/TypeScript.tmLanguage.json', language('typescript')) },
      { language: 'javascript', scopeName: 'source.js', path: write('javascript/JavaScript.tmLanguage.json', language('javascript')) },
      { language: 'css', scopeName: 'source.css', path: write('css/css.tmLanguage.json', language('css')) },
      {
        language: 'html',
        scopeName: 'text.html.basic',
        path: write('html/html.tmLanguage.json', language('html')),
        embeddedLanguages: { 'text.html': 'html', 'source.css': 'css', 'source.js': 'javascript' },
      },
    ];
    darkPlus = { label: 'Dark+', uiTheme: 'vs-dark', path: write('themes/dark_plus.json', fixture('@shikijs/themes/dark-plus')) };
    lightPlus = { label: 'Light+', uiTheme: 'vs', path: write('themes/light_plus.json', fixture('@shikijs/themes/light-plus')) };
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('colours keyword, string and comment as the theme assigns them, with a real grammar', async () => {
    const dark = await highlight(request(CODE, 'typescript'));
    assert.equal(dark.highlighted, true);
    assert.deepEqual(dark.problems, []);
    assert.equal(dark.themeName, 'Dark+');
    assert.equal(dark.lines.length, 1);
    const [line] = dark.lines;
    assert.equal(text(line), CODE);
    assert.equal(tokenWith(line, 'const').color, '#569cd6');
    assert.equal(tokenWith(line, '"hi"').color, '#ce9178');
    assert.equal(tokenWith(line, '// c').color, '#6a9955');
    assert.deepEqual([dark.palette.kind, dark.palette.background, dark.palette.foreground], ['dark', '#1e1e1e', '#d4d4d4']);

    const light = await highlight(request(CODE, 'typescript', { theme: lightPlus }));
    assert.equal(tokenWith(light.lines[0], 'const').color, '#0000ff');
    assert.equal(tokenWith(light.lines[0], '"hi"').color, '#a31515');
    assert.equal(tokenWith(light.lines[0], '// c').color, '#008000');
    assert.deepEqual([light.palette.kind, light.palette.background], ['light', '#ffffff']);
  });

  it('maps font styles to italic, bold, underline and strikethrough', async () => {
    const theme = write('themes/styled.json', {
      colors: { 'editor.background': '#000000', 'editor.foreground': '#eeeeee' },
      tokenColors: [
        { scope: 'comment', settings: { foreground: '#00ff00', fontStyle: 'italic' } },
        { scope: 'storage.type', settings: { foreground: '#0000ff', fontStyle: 'bold underline' } },
        { scope: 'string', settings: { foreground: '#ff0000', fontStyle: 'strikethrough' } },
      ],
    });
    const [line] = (await highlight(request(CODE, 'typescript', { theme: { label: 'Styled', uiTheme: 'vs-dark', path: theme } }))).lines;
    const styleOf = (token: CodeToken): string[] => (['italic', 'bold', 'underline', 'strikethrough'] as const).filter((style) => token[style]);
    assert.deepEqual(styleOf(tokenWith(line, '// c')), ['italic']);
    assert.equal(tokenWith(line, '// c').color, '#00ff00');
    assert.deepEqual(styleOf(tokenWith(line, 'const')), ['bold', 'underline']);
    assert.deepEqual(styleOf(tokenWith(line, '"hi"')), ['strikethrough']);
    // Underlined text keeps its spaces out of the underline.
    assert.equal(tokenWith(line, 'const').text, 'const');
    assert.equal(tokenWith(line, 'x').color, '#eeeeee');
    const [indented] = (await highlight(request(`  ${CODE}`, 'typescript', { theme: { label: 'Styled', uiTheme: 'vs-dark', path: theme } }))).lines;
    assert.deepEqual(indented.slice(0, 2), [
      { text: '  ', color: '#eeeeee' },
      { text: 'const', color: '#0000ff', bold: true, underline: true },
    ]);
  });

  it('merges adjacent tokens of one style, and spaces into their neighbours, keeping the text exact', async () => {
    const code = ['function add(a: number, b: number): number {', '', '    return a + b; // sum', '}'].join('\n');
    const result = await highlight(request(code, 'typescript'));
    assert.deepEqual(result.lines.map(text), code.split('\n'));
    assert.deepEqual(result.lines[1], []);
    for (const line of result.lines) {
      for (let index = 1; index < line.length; index++) {
        const [before, token] = [line[index - 1], line[index]];
        assert.ok(
          before.color !== token.color || !!before.italic !== !!token.italic || !!before.bold !== !!token.bold || !!before.underline !== !!token.underline,
        );
        assert.ok(!/^\s+$/.test(token.text), `a token of only spaces: ${JSON.stringify(line)}`);
      }
    }
    assert.equal(tokenWith(result.lines[2], 'return').text, '    return ', 'leading spaces go with the first token');
    // Three modifiers in one colour with spaces (foreground) between them become one token.
    const modifiers = await highlight(request('class A { public static readonly x = 1; }', 'typescript'));
    assert.equal(tokenWith(modifiers.lines[0], 'public').text, 'public static readonly ');
  });

  it('colours languages embedded through the scopes a grammar includes', async () => {
    const result = await highlight(request('<div class="a"><script>const y = 1;</script><style>a { color: red }</style></div>', 'html'));
    assert.equal(result.highlighted, true);
    const [line] = result.lines;
    assert.equal(tokenWith(line, 'const').color, '#569cd6', 'JavaScript inside <script>');
    assert.equal(tokenWith(line, 'color').color, '#9cdcfe', 'CSS inside <style>');
  });

  it('loads grammars included by scope and by scope#rule, JSONC ones too, and those named as embedded languages', async () => {
    const read: string[] = [];
    const own: GrammarContribution[] = [
      {
        language: 'fixture-a',
        scopeName: 'source.fixture-a',
        path: write('fixture/a.json', { scopeName: 'source.fixture-a', patterns: [{ include: 'source.fixture-b#word' }, { include: 'source.fixture-c' }] }),
        embeddedLanguages: { 'meta.embedded.d': 'fixture-d' },
      },
      {
        scopeName: 'source.fixture-b',
        path: write('fixture/b.json', { scopeName: 'source.fixture-b', patterns: [], repository: { word: { match: '\\bALPHA\\b', name: 'string.alpha' } } }),
      },
      {
        scopeName: 'source.fixture-c',
        path: write(
          'fixture/c.json',
          '{\n  // JSONC, as some extensions write grammars\n  "scopeName": "source.fixture-c",\n  "patterns": [{ "match": "\\\\bBETA\\\\b", "name": "comment.beta" },],\n}',
        ),
      },
      { language: 'fixture-d', scopeName: 'source.fixture-d', path: write('fixture/d.json', { scopeName: 'source.fixture-d', patterns: [] }) },
    ];
    const result = await highlight(
      request('ALPHA BETA gamma', 'fixture-a', {
        grammars: [...grammars, ...own],
        readFile: (file) => {
          read.push(path.basename(file));
          return fs.promises.readFile(file, 'utf8');
        },
      }),
    );
    assert.deepEqual(result.problems, []);
    const [line] = result.lines;
    assert.equal(tokenWith(line, 'ALPHA').color, '#ce9178');
    assert.equal(tokenWith(line, 'BETA').color, '#6a9955');
    assert.equal(tokenWith(line, 'gamma').color, '#d4d4d4');
    assert.deepEqual(read.filter((name) => name.length === 6).sort(), ['a.json', 'b.json', 'c.json', 'd.json']);
  });

  it('applies grammars injected into the language, even one already in use', async () => {
    await highlight(request(CODE, 'typescript'));
    const theme = write('themes/todo.json', {
      include: './dark_plus.json',
      tokenColors: [{ scope: 'keyword.todo.fixture', settings: { foreground: '#ff00ff' } }],
    });
    const injection: GrammarContribution = {
      scopeName: 'todo.injection.fixture',
      path: write('fixture/todo.json', {
        scopeName: 'todo.injection.fixture',
        injectionSelector: 'L:comment',
        patterns: [{ match: 'TODO', name: 'keyword.todo.fixture' }],
      }),
      injectTo: ['source.ts'],
    };
    const result = await highlight(
      request('let a = 1; // TODO later', 'typescript', { grammars: [...grammars, injection], theme: { label: 'Todo', uiTheme: 'vs-dark', path: theme } }),
    );
    assert.equal(tokenWith(result.lines[0], 'TODO').color, '#ff00ff');
    assert.equal(tokenWith(result.lines[0], 'later').color, '#6a9955');
  });

  it('gives plain lines in the foreground colour for a language without a grammar', async () => {
    const result = await highlight(request('MOVE A TO B.\n\n  DISPLAY B.', 'cobol', { theme: lightPlus }));
    assert.equal(result.highlighted, false);
    assert.deepEqual(result.lines, [[{ text: 'MOVE A TO B.', color: '#000000' }], [], [{ text: '  DISPLAY B.', color: '#000000' }]]);
    assert.equal(result.palette.kind, 'light');
  });

  it('gives plain lines, and says why, when the grammar is a plist, missing, not a grammar or malformed', async () => {
    const broken: [string, string | undefined, RegExp][] = [
      ['plist', '<?xml version="1.0"?><plist version="1.0"><dict></dict></plist>', /plist/],
      ['missing', undefined, /could not be read/],
      ['notgrammar', '{ "name": "nothing here" }', /not a TextMate grammar/],
      ['malformed', JSON.stringify({ scopeName: 'source.fixture-malformed', patterns: [null] }), /Highlighting failed/],
    ];
    for (const [name, content, why] of broken) {
      const file = content === undefined ? path.join(dir, 'nowhere', `${name}.json`) : write(`broken/${name}.json`, content);
      const result = await highlight(
        request('some code', `fixture-${name}`, { grammars: [{ language: `fixture-${name}`, scopeName: `source.fixture-${name}`, path: file }] }),
      );
      assert.equal(result.highlighted, false, name);
      assert.deepEqual(result.lines, [[{ text: 'some code', color: '#d4d4d4' }]], name);
      assert.equal(result.problems.length, 1, name);
      assert.match(result.problems[0], why, name);
    }
    // The malformed grammar broke the highlighter it was loaded into; other languages still work, and it is not tried again.
    assert.equal((await highlight(request(CODE, 'typescript'))).highlighted, true);
    const again = await highlight(
      request('x', 'fixture-malformed', {
        grammars: [{ language: 'fixture-malformed', scopeName: 'source.fixture-malformed', path: path.join(dir, 'broken', 'malformed.json') }],
      }),
    );
    assert.equal(again.highlighted, false);
    assert.match(again.problems[0], /failed before/);
  });

  it('colours what it can when an included grammar cannot be read', async () => {
    const result = await highlight(
      request('ALPHA', 'fixture-half', {
        grammars: [
          {
            language: 'fixture-half',
            scopeName: 'source.fixture-half',
            path: write('half/main.json', {
              scopeName: 'source.fixture-half',
              patterns: [{ include: 'source.fixture-gone' }, { match: 'ALPHA', name: 'string' }],
            }),
          },
          { scopeName: 'source.fixture-gone', path: path.join(dir, 'half', 'gone.json') },
        ],
      }),
    );
    assert.equal(result.highlighted, true);
    assert.equal(result.lines[0][0].color, '#ce9178');
    assert.match(result.problems[0], /source\.fixture-gone/);
  });

  it('takes files handed over as Buffers, and passes on what went wrong with the theme', async () => {
    const result = await highlight(
      request(CODE, 'typescript', {
        theme: { label: 'Gone', uiTheme: 'hc-black', path: path.join(dir, 'themes', 'gone.json') },
        readFile: (file) => fs.promises.readFile(file) as unknown as Promise<string>,
      }),
    );
    assert.equal(result.highlighted, true);
    assert.deepEqual([result.palette.background, result.palette.foreground], ['#000000', '#ffffff']);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0], /gone\.json/);
  });

  it('reads a theme or grammar file that could not be read again next time', async () => {
    const themePath = path.join(dir, 'later', 'theme.json');
    const grammarPath = path.join(dir, 'later', 'grammar.json');
    const later = (): HighlightRequest =>
      request('ALPHA', 'fixture-later', {
        theme: { label: 'Later', uiTheme: 'vs-dark', path: themePath },
        grammars: [{ language: 'fixture-later', scopeName: 'source.fixture-later', path: grammarPath }],
      });
    const before = await highlight(later());
    assert.equal(before.highlighted, false);
    assert.equal(before.problems.length, 2);
    write('later/theme.json', { colors: { 'editor.background': '#102030' }, tokenColors: [{ scope: 'string', settings: { foreground: '#abcdef' } }] });
    write('later/grammar.json', { scopeName: 'source.fixture-later', patterns: [{ match: 'ALPHA', name: 'string' }] });
    const after = await highlight(later());
    assert.deepEqual(after.problems, []);
    assert.equal(after.palette.background, '#102030');
    assert.equal(after.lines[0][0].color, '#abcdef');
  });

  it('uses the changed rules of a theme read again', async () => {
    // The .tmTheme token colours are a lasting problem, so this theme is read on every call.
    write('changing/old.tmTheme', '<plist/>');
    write('changing/base.json', { tokenColors: [{ scope: 'string', settings: { foreground: '#111111' } }] });
    const theme = { label: 'Changing', uiTheme: 'vs-dark', path: write('changing/theme.json', { include: './base.json', tokenColors: './old.tmTheme' }) };
    const first = await highlight(request(CODE, 'typescript', { theme }));
    assert.equal(tokenWith(first.lines[0], '"hi"').color, '#111111');
    write('changing/base.json', { tokenColors: [{ scope: 'string', settings: { foreground: '#222222' } }] });
    const second = await highlight(request(CODE, 'typescript', { theme }));
    assert.equal(tokenWith(second.lines[0], '"hi"').color, '#222222');
  });

  it('answers the same the second time, from what it loaded the first', async () => {
    const code = Array.from({ length: 60 }, (_, index) => `export const value${index} = compute("${index}", ${index}); // line ${index}`).join('\n');
    const first = await highlight(request(code, 'typescript'));
    const read: string[] = [];
    const second = await highlight(
      request(code, 'typescript', {
        readFile: (file) => {
          read.push(file);
          return fs.promises.readFile(file, 'utf8');
        },
      }),
    );
    assert.deepEqual(second, first);
    assert.deepEqual(read, [], 'files were read again');
  });

  it('colours the whole line when compiling the grammar took longer than a line may', async () => {
    // The strings' rule holds 100 000 alternatives: compiling it, when the first string is reached, outlasts the limit
    // (as the TypeScript grammar can on a busy machine); later lines need nothing compiled.
    const words = Array.from({ length: 100_000 }, (_, index) => `w${index}x${(index * 7919).toString(36)}`).join('|');
    const grammar = {
      scopeName: 'source.slowcompile',
      patterns: [
        { match: '\\bconst\\b', name: 'storage.type' },
        { begin: '"', end: '"', name: 'string.quoted.double', patterns: [{ match: `\\b(?:${words})\\b`, name: 'constant.other' }] },
        { match: '//.*', name: 'comment.line' },
      ],
    };
    const slow = { language: 'slowcompile', scopeName: 'source.slowcompile', path: write('slow/slow.tmLanguage.json', grammar) };
    const result = await highlight(request(CODE, 'slowcompile', { grammars: [...grammars, slow], lineTimeLimitMs: 20 }));
    assert.equal(tokenWith(result.lines[0], '"hi"').color, '#ce9178');
    assert.equal(tokenWith(result.lines[0], '// c').color, '#6a9955');
  });
});
