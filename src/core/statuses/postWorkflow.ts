import { GreenApiError, mayHaveBeenQueued } from '../greenApi/errors';
import type { GreenApiClient } from '../greenApi/client';
import type { SendMediaStatusRequest, UploadSource } from '../greenApi/types';
import type { Logger } from '../common/log';
import type { MetadataFindings } from '../privacy';
import { statusFileName } from '../media/statusFileTypes';
import type { TextStatus } from './textStatus';
import { BACK, runSteps, withAnswer, type Step, type StepAnswer, type StepPosition, type StepsPlacement } from '../common/steps';

/** What a status file is sent as: its type (which also names it to GREEN-API) and size. */
export interface StatusFile {
  readonly mimeType: string;
  readonly size: number;
}

/** A status to post: a file that passed its status rules and can be opened for upload, or a text with no file. */
export interface PostTarget<F extends StatusFile = StatusFile> {
  /** How the status is named to the person (a workspace-relative path). */
  readonly label: string;
  readonly file: F;
  /** The bytes to upload; absent for a text status, which is sent as it is. */
  readonly source?: UploadSource;
  /** What was found and is left out of the upload; absent when the file is sent as it is. */
  readonly metadata?: MetadataFindings;
  /** Re-checks, just before sending, that the file on disk is still the one uploaded. */
  unchanged?(): Promise<boolean>;
}

/** What the person chose: `details` is per kind of status (a caption for media, a background colour for voice). */
export interface PostAnswers<D> {
  readonly details: D;
  /** Chat ids; empty means all contacts. */
  readonly participants: readonly string[];
}

export interface PostSummary<D> extends PostAnswers<D> {
  readonly targets: readonly PostTarget[];
}

/**
 * The questions asked of the person, as numbered steps with Back: the kind's details, the audience, the confirmation.
 * `undefined` means they dismissed the prompt, which cancels the post.
 */
export interface PostPrompts<D> {
  /** The kind's details, over `detailSteps` of the steps (one when absent); re-entered at their last after a Back. */
  details(targets: readonly PostTarget[], signal: AbortSignal, placement: StepsPlacement, previous?: D): Promise<StepAnswer<D>>;
  readonly detailSteps?: number;
  /** Chat ids, [] for all contacts; `previous` is the audience chosen before a Back. */
  participants(signal: AbortSignal, position: StepPosition, previous?: readonly string[]): Promise<StepAnswer<string[]>>;
  /** True to post; false when declined. */
  confirm(summary: PostSummary<D>, signal: AbortSignal, position: StepPosition): Promise<boolean | typeof BACK>;
}

export type ProgressUpdate =
  | {
      readonly phase: 'uploading';
      readonly index: number;
      readonly count: number;
      readonly label: string;
      readonly sentBytes: number;
      readonly totalBytes: number;
    }
  | { readonly phase: 'posting'; readonly index: number; readonly count: number; readonly label: string };

/**
 * Sends one status (sendMediaStatus, sendVoiceStatus with the uploaded file's link; sendTextStatus with none); never
 * repeated after an ambiguous failure.
 */
export type SendStatus<D> = (request: { target: PostTarget; urlFile?: string } & PostAnswers<D>, signal: AbortSignal) => Promise<{ idMessage: string }>;

export interface PostServices<D> {
  readonly upload: Pick<GreenApiClient, 'uploadFile'>;
  readonly send: SendStatus<D>;
  readonly prompts: PostPrompts<D>;
  readonly progress: { report(update: ProgressUpdate): void };
  readonly log: Logger;
  readonly clock: { now(): number };
  readonly confirmBeforePosting: boolean;
  /**
   * Whether to send at all, asked once the answers are in: checks the host ran while the person typed (the
   * instance's state), so no prompt waits for them. False: nothing is sent, and the host has said why.
   */
  readonly ready?: () => Promise<boolean>;
  /** Answers given earlier (Retry failed): no prompt and no confirmation. */
  readonly answers?: PostAnswers<D>;
  /** When the first upload may start (the host's moment after its first prompt went out); without it, at once. */
  readonly firstUploadAfter?: Promise<void>;
  /** Cancels everything: prompts, uploads and (where still possible) the send. */
  readonly signal: AbortSignal;
}

export type FileResult =
  | { readonly status: 'posted'; readonly target: PostTarget; readonly idMessage: string }
  /** `error.outcome === 'unknown'` on the send: the status may be queued anyway; never resent on our own. */
  | { readonly status: 'failed'; readonly target: PostTarget; readonly error: GreenApiError }
  | { readonly status: 'skipped'; readonly target: PostTarget };

export type PostResult<D> =
  /** Nothing was posted: the person backed out, or (`explained`) the host's readiness check said why not. */
  | { readonly status: 'cancelled'; readonly explained?: boolean }
  /** `summary` is absent when the first upload failed before the person finished answering. */
  | { readonly status: 'finished'; readonly summary?: PostSummary<D>; readonly results: readonly FileResult[] };

/** `urlFile` is absent for a target with nothing to upload. */
type UploadOutcome = { ok: true; urlFile?: string } | { ok: false; error: GreenApiError };

const PROGRESS_INTERVAL_MS = 250;

/**
 * Posts one or more files as statuses with one set of answers. The first upload starts at once (or when
 * `firstUploadAfter` settles) and runs while the person answers, so posting waits for max(upload, typing) rather than
 * their sum. Files are sent one after another,
 * each uploading while the one before it is sent; a failure of one does not stop the rest, a cancel does.
 */
export async function postStatuses<D>(targets: readonly PostTarget[], services: PostServices<D>): Promise<PostResult<D>> {
  const { log, prompts } = services;
  // `operation` stops uploads and sends; `promptsAbort` also closes an open prompt when the first upload fails.
  const operation = linkedController(services.signal);
  const promptsAbort = linkedController(operation.signal);
  const run: RunContext<D> = { ...services, signal: operation.signal, count: targets.length };
  const firstUpload = startWhen(services.firstUploadAfter, operation.signal, () => upload(targets[0], 0, run)).then((outcome) => {
    if (!outcome.ok) promptsAbort.abort();
    return outcome;
  });
  // The upload under way (the first, then the one ahead of the send); awaited before the post returns.
  let uploading = firstUpload;
  try {
    const answers = services.answers ?? (await ask(targets, prompts, promptsAbort.signal, services.confirmBeforePosting));
    const answered = services.clock.now();
    if (!isAnswered(answers)) {
      operation.abort();
      const outcome = await firstUpload;
      if (!outcome.ok && outcome.error.kind !== 'cancelled') {
        return { status: 'finished', results: [{ status: 'failed', target: targets[0], error: outcome.error }] };
      }
      log.info(answers === 'declined' ? 'Post not confirmed; nothing was posted' : 'Post cancelled at the prompts; nothing was posted');
      return { status: 'cancelled' };
    }

    const summary: PostSummary<D> = { targets, ...answers };
    if (services.ready && !(await services.ready())) {
      log.info('Not ready to send; nothing was posted');
      return { status: 'cancelled', explained: true };
    }

    const results: FileResult[] = [];
    for (const [index, target] of targets.entries()) {
      if (operation.signal.aborted) {
        results.push({ status: 'skipped', target });
        continue;
      }
      const uploaded = await uploading;
      // The next file uploads while this one is sent: one upload ahead keeps the sends busy, and a cancel wastes at most one.
      if (index + 1 < targets.length && !operation.signal.aborted) uploading = upload(targets[index + 1], index + 1, run);
      const result: FileResult = uploaded.ok ? await send(target, uploaded.urlFile, answers, index, run) : { status: 'failed', target, error: uploaded.error };
      results.push(result);
      if (result.status === 'posted' && index === 0) log.info(`First status queued ${services.clock.now() - answered} ms after the last answer`);
    }
    const anythingMayBePosted = results.some((result) => result.status === 'posted' || (result.status === 'failed' && mayHaveBeenQueued(result.error)));
    if (operation.signal.aborted && !anythingMayBePosted) {
      log.info('Post cancelled while uploading; nothing was posted');
      return { status: 'cancelled' };
    }
    return { status: 'finished', summary, results };
  } finally {
    // After a cancel (or a throw) during a send, the upload started ahead of it is still running: stop it.
    operation.abort();
    await uploading;
    operation.dispose();
    promptsAbort.dispose();
  }
}

type Asked<D> = PostAnswers<D> | 'dismissed' | 'declined';

function isAnswered<D>(asked: Asked<D>): asked is PostAnswers<D> {
  return asked !== 'dismissed' && asked !== 'declined';
}

/** The details, the audience and (when `confirming`) the confirmation, as numbered steps with Back between them. */
async function ask<D>(targets: readonly PostTarget[], prompts: PostPrompts<D>, signal: AbortSignal, confirming: boolean): Promise<Asked<D>> {
  const detailSteps = prompts.detailSteps ?? 1;
  const totalSteps = detailSteps + 1 + (confirming ? 1 : 0);
  let declined = false;
  const steps: Array<Step<Partial<PostAnswers<D>>>> = [
    async (draft) => {
      const placement = { first: { step: 1, totalSteps }, fromLast: draft.details !== undefined };
      return withAnswer(draft, 'details', (await prompts.details(targets, signal, placement, draft.details)) as StepAnswer<NonNullable<D>>);
    },
    async (draft) => withAnswer(draft, 'participants', await prompts.participants(signal, { step: detailSteps + 1, totalSteps }, draft.participants)),
  ];
  if (confirming) {
    steps.push(async (draft) => {
      const answer = await prompts.confirm({ targets, ...(draft as PostAnswers<D>) }, signal, { step: totalSteps, totalSteps });
      declined = answer === false;
      return answer === true ? draft : answer === BACK ? BACK : undefined;
    });
  }
  const answers = await runSteps(steps, {});
  if (answers === undefined || answers === BACK) return declined ? 'declined' : 'dismissed';
  return answers as PostAnswers<D>;
}

interface RunContext<D> extends PostServices<D> {
  readonly count: number;
}

/** Runs `start` once `after` settles; a post cancelled before that uploads nothing. */
async function startWhen(after: Promise<void> | undefined, signal: AbortSignal, start: () => Promise<UploadOutcome>): Promise<UploadOutcome> {
  if (after && !signal.aborted) {
    let onAbort = () => {};
    await Promise.race([after, new Promise<void>((resolve) => signal.addEventListener('abort', (onAbort = () => resolve()), { once: true }))]);
    signal.removeEventListener('abort', onAbort);
  }
  if (signal.aborted) return { ok: false, error: new GreenApiError({ kind: 'cancelled', apiMethod: 'uploadFile', outcome: 'not-sent' }) };
  return start();
}

/** An AbortController that also aborts when `parent` does; dispose() detaches it. */
function linkedController(parent: AbortSignal): AbortController & { dispose(): void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  if (parent.aborted) controller.abort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return Object.assign(controller, { dispose: () => parent.removeEventListener('abort', onAbort) });
}

async function upload<D>(target: PostTarget, index: number, services: RunContext<D>): Promise<UploadOutcome> {
  const { count } = services;
  if (!target.source) return { ok: true };
  let lastReport = 0;
  try {
    const { urlFile } = await services.upload.uploadFile(target.source, {
      signal: services.signal,
      onProgress(sentBytes, totalBytes) {
        const now = services.clock.now();
        if (sentBytes < totalBytes && now - lastReport < PROGRESS_INTERVAL_MS) return;
        lastReport = now;
        services.progress.report({ phase: 'uploading', index, count, label: target.label, sentBytes, totalBytes });
      },
    });
    services.log.info(`Uploaded file ${index + 1} of ${count} (${target.file.size} bytes)`);
    return { ok: true, urlFile };
  } catch (error) {
    return { ok: false, error: asGreenApiError(error, 'uploadFile') };
  }
}

async function send<D>(target: PostTarget, urlFile: string | undefined, answers: PostAnswers<D>, index: number, services: RunContext<D>): Promise<FileResult> {
  if (target.unchanged && !(await target.unchanged())) {
    return { status: 'failed', target, error: new GreenApiError({ kind: 'file-changed', apiMethod: 'uploadFile', outcome: 'not-sent' }) };
  }
  services.progress.report({ phase: 'posting', index, count: services.count, label: target.label });
  try {
    const { idMessage } = await services.send({ target, urlFile, ...answers }, services.signal);
    return { status: 'posted', target, idMessage };
  } catch (error) {
    return { status: 'failed', target, error: asGreenApiError(error, 'send') };
  }
}

/** The client only throws GreenApiError; anything else is a bug we still must not show raw. */
function asGreenApiError(error: unknown, apiMethod: string): GreenApiError {
  return error instanceof GreenApiError ? error : new GreenApiError({ kind: 'unexpected-response', apiMethod, outcome: 'unknown' });
}

/** The details of a picture or video status. */
export interface MediaDetails {
  readonly caption: string;
}

/** The details of a voice status. */
export interface VoiceDetails {
  readonly backgroundColor: string;
}

/** The link a file's upload gave; a file status without one is a bug, refused before anything is sent. */
function uploaded(urlFile: string | undefined, apiMethod: string): string {
  if (urlFile === undefined) throw new GreenApiError({ kind: 'unexpected-response', apiMethod, outcome: 'not-sent' });
  return urlFile;
}

/** sendMediaStatus for {@link postStatuses}. */
export function sendMediaStatusWith(client: Pick<GreenApiClient, 'sendMediaStatus'>): SendStatus<MediaDetails> {
  return ({ target, urlFile, details, participants }, signal) => {
    const request: SendMediaStatusRequest = {
      urlFile: uploaded(urlFile, 'sendMediaStatus'),
      fileName: statusFileName(target.file.mimeType),
      caption: details.caption,
      participants,
    };
    return client.sendMediaStatus(request, { signal });
  };
}

/** sendVoiceStatus for {@link postStatuses}. */
export function sendVoiceStatusWith(client: Pick<GreenApiClient, 'sendVoiceStatus'>): SendStatus<VoiceDetails> {
  return ({ target, urlFile, details, participants }, signal) =>
    client.sendVoiceStatus(
      { urlFile: uploaded(urlFile, 'sendVoiceStatus'), fileName: statusFileName(target.file.mimeType), backgroundColor: details.backgroundColor, participants },
      { signal },
    );
}

/** sendTextStatus for {@link postStatuses}: the text is the status, nothing was uploaded. */
export function sendTextStatusWith(client: Pick<GreenApiClient, 'sendTextStatus'>): SendStatus<TextStatus> {
  return ({ details, participants }, signal) => client.sendTextStatus({ ...details, participants }, { signal });
}
