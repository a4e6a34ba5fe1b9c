// Debian tools some tests read their results with, installed as setup-vscode.sh installs Chromium: with apt-get (through
// sudo when not root), only when missing, so `npm test` on a fresh Debian machine needs no step by hand.
import { spawnSync } from 'node:child_process';

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
}

function aptGet(args: readonly string[]): boolean {
  const argv = [...(process.getuid?.() === 0 ? [] : ['sudo', '-n']), 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args];
  return spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 }).status === 0;
}

/** Makes sure `command` runs, installing `debianPackage` if it does not; throws, saying what to install, when it cannot. */
export function ensureDebianCommand(command: string, debianPackage: string): void {
  if (onPath(command)) return;
  const install = ['install', '-y', '-qq', '--no-install-recommends', debianPackage];
  // A fresh machine's package lists may be empty or stale: refreshed only when the install fails without them.
  if (!aptGet(install) && aptGet(['update', '-qq'])) aptGet(install);
  if (!onPath(command)) throw new Error(`${command} is missing and could not be installed: apt-get install -y ${debianPackage}`);
}
