// Helpers shared by faults, leakSentinel, fileTargets and cancellation tests: unique media, open-file probes,
// user-setting scopes and a way to press the Cancel button of the real progress notification.
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PROGRESS_NOTIFICATION_DELAY_MS } from '../../src/vscode/posting/progress';
import { drawnPng } from '../fixtures/png';
import { mp4Bytes } from './support';

/** A second token and instance id some tests store on purpose; they must never leak either. */
export const WRONG_TOKEN = 'SentinelWrongToken_1111';
/** High-entropy, so "more than its last four digits" can be checked by looking for its first six. */
export const WRONG_INSTANCE = '7105392846';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * A real 9:16 PNG whose pixels differ on every call, so no two tests upload the same bytes (an upload cache keyed
 * by content must never turn an expected upload into a reused link).
 */
export function uniquePng(): Buffer {
  const noise = crypto.randomBytes(9 * 16 * 3);
  return drawnPng(9, 16, (x, y) => [noise[(y * 9 + x) * 3], noise[(y * 9 + x) * 3 + 1], noise[(y * 9 + x) * 3 + 2]]);
}

/** An MP4 of random bytes: unique content, type-checkable, not playable. */
export function uniqueMp4(size: number): Buffer {
  return mp4Bytes(size, crypto.randomBytes);
}

export function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * Paths of this extension host's open file descriptors that contain `fragment` (Linux). The tests run inside the
 * extension host, so /proc/self is the process that reads the file.
 */
export function openDescriptors(fragment: string): string[] {
  const found: string[] = [];
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      const target = fs.readlinkSync(path.join('/proc/self/fd', fd));
      if (target.includes(fragment)) found.push(target);
    } catch {
      // closed between readdir and readlink
    }
  }
  return found;
}

/** Waits until no descriptor of the host refers to `file` any more (closing may trail the command by a tick). */
export async function expectClosed(file: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (openDescriptors(file).length && Date.now() < deadline) await sleep(20);
  assert.deepEqual(openDescriptors(file), [], `the extension host still holds ${file} open`);
}

/** Sets a user-level setting for the duration of `body`, restoring what was there before. */
export async function withUserSetting<T>(key: string, value: unknown, body: () => Thenable<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('whatsappStatus');
  const previous = config.inspect(key)?.globalValue;
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration('whatsappStatus').update(key, previous, vscode.ConfigurationTarget.Global);
  }
}

/** A loopback port nothing listens on: bind, note it, close (never port 1, which fetch refuses as a bad port). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Presses Cancel on the newest notification, which is the post's cancellable progress: VS Code's own
 * "notification.acceptPrimaryAction" runs a notification's first button, and Cancel is the only button a cancellable
 * progress notification has. This is the real UI path, no test seam. The notification opens a moment after the post
 * started (or when it sends) and takes a moment more to reach the screen, so this waits, then presses until
 * `cancelled` says the press took.
 */
export async function pressCancelOnProgress(cancelled: () => boolean, timeoutMs = 10_000): Promise<void> {
  await sleep(PROGRESS_NOTIFICATION_DELAY_MS);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    for (const pressedAt = Date.now(); Date.now() - pressedAt < 250;) {
      if (cancelled()) return;
      await sleep(25);
    }
    if (Date.now() > deadline) throw new Error('Cancel on the progress notification did not take');
  }
}

/** Whether `promise` has settled, as a probe for {@link pressCancelOnProgress}. */
export function settled(promise: PromiseLike<unknown>): () => boolean {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  return () => done;
}
