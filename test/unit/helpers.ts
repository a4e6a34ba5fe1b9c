import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { GreenApiError } from '../../src/core/greenApi/errors';
import { fileUploadSource } from '../../src/core/media/fileSource';
import { GreenApiClient } from '../../src/core/greenApi/client';
import type { GreenApiClientConfig, UploadReader, UploadSource } from '../../src/core/greenApi/types';
import type { Logger } from '../../src/core/common/log';
import { startEmulator, type Emulator } from '../emulator';

/** A token no code path may ever print: it is not hex, so only exact-token redaction can hide it. */
export const SENTINEL_TOKEN = 'SentinelTokenMustNeverAppear_0000';
export const TEST_INSTANCE = '1101000001';

/** Every form an error can be shown in (docs/reliability.md §7 item 8). */
export function errorForms(error: unknown): string[] {
  const e = error as Error;
  return [String(e), e.message, e.stack ?? '', inspect(e, { depth: 5 }), JSON.stringify(e)];
}

export function assertNoSecret(texts: readonly string[], token = SENTINEL_TOKEN, idInstance = TEST_INSTANCE): void {
  for (const text of texts) {
    assert.ok(!text.includes(token), `token leaked in: ${text.slice(0, 200)}`);
    assert.ok(!text.includes(idInstance), `full instance id leaked in: ${text.slice(0, 200)}`);
  }
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'wa-status-test-'));
}

/** A file of `size` pseudo-random bytes and its sha256. */
export function randomFile(dir: string, name: string, size: number): { file: string; sha256: string } {
  const file = path.join(dir, name);
  const bytes = crypto.randomBytes(size);
  fs.writeFileSync(file, bytes);
  return { file, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

export function fileSource(file: string, contentType: string, size = fs.statSync(file).size): UploadSource {
  return fileUploadSource(file, contentType, size);
}

/** Resolves once `condition` holds, polling; fails the test after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A client for the emulator's own instance, without backoff waits; `overrides` swaps hosts, token or timeouts. */
export function emulatorClient(emulator: Emulator, overrides: Partial<GreenApiClientConfig> = {}): GreenApiClient {
  const { idInstance, apiTokenInstance, apiUrl, mediaUrl } = emulator;
  return new GreenApiClient({ idInstance, apiTokenInstance, apiUrl, mediaUrl, random: () => 0, ...overrides });
}

/** A Logger that keeps its lines, so tests can read what would reach the log channel. */
export function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (message: string) => void lines.push(message);
  return { lines, trace: write, debug: write, info: write, warn: write, error: write };
}

/** Awaits a rejection that must be a GreenApiError with no secret in any of its forms. */
export async function expectGreenApiError(promise: Promise<unknown>): Promise<GreenApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GreenApiError, `expected GreenApiError, got ${String(error)}`);
    assertNoSecret(errorForms(error));
    return error;
  }
  assert.fail('expected the call to fail');
}

/** A temp directory for one suite, removed after it. */
export function useTempDir(): () => string {
  let dir = '';
  before(() => (dir = tempDir()));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

/**
 * The hooks of a unit suite that talks to the emulator: one emulator accepting the sentinel credentials and a temp
 * directory for the suite, the emulator reset before each test. `receive` hands both to the suite's variables.
 */
export function useEmulatorSuite(receive: (emulator: Emulator, dir: string) => void): void {
  let emulator: Emulator;
  let dir: string;
  before(async () => {
    emulator = await startEmulator({ idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN });
    dir = tempDir();
    receive(emulator, dir);
  });
  after(async () => {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => emulator.reset());
}

/** A source whose open() hangs (a stalled network drive) until finishOpening(); closed() tells whether it was closed. */
export function stalledOpen(): { source: UploadSource; finishOpening(): Promise<void>; closed(): boolean } {
  let closed = false;
  let open: (reader: UploadReader) => void = () => {};
  const opening = new Promise<UploadReader>((resolve) => (open = resolve));
  const reader: UploadReader = { read: async () => 0, close: async () => void (closed = true) };
  return {
    source: { size: 10, contentType: 'image/png', open: () => opening },
    async finishOpening() {
      open(reader);
      await new Promise((resolve) => setTimeout(resolve, 10));
    },
    closed: () => closed,
  };
}
