import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { composite, contrast, loadTheme, makePalette, mix, normalizeColor } from '../../../../src/core/codeImage/theme';

const readFile = (file: string): Promise<string> => fs.promises.readFile(file, 'utf8');

describe('core/codeImage/theme', () => {
  let dir: string;
  const write = (name: string, content: string): string => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-image-theme-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('follows an include chain of JSONC files, merging colours and concatenating rules as VS Code does', async () => {
    write(
      'base/dark_vs.json',
      `{
        // the base of the chain
        "colors": { "editor.background": "#1E1E1E", "editor.foreground": "#D4D4D4", "focusBorder": "#007fd4", },
        "tokenColors": [
          { "settings": { "foreground": "#999999" } }, // scopeless: VS Code ignores it
          { "scope": "comment", "settings": { "foreground": "#6A9955" } },
          { "scope": "string", "settings": { "foreground": "#CE9178" } },
        ],
      }`,
    );
    write(
      'base/dark_plus.json',
      `{
        "include": "./dark_vs.json",
        /* overrides the base */
        "colors": { "editor.background": "#202020", },
        "tokenColors": [{ "scope": ["keyword", "storage.type"], "settings": { "foreground": "#569cd6", "fontStyle": "bold" } }],
      }`,
    );
    const top = write(
      'modern.json',
      `{
        "include": "base/dark_plus.json",
        "colors": { "editorLineNumber.foreground": "#ffffff80", "focusBorder": "default" },
        "tokenColors": [{ "scope": "comment", "settings": { "foreground": "#00ff00" } }],
      }`,
    );
    const theme = await loadTheme({ label: 'Modern', uiTheme: 'vs-dark', path: top }, readFile);

    assert.deepEqual(theme.problems, []);
    assert.equal(theme.registration.type, 'dark');
    assert.deepEqual(theme.registration.colors, { 'editor.background': '#202020', 'editor.foreground': '#d4d4d4', 'editorLineNumber.foreground': '#ffffff80' });
    assert.deepEqual(
      theme.registration.tokenColors.map((rule) => [rule.scope, rule.settings.foreground]),
      [
        [undefined, '#d4d4d4'],
        ['comment', '#6A9955'],
        ['string', '#CE9178'],
        [['keyword', 'storage.type'], '#569cd6'],
        ['comment', '#00ff00'],
      ],
    );
    assert.equal(theme.registration.tokenColors[0].settings.background, '#202020');
    assert.deepEqual(
      [theme.palette.background, theme.palette.foreground, theme.palette.lineNumber, theme.palette.kind],
      ['#202020', '#d4d4d4', '#ffffff80', 'dark'],
    );
  });

  it('gives a theme without colours the defaults of its kind', async () => {
    const empty = write('empty.json', '{}');
    const expected = {
      vs: ['light', '#ffffff', '#000000'],
      'vs-dark': ['dark', '#1e1e1e', '#d4d4d4'],
      'hc-black': ['dark', '#000000', '#ffffff'],
      'hc-light': ['light', '#ffffff', '#000000'],
      'something-else': ['dark', '#1e1e1e', '#d4d4d4'],
    };
    for (const [uiTheme, [kind, background, foreground]] of Object.entries(expected)) {
      const { palette, registration, problems } = await loadTheme({ label: 'Empty', uiTheme, path: empty }, readFile);
      assert.deepEqual([palette.kind, palette.background, palette.foreground], [kind, background, foreground], uiTheme);
      assert.deepEqual([registration.type, registration.bg, registration.fg], [kind, background, foreground]);
      assert.deepEqual(problems, []);
      for (const color of [palette.lineNumber, palette.header, palette.frame]) assert.match(color, /^#[0-9a-f]{6}$/);
    }
  });

  it('refuses an include loop cleanly: each file is read once and the loop is named', async () => {
    const read: string[] = [];
    write('a.json', '{ "include": "b.json", "colors": { "editor.background": "#111111" } }');
    write(
      'b.json',
      '{ "include": "./a.json", "colors": { "editor.foreground": "#eeeeee" }, "tokenColors": [{ "scope": "comment", "settings": { "foreground": "#00aa00" } }] }',
    );
    const theme = await loadTheme({ label: 'Loop', uiTheme: 'vs-dark', path: path.join(dir, 'a.json') }, (file) => {
      read.push(path.basename(file));
      return readFile(file);
    });
    assert.deepEqual(read, ['a.json', 'b.json']);
    assert.equal(theme.problems.length, 1);
    assert.match(theme.problems[0], /loop: a\.json → b\.json → a\.json/);
    assert.deepEqual([theme.palette.background, theme.palette.foreground], ['#111111', '#eeeeee']);
    assert.equal(theme.registration.tokenColors.length, 2);
  });

  it('stops following includes at an absurd depth', async () => {
    for (let index = 0; index < 40; index++) write(`t${index}.json`, `{ "include": "t${index + 1}.json" }`);
    write('t40.json', '{}');
    const theme = await loadTheme({ label: 'Deep', uiTheme: 'vs', path: path.join(dir, 't0.json') }, readFile);
    assert.equal(theme.problems.length, 1);
    assert.match(theme.problems[0], /deeper than 16/);
    assert.equal(theme.palette.background, '#ffffff');
  });

  it('treats token colours in a .tmTheme file as none, keeping the colours', async () => {
    write('old.tmTheme', '<?xml version="1.0"?><plist></plist>');
    const file = write('theme.json', '{ "colors": { "editor.background": "#ABCDEF" }, "tokenColors": "./old.tmTheme" }');
    const theme = await loadTheme({ label: 'Old', uiTheme: 'vs', path: file }, readFile);
    assert.equal(theme.palette.background, '#abcdef');
    assert.equal(theme.registration.tokenColors.length, 1);
    assert.match(theme.problems[0], /tmTheme/);
    const tmTheme = await loadTheme({ label: 'Old', uiTheme: 'vs', path: path.join(dir, 'old.tmTheme') }, readFile);
    assert.equal(tmTheme.palette.background, '#ffffff');
    assert.equal(tmTheme.problems.length, 1);
  });

  it('reads the old layout: rules under "settings", the scopeless one giving the editor colours', async () => {
    const file = write(
      'old.json',
      JSON.stringify({
        settings: [{ settings: { background: '#272822', foreground: '#F8F8F2' } }, { scope: 'comment', settings: { foreground: '#75715E' } }],
      }),
    );
    const theme = await loadTheme({ label: 'Monokai', uiTheme: 'vs-dark', path: file }, readFile);
    assert.deepEqual([theme.palette.background, theme.palette.foreground], ['#272822', '#f8f8f2']);
    assert.deepEqual(
      theme.registration.tokenColors.map((rule) => rule.scope),
      [undefined, 'comment'],
    );
  });

  it('does not throw for a missing or broken file, and names it', async () => {
    const missing = await loadTheme({ label: 'Gone', uiTheme: 'vs-dark', path: path.join(dir, 'gone.json') }, readFile);
    assert.equal(missing.palette.background, '#1e1e1e');
    assert.match(missing.problems[0], /could not be read/);
    const broken = await loadTheme({ label: 'Broken', uiTheme: 'vs-dark', path: write('broken.json', '[1, 2') }, readFile);
    assert.equal(broken.palette.background, '#1e1e1e');
    assert.equal(broken.problems.length, 1);
    const included = await loadTheme(
      { label: 'Half', uiTheme: 'vs-dark', path: write('half.json', '{ "include": "nowhere.json", "colors": { "editor.background": "#101010" } }') },
      readFile,
    );
    assert.equal(included.palette.background, '#101010');
    assert.match(included.problems[0], /nowhere\.json/);
  });

  it('names each theme file uniquely for the highlighter', async () => {
    const one = await loadTheme({ label: 'Same', uiTheme: 'vs', path: write('one/t.json', '{}') }, readFile);
    const two = await loadTheme({ label: 'Same', uiTheme: 'vs', path: write('two/t.json', '{}') }, readFile);
    assert.notEqual(one.registration.name, two.registration.name);
  });

  describe('palette', () => {
    it('keeps alpha on the line-number colour, and composites a translucent background and foreground', () => {
      const palette = makePalette('vs-dark', {
        'editor.background': '#ffffff80',
        'editor.foreground': '#00000080',
        'editorLineNumber.foreground': '#ffffff80',
      });
      assert.equal(palette.background, composite('#ffffff80', '#1e1e1e'));
      assert.equal(palette.foreground, composite('#00000080', palette.background));
      assert.equal(palette.lineNumber, '#ffffff80');
    });

    it('mixes a line-number colour and a muted header from the editor colours when the theme has none', () => {
      const palette = makePalette('vs', { 'editor.background': '#ffffff', 'editor.foreground': '#000000' });
      assert.equal(palette.lineNumber, '#808080');
      assert.equal(palette.header, mix('#000000', '#ffffff', 0.6));
    });

    it('sets the panel off from the frame in every kind of theme, tinted by the accent when there is one', () => {
      const themes: [string, Record<string, string>][] = [
        ['vs-dark', {}],
        ['vs', {}],
        ['hc-black', {}],
        ['hc-light', {}],
        ['vs-dark', { 'editor.background': '#1f1f1f', focusBorder: '#0078d4' }],
        ['vs', { 'editor.background': '#ffffff', focusBorder: '#005fb8' }],
        ['vs-dark', { 'editor.background': '#1f1f1f', focusBorder: '#1f1f1f' }],
        ['vs', { 'editor.background': '#777777' }],
      ];
      for (const [uiTheme, colors] of themes) {
        const palette = makePalette(uiTheme, colors);
        assert.ok(contrast(palette.frame, palette.background) >= 1.3, `${uiTheme} ${JSON.stringify(colors)} → ${palette.frame}`);
      }
      const tinted = makePalette('vs-dark', { 'editor.background': '#1f1f1f', focusBorder: '#0078d4' }).frame;
      const [red, , blue] = [1, 3, 5].map((at) => parseInt(tinted.slice(at, at + 2), 16));
      assert.ok(blue > red, `${tinted} is not tinted blue`);
    });
  });

  describe('colours', () => {
    it('normalises the four hex forms to lower-case #rrggbb or #rrggbbaa', () => {
      assert.equal(normalizeColor('#ABC'), '#aabbcc');
      assert.equal(normalizeColor('#ABCD'), '#aabbccdd');
      assert.equal(normalizeColor('#A1B2C3'), '#a1b2c3');
      assert.equal(normalizeColor('#A1B2C380'), '#a1b2c380');
      assert.equal(normalizeColor('#a1b2c3ff'), '#a1b2c3');
      for (const bad of ['red', '#12345', '', 'rgb(0,0,0)', '#ggg', undefined, 12]) assert.equal(normalizeColor(bad), undefined, String(bad));
    });

    it('composites, mixes and measures contrast', () => {
      assert.equal(composite('#ffffff80', '#000000'), '#808080');
      assert.equal(composite('#123456', '#000000'), '#123456');
      assert.equal(mix('#ffffff', '#000000', 0.25), '#404040');
      assert.equal(Math.round(contrast('#000000', '#ffffff')), 21);
      assert.equal(contrast('#777777', '#777777'), 1);
    });
  });
});
