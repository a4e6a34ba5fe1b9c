/** Shared by the core tests: real media files made at run time, committed fixtures, storage and error helpers. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KeyValueStore } from '../../../src/core/store/storage';
export { pngBytes } from '../../fixtures/png';

/** Committed files made once with ffmpeg (see the README beside them), so CI always runs the real parsers. */
export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/media');
export const fixture = (name: string): string => path.join(FIXTURES, name);

/** A PCM WAV of silence: 8 kHz, 8-bit, mono, so a second is 8000 bytes. */
export function wavBytes(seconds: number): Buffer {
  const sampleRate = 8000;
  const data = Buffer.alloc(Math.round(seconds * sampleRate), 0x80);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate, 28); // bytes per second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * The JPEG with an EXIF block saying "rotate on display" (orientation 1–8), placed right after the start-of-image
 * marker as cameras write it: APP1 "Exif", a big-endian TIFF header and one IFD entry.
 */
export function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'ascii');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // first IFD right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // one value
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, payload, jpeg.subarray(2)]);
}

export function hasFfmpeg(): boolean {
  return spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
}

/** Runs ffmpeg quietly, failing the test with its own words when it fails. */
export function ffmpeg(...args: string[]): void {
  const result = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args], { encoding: 'utf8' });
  assert.equal(result.status, 0, `ffmpeg failed: ${result.stderr}`);
}

/** globalState as the core sees it; values go through JSON, as VS Code stores them. */
export class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, string>();
  failUpdates = false;

  get<T>(key: string): T | undefined {
    const json = this.values.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  async update(key: string, value: unknown): Promise<void> {
    if (this.failUpdates) throw new Error('storage unavailable');
    this.values.set(key, JSON.stringify(value));
  }
}

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public time = Date.UTC(2026, 10, 1, 12)) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export { expectGreenApiError } from '../helpers';

export function writeFile(dir: string, name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
