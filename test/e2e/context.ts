// What runE2E.ts sets up for the journeys besides the page: the GREEN-API emulator the extension talks to, and the
// throw-away workspace the workbench has open.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Emulator } from '../emulator';

let current: { emulator: Emulator; workspaceDir: string } | undefined;

/** Called by runE2E.ts before the journeys run. */
export function setUp(value: { emulator: Emulator; workspaceDir: string }): void {
  current = value;
}

function get(): NonNullable<typeof current> {
  if (!current) throw new Error('context.setUp() has not been called: run journeys through runE2E.js');
  return current;
}

export function emulator(): Emulator {
  return get().emulator;
}

/** Absolute path of a file in the workspace the workbench has open. */
export function workspaceFile(name: string): string {
  return path.join(get().workspaceDir, name);
}

export function sha256Of(name: string): string {
  return crypto
    .createHash('sha256')
    .update(fs.readFileSync(workspaceFile(name)))
    .digest('hex');
}

/** Polls `check` until it returns a value other than undefined, or fails with `what` after `timeout` ms. */
export async function eventually<T>(what: string, check: () => T | undefined, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
