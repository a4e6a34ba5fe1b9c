import { GreenApiError } from './errors';
import type { GreenApiClient, UploadSource } from './greenApiClient';
import type { Logger } from './log';
import type { MediaFile } from './media';

/** A file that passed the media rules and can be opened for upload. */
export interface PostTarget {
  /** How the file is named to the person (a workspace-relative path). */
  readonly label: string;
  readonly media: MediaFile;
  readonly source: UploadSource;
  /** Re-checks, just before sending, that the file on disk is still the one uploaded. */
  unchanged?(): Promise<boolean>;
}

export interface PostSummary {
  readonly targets: readonly PostTarget[];
  readonly caption: string;
  /** Chat ids; empty means all contacts. */
  readonly participants: readonly string[];
}

/** The questions asked of the person; `undefined` means they dismissed the prompt. */
export interface PostPrompts {
  caption(targets: readonly PostTarget[], signal: AbortSignal): Promise<string | undefined>;
  participants(signal: AbortSignal): Promise<string[] | undefined>;
  confirm(summary: PostSummary, signal: AbortSignal): Promise<boolean>;
}

export type ProgressUpdate =
  | { readonly phase: 'uploading'; readonly index: number; readonly count: number; readonly label: string; readonly sentBytes: number; readonly totalBytes: number }
  | { readonly phase: 'posting'; readonly index: number; readonly count: number; readonly label: string };

export interface PostServices {
  readonly client: Pick<GreenApiClient, 'uploadFile' | 'sendMediaStatus'>;
  readonly prompts: PostPrompts;
  readonly progress: { report(update: ProgressUpdate): void };
  readonly log: Logger;
  readonly clock: { now(): number };
  readonly confirmBeforePosting: boolean;
  /** Cancels everything: prompts, uploads and (where still possible) the send. */
  readonly signal: AbortSignal;
}

export type FileResult =
  | { readonly status: 'posted'; readonly target: PostTarget; readonly idMessage: string }
  /** `error.outcome === 'unknown'` on sendMediaStatus: the status may be queued anyway; never resent on our own. */
  | { readonly status: 'failed'; readonly target: PostTarget; readonly error: GreenApiError }
  | { readonly status: 'skipped'; readonly target: PostTarget };

export type PostResult =
  /** The person backed out before anything was sent to sendMediaStatus: nothing was posted. */
  | { readonly status: 'cancelled' }
  | { readonly status: 'finished'; readonly summary: PostSummary; readonly results: readonly FileResult[] };

type UploadOutcome = { ok: true; urlFile: string } | { ok: false; error: GreenApiError };

const PROGRESS_INTERVAL_MS = 250;

/**
 * Posts one or more files as statuses with one caption and audience. The first upload starts at once and runs
 * while the person types, so posting waits for max(upload, typing) rather than their sum. Files are posted one
 * after another; a failure of one does not stop the rest, a cancel does.
 */
export async function postMediaStatuses(targets: readonly PostTarget[], services: PostServices): Promise<PostResult> {
  const { log, prompts } = services;
  // `operation` stops uploads and sends; `promptsAbort` also closes an open prompt when the first upload fails.
  const operation = linkedController(services.signal);
  const promptsAbort = linkedController(operation.signal);
  const run: RunContext = { ...services, signal: operation.signal, count: targets.length };
  try {
    const firstUpload = upload(targets[0], 0, run).then((outcome) => {
      if (!outcome.ok) promptsAbort.abort();
      return outcome;
    });

    const caption = await prompts.caption(targets, promptsAbort.signal);
    const participants = caption === undefined ? undefined : await prompts.participants(promptsAbort.signal);
    const answered = services.clock.now();
    if (caption === undefined || participants === undefined) {
      operation.abort();
      const outcome = await firstUpload;
      if (!outcome.ok && outcome.error.kind !== 'cancelled') {
        const summary = { targets, caption: caption ?? '', participants: participants ?? [] };
        return { status: 'finished', summary, results: [{ status: 'failed', target: targets[0], error: outcome.error }] };
      }
      log.info('Post cancelled at the prompts; nothing was posted');
      return { status: 'cancelled' };
    }

    const summary: PostSummary = { targets, caption, participants };
    if (services.confirmBeforePosting && !(await prompts.confirm(summary, promptsAbort.signal))) {
      operation.abort();
      await firstUpload;
      log.info('Post not confirmed; nothing was posted');
      return { status: 'cancelled' };
    }

    const results: FileResult[] = [];
    for (const [index, target] of targets.entries()) {
      if (operation.signal.aborted) {
        results.push({ status: 'skipped', target });
        continue;
      }
      const uploaded = index === 0 ? await firstUpload : await upload(target, index, run);
      const result: FileResult = uploaded.ok ? await send(target, uploaded.urlFile, summary, index, run) : { status: 'failed', target, error: uploaded.error };
      results.push(result);
      if (result.status === 'posted' && index === 0) log.info(`First status queued ${services.clock.now() - answered} ms after the last answer`);
    }
    const anythingMayBePosted = results.some((result) => result.status === 'posted' || (result.status === 'failed' && result.error.outcome === 'unknown' && result.error.apiMethod === 'sendMediaStatus'));
    if (operation.signal.aborted && !anythingMayBePosted) {
      log.info('Post cancelled while uploading; nothing was posted');
      return { status: 'cancelled' };
    }
    return { status: 'finished', summary, results };
  } finally {
    operation.dispose();
    promptsAbort.dispose();
  }
}

interface RunContext extends PostServices {
  readonly count: number;
}

/** An AbortController that also aborts when `parent` does; dispose() detaches it. */
function linkedController(parent: AbortSignal): AbortController & { dispose(): void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  if (parent.aborted) controller.abort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return Object.assign(controller, { dispose: () => parent.removeEventListener('abort', onAbort) });
}

async function upload(target: PostTarget, index: number, services: RunContext): Promise<UploadOutcome> {
  const { count } = services;
  let lastReport = 0;
  try {
    const { urlFile } = await services.client.uploadFile(target.source, {
      signal: services.signal,
      onProgress(sentBytes, totalBytes) {
        const now = services.clock.now();
        if (sentBytes < totalBytes && now - lastReport < PROGRESS_INTERVAL_MS) return;
        lastReport = now;
        services.progress.report({ phase: 'uploading', index, count, label: target.label, sentBytes, totalBytes });
      },
    });
    services.log.info(`Uploaded ${target.media.kind} ${index + 1} of ${count} (${target.media.size} bytes)`);
    return { ok: true, urlFile };
  } catch (error) {
    return { ok: false, error: asGreenApiError(error, 'uploadFile') };
  }
}

async function send(target: PostTarget, urlFile: string, summary: PostSummary, index: number, services: RunContext): Promise<FileResult> {
  if (target.unchanged && !(await target.unchanged())) {
    return { status: 'failed', target, error: new GreenApiError({ kind: 'file-changed', apiMethod: 'uploadFile', outcome: 'not-sent' }) };
  }
  services.progress.report({ phase: 'posting', index, count: services.count, label: target.label });
  try {
    const { idMessage } = await services.client.sendMediaStatus(
      { urlFile, fileName: target.media.fileName, caption: summary.caption, participants: summary.participants },
      { signal: services.signal },
    );
    return { status: 'posted', target, idMessage };
  } catch (error) {
    return { status: 'failed', target, error: asGreenApiError(error, 'sendMediaStatus') };
  }
}

/** The client only throws GreenApiError; anything else is a bug we still must not show raw. */
function asGreenApiError(error: unknown, apiMethod: string): GreenApiError {
  return error instanceof GreenApiError ? error : new GreenApiError({ kind: 'unexpected-response', apiMethod, outcome: 'unknown' });
}
