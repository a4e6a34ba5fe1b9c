// Starts code-server (VS Code's server + web workbench, real Node extension host) and headless Chromium to drive it.
// Facts behind each flag: docs/real-vscode.md.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, chromium } from 'playwright-core';
import { Tools, chromiumPath } from './tools';

export interface CodeServerOptions {
  /** Makes the workbench run an extension test payload and report through codeAutomationLog/Exit (it also hides toasts). */
  smokeTestDriver?: boolean;
  /** Packaged extensions to install into the throw-away extensions dir before the server starts. */
  vsix?: string | readonly string[];
  /** Extra environment for the server; it reaches the extension host. */
  env?: NodeJS.ProcessEnv;
  /** User settings added to the defaults below (user scope, where application-scoped settings live). */
  userSettings?: Record<string, unknown>;
  /** A fixed port on 127.0.0.1; a free one by default. */
  port?: number;
}

export interface CodeServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** `host:port`, the authority of vscode-remote:// URIs. */
  authority: string;
  /** Settles with the exit code (or signal) when the server process ends. */
  exited: Promise<number | string>;
  /** Everything the server printed so far, for failure reports. */
  output(): string;
  /** Kills the server's whole process group (extension host included) and deletes its temp dirs. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

// Settings that keep first-run UI (welcome page, tips, trust prompts) out of the tests' way.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  // The built-in chat looks for a GitHub sign-in and floods the log while it waits.
  'chat.disableAIFeatures': true,
};

export async function startCodeServer(tools: Tools, options: CodeServerOptions = {}): Promise<CodeServer> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'whatsapp-status-cs-'));
  const dirs = {
    home: path.join(temp, 'home'),
    userData: path.join(temp, 'user-data'),
    extensions: path.join(temp, 'extensions'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'));
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...options.userSettings }, null, 2));

  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  // Inside a VS Code terminal these make code-server hand its arguments to that VS Code instead of starting.
  for (const name of Object.keys(env)) if (/^(VSCODE_|ELECTRON_)/.test(name)) delete env[name];
  Object.assign(env, {
    HOME: dirs.home,
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
    XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
    XDG_STATE_HOME: path.join(dirs.home, '.local', 'state'),
    // No extension gallery: Open VSX is unreachable here and a test must not depend on it anywhere.
    EXTENSIONS_GALLERY: '{}',
  });
  const profileArgs = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  const cleanTemp = () => fs.rmSync(temp, { recursive: true, force: true, maxRetries: 3 });

  const vsixFiles = typeof options.vsix === 'string' ? [options.vsix] : (options.vsix ?? []);
  if (vsixFiles.length) {
    const installArgs = vsixFiles.flatMap((file) => ['--install-extension', file]);
    const install = spawnSync(tools.node, [tools.codeServerEntry, ...profileArgs, ...installArgs, '--force'], { env, encoding: 'utf8' });
    if (install.status !== 0) {
      cleanTemp();
      throw new Error(`installing ${vsixFiles.join(', ')} failed (exit ${install.status}):\n${install.stdout}${install.stderr}`);
    }
  }

  const args = [
    tools.codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${options.port ?? 0}`,
    '--auth',
    'none',
    ...profileArgs,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  // Detached: its own process group, so stop() also reaches the extension host and other children.
  const child = spawn(tools.node, args, { env, cwd: dirs.home, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /HTTP server listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening`));
    });
  }).catch(async (error: Error) => {
    await killGroup(child, exited);
    cleanTemp();
    throw new Error(`${error.message}\n${output}`);
  });

  let stopped = false;
  return {
    url,
    authority: new URL(url).host,
    exited,
    output: () => output,
    async stop() {
      if (stopped) return;
      stopped = true;
      await killGroup(child, exited);
      cleanTemp();
    },
  };
}

async function killGroup(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup('SIGTERM');
  const graceful = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
  // The server can exit before its extension host does; SIGKILL the rest of the group either way.
  signalGroup('SIGKILL');
  if (!graceful) await exited;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Headless Debian Chromium; playwright-core never downloads a browser of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
