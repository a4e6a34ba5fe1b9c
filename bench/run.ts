/**
 * `npm run bench`: the extension's performance figures beside their targets (docs/reliability.md §3.5, §7 item 17).
 * Prints a table, writes bench/results/bench.json, and exits 1 when a target is missed or could not be measured.
 * `npm run bench -- uploads` measures the uploads alone (the 100 MB video and the 12 MP photo, about a minute) and writes
 * bench/results/bench-uploads.json.
 */
import { execFile, fork, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import fetch from 'node-fetch';
import { GreenApiClient } from '../src/core/greenApi/client';
import type { UploadSource } from '../src/core/greenApi/types';
import { silentLogger } from '../src/core/common/log';
import { checkMediaFile } from '../src/core/media/media';
import {
  postStatuses,
  sendMediaStatusWith,
  type MediaDetails,
  type PostPrompts,
  type PostResult,
  type PostServices,
  type PostTarget,
} from '../src/core/statuses/postWorkflow';
import { startEmulator, type Emulator, type StoredUpload } from '../test/emulator';
import { iphoneMov, phoneJpeg } from '../test/fixtures/metadata';
import { noisePng } from '../test/fixtures/png';
import { randomFile, tempDir, waitFor } from '../test/unit/helpers';
import { PASTED_NUMBERS, benchAudiencePicker } from './audiencePicker';
import { MAX_BATCH_SENDS_OVER_UPLOADS, benchBatch } from './batch';
import { benchCodeImage, codeImageRows } from './codeImage';
import { benchWorkbench, workbenchRows } from './workbench';
import {
  UPLOAD_CONTENT_TYPE,
  extensionSource,
  postUploader,
  privateExtensionSource,
  uploadFileUrl,
  type EmulatorInfo,
  type UploadMode,
  type UploadReport,
} from './shared';

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'bench.json');
const UPLOADS_RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'bench-uploads.json');
const WORKBENCH_RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'bench-workbench.json');
/** The one group that runs alone: `uploads`. */
const GROUP = process.argv[2];
// Decimal units throughout: the file is 10^8 bytes, and it makes the RSS and bundle limits the stricter reading.
const MB = 1_000_000;

const BIG_FILE_BYTES = 100_000_000;
// One discarded round warms the page cache and the emulator's JIT.
const WARMUP_ROUNDS = 1;
// A round uploads the file once with each timed uploader, back to back, and each is judged by its time over that
// round's curl upload: whatever else the machine does then slows both. The emulator takes most of a core to hash and
// store 100 MB, so on 2 cores any other work shows; a median of per-round ratios leaves out the rounds it hit hardest.
// Even on a quiet machine one upload can take 1.3× the next of the same bytes, so a median of 24 ratios still moved
// ±0.1 from run to run; 48 rounds (about a minute on 2 cores) halve that, and share out evenly among the orders of
// the uploaders (4 with curl, 6 without).
const UPLOAD_ROUNDS = 48;
// The official SDK's way is there for comparison (its memory above all), so it is timed apart, after the rounds.
const SDK_RUNS = 5;
const MAX_CLIENT_TO_CURL = 1.15;
const MAX_CLIENT_RSS_GROWTH_BYTES = 32 * MB;
// A phone's 12 MP photo (4000×3000) is 3–6 MB.
const PHOTO_BYTES = 5 * MB;
const PHOTO_WARMUP_ROUNDS = 3;
const PHOTO_ROUNDS = 21;
const MAX_PHOTO_ADDED_MS = 30;
const REQUESTS_PER_POST = ['uploadFile', 'sendMediaStatus'];
const OVERLAP_FILE_BYTES = 20 * MB;
const OVERLAP_RUNS = 7;
// Without it a loopback send takes about a millisecond, and a ratio of two such figures is noise.
const SEND_DELAY_MS = 50;
const MAX_OVERLAP_TO_ROUND_TRIP = 1.2;
const MAX_BUNDLE_BYTES = 150_000;
// The audience picker parses what is typed on every keystroke, in the extension host, which must not stall.
const MAX_PICKER_MS = 50;

type Uploader = UploadMode | 'curl';
/** Timed in every round beside curl; the official SDK's way runs apart. */
type Timed = Exclude<Uploader, 'sdk'>;

interface Series {
  readonly medianMs: number;
  readonly runsMs: number[];
}

/** What the emulator must have stored for an upload. */
interface Stored {
  readonly sha256: string;
  readonly size: number;
}

/** A line of the table; `met` undefined: a figure for comparison only; null: a target that could not be measured. */
interface Row {
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  readonly met?: boolean | null;
}

const cleanups: Array<() => unknown> = [];

async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

async function main(): Promise<void> {
  if (GROUP !== undefined && GROUP !== 'uploads' && GROUP !== 'workbench') {
    throw new Error(`unknown group "${GROUP}": run every figure, or "uploads" or "workbench" alone`);
  }
  const machine = {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Number((os.totalmem() / 1e9).toFixed(1)),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    curl: curlVersion(),
    loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
  };
  console.log(
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGB} GB, Node ${machine.node}, ${machine.platform}, load average ${machine.loadAverage1m}`,
  );
  // Timings are ratios of runs taken side by side, but a busy machine still widens their spread.
  if (machine.loadAverage1m >= 1) console.log('Note: other processes are using the CPU; timings will be noisier than on an idle machine.');
  if (GROUP === 'workbench') {
    const workbench = await benchWorkbench();
    report({ machine, workbench }, workbenchRows(workbench), WORKBENCH_RESULTS_FILE);
    return;
  }
  console.log(machine.curl ? `curl: ${machine.curl}` : 'curl: NOT FOUND on PATH — the curl baseline is skipped (apt-get install -y curl)');

  const dir = tempDir();
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const emulatorProcess = await startEmulatorProcess();
  cleanups.push(emulatorProcess.stop);
  const upload = await benchUploads(dir, emulatorProcess, machine.curl !== null);
  const photo = await benchPhotoStripping(dir, emulatorProcess.info);
  await emulatorProcess.stop();
  if (GROUP === 'uploads') {
    await cleanUp();
    report({ machine, upload, photo }, uploadRows(upload, photo), UPLOADS_RESULTS_FILE);
    return;
  }

  console.log(`Parsing ${PASTED_NUMBERS.toLocaleString('en')} pasted numbers as the audience picker does`);
  const picker = benchAudiencePicker();

  const emulator = await startEmulator();
  cleanups.push(() => emulator.close());
  const requestsPerPost = await benchRequestsPerPost(emulator, dir);
  const overlap = await benchOverlap(emulator, dir);
  const batch = await benchBatch(emulator, dir, {
    client: clientOf(emulator),
    target: postTarget,
    services: (client) => services(client, scriptedPrompts()),
    median,
  });
  await cleanUp();

  const bundle = bundleSizes();
  const workbench = await benchWorkbench();
  const codeImage = benchCodeImage(ROOT, median);
  const rows = [
    ...uploadRows(upload, photo),
    ...tableRows(requestsPerPost, overlap, batch, bundle, picker),
    ...workbenchRows(workbench),
    ...codeImageRows(codeImage),
  ];
  report({ machine, upload, photo, requestsPerPost, overlap, batch, bundle, workbench, codeImage, picker }, rows, RESULTS_FILE);
}

/** Prints the table and writes the results with the rows that have a target; exit code 1 unless every target is met. */
function report(results: Record<string, unknown>, rows: Row[], file: string): void {
  printTable(rows);
  const targets = rows.filter((row) => row.met !== undefined);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ...results, targets }, null, 2)}\n`);
  console.log(`\nWritten to ${path.relative(ROOT, file)}`);
  if (targets.some((row) => row.met !== true)) process.exitCode = 1;
}

// ── 1, 2: upload throughput and peak RSS, with and without metadata stripping ───────────────────────────────

async function benchUploads(dir: string, emulator: { info: EmulatorInfo; pid: number }, withCurl: boolean) {
  const { info } = emulator;
  const started = performance.now();
  const loadBefore = loadAverage1m();
  const firstSample = cpuSample(emulator.pid);
  const { file, sha256 } = phoneVideoFile(dir, 'big.mp4', BIG_FILE_BYTES);
  const stripped = await streamed(await privateExtensionSource(file, UPLOAD_CONTENT_TYPE, BIG_FILE_BYTES));
  if (stripped.sha256 === sha256) throw new Error('the bench video has no metadata to strip');
  const upload = async (uploader: Uploader): Promise<UploadReport> => {
    const report = uploader === 'curl' ? await curlUpload(file, info) : await uploadInChild(uploader, file, info);
    await checkStored(info, report.urlFile, uploader === 'private' ? stripped : { sha256, size: BIG_FILE_BYTES }, uploader);
    return report;
  };
  const timed: Timed[] = withCurl ? ['curl', 'plain', 'private', 'clientAlone'] : ['plain', 'private', 'clientAlone'];
  const orders = balancedOrders(timed);
  const reports = new Map<Uploader, UploadReport[]>([...timed, 'sdk' as const].map((uploader) => [uploader, []]));
  const othersPerRound: Array<number | null> = [];
  for (let round = 0; round < WARMUP_ROUNDS + UPLOAD_ROUNDS; round++) {
    console.log(`Uploading ${BIG_FILE_BYTES / MB} MB: round ${round + 1} of ${WARMUP_ROUNDS + UPLOAD_ROUNDS}${round < WARMUP_ROUNDS ? ' (warm-up)' : ''}`);
    const before = cpuSample(emulator.pid);
    for (const uploader of orders[round % orders.length]) {
      const report = await upload(uploader);
      if (round >= WARMUP_ROUNDS) reports.get(uploader)?.push(report);
    }
    if (round >= WARMUP_ROUNDS) othersPerRound.push(othersCores(before, cpuSample(emulator.pid)));
  }
  console.log(`Uploading ${BIG_FILE_BYTES / MB} MB the official SDK's way, ${SDK_RUNS} times`);
  for (let run = 0; run < SDK_RUNS; run++) reports.get('sdk')?.push(await upload('sdk'));
  const strippingAlone = await benchStrippingAlone(file);
  fs.rmSync(file);
  const runsMs = (uploader: Uploader) => (reports.get(uploader) ?? []).map((report) => report.ms);
  // Each round's time over its yardstick's in the same round.
  const perRound = (uploader: Timed, yardstick: Timed) => spread(runsMs(uploader).map((ms, round) => ms / runsMs(yardstick)[round]));
  const peakRss = (mode: UploadMode) => {
    const runs = reports.get(mode) ?? [];
    const runsBytes = runs.map((report) => report.peakRss?.growthBytes ?? Number.NaN);
    return { maxBytes: Math.max(...runsBytes), runsBytes, method: runs[0]?.peakRss?.method };
  };
  const scans = (reports.get('private') ?? []).flatMap((report) => (report.scanMs === undefined ? [] : [report.scanMs]));
  return {
    fileBytes: BIG_FILE_BYTES,
    rounds: UPLOAD_ROUNDS,
    warmupRounds: WARMUP_ROUNDS,
    orders,
    plain: throughput(runsMs('plain')),
    stripping: throughput(runsMs('private')),
    clientAlone: throughput(runsMs('clientAlone')),
    curl: withCurl ? throughput(runsMs('curl')) : null,
    sdk: throughput(runsMs('sdk')),
    sdkRuns: SDK_RUNS,
    scan: scans.length ? { medianMs: median(scans), runsMs: scans } : null,
    plainToCurl: withCurl ? perRound('plain', 'curl') : null,
    strippingToCurl: withCurl ? perRound('private', 'curl') : null,
    clientAloneToCurl: withCurl ? perRound('clientAlone', 'curl') : null,
    strippingToPlain: perRound('private', 'plain'),
    strippingAlone,
    plainPeakRss: peakRss('plain'),
    strippingPeakRss: peakRss('private'),
    clientAlonePeakRss: peakRss('clientAlone'),
    sdkPeakRss: peakRss('sdk'),
    loadAverage1m: { before: loadBefore, after: loadAverage1m() },
    othersCores: othersCores(firstSample, cpuSample(emulator.pid)),
    othersCoresPerRound: othersPerRound,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
}

/**
 * Orders of `items` in which each is first, second, … equally often, and follows each other one equally often
 * (a Williams design: n orders for n items, 2n when n is odd), so neither a place in the round nor a neighbour favours one.
 */
function balancedOrders<T>(items: readonly T[]): T[][] {
  const n = items.length;
  // 0, 1, n−1, 2, n−2, …, shifted by one for each next order.
  const first = Array.from({ length: n }, (_, i) => (i % 2 ? (i + 1) / 2 : (n - i / 2) % n));
  const orders = Array.from({ length: n }, (_, shift) => first.map((index) => items[(index + shift) % n]));
  return n % 2 ? [...orders, ...orders.map((order) => [...order].reverse())] : orders;
}

/** A ratio per round: the median, the middle half of the rounds (quartiles) and all of them. */
function spread(runs: number[]) {
  return { median: median(runs), quartiles: [quantile(runs, 0.25), quantile(runs, 0.75)], range: [Math.min(...runs), Math.max(...runs)], runs };
}

function loadAverage1m(): number {
  return Number(os.loadavg()[0].toFixed(2));
}

/** CPU time, in clock ticks: the whole machine's, and the part of it spent by the bench and the emulator. */
interface CpuSample {
  readonly busy: number;
  readonly total: number;
  readonly own: number;
}

/** Linux only (null elsewhere): read from /proc, so what other processes take can be told apart from the bench's own. */
function cpuSample(emulatorPid: number): CpuSample | null {
  try {
    // user nice system idle iowait irq softirq steal: interrupts are left out, as the bench's own loopback traffic makes them.
    const [user, nice, system, idle, iowait, , , steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const busy = user + nice + system + steal;
    return { busy, total: busy + idle + iowait, own: processTicks('self', true) + processTicks(String(emulatorPid), false) };
  } catch {
    return null;
  }
}

/** utime + stime of a process, with its finished children's (curl, the upload processes) when `withChildren`. */
function processTicks(pid: string, withChildren: boolean): number {
  // Fields 14–17 of the file; counted from the one after the command's closing parenthesis, 12–15.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return fields.slice(11, withChildren ? 15 : 13).reduce((sum, ticks) => sum + Number(ticks), 0);
}

/** How many cores' worth of CPU other processes (and a hypervisor's steal) took between two samples. */
function othersCores(from: CpuSample | null, to: CpuSample | null): number | null {
  if (!from || !to || to.total <= from.total) return null;
  const others = Math.max(0, to.busy - from.busy - (to.own - from.own));
  return Number(((others / (to.total - from.total)) * os.cpus().length).toFixed(2));
}

/**
 * A video as a phone writes it, `size` bytes: ftyp, the media data (noise), then moov with an iPhone's location, make,
 * model and software. Every uploader sends this one file; only `private` leaves the metadata out.
 */
function phoneVideoFile(dir: string, name: string, size: number): { file: string; sha256: string } {
  const ftyp = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex');
  const moov = iphoneMov(Buffer.concat([ftyp, Buffer.from('000000086d6f6f76', 'hex')])).subarray(ftyp.length);
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(size - ftyp.length - moov.length);
  mdat.write('mdat', 4, 'latin1');
  return writeHashed(dir, name, Buffer.concat([ftyp, mdat, crypto.randomBytes(size - ftyp.length - mdat.length - moov.length), moov]));
}

function writeHashed(dir: string, name: string, bytes: Buffer): { file: string; sha256: string } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return { file, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

/** Reads everything a source streams, 512 KiB at a time as the upload does, handing each chunk on; returns the size. */
async function readThrough(source: UploadSource, chunk: (bytes: Buffer) => void = () => {}): Promise<number> {
  const reader = await source.open();
  const buffer = Buffer.alloc(512 * 1024);
  let size = 0;
  try {
    for (let bytes; (bytes = await reader.read(buffer, size)) > 0; size += bytes) chunk(buffer.subarray(0, bytes));
  } finally {
    await reader.close();
  }
  return size;
}

/** What a source streams, so the stored copy of a stripped upload can be checked. */
async function streamed(source: UploadSource): Promise<Stored> {
  const hash = crypto.createHash('sha256');
  const size = await readThrough(source, (bytes) => hash.update(bytes));
  return { sha256: hash.digest('hex'), size };
}

/**
 * Stripping's own work on the big file, without the network whose spread hides it: the scan plus reading the file
 * through its plan, against reading it as it is (from the page cache, in alternating order).
 */
async function benchStrippingAlone(file: string) {
  const runs = { plain: [] as number[], stripped: [] as number[] };
  for (let round = 0; round < WARMUP_ROUNDS + UPLOAD_ROUNDS; round++) {
    for (const strip of round % 2 ? [true, false] : [false, true]) {
      const started = performance.now();
      await readThrough(
        strip ? await privateExtensionSource(file, UPLOAD_CONTENT_TYPE, BIG_FILE_BYTES) : extensionSource(file, UPLOAD_CONTENT_TYPE, BIG_FILE_BYTES),
      );
      if (round >= WARMUP_ROUNDS) (strip ? runs.stripped : runs.plain).push(performance.now() - started);
    }
  }
  const plain: Series = { medianMs: median(runs.plain), runsMs: runs.plain };
  const stripped: Series = { medianMs: median(runs.stripped), runsMs: runs.stripped };
  return { plain, stripped, addedMs: stripped.medianMs - plain.medianMs };
}

function throughput(runsMs: number[]): Series & { mbPerSecond: number } {
  const medianMs = median(runsMs);
  return { medianMs, mbPerSecond: BIG_FILE_BYTES / MB / (medianMs / 1000), runsMs };
}

function uploadInChild(mode: UploadMode, file: string, info: EmulatorInfo): Promise<UploadReport> {
  const child = fork(path.join(__dirname, 'uploadProcess.js'), [mode, file, JSON.stringify(info)]);
  return new Promise((resolve, reject) => {
    let report: UploadReport | undefined;
    child.once('message', (message) => {
      report = message as UploadReport;
    });
    child.once('error', reject);
    child.once('exit', (code) => (report && code === 0 ? resolve(report) : reject(new Error(`the ${mode} upload process failed (exit ${code})`))));
  });
}

/** Seconds as curl itself times the transfer, so its process start-up is not charged to it. */
async function curlUpload(file: string, info: EmulatorInfo): Promise<UploadReport> {
  const args = ['-sS', '--data-binary', `@${file}`, '-H', `Content-Type: ${UPLOAD_CONTENT_TYPE}`, '-w', '\n%{http_code} %{time_total}', uploadFileUrl(info)];
  const { stdout } = await promisify(execFile)('curl', args);
  const lines = stdout.trimEnd().split('\n');
  const [status, seconds] = (lines.pop() ?? '').split(' ');
  if (status !== '200') throw new Error(`curl: uploadFile answered HTTP ${status}`);
  return { ms: Number(seconds) * 1000, urlFile: (JSON.parse(lines.join('\n')) as { urlFile: string }).urlFile };
}

/** Fails the bench unless the emulator stored exactly the bytes sent; then deletes what it stored. */
async function checkStored(info: EmulatorInfo, urlFile: string, expected: Stored, uploader: string): Promise<void> {
  const uploads = (await (await fetch(`${info.apiUrl}/__emulator/uploads`)).json()) as StoredUpload[];
  const stored = uploads.find((upload) => upload.urlFile === urlFile);
  if (stored?.sha256 !== expected.sha256 || stored.size !== expected.size) {
    throw new Error(`${uploader}: the upload did not arrive intact (stored ${stored ? `${stored.size} bytes, sha256 ${stored.sha256}` : 'nothing'})`);
  }
  await fetch(`${info.apiUrl}/__emulator/reset`, { method: 'POST' });
}

async function startEmulatorProcess(): Promise<{ info: EmulatorInfo; pid: number; stop(): Promise<void> }> {
  // Uploads are stored in memory where Linux offers it: 100 MB written to disk four times a round makes the kernel
  // flush dirty pages at moments no round chooses, which slowed whichever upload it fell on by up to 2×.
  const memoryBacked = fs.existsSync('/dev/shm') ? { TMPDIR: '/dev/shm' } : {};
  const child = fork(path.join(__dirname, 'emulatorProcess.js'), { env: { ...process.env, ...memoryBacked } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const info = await new Promise<EmulatorInfo>((resolve, reject) => {
    child.once('message', (message) => resolve(message as EmulatorInfo));
    void exited.then(() => reject(new Error('the emulator process exited before it was listening')));
  });
  return {
    info,
    pid: child.pid ?? Number.NaN,
    stop: async () => {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}

function curlVersion(): string | null {
  const result = spawnSync('curl', ['--version'], { encoding: 'utf8' });
  return result.error || result.status !== 0 ? null : result.stdout.split('\n')[0];
}

// ── Metadata stripping of a 12 MP photo: the time it adds to an upload ─────────────────────────────────────

async function benchPhotoStripping(dir: string, info: EmulatorInfo) {
  const { file, sha256 } = phonePhotoFile(dir, 'photo.jpg');
  const size = fs.statSync(file).size;
  const stripped = await streamed(await privateExtensionSource(file, 'image/jpeg', size));
  const upload = postUploader(new GreenApiClient(info));
  const runs = { plain: [] as number[], stripped: [] as number[], scan: [] as number[] };
  console.log(`Uploading a 12 MP photo (${megabytes(size)}) as it is and stripped: ${PHOTO_WARMUP_ROUNDS} warm-up + ${PHOTO_ROUNDS} rounds`);
  for (let round = 0; round < PHOTO_WARMUP_ROUNDS + PHOTO_ROUNDS; round++) {
    // Alternating which goes first, as the big uploads rotate.
    for (const strip of round % 2 ? [true, false] : [false, true]) {
      const started = performance.now();
      const source = strip ? await privateExtensionSource(file, 'image/jpeg', size) : extensionSource(file, 'image/jpeg', size);
      const scanned = performance.now();
      const { urlFile } = await upload(source);
      const took = performance.now() - started;
      await checkStored(info, urlFile, strip ? stripped : { sha256, size }, strip ? 'photo, stripped' : 'photo');
      if (round < PHOTO_WARMUP_ROUNDS) continue;
      if (strip) {
        runs.stripped.push(took);
        runs.scan.push(scanned - started);
      } else runs.plain.push(took);
    }
  }
  fs.rmSync(file);
  const series = (runsMs: number[]): Series => ({ medianMs: median(runsMs), runsMs });
  const png = await benchPngScan(dir);
  const plain = series(runs.plain);
  const strippedUpload = series(runs.stripped);
  return {
    fileBytes: size,
    strippedBytes: stripped.size,
    rounds: PHOTO_ROUNDS,
    warmupRounds: PHOTO_WARMUP_ROUNDS,
    plain,
    stripped: strippedUpload,
    scan: series(runs.scan),
    addedMs: strippedUpload.medianMs - plain.medianMs,
    png,
  };
}

/**
 * The scan of a 4.5 MB PNG whose pixels are in 8 KB IDAT chunks, as libpng writes them: 550 chunk headers to walk
 * before the first prompt. No upload: what the person waits for is the scan.
 */
async function benchPngScan(dir: string) {
  const file = path.join(dir, 'chunked.png');
  fs.writeFileSync(file, noisePng(1500, 1000, 8 * 1024));
  const size = fs.statSync(file).size;
  const runsMs: number[] = [];
  for (let round = 0; round < PHOTO_WARMUP_ROUNDS + PHOTO_ROUNDS; round++) {
    const started = performance.now();
    await privateExtensionSource(file, 'image/png', size);
    if (round >= PHOTO_WARMUP_ROUNDS) runsMs.push(performance.now() - started);
  }
  fs.rmSync(file);
  return { fileBytes: size, medianMs: median(runsMs), runsMs };
}

/**
 * A 12 MP phone photo of {@link PHOTO_BYTES}: the committed small JPEG's tables with a 4000×3000 frame header and noise
 * as its picture data (no 0xFF byte, so no marker inside it), with a phone's Exif (GPS, camera, Orientation), XMP, IPTC
 * and comment. The scan reads only what comes before the picture data, and that is a camera's.
 */
function phonePhotoFile(dir: string, name: string): { file: string; sha256: string } {
  const small = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'media', 'landscape-160x90.jpg'));
  const head = Buffer.from(small);
  let position = 2;
  for (let marker = 0; marker !== 0xda;) {
    marker = head[position + 1];
    if (marker === 0xc0) {
      head.writeUInt16BE(3000, position + 5);
      head.writeUInt16BE(4000, position + 7);
    }
    position += 2 + head.readUInt16BE(position + 2);
  }
  const metadata = phoneJpeg(small).length - small.length;
  const picture = crypto.randomBytes(PHOTO_BYTES - position - metadata - 2);
  for (let at = picture.indexOf(0xff); at >= 0; at = picture.indexOf(0xff, at + 1)) picture[at] = 0xfe;
  return writeHashed(dir, name, phoneJpeg(Buffer.concat([head.subarray(0, position), picture, Buffer.from([0xff, 0xd9])])));
}

// ── 3, 4: requests per post, and what the person waits for after the last answer ─────────────────────────────

async function benchRequestsPerPost(emulator: Emulator, dir: string): Promise<{ first: string[]; second: string[] }> {
  console.log('Posting twice to count requests');
  const { file } = randomFile(dir, 'photo.jpg', 512 * 1024);
  const client = clientOf(emulator);
  const post = async (): Promise<string[]> => {
    const before = emulator.apiRequests().length;
    requirePosted(await postStatuses([postTarget(file, 'photo.jpg')], services(client, scriptedPrompts())));
    return emulator
      .apiRequests()
      .slice(before)
      .flatMap((request) => request.apiMethod ?? []);
  };
  return { first: await post(), second: await post() };
}

async function benchOverlap(emulator: Emulator, dir: string) {
  console.log(`Posting a ${OVERLAP_FILE_BYTES / MB} MB file ${OVERLAP_RUNS} times with typing slower than the upload`);
  const { file, sha256 } = randomFile(dir, 'clip.mp4', OVERLAP_FILE_BYTES);
  const client = clientOf(emulator);
  const afterLastAnswer: number[] = [];
  const roundTrip: number[] = [];
  for (let run = 0; run < OVERLAP_RUNS; run++) {
    emulator.reset();
    emulator.fault({ method: 'sendMediaStatus', delayMs: SEND_DELAY_MS });
    let answeredAt = Number.NaN;
    const prompts = scriptedPrompts(
      // The caption is "typed" until the emulator holds the whole file: typing outlasts the upload.
      () => waitFor(() => emulator.uploads.length === 1, 60_000, 'the upload'),
      (at) => {
        answeredAt = at;
      },
    );
    requirePosted(await postStatuses([postTarget(file, 'clip.mp4')], services(client, prompts)));
    afterLastAnswer.push(performance.now() - answeredAt);
    const [stored] = emulator.uploads;
    if (stored.sha256 !== sha256) throw new Error('overlap: the upload did not arrive intact');

    // The same send alone, with the same added delay: the least any post can take after the last answer.
    emulator.fault({ method: 'sendMediaStatus', delayMs: SEND_DELAY_MS });
    const started = performance.now();
    await client.sendMediaStatus({ urlFile: stored.urlFile, fileName: 'clip.mp4', caption: 'bench', participants: [] });
    roundTrip.push(performance.now() - started);
  }
  emulator.reset();
  const lastAnswerToQueued: Series = { medianMs: median(afterLastAnswer), runsMs: afterLastAnswer };
  const sendRoundTrip: Series = { medianMs: median(roundTrip), runsMs: roundTrip };
  return {
    fileBytes: OVERLAP_FILE_BYTES,
    sendDelayMs: SEND_DELAY_MS,
    lastAnswerToQueued,
    sendRoundTrip,
    ratio: lastAnswerToQueued.medianMs / sendRoundTrip.medianMs,
  };
}

function clientOf(emulator: Emulator): GreenApiClient {
  return new GreenApiClient({
    idInstance: emulator.idInstance,
    apiTokenInstance: emulator.apiTokenInstance,
    apiUrl: emulator.apiUrl,
    mediaUrl: emulator.mediaUrl,
  });
}

/** A target as src/vscode/posting/fileTargets.ts builds one for a `file:` resource. */
function postTarget(file: string, name: string): PostTarget {
  const picked = fs.statSync(file);
  const checked = checkMediaFile({ name, size: picked.size, isDirectory: false });
  if (!checked.ok) throw new Error(`${name}: ${checked.problem.code}`);
  return {
    label: name,
    file: checked.media,
    source: extensionSource(file, checked.media.mimeType, picked.size),
    unchanged: async () => {
      const now = await fs.promises.stat(file);
      return now.size === picked.size && now.mtimeMs === picked.mtimeMs;
    },
  };
}

function services(client: GreenApiClient, prompts: PostPrompts<MediaDetails>): PostServices<MediaDetails> {
  return {
    upload: client,
    send: sendMediaStatusWith(client),
    prompts,
    progress: { report() {} },
    log: silentLogger,
    clock: Date,
    confirmBeforePosting: true,
    signal: new AbortController().signal,
  };
}

/** Caption, audience (everyone) and confirmation; only the caption takes time. `answered` gets the last answer's time. */
function scriptedPrompts(typing: () => Promise<void> = async () => {}, answered: (at: number) => void = () => {}): PostPrompts<MediaDetails> {
  return {
    details: async () => {
      await typing();
      return { caption: 'bench' };
    },
    participants: async () => [],
    confirm: async () => {
      answered(performance.now());
      return true;
    },
  };
}

function requirePosted(result: PostResult<MediaDetails>): void {
  const [first] = result.status === 'finished' ? result.results : [];
  if (first?.status !== 'posted') {
    throw new Error(`the post did not go through: ${first?.status === 'failed' ? `${first.error.apiMethod} ${first.error.kind}` : result.status}`);
  }
}

// ── 5: bundle ─────────────────────────────────────────────────────────────────────────────────────────────────

function bundleSizes(): { extensionJsBytes: number; vsix: { file: string; bytes: number } | null } {
  const newestVsix = fs
    .readdirSync(ROOT)
    .filter((name) => name.endsWith('.vsix'))
    .map((name) => ({ file: name, stat: fs.statSync(path.join(ROOT, name)) }))
    .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs)[0];
  return {
    extensionJsBytes: fs.statSync(path.join(ROOT, 'dist', 'extension.js')).size,
    vsix: newestVsix ? { file: newestVsix.file, bytes: newestVsix.stat.size } : null,
  };
}

// ── Report ────────────────────────────────────────────────────────────────────────────────────────────────────

function uploadRows(upload: Awaited<ReturnType<typeof benchUploads>>, photo: Awaited<ReturnType<typeof benchPhotoStripping>>): Row[] {
  const size = `${BIG_FILE_BYTES / MB} MB`;
  const speed = (series: ReturnType<typeof throughput> | null) =>
    series ? `${ms(series.medianMs)} (${series.mbPerSecond.toFixed(0)} MB/s)` : 'skipped: curl not found';
  const ratio = (ratios: ReturnType<typeof spread> | null) =>
    ratios
      ? `${ratios.median.toFixed(2)} (middle half ${ratios.quartiles.map((value) => value.toFixed(2)).join('–')}, all ${ratios.range.map((value) => value.toFixed(2)).join('–')})`
      : 'NOT MEASURED: curl not found';
  const toCurl = (figure: string, ratios: ReturnType<typeof spread> | null): Row => ({
    figure: `${figure}, median of ${upload.rounds} rounds' ratios`,
    value: ratio(ratios),
    target: `≤ ${MAX_CLIENT_TO_CURL}`,
    met: ratios === null ? null : ratios.median <= MAX_CLIENT_TO_CURL,
  });
  const rss = (figure: string, peak: { readonly maxBytes: number; readonly method?: string }): Row => ({
    figure: `Peak RSS growth, ${figure}, worst of ${upload.rounds} (${peak.method})`,
    value: megabytes(peak.maxBytes),
    target: `≤ ${megabytes(MAX_CLIENT_RSS_GROWTH_BYTES)}`,
    met: peak.maxBytes <= MAX_CLIENT_RSS_GROWTH_BYTES,
  });
  return [
    { figure: `Upload ${size}, curl --data-binary, median of ${upload.rounds}`, value: speed(upload.curl), target: '' },
    { figure: `Upload ${size} as a post sends it (through the upload cache), as it is, median of ${upload.rounds}`, value: speed(upload.plain), target: '' },
    { figure: `Upload ${size} as a post sends it, without its metadata (the default), median of ${upload.rounds}`, value: speed(upload.stripping), target: '' },
    {
      figure: `${size} video, its metadata scan (when picked, before the first prompt), median of ${upload.rounds}`,
      value: upload.scan ? ms(upload.scan.medianMs) : 'NOT MEASURED',
      target: '',
    },
    { figure: `Upload ${size}, GreenApiClient alone (no upload cache), median of ${upload.rounds}`, value: speed(upload.clientAlone), target: '' },
    { figure: `Upload ${size}, official-SDK way (readFile + node-fetch), median of ${upload.sdkRuns}`, value: speed(upload.sdk), target: '' },
    toCurl('Upload time as it is / curl', upload.plainToCurl),
    toCurl('Upload time without metadata / curl', upload.strippingToCurl),
    { figure: `Upload time without metadata / as it is, median of ${upload.rounds} rounds' ratios`, value: ratio(upload.strippingToPlain), target: '' },
    {
      figure: `Upload time of GreenApiClient alone / curl, median of ${upload.rounds} rounds' ratios`,
      value: ratio(upload.clientAloneToCurl),
      target: 'for comparison (no upload cache)',
    },
    {
      figure: `Stripping's own work on ${size} (scan + reading through the plan, no network), median of ${upload.rounds}`,
      value: `${ms(upload.strippingAlone.addedMs)} added (read ${ms(upload.strippingAlone.plain.medianMs)} as it is, ${ms(upload.strippingAlone.stripped.medianMs)} stripped)`,
      target: '',
    },
    {
      figure: `Load average (1 min) when the ${size} uploads started → ended`,
      value: `${upload.loadAverage1m.before.toFixed(2)} → ${upload.loadAverage1m.after.toFixed(2)} (${upload.seconds.toFixed(0)} s)`,
      target: '',
    },
    {
      figure: `CPU other processes took during the ${size} uploads, in cores (of ${os.cpus().length})`,
      value: upload.othersCores === null ? 'not known (no /proc)' : upload.othersCores.toFixed(2),
      target: '',
    },
    rss('as a post sends it, as it is', upload.plainPeakRss),
    rss('as a post sends it, without its metadata', upload.strippingPeakRss),
    {
      figure: `Peak RSS growth, official-SDK way, worst of ${upload.sdkRuns} (${upload.sdkPeakRss.method})`,
      value: megabytes(upload.sdkPeakRss.maxBytes),
      target: 'for comparison (≥ 100 MB expected)',
    },
    { figure: `12 MP JPEG (${megabytes(photo.fileBytes)}), upload as it is, median of ${photo.rounds}`, value: ms(photo.plain.medianMs), target: '' },
    { figure: `12 MP JPEG, upload without its metadata (scan included), median of ${photo.rounds}`, value: ms(photo.stripped.medianMs), target: '' },
    { figure: `12 MP JPEG, of which the scan before the upload starts, median of ${photo.rounds}`, value: ms(photo.scan.medianMs), target: '' },
    {
      figure: '12 MP JPEG, time stripping adds to the upload',
      value: ms(photo.addedMs),
      target: `≤ ${ms(MAX_PHOTO_ADDED_MS)}`,
      met: photo.addedMs <= MAX_PHOTO_ADDED_MS,
    },
    {
      figure: `PNG of ${megabytes(photo.png.fileBytes)} in 8 KB chunks (as libpng writes them), its scan, median of ${photo.rounds}`,
      value: ms(photo.png.medianMs),
      target: `≤ ${ms(MAX_PHOTO_ADDED_MS)}`,
      met: photo.png.medianMs <= MAX_PHOTO_ADDED_MS,
    },
  ];
}

function tableRows(
  requests: Awaited<ReturnType<typeof benchRequestsPerPost>>,
  overlap: Awaited<ReturnType<typeof benchOverlap>>,
  batch: Awaited<ReturnType<typeof benchBatch>>,
  bundle: ReturnType<typeof bundleSizes>,
  picker: ReturnType<typeof benchAudiencePicker>,
): Row[] {
  const methods = (list: string[]) => `${list.length} (${list.join(', ')})`;
  const limitMs = MAX_OVERLAP_TO_ROUND_TRIP * overlap.sendRoundTrip.medianMs;
  return [
    { figure: 'API requests, first post', value: methods(requests.first), target: '' },
    {
      figure: 'API requests, second post',
      value: methods(requests.second),
      target: `= ${REQUESTS_PER_POST.length}`,
      met: requests.second.join() === REQUESTS_PER_POST.join(),
    },
    {
      figure: `sendMediaStatus round trip alone (+${overlap.sendDelayMs} ms server delay), median of ${OVERLAP_RUNS}`,
      value: ms(overlap.sendRoundTrip.medianMs),
      target: '',
    },
    {
      figure: `Last answer → status queued, ${overlap.fileBytes / MB} MB file, median of ${OVERLAP_RUNS}`,
      value: `${ms(overlap.lastAnswerToQueued.medianMs)} (${overlap.ratio.toFixed(2)} × round trip)`,
      target: `≤ ${MAX_OVERLAP_TO_ROUND_TRIP} × round trip = ${ms(limitMs)}`,
      met: overlap.ratio <= MAX_OVERLAP_TO_ROUND_TRIP,
    },
    {
      figure: `${batch.files} uploads of ${megabytes(batch.fileBytes)} alone, one after another (+${batch.answerDelayMs} ms on every answer), median of ${batch.rounds}`,
      value: ms(batch.uploadsAlone.medianMs),
      target: '',
    },
    {
      figure: `sendMediaStatus round trip alone (+${batch.answerDelayMs} ms on every answer), median of ${batch.rounds}`,
      value: ms(batch.sendAlone.medianMs),
      target: '',
    },
    {
      figure: `Batch of ${batch.files} × ${megabytes(batch.fileBytes)} with one set of answers, first upload → last status queued, median of ${batch.rounds}`,
      value: `${ms(batch.batch.medianMs)} (uploads alone + ${batch.sendsOverUploads.toFixed(2)} × send)`,
      target: `≤ uploads alone + ${MAX_BATCH_SENDS_OVER_UPLOADS} × send = ${ms(batch.limitMs)}`,
      met: batch.batch.medianMs <= batch.limitMs,
    },
    {
      figure: 'dist/extension.js (production build)',
      value: `${bundle.extensionJsBytes.toLocaleString('en')} B`,
      target: `≤ ${MAX_BUNDLE_BYTES.toLocaleString('en')} B`,
      met: bundle.extensionJsBytes <= MAX_BUNDLE_BYTES,
    },
    { figure: 'VSIX', value: bundle.vsix ? `${bundle.vsix.bytes.toLocaleString('en')} B (${bundle.vsix.file})` : 'not built', target: '' },
    {
      figure: `Audience picker, ${picker.entries.toLocaleString('en')} pasted numbers (local and international), one keystroke, median`,
      value: ms(picker.medianMs),
      target: `≤ ${ms(MAX_PICKER_MS)}`,
      met: picker.medianMs <= MAX_PICKER_MS,
    },
  ];
}

function printTable(rows: Row[]): void {
  const cells = rows.map((row) => [
    row.figure,
    row.value,
    row.target,
    row.met === undefined ? '' : row.met === null ? 'NOT MEASURED' : row.met ? 'met' : 'MISSED',
  ]);
  const header = ['Figure', 'Value', 'Target', 'Result'];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column].length)));
  const line = (cell: string[]) =>
    cell
      .map((text, column) => text.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  console.log(`\n${line(header)}\n${widths.map((width) => '─'.repeat(width)).join('  ')}`);
  for (const cell of cells) console.log(line(cell));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value below which a fraction `q` of `values` lies, interpolating between neighbours (the median is q = 0.5). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  return sorted[below] + (sorted[Math.min(below + 1, sorted.length - 1)] - sorted[below]) * (at - below);
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

main()
  .catch((error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(cleanUp);
