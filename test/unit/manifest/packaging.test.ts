// Packaging checks (docs/reliability.md §6, §7 item 27), the one place that says what the .vsix holds: after
// `npm run build`, `vsce ls` lists only what .vscodeignore allows and everything the extension needs, `vsce package`
// (with the flags `npm run package` uses) succeeds without --allow-package-secrets into a temp dir, and the .vsix holds
// the same files, none of them carrying a test token, a private key or a source map, with the user's README as its
// page. Two throw-away extensions prove vsce's secret and .env checks are live in this vsce version, so "succeeds"
// means something.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { VSCE_LS_FLAGS, VSCE_PACKAGE_FLAGS, VSIX_README } from '../../harness/vsix';
import { readManifest } from '../docs/manifest';

const repoRoot = path.resolve(__dirname, '../../../..');
const vsceBin = require.resolve('@vscode/vsce/vsce', { paths: [repoRoot] });
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What the .vsix may hold, by the path `vsce ls` prints (.vscodeignore names the same files): the esbuild bundles (the
 * webview's in dist/webview/), the manifest and its strings, the runtime strings, media but not the README pictures
 * (which VS Code and the Marketplace load from the repository), the user's README, the CHANGELOG and the LICENSE.
 */
const SHIPPED: readonly RegExp[] = [
  /^dist\/(extension|startup|features|mediaFacts|phoneNumbers|codeImage|highlighter)\.js$/,
  /^dist\/webview\/codeImage\.js$/,
  /^package\.json$/,
  /^package\.nls(\.[a-z-]+)?\.json$/,
  /^l10n\/[^/]+\.json$/,
  /^media\/(?!screenshots\/).+/,
  new RegExp(`^${escaped(VSIX_README)}$`),
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
];
/** What must be in it (besides each walkthrough step's picture, which the tests read from the manifest). */
const REQUIRED = [
  'dist/extension.js',
  'dist/startup.js',
  'dist/features.js',
  'dist/mediaFacts.js',
  'dist/phoneNumbers.js',
  'dist/codeImage.js',
  'dist/highlighter.js',
  'dist/webview/codeImage.js',
  'package.json',
  'package.nls.json',
  'l10n/bundle.l10n.json',
  'media/icon.png',
  VSIX_README,
  'CHANGELOG.md',
  'LICENSE',
];
/** Never, whatever SHIPPED says: each with what it is, for the failure message. */
const FORBIDDEN: ReadonlyArray<[string, RegExp]> = [
  ['sources', /^src\//],
  ['tests', /^test\//],
  ['compiled tests', /^out\//],
  ['node_modules', /(^|\/)node_modules\//],
  ['source maps', /\.map$/],
  ['.env files', /(^|\/)\.env/],
  ['packages', /\.vsix$/],
  ['TypeScript', /\.ts$/],
  ['benchmarks and scripts', /^(bench|scripts|test-results)\//],
  ['editor and CI folders', /^\.(vscode|vscode-test|github|ci|git)\//],
  ["the README's pictures", /^media\/screenshots\//],
  ["the repository's README (the .vsix's page is the user's README)", /^README\.md$/],
];
/** vsce renames these inside the .vsix (extension/readme.md, extension/changelog.md, extension/LICENSE.txt). */
const PACKED_AS: Readonly<Record<string, string>> = { 'readme.md': VSIX_README, 'changelog.md': 'CHANGELOG.md', 'LICENSE.txt': 'LICENSE' };

function vsce(args: readonly string[], cwd = repoRoot): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [vsceBin, ...args], { cwd, encoding: 'utf8', input: '', timeout: 120_000 });
}

function output(result: SpawnSyncReturns<string>): string {
  return `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
}

function problemsWith(files: readonly string[]): string[] {
  return [
    ...files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file))).map((file) => `not allowed: ${file}`),
    ...files.flatMap((file) => FORBIDDEN.filter(([, pattern]) => pattern.test(file)).map(([what]) => `${what}: ${file}`)),
  ];
}

/** What the files lack of REQUIRED and of the walkthrough steps' pictures. */
function missingFrom(files: readonly string[]): string[] {
  const steps = (readManifest().contributes.walkthroughs ?? []).flatMap((walkthrough) => walkthrough.steps);
  const needed = [...REQUIRED, ...steps.flatMap((step) => (step.media.svg ? [step.media.svg] : []))];
  return needed.filter((file) => !files.includes(file));
}

/** The entries of a zip file (name and inflated content), read from its central directory. */
function unzip(file: string): Array<{ name: string; data: Buffer }> {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'no end of central directory: not a zip');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Array<{ name: string; data: Buffer }> = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'bad central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    entries.push({ name, data: method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('packaging with vsce', function () {
  this.timeout(180_000);
  let tmp: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-status-vsix-'));
    const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
    assert.equal(build.status, 0, `npm run build failed:\n${output(build)}`);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('`npm run package` builds, then packs with the flags every packaging here uses, with no secret-scan overrides anywhere', () => {
    const { scripts } = readManifest();
    assert.equal(scripts.package, `npm run build && vsce package ${VSCE_PACKAGE_FLAGS.join(' ')}`);
    for (const script of Object.values(scripts)) assert.doesNotMatch(script, /--allow-package-(all-)?secrets|--allow-missing-repository/);
  });

  it('vsce ls lists only what .vscodeignore allows, and everything the extension needs', () => {
    const result = vsce(['ls', ...VSCE_LS_FLAGS]);
    assert.equal(result.status, 0, output(result));
    const files = result.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    assert.deepEqual(problemsWith(files), [], 'files the .vsix must not hold: fix .vscodeignore');
    assert.deepEqual(missingFrom(files), [], 'files the .vsix must hold: fix .vscodeignore');
  });

  it('vsce package succeeds without --allow-package-secrets, and the .vsix holds the same files, clean', () => {
    const vsix = path.join(tmp, 'whatsapp-status.vsix');
    const result = vsce(['package', ...VSCE_PACKAGE_FLAGS, '--out', vsix]);
    assert.equal(result.status, 0, output(result));
    assert.doesNotMatch(output(result), /allow-package-secrets|Potential security issue/);

    const entries = unzip(vsix);
    const files = entries
      .map((entry) => entry.name)
      .filter((name) => name.startsWith('extension/'))
      .map((name) => name.slice('extension/'.length))
      .map((name) => PACKED_AS[name] ?? name);
    assert.deepEqual(problemsWith(files), []);
    assert.deepEqual(missingFrom(files), []);
    assert.deepEqual(
      entries
        .map((entry) => entry.name)
        .filter((name) => !name.startsWith('extension/'))
        .sort(),
      ['[Content_Types].xml', 'extension.vsixmanifest'],
    );

    // Test material that must never ship: the sentinel tokens, the emulator's token and its test-only TLS key.
    const forbiddenContent: Array<[string, RegExp]> = [
      ['a sentinel token', /SentinelTokenMustNeverAppear|SentinelWrongToken/],
      ['the emulator token (fifty zeros)', /(?<![0-9])0{50}(?![0-9])/],
      ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
      ['a source map reference', /sourceMappingURL=/],
    ];
    const found = entries.flatMap(({ name, data }) =>
      forbiddenContent.filter(([, pattern]) => pattern.test(data.toString('latin1'))).map(([what]) => `${what} in ${name}`),
    );
    assert.deepEqual(found, []);
  });

  it("the .vsix's page is the user's README, its pictures and links pointing at files of the repository package.json names", () => {
    const vsix = path.join(tmp, 'whatsapp-status.vsix');
    if (!fs.existsSync(vsix)) assert.equal(vsce(['package', ...VSCE_PACKAGE_FLAGS, '--out', vsix]).status, 0);
    const readme = unzip(vsix)
      .find((entry) => entry.name === 'extension/readme.md')
      ?.data.toString('utf8');
    assert.ok(readme, 'the .vsix has no extension/readme.md');
    const source = fs.readFileSync(path.join(repoRoot, VSIX_README), 'utf8');
    assert.equal(readme.split('\n')[0], source.split('\n')[0]);
    assert.doesNotMatch(readme.replace(/<!--[\s\S]*?-->/g, ''), /\bnpm\b/, 'the page shows npm commands');

    // VS Code shows only https pictures on an extension's page, so vsce points them at the repository, which keeps them.
    const repository = (readManifest().repository as { url: string }).url.replace(/\.git$/, '');
    const inRepository = (url: string, kind: 'raw' | 'blob'): string | undefined =>
      url.startsWith(`${repository}/${kind}/HEAD/`) ? url.slice(`${repository}/${kind}/HEAD/`.length).replace(/#.*$/, '') : undefined;
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]);
    assert.ok(images.length > 0, 'the page shows no pictures');
    for (const image of images) {
      const file = inRepository(image, 'raw');
      assert.ok(file, `${image} is not in ${repository}`);
      assert.ok(fs.existsSync(path.join(repoRoot, file)), `${image}: ${file} does not exist`);
    }
    const links = [...readme.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]);
    for (const link of links) {
      assert.match(link, /^(https:|#)/, `${link} stayed relative`);
      const file = inRepository(link, 'blob');
      if (file) assert.ok(fs.existsSync(path.join(repoRoot, file)), `${link}: ${file} does not exist`);
    }
    // The README and the CHANGELOG cite GREEN-API's issues as "#1124": not this repository's.
    for (const name of ['extension/readme.md', 'extension/changelog.md']) {
      const text = unzip(vsix)
        .find((entry) => entry.name === name)
        ?.data.toString('utf8');
      assert.doesNotMatch(text ?? '', new RegExp(`${escaped(repository)}/issues/`), `${name} links GREEN-API's issue numbers to this repository`);
    }
  });

  describe("vsce's own checks are live (so the success above is not vacuous)", () => {
    function probeExtension(files: Record<string, string>): string {
      const dir = fs.mkdtempSync(path.join(tmp, 'probe-'));
      const manifest = {
        name: 'leak-probe',
        publisher: 'probe',
        version: '0.0.1',
        license: 'MIT',
        engines: { vscode: '^1.96.0' },
        main: './extension.js',
        activationEvents: [],
        repository: { type: 'git', url: 'https://example.invalid/probe.git' },
      };
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
      fs.writeFileSync(path.join(dir, 'README.md'), '# probe\n');
      fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
      fs.writeFileSync(path.join(dir, 'extension.js'), 'module.exports = {};\n');
      for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
      return dir;
    }

    it('refuses a package with a .env file', () => {
      const dir = probeExtension({ '.env': 'API_TOKEN=abc\n' });
      const result = vsce(['package', '--no-dependencies', '--out', path.join(dir, 'probe.vsix')], dir);
      assert.notEqual(result.status, 0);
      assert.match(output(result), /\.env/);
    });

    it('refuses a package with a secret in it, unless told --allow-package-secrets', () => {
      // Assembled at run time, so this file itself holds no token-shaped literal for scanners to flag.
      const fakeGithubToken = ['gh', 'p_', 'Zx9'.repeat(12)].join('');
      const dir = probeExtension({ 'extension.js': `module.exports = { key: "${fakeGithubToken}" };\n` });
      const refused = vsce(['package', '--no-dependencies', '--out', path.join(dir, 'probe.vsix')], dir);
      assert.notEqual(refused.status, 0);
      assert.match(output(refused), /Potential security issue|secret/i);
      const allowed = vsce(['package', '--no-dependencies', '--allow-package-secrets', 'github', '--out', path.join(dir, 'probe.vsix')], dir);
      assert.equal(allowed.status, 0, output(allowed));
    });
  });
});
