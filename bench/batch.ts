/**
 * A batch posted with one set of answers uploads each file while the one before it is sent, so it should take about as
 * long as its uploads alone plus the last send. Every answer of the emulator comes late, as from a distant server,
 * which makes the sends' waits, not loopback noise, what overlapping saves.
 */
import { performance } from 'node:perf_hooks';
import type { GreenApiClient } from '../src/core/greenApi/client';
import { postStatuses, type MediaDetails, type PostServices, type PostTarget } from '../src/core/statuses/postWorkflow';
import type { Emulator } from '../test/emulator';
import { randomFile } from '../test/unit/helpers';

const FILES = 10;
const FILE_BYTES = 5_000_000;
const ANSWER_DELAY_MS = 300;
// Each round posts 50 MB, then uploads it again alone: about 7 s.
const WARMUP_ROUNDS = 1;
const ROUNDS = 5;
/** The batch may take its uploads alone plus this many sends. */
export const MAX_BATCH_SENDS_OVER_UPLOADS = 1.5;

/** What run.ts measures the other posts with (client, targets, services, median), so the batch is measured alike. */
export interface BatchTools {
  readonly client: GreenApiClient;
  target(file: string, name: string): PostTarget;
  services(client: GreenApiClient): PostServices<MediaDetails>;
  median(values: number[]): number;
}

export async function benchBatch(emulator: Emulator, dir: string, tools: BatchTools) {
  console.log(
    `Posting a batch of ${FILES} × ${FILE_BYTES / 1e6} MB, every answer ${ANSWER_DELAY_MS} ms late, and the same uploads and a send alone: ${WARMUP_ROUNDS} warm-up + ${ROUNDS} rounds`,
  );
  const targets = Array.from({ length: FILES }, (_, i) => {
    const name = `batch-${i + 1}.mp4`;
    return tools.target(randomFile(dir, name, FILE_BYTES).file, name);
  });
  const runs = { batch: [] as number[], uploadsAlone: [] as number[], sendAlone: [] as number[] };
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    // Alternating which goes first spreads any drift evenly, as the other figures do.
    const batchFirst = round % 2 === 0;
    if (batchFirst) runs.batch.push(await postBatch(emulator, targets, tools));
    const alone = await uploadsAndSendAlone(emulator, targets, tools.client);
    if (!batchFirst) runs.batch.push(await postBatch(emulator, targets, tools));
    runs.uploadsAlone.push(alone.uploadsMs);
    runs.sendAlone.push(alone.sendMs);
  }
  emulator.reset();
  const series = (all: number[]) => {
    const runsMs = all.slice(WARMUP_ROUNDS);
    return { medianMs: tools.median(runsMs), runsMs };
  };
  const batch = series(runs.batch);
  const uploadsAlone = series(runs.uploadsAlone);
  const sendAlone = series(runs.sendAlone);
  return {
    files: FILES,
    fileBytes: FILE_BYTES,
    answerDelayMs: ANSWER_DELAY_MS,
    rounds: ROUNDS,
    batch,
    uploadsAlone,
    sendAlone,
    /** How many sends the batch took beyond its uploads alone. */
    sendsOverUploads: (batch.medianMs - uploadsAlone.medianMs) / sendAlone.medianMs,
    limitMs: uploadsAlone.medianMs + MAX_BATCH_SENDS_OVER_UPLOADS * sendAlone.medianMs,
  };
}

/** From now on (until the next reset) every GREEN-API answer comes ANSWER_DELAY_MS late; nothing stored is kept. */
function everyAnswerLate(emulator: Emulator): void {
  emulator.reset();
  emulator.fault({ method: '*', delayMs: ANSWER_DELAY_MS, times: 1000 });
}

/** The whole batch through the workflow, the answers given at once; fails the bench unless every file was posted, in order. */
async function postBatch(emulator: Emulator, targets: PostTarget[], tools: BatchTools): Promise<number> {
  everyAnswerLate(emulator);
  const started = performance.now();
  const result = await postStatuses(targets, tools.services(tools.client));
  const took = performance.now() - started;
  const posted = result.status === 'finished' ? result.results.filter((file) => file.status === 'posted').length : 0;
  const inOrder = emulator.statuses.every((status, i) => status.body.urlFile === emulator.uploads[i]?.urlFile);
  if (posted !== targets.length || emulator.statuses.length !== targets.length || !inOrder) {
    throw new Error(`batch: ${posted} of ${targets.length} files posted${inOrder ? '' : ', out of order'}`);
  }
  return took;
}

/** The sum of the same uploads made one after another, and one sendMediaStatus round trip. */
async function uploadsAndSendAlone(emulator: Emulator, targets: PostTarget[], client: GreenApiClient): Promise<{ uploadsMs: number; sendMs: number }> {
  everyAnswerLate(emulator);
  let uploadsMs = 0;
  let urlFile = '';
  for (const { source } of targets) {
    if (!source) throw new Error('a batch of files: every target has one to upload');
    const started = performance.now();
    ({ urlFile } = await client.uploadFile(source));
    uploadsMs += performance.now() - started;
  }
  const started = performance.now();
  await client.sendMediaStatus({ urlFile, fileName: 'status.mp4', caption: 'bench', participants: [] });
  return { uploadsMs, sendMs: performance.now() - started };
}
