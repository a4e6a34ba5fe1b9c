import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatFindings, isProse, lintDirectory, lintSource } from './l10nLint';
import { readManifest, readNls, repoRoot } from './manifest';

/** Manifest keys whose string values people read, wherever they occur under `contributes` and `capabilities`. */
const LOCALIZED_KEYS = new Set([
  'displayName',
  'description',
  'markdownDescription',
  'title',
  'shortTitle',
  'category',
  'label',
  'name',
  'contextualTitle',
  'contents',
  'altText',
  'patternErrorMessage',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'enumItemLabels',
]);

/** Every string under a localised key, with its JSON path. */
function localizedStrings(value: unknown, where: string, out: Array<{ where: string; text: string }> = []): Array<{ where: string; text: string }> {
  if (Array.isArray(value)) value.forEach((item, index) => localizedStrings(item, `${where}[${index}]`, out));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (LOCALIZED_KEYS.has(key) && typeof child === 'string') out.push({ where: `${where}.${key}`, text: child });
      else if (LOCALIZED_KEYS.has(key) && Array.isArray(child) && child.every((item) => typeof item === 'string')) {
        child.forEach((item: string, index) => out.push({ where: `${where}.${key}[${index}]`, text: item }));
      } else localizedStrings(child, `${where}.${key}`, out);
    }
  }
  return out;
}

function placeholderKeys(text: string): string[] {
  return [...text.matchAll(/"%([^"%]+)%"/g)].map((match) => match[1]);
}

describe('localisation', () => {
  describe('manifest (package.json → package.nls.json)', () => {
    it('puts every string people read in package.nls.json', () => {
      const manifest = readManifest();
      const nls = readNls();
      const strings = [
        ...localizedStrings({ displayName: manifest.displayName, description: manifest.description }, 'package'),
        ...localizedStrings(manifest.contributes, 'contributes'),
        ...localizedStrings(manifest.capabilities, 'capabilities'),
      ];
      assert.ok(strings.length > 20, `only ${strings.length} localisable strings found`);
      const literal = strings.filter(({ text }) => !/^%[^%]+%$/.test(text) && isProse(text));
      assert.deepEqual(literal, [], 'literal English in the manifest: move it to package.nls.json');
      const missing = strings.filter(({ text }) => /^%[^%]+%$/.test(text) && !(text.slice(1, -1) in nls));
      assert.deepEqual(missing, [], 'placeholders without a package.nls.json entry');
      const malformed = strings.filter(({ text }) => /%/.test(text) && !/^%[^%\s]+%$/.test(text));
      assert.deepEqual(malformed, [], 'malformed %placeholder%');
    });

    it('has no unused or empty package.nls.json entries', () => {
      const used = new Set(placeholderKeys(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')));
      const nls = readNls();
      assert.deepEqual(
        Object.keys(nls).filter((key) => !used.has(key)),
        [],
        'entries no manifest string uses',
      );
      assert.deepEqual(
        Object.keys(nls).filter((key) => !nls[key].trim()),
        [],
        'empty entries',
      );
    });

    it('localises the walkthrough: title, description and every step', () => {
      const [walkthrough] = readManifest().contributes.walkthroughs ?? [];
      assert.ok(walkthrough);
      for (const text of [
        walkthrough.title,
        walkthrough.description,
        ...walkthrough.steps.flatMap((step) => [step.title, step.description, step.media.altText ?? '']),
      ]) {
        assert.match(text, /^%walkthrough\.[\w.]+%$/);
      }
    });
  });

  describe('l10n/bundle.l10n.json', () => {
    it('is what `npm run l10n` exports from src/ now (fix: npm run l10n)', function () {
      this.timeout(60_000);
      const committed = path.join(repoRoot, 'l10n', 'bundle.l10n.json');
      assert.ok(fs.existsSync(committed), 'l10n/bundle.l10n.json is missing: run npm run l10n');
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-status-l10n-'));
      try {
        const cli = path.join(path.dirname(require.resolve('@vscode/l10n-dev/package.json')), 'dist', 'cli.js');
        const result = spawnSync(process.execPath, [cli, 'export', '--outDir', out, './src'], { cwd: repoRoot, encoding: 'utf8' });
        assert.equal(result.status, 0, `l10n-dev export failed: ${result.stderr}`);
        const fresh = JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
        const current = JSON.parse(fs.readFileSync(committed, 'utf8')) as Record<string, unknown>;
        const added = Object.keys(fresh).filter((key) => !(key in current));
        const removed = Object.keys(current).filter((key) => !(key in fresh));
        assert.deepEqual({ added, removed }, { added: [], removed: [] }, 'l10n/bundle.l10n.json is stale: run npm run l10n');
        assert.deepEqual(current, fresh, 'l10n/bundle.l10n.json is stale: run npm run l10n');
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    });
  });

  describe('user-facing literals in src/vscode/', () => {
    it('all go through vscode.l10n.t', () => {
      const { files, findings } = lintDirectory(path.join(repoRoot, 'src', 'vscode'));
      assert.ok(files.length >= 10, `only ${files.length} files checked`);
      assert.equal(formatFindings(findings, repoRoot), '', 'wrap these in vscode.l10n.t(...), then run npm run l10n');
    });

    // The checker itself, on a planted file: every line marked BAD must be reported, nothing else.
    const FIXTURE = `
import * as vscode from 'vscode';
declare const services: any, notifier: any, count: number, name: string, picker: any, item: any, value: string;
declare function showActionableError(services: any, message: string, actions: string[]): void;
declare function describe(x: unknown): string;
const label = 'Hard-coded label';                                                    // BAD (via shorthand below)
const ok = vscode.l10n.t('Fine');
const ICONS: Readonly<Record<'text' | 'image', string>> = { text: 'comment', image: 'file-media' };
export function run() {
  vscode.window.showInformationMessage('Status posted');                              // BAD
  vscode.window.showWarningMessage(vscode.l10n.t('Careful'), 'Retry');                 // BAD
  vscode.window.showErrorMessage(\`Failed: \${name}\`);                                  // BAD
  void services.notifier.info(count > 1 ? vscode.l10n.t('Many') : 'One');              // BAD
  void notifier.error('Oops ' + name);                                                  // BAD
  showActionableError(services, 'Broken', ['setCredentials']);                          // BAD
  picker.title = 'Pick one';                                                            // BAD
  picker.placeholder = \`Type \${count} numbers\`;                                       // BAD
  item.tooltip = [vscode.l10n.t('A'), 'Plain English'].join('\\n');                     // BAD
  vscode.window.showInputBox({ prompt: 'Enter it', placeHolder: '1101123456' });        // BAD
  vscode.window.showQuickPick([{ label, description: 'recent' }]);                      // BAD
  new vscode.TreeItem('Untranslated item');                                             // BAD
  vscode.l10n.t(\`Dynamic \${name}\`);                                                   // BAD
  vscode.l10n.t(value);                                                                 // BAD
  vscode.window.showInformationMessage(vscode.l10n.t('Posted {0}', name), ok);
  vscode.window.showInformationMessage(vscode.l10n.t('Sure?'), { modal: true, detail: describe(value) }, vscode.l10n.t('Yes'));
  void notifier.warn(\`\${vscode.l10n.t('Uploading')} (\${vscode.l10n.t('{0} of {1}', 1, 2)})\`);
  showActionableError(services, \`\${describe(value)} \${vscode.l10n.t('Not saved.')}\`, ['retry', 'openSettings']);
  picker.items = [{ label: \`$(history) \${name}\`, description: undefined }, { label: '$(add)', detail: ok }];
  item.text = \`$(device-mobile) \${count}\`;
  vscode.window.showInputBox({ title: vscode.l10n.t('Colour'), placeHolder: '#075E54', prompt: 'https://1101.api.green-api.com' });
  item.description = '#RRGGBB';
  services.log.info('Log lines stay in English');
  const state = { severity: 'ready', message: vscode.l10n.t('authorized'), code: 'unsaved' };
  item.label = 'Deliberate brand name'; // l10n-ignore: the product's name
  return [ICONS, state];
}
`;

    it('reports every planted mistake in the fixture and nothing else', () => {
      const findings = lintSource('fixture.ts', FIXTURE);
      const expected = FIXTURE.split('\n')
        .map((line, index) => (line.includes('// BAD') ? index + 1 : 0))
        .filter(Boolean);
      const reported = [...new Set(findings.map((finding) => finding.line))].sort((a, b) => a - b);
      assert.deepEqual(reported, expected, formatFindings(findings, '.'));
    });

    it('reads codicons, notation and URLs as not prose', () => {
      for (const text of ['$(history)', '$(sync~spin) ', '#RRGGBB', '+79001234567', '.jpg', '1101123456', 'https://console.green-api.com', ' — ', '']) {
        assert.equal(isProse(text), false, text);
      }
      for (const text of ['Cancel', 'video', '$(history) Recent', 'Уже отправлено', '3 s', 'a b']) assert.equal(isProse(text), true, text);
    });
  });
});
