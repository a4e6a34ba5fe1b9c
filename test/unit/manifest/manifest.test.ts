// Manifest checks (docs/reliability.md §6, §7 items 1, 7 and 27), reading package.json and package.nls.json as shipped.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REQUEST_TIMEOUT_SECONDS } from '../../../src/core/common/numericSetting';

const repoRoot = path.resolve(__dirname, '../../../..');

interface Setting {
  type?: string | string[];
  scope?: string;
  default?: unknown;
  description?: string;
  markdownDescription?: string;
  deprecationMessage?: string;
  markdownDeprecationMessage?: string;
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
  format?: string;
}

interface Manifest {
  main?: string;
  browser?: string;
  engines: { vscode: string };
  extensionKind?: string[];
  activationEvents?: string[];
  devDependencies?: Record<string, string>;
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description?: string };
  };
  contributes: { configuration: { properties: Record<string, Setting> } | Array<{ properties: Record<string, Setting> }> };
}

const manifestText = fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as Manifest;
const nls = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** `%key%` as VS Code shows it: the package.nls.json text. */
function resolved(text: string | undefined): string {
  return (text ?? '').replace(/^%([^%]+)%$/, (_whole, key: string) => nls[key] ?? `<missing ${key}>`);
}

function settings(): Array<[string, Setting]> {
  const configuration = manifest.contributes.configuration;
  return (Array.isArray(configuration) ? configuration : [configuration]).flatMap((section) => Object.entries(section.properties ?? {}));
}

function settingText(setting: Setting): string {
  return [
    setting.description,
    setting.markdownDescription,
    setting.deprecationMessage,
    setting.markdownDeprecationMessage,
    ...(setting.enumDescriptions ?? []),
    ...(setting.markdownEnumDescriptions ?? []),
  ]
    .map(resolved)
    .join('\n');
}

interface Pair {
  node: string;
  codeServer: string;
  vscode: string;
}
/** The VS Codes the harness runs (test/harness/versions.json): every suite on `current`, the smoke suite also on `floor`. */
const pairs = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'harness', 'versions.json'), 'utf8')) as Record<'current' | 'floor', Pair>;
const minorOf = (version: string) => Number(version.split('.')[1]);

/** The semver library vsce itself checks `engines.vscode` with. */
function vsceSemver(): { satisfies(version: string, range: string): boolean; minVersion(range: string): { version: string } | null } {
  const vsce = require.resolve('@vscode/vsce/package.json', { paths: [repoRoot] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- vsce's own semver, found at run time
  return require(require.resolve('semver', { paths: [path.dirname(vsce)] })) as ReturnType<typeof vsceSemver>;
}

describe('the extension manifest', () => {
  it('every %placeholder% in package.json has its text in package.nls.json', () => {
    const keys = [...manifestText.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]);
    assert.ok(keys.length > 10);
    assert.deepEqual(
      keys.filter((key) => typeof nls[key] !== 'string'),
      [],
    );
  });

  describe('settings', () => {
    it('the GREEN-API host settings exist and are application-scoped (a workspace cannot redirect the token)', () => {
      const all = new Map(settings());
      for (const key of ['whatsappStatus.apiUrl', 'whatsappStatus.mediaUrl']) {
        assert.ok(all.has(key), `${key} is not contributed`);
        assert.equal(all.get(key)?.scope, 'application', key);
      }
    });

    it('every setting that names a URL, host, endpoint or server is application-scoped', () => {
      const urlish = settings().filter(([key, setting]) => /url|host|endpoint|server|proxy/i.test(key) || /\bhttps?:\/\//i.test(settingText(setting)));
      assert.ok(urlish.length >= 2);
      assert.deepEqual(
        urlish.filter(([, setting]) => setting.scope !== 'application').map(([key]) => key),
        [],
      );
    });

    it('no setting is named like a secret', () => {
      assert.deepEqual(
        settings()
          .map(([key]) => key)
          .filter((key) => /token|secret|passw(or)?d|credential|api[-_]?key|auth|bearer|idInstance/i.test(key)),
        [],
      );
    });

    it('no setting asks for a token, secret or password in its description or format', () => {
      const asking = /\b(enter|paste|type|put|store|save|keep|set|provide)\b[^.\n]{0,60}\b(token|apiTokenInstance|secret|password)\b/i;
      const offenders = settings().filter(
        ([, setting]) => asking.test(settingText(setting)) || /apiTokenInstance/i.test(settingText(setting)) || setting.format === 'password',
      );
      assert.deepEqual(
        offenders.map(([key]) => key),
        [],
      );
    });

    it('no setting defaults to something token-shaped', () => {
      const tokenShaped = (value: unknown): boolean =>
        typeof value === 'string' ? /[A-Za-z0-9_-]{24,}/.test(value) : typeof value === 'object' && value !== null && Object.values(value).some(tokenShaped);
      assert.deepEqual(
        settings()
          .filter(([, setting]) => tokenShaped(setting.default))
          .map(([key]) => key),
        [],
      );
    });

    it('whatsappStatus.requestTimeoutSeconds cannot be set below 5 s (the fault tests rely on that minimum)', () => {
      const timeout = new Map(settings()).get('whatsappStatus.requestTimeoutSeconds') as Setting & { minimum?: number; maximum?: number };
      assert.equal(timeout.minimum, 5);
      assert.ok((timeout.maximum ?? 0) >= 60);
    });

    it('whatsappStatus.requestTimeoutSeconds is declared as the whole seconds, range and default the extension clamps to', () => {
      const timeout = new Map(settings()).get('whatsappStatus.requestTimeoutSeconds') as Setting & { minimum?: number; maximum?: number };
      const { minimum, maximum, default: fallback } = REQUEST_TIMEOUT_SECONDS;
      assert.deepEqual([timeout.type, timeout.minimum, timeout.maximum, timeout.default], ['integer', minimum, maximum, fallback]);
    });

    it('are ordered deliberately: each has its own `order`, and package.json lists them in that order (as the README does)', () => {
      const orders = settings().map(([key, setting]) => [key, (setting as { order?: number }).order] as const);
      assert.deepEqual(
        orders.filter(([, order]) => typeof order !== 'number').map(([key]) => key),
        [],
        'settings without an order',
      );
      assert.deepEqual(
        orders.map(([, order]) => order),
        orders.map((_, index) => index + 1),
        'orders must count 1, 2, 3… in manifest order',
      );
    });
  });

  it('runs where the workspace is: extensionKind ["workspace"], no browser entry', () => {
    assert.deepEqual(manifest.extensionKind, ['workspace']);
    assert.equal(manifest.browser, undefined);
    assert.equal(manifest.main, './dist/extension.js');
  });

  it('declares its untrusted- and virtual-workspace support, with explanations', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.ok(untrusted, 'capabilities.untrustedWorkspaces is missing');
    assert.ok(untrusted.supported === true || untrusted.supported === 'limited');
    assert.ok(resolved(untrusted.description).length > 20, 'untrustedWorkspaces needs a description');
    if (untrusted.supported === 'limited') {
      for (const key of ['whatsappStatus.apiUrl', 'whatsappStatus.mediaUrl']) assert.ok(untrusted.restrictedConfigurations?.includes(key), key);
    }
    const virtual = manifest.capabilities?.virtualWorkspaces;
    assert.ok(virtual !== undefined, 'capabilities.virtualWorkspaces is missing');
    if (typeof virtual === 'object') {
      assert.ok(virtual.supported === true || virtual.supported === 'limited' || virtual.supported === false);
      assert.ok(resolved(virtual.description).length > 20, 'virtualWorkspaces needs a description');
    }
  });

  it('engines.vscode starts at the oldest VS Code the harness runs (1.103) and admits every release through the current one', () => {
    const semver = vsceSemver();
    const range = manifest.engines.vscode;
    const floor = minorOf(pairs.floor.vscode);
    // Claiming an older VS Code than `npm run test:floor` runs on would be a claim nothing checks.
    assert.equal(semver.minVersion(range)?.version, `1.${floor}.0`, `engines.vscode ${range} does not start at the floor pair's VS Code ${pairs.floor.vscode}`);
    for (let minor = floor; minor <= minorOf(pairs.current.vscode); minor++)
      assert.ok(semver.satisfies(`1.${minor}.0`, range), `1.${minor}.0 is outside ${range}`);
    for (const { vscode } of Object.values(pairs)) assert.ok(semver.satisfies(vscode, range), `${vscode} (a test host) is outside ${range}`);
    assert.ok(!semver.satisfies('1.100.3', range), `${range} admits 1.100, whose Node 20 cannot run music-metadata 12`);
  });

  it('every package the extension ships runs on the Node of the oldest VS Code it claims', () => {
    const semver = vsceSemver();
    // VS Code 1.103 runs extensions on Node 22.17.0 (code-server 4.103.2 is built for that Node, and the floor run uses
    // it); engines.vscode and the floor pair must move with this.
    const floorNode = '22.17.0';
    assert.equal(semver.minVersion(manifest.engines.vscode)?.version, '1.103.0', 'the floor moved: update its Node version here');
    assert.equal(pairs.floor.node, floorNode, "the floor run must use the floor VS Code's own Node");
    const listed = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: repoRoot, encoding: 'utf8' });
    const packages = listed.split('\n').filter((dir) => dir.includes('node_modules'));
    assert.ok(packages.length > 5, 'npm ls listed the runtime packages');
    for (const dir of packages) {
      const { name, version, engines } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name: string;
        version: string;
        engines?: { node?: string };
      };
      if (engines?.node) assert.ok(semver.satisfies(floorNode, engines.node), `${name}@${version} needs Node ${engines.node}`);
    }
  });

  it('@types/vscode is no newer than the oldest engine it claims (vsce refuses otherwise)', () => {
    const semver = vsceSemver();
    const types = manifest.devDependencies?.['@types/vscode'];
    assert.ok(types, '@types/vscode is not a devDependency');
    const minimumEngine = semver.minVersion(manifest.engines.vscode)?.version;
    const typesVersion = semver.minVersion(types)?.version;
    assert.ok(minimumEngine && typesVersion);
    assert.ok(semver.satisfies(typesVersion, `<=${minimumEngine}`), `@types/vscode ${types} is newer than engines.vscode ${manifest.engines.vscode}`);
  });

  it('activates on its contributions only (no "*" or startup activation)', () => {
    for (const event of manifest.activationEvents ?? []) assert.ok(event !== '*' && event !== 'onStartupFinished', event);
  });
});
