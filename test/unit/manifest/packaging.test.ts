// Packaging checks (docs/reliability.md §6, §7 item 27): after `npm run build`, `vsce ls` lists only what .vscodeignore
// allows, `vsce package` succeeds without --allow-package-secrets into a temp dir, and the .vsix holds only those files,
// none of them carrying a test token, a private key or a source map. Two throw-away extensions prove vsce's secret and
// .env checks are live in this vsce version, so "succeeds" means something.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const repoRoot = path.resolve(__dirname, '../../../..');
const vsceBin = require.resolve('@vscode/vsce/vsce', { paths: [repoRoot] });

/** What may ship (the brief's allowlist; dist/ holds the esbuild bundles only, the webview's in dist/webview/). */
const ALLOWED: readonly RegExp[] = [
  /^dist\/(webview\/)?[^/]+\.js$/,
  /^package\.json$/,
  /^package\.nls(\.[a-z-]+)?\.json$/,
  /^l10n\/.+/,
  /^media\/.+/,
  /^README\.md$/i,
  /^CHANGELOG\.md$/i,
  /^LICENSE(\.(md|txt))?$/i,
];
const REQUIRED = ['dist/extension.js', 'dist/phoneNumbers.js', 'package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];
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
];

function vsce(args: string[], cwd = repoRoot): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [vsceBin, ...args], { cwd, encoding: 'utf8', input: '', timeout: 120_000 });
}

function output(result: SpawnSyncReturns<string>): string {
  return `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
}

function problemsWith(files: readonly string[]): string[] {
  return [
    ...files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file))).map((file) => `not allowed: ${file}`),
    ...files.flatMap((file) => FORBIDDEN.filter(([, pattern]) => pattern.test(file)).map(([what]) => `${what}: ${file}`)),
  ];
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

  it('vsce ls lists only what .vscodeignore allows, and everything the extension needs', () => {
    const result = vsce(['ls']);
    assert.equal(result.status, 0, output(result));
    const files = result.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    assert.deepEqual(problemsWith(files), []);
    for (const file of REQUIRED) assert.ok(files.includes(file), `${file} is not packaged`);
    assert.ok(!files.some((file) => file.startsWith('media/screenshots/')), 'README screenshots are meant to stay out of the package');
  });

  it('vsce package succeeds without --allow-package-secrets, and the .vsix holds only allowed, clean files', () => {
    const vsix = path.join(tmp, 'whatsapp-status.vsix');
    const result = vsce(['package', '--out', vsix]);
    assert.equal(result.status, 0, output(result));
    assert.doesNotMatch(output(result), /allow-package-secrets|Potential security issue/);

    const entries = unzip(vsix);
    const files = entries
      .map((entry) => entry.name)
      .filter((name) => name.startsWith('extension/'))
      .map((name) => name.slice('extension/'.length));
    assert.deepEqual(problemsWith(files), []);
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
