/**
 * One upload in a fresh process, so the peak RSS it reports belongs to that upload alone.
 * argv: <plain|private|clientAlone|sdk> <file> <EmulatorInfo as JSON>; sends an UploadReport over IPC.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import fetch from 'node-fetch';
import { GreenApiClient } from '../src/core/greenApi/client';
import type { UploadSource } from '../src/core/greenApi/types';
import {
  UPLOAD_CONTENT_TYPE,
  extensionSource,
  postUploader,
  privateExtensionSource,
  uploadFileUrl,
  type EmulatorInfo,
  type RssMethod,
  type UploadMode,
  type UploadReport,
} from './shared';

async function main(): Promise<void> {
  const [mode, file, infoJson] = process.argv.slice(2) as [UploadMode, string, string];
  const info = JSON.parse(infoJson) as EmulatorInfo;
  const { size } = await fs.promises.stat(file);
  const client = new GreenApiClient(info);
  const upload = mode === 'clientAlone' ? (source: UploadSource) => client.uploadFile(source) : postUploader(client);
  // Every mode has node-fetch, the client and the upload cache loaded by now, so module loading counts in none.
  const peak = trackPeakRss();
  // The extension scans a file when it is picked, before the first prompt; the upload starts later, with the caption
  // box. So the scan is timed on its own and the upload from where it starts.
  const scanStarted = performance.now();
  const source = mode === 'private' ? await privateExtensionSource(file, UPLOAD_CONTENT_TYPE, size) : extensionSource(file, UPLOAD_CONTENT_TYPE, size);
  const scanMs = performance.now() - scanStarted;
  const started = performance.now();
  const urlFile = mode === 'sdk' ? await readWholeThenPost(file, info) : (await upload(source)).urlFile;
  const report: UploadReport = { ms: performance.now() - started, urlFile, peakRss: peak.stop(), ...(mode === 'private' && { scanMs }) };
  process.send?.(report, () => process.exit(0));
}

/** GREEN-API's own JS SDK reads the whole file before posting it (docs/reliability.md §3.5). */
async function readWholeThenPost(file: string, info: EmulatorInfo): Promise<string> {
  const body = await fs.promises.readFile(file);
  const response = await fetch(uploadFileUrl(info), { method: 'POST', headers: { 'Content-Type': UPLOAD_CONTENT_TYPE }, body });
  if (!response.ok) throw new Error(`uploadFile answered HTTP ${response.status}`);
  return ((await response.json()) as { urlFile: string }).urlFile;
}

/** Peak RSS above the level at the call, in bytes. */
function trackPeakRss(): { stop(): { growthBytes: number; method: RssMethod } } {
  const start = process.memoryUsage.rss();
  try {
    // Linux: resetting the kernel's high-water mark means no short-lived peak between samples can be missed.
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return { stop: () => ({ growthBytes: statusBytes('VmHWM') - start, method: 'VmHWM' }) };
  } catch {
    let peak = start;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 5);
    return {
      stop: () => {
        clearInterval(timer);
        return { growthBytes: Math.max(peak, process.memoryUsage.rss()) - start, method: 'sampled' };
      },
    };
  }
}

function statusBytes(field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
  if (!match) throw new Error(`/proc/self/status has no ${field}`);
  return Number(match[1]) * 1024;
}

main().catch((error: unknown) => {
  console.error('bench upload:', error instanceof Error ? error.message : error);
  process.exit(1);
});
