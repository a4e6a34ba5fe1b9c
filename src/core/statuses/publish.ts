import type { Logger } from '../common/log';
import { formatBytes } from '../common/format';
import { BACK, type StepAnswer, type StepPosition, type StepsPlacement } from '../common/steps';
import type { GreenApiClient } from '../greenApi/client';
import type { MediaFacts, PreflightWarning } from '../media/preflight';
import { describeFindings } from '../privacy';
import type { PostedStatus, StatusKind } from '../store/history';
import { withUploadCache, type UploadCache } from '../store/uploadCache';
import {
  postStatuses,
  type FileResult,
  type PostAnswers,
  type PostResult,
  type PostSummary,
  type PostTarget,
  type ProgressUpdate,
  type SendStatus,
  type StatusFile,
} from './postWorkflow';

/** What differs between kinds of status once the answers are in: how one is sent, and what the history keeps of it. */
export interface StatusKindRules<D> {
  readonly kind: StatusKind;
  send(client: GreenApiClient): SendStatus<D>;
  /** The text kept in the history to recognise the status by (a caption, a text status's message), if any. */
  caption(details: D): string | undefined;
}

/** Pictures and videos, voice, code images: a file each, and advice read from the file's content. */
export interface FileStatusKind<D> extends StatusKindRules<D> {
  readonly kind: Extract<StatusKind, 'media' | 'voice' | 'code'>;
  warnings(facts: MediaFacts): PreflightWarning[];
}

/** A status with nothing to upload: its warnings come from its details (a font that lacks the text's letters). */
export interface TextStatusKind<D, W> extends StatusKindRules<D> {
  readonly kind: Extract<StatusKind, 'text'>;
  warnings(details: D): W[];
}

/** A chosen file checked against its kind's rules: something to post, or why it cannot be (`P`, the host's words). */
export type ResolvedFile<F extends StatusFile, P> = { ok: true; target: PostTarget<F> } | { ok: false; label: string; problem: P };

/** A pre-flight warning about one file. */
export interface FileWarning {
  readonly label: string;
  readonly warning: PreflightWarning;
}

/** The questions of a post, as the host asks them; `W` is what a warning says. */
export interface PublishPrompts<D, W> {
  /** For several files: one set of answers for all, or asked per file. */
  batchMode(count: number): Promise<'shared' | 'per-file' | undefined>;
  /** The kind's details, over `detailSteps` of the numbered steps (one when absent). */
  details(targets: readonly PostTarget[], signal: AbortSignal, placement: StepsPlacement, previous?: D): Promise<StepAnswer<D>>;
  readonly detailSteps?: number;
  participants(signal: AbortSignal, position: StepPosition, previous?: readonly string[]): Promise<StepAnswer<string[]>>;
  /** The confirmation, which also shows the warnings: accepting the post accepts them. */
  confirm(summary: PostSummary<D>, warnings: readonly W[], signal: AbortSignal, position: StepPosition): Promise<boolean | typeof BACK>;
  /** The warnings as a question of their own, when no confirmation shows them; true to post anyway. */
  acceptWarnings(warnings: readonly W[]): Promise<boolean>;
}

/** What the host answers for any post. The workflows below own the order; the host owns the words and the screen. */
export interface StatusHost<D, W> {
  readonly log: Logger;
  readonly clock: { now(): number };
  /** Upload links by content, reused while they live. */
  readonly uploads: UploadCache;
  readonly confirmBeforePosting: boolean;
  /** A client for the stored credentials; undefined once the host has said why there is none. */
  connect(): Promise<GreenApiClient | undefined>;
  /** Starts the instance's state check; the answer says whether to send (false: the host has said why not). */
  checkInstance(client: GreenApiClient): () => Promise<boolean>;
  prompts(client: GreenApiClient): PublishPrompts<D, W>;
  /** Runs one set of answers' posting (questions included, as uploads start at once) under a progress display. */
  withProgress<T>(task: (progress: { report(update: ProgressUpdate): void }, signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Keeps a posted status in the history and follows it. */
  remember(posted: PostedStatus): Promise<void>;
  /** Tells the person that nothing was posted because they backed out. */
  cancelled(): void;
  /** Shows what happened to each status; `answers` lets the host retry the failed ones without asking again. */
  report(results: readonly FileResult[], answers: PostAnswers<D> | undefined): void;
  /** Called when a first question is on its way to the screen. */
  firstPrompt?(): void;
}

/** What the host answers for a post of files, besides what every post needs. */
export interface FileHost<F extends StatusFile, D, P> extends StatusHost<D, FileWarning> {
  /** Reads and checks the chosen files; sends no request. */
  resolve(): Promise<Array<ResolvedFile<F, P>>>;
  /** What a file's content says, for pre-flight advice; read while the person answers. */
  facts(target: PostTarget<F>): Promise<MediaFacts>;
  /** Tells the person why nothing was posted: these files cannot be. */
  refuse(problems: ReadonlyArray<{ label: string; problem: P }>, total: number): void;
}

/**
 * How long after the first prompt went out the work that can wait starts: the instance check (whose request, the
 * session's first, also loads the HTTP stack), the pre-flight facts and the first upload. Started with the prompt, the
 * check held the caption box back 10–25 ms in the workbench, and the upload's start (opening the file, its first
 * request) kept the extension host busy 7–10 ms after the box was asked for; nobody answers the prompts this fast.
 */
export const AFTER_FIRST_PROMPT_MS = 300;

/**
 * Posts files as statuses, end to end: checks every file before any request, connects, asks (one set of answers for
 * all, or per file), uploads while the person answers, sends, records each posted status and reports. Pre-flight
 * advice is read while the person answers and shown before anything is sent. `answers` (Retry Failed) skips every
 * question.
 */
export async function publishFiles<F extends StatusFile, D, P>(host: FileHost<F, D, P>, kind: FileStatusKind<D>, answers?: PostAnswers<D>): Promise<void> {
  const resolved = await host.resolve();
  const problems = resolved.flatMap((item) => (item.ok ? [] : [{ label: item.label, problem: item.problem }]));
  if (problems.length) {
    host.refuse(problems, resolved.length);
    host.log.warn(`Post refused before any request: ${problems.length} of ${resolved.length} file(s) invalid`);
    return;
  }
  const targets = resolved.flatMap((item) => (item.ok ? [item.target] : []));
  for (const [index, target] of targets.entries()) {
    if (target.metadata) host.log.info(`Metadata of file ${index + 1} of ${targets.length}: ${describeFindings(target.metadata)}`);
  }
  // Advice only, so no prompt waits for it: read while the person answers, shown before anything is sent.
  const advice = answers ? undefined : preflightAdvice(host, kind, targets);

  const client = await host.connect();
  if (!client) return;
  const instance = instanceCheck(host, client);
  const prompts = host.prompts(client);
  const mode = answers || targets.length === 1 ? 'shared' : await prompts.batchMode(targets.length);
  if (!mode) return;
  const batches = mode === 'shared' ? [targets] : targets.map((target) => [target]);
  const results: FileResult[] = [];
  let lastAnswers = answers;
  for (const batch of batches) {
    const outcome = await postBatch(host, client, kind, prompts, batch, { answers, instance, advice });
    if (outcome.status === 'cancelled') {
      if (!results.length && !outcome.explained) host.cancelled();
      break;
    }
    results.push(...outcome.results);
    lastAnswers = outcome.summary ?? lastAnswers;
  }
  instance.stop();
  if (results.length) host.report(results, lastAnswers);
}

/** What a text status is to the workflow: one status, nothing to upload. */
const TEXT_TARGET: PostTarget = { label: 'text status', file: { mimeType: 'text/plain', size: 0 } };

/**
 * Posts a text status through the same workflow as files: connects, asks (the text's own steps, the audience, the
 * confirmation with the warnings its details carry), sends, records and reports. The instance check starts once the
 * text is written, so text that cannot be posted sends no request. `answers` (Retry) skips every question.
 */
export async function publishText<D, W>(host: StatusHost<D, W>, kind: TextStatusKind<D, W>, answers?: PostAnswers<D>): Promise<void> {
  const client = await host.connect();
  if (!client) return;
  // Started once the text is in (at the audience), not by the text box: text that cannot be posted sends no request.
  const instance = instanceCheck(host, client, false);
  const prompts = host.prompts(client);
  const checkingPrompts: PublishPrompts<D, W> = {
    ...prompts,
    participants: (signal, position, previous) => {
      instance.start();
      return prompts.participants(signal, position, previous);
    },
  };
  const advice: Advice<D, W> = { start: () => undefined, about: async (_targets, details) => kind.warnings(details) };
  const outcome = await postBatch(host, client, kind, checkingPrompts, [TEXT_TARGET], { answers, instance, advice });
  if (outcome.status === 'cancelled') {
    if (!outcome.explained) host.cancelled();
    return;
  }
  host.report(outcome.results, outcome.summary ?? answers);
}

/** Warnings read while the person answers and shown before anything is sent. */
interface Advice<D, W> {
  /** Starts reading, once the prompt just asked for is on screen. */
  start(): void;
  /** The warnings about these targets with these details (read now if not read yet). */
  about(targets: readonly PostTarget[], details: D): Promise<W[]>;
}

/**
 * Pre-flight advice (ratio, length, audio in the wrong place). Reading it loads the media readers and part of each
 * file: the first prompt must not wait for that, nor share the CPU with it while it is being drawn. An unreadable
 * file gives no advice (the upload reports it).
 */
function preflightAdvice<F extends StatusFile, D, P>(
  host: FileHost<F, D, P>,
  kind: FileStatusKind<D>,
  targets: ReadonlyArray<PostTarget<F>>,
): Advice<D, FileWarning> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let read: Promise<Map<PostTarget, FileWarning[]>> | undefined;
  const readAll = () => {
    clearTimeout(timer);
    return (read ??= (async () => {
      const found = new Map<PostTarget, FileWarning[]>();
      for (const target of targets) {
        const facts = await host.facts(target).catch((error: unknown) => {
          host.log.warn(`Pre-flight: facts unreadable (${error instanceof Error ? error.message : String(error)})`);
          return {};
        });
        found.set(
          target,
          kind.warnings(facts).map((warning) => ({ label: target.label, warning })),
        );
      }
      return found;
    })());
  };
  return {
    start: () => {
      timer ??= setTimeout(() => void readAll(), AFTER_FIRST_PROMPT_MS);
    },
    about: async (asked) => {
      const found = await readAll();
      return asked.flatMap((target) => found.get(target) ?? []);
    },
  };
}

/** The instance's state check, started while the person answers; `ready` says whether to send (starting it if need be). */
interface InstanceCheck {
  /** Starts it now. */
  start(): void;
  /** Starts it {@link AFTER_FIRST_PROMPT_MS} after the first prompt (if this post's check starts with its first prompt). */
  startAfterFirstPrompt(): void;
  ready(): Promise<boolean>;
  /** The post is over: a check not started by now is not needed. */
  stop(): void;
}

/**
 * The instance check of a post. Its request starts a moment after the first prompt went out when `withFirstPrompt`, so
 * the box does not wait for it; otherwise when `start()` is called; without prompts (Retry), or when the person answered
 * within that moment, when sending asks.
 */
function instanceCheck<D, W>(host: StatusHost<D, W>, client: GreenApiClient, withFirstPrompt = true): InstanceCheck {
  const check = afterFirstPrompt(() => host.checkInstance(client));
  return {
    start: () => void check.now(),
    startAfterFirstPrompt: () => {
      if (withFirstPrompt) check.promptOut();
    },
    ready: () => check.now()(),
    stop: check.stop,
  };
}

/** Work that can wait for the prompts: run once, {@link AFTER_FIRST_PROMPT_MS} after the first prompt went out or when `now()` asks. */
interface AfterFirstPrompt<T> {
  /** The first prompt went out: the work runs a moment later, unless it ran already. */
  promptOut(): void;
  /** Runs the work now if it has not run; its result. */
  now(): T;
  /** The work is no longer needed if it has not started. */
  stop(): void;
}

function afterFirstPrompt<T>(work: () => T): AfterFirstPrompt<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ran: { readonly result: T } | undefined;
  const now = () => {
    clearTimeout(timer);
    ran ??= { result: work() };
    return ran.result;
  };
  return {
    promptOut: () => void (timer ??= setTimeout(now, AFTER_FIRST_PROMPT_MS)),
    now,
    stop: () => clearTimeout(timer),
  };
}

interface BatchContext<D, W> {
  readonly answers: PostAnswers<D> | undefined;
  readonly instance: InstanceCheck;
  readonly advice: Advice<D, W> | undefined;
}

/** One set of answers for these targets: asked, uploaded, sent and recorded under one progress display. */
async function postBatch<D, W>(
  host: StatusHost<D, W>,
  client: GreenApiClient,
  kind: StatusKindRules<D>,
  prompts: PublishPrompts<D, W>,
  targets: readonly PostTarget[],
  { answers, instance, advice }: BatchContext<D, W>,
): Promise<PostResult<D>> {
  // Shown with the confirmation when there is one, else asked on their own once the answers are in.
  let warned = false;
  let answered = answers?.details;
  const warnings = async () => (advice && answered !== undefined ? advice.about(targets, answered) : []);
  host.log.info(`Posting ${targets.length} ${kind.kind} status(es), ${formatBytes(targets.reduce((sum, target) => sum + target.file.size, 0))}`);
  // The first upload starts with the moment after the first prompt, or with the details when they come sooner.
  let openUploads = () => {};
  const firstUploadAfter = answers ? undefined : new Promise<void>((resolve) => (openUploads = resolve));
  const firstUpload = afterFirstPrompt(() => openUploads());
  return host.withProgress(async (progress, signal) => {
    const result = await postStatuses<D>(targets, {
      firstUploadAfter,
      upload: withUploadCache(client, host.uploads, `${client.mediaUrl} ${client.idInstance}`, host.log),
      send: kind.send(client),
      prompts: {
        detailSteps: prompts.detailSteps,
        details: async (asked, promptSignal, placement, previous) => {
          const details = prompts.details(asked, promptSignal, placement, previous);
          host.firstPrompt?.();
          instance.startAfterFirstPrompt();
          firstUpload.promptOut();
          advice?.start();
          const answer = await details;
          if (answer !== undefined && answer !== BACK) {
            answered = answer as D;
            firstUpload.now();
          }
          return answer;
        },
        participants: (promptSignal, position, previous) => prompts.participants(promptSignal, position, previous),
        confirm: async (summary, promptSignal, position) => {
          const found = await warnings();
          warned = true;
          if (found.length) host.log.info(`Pre-flight: ${found.length} warning(s)`);
          return prompts.confirm(summary, found, promptSignal, position);
        },
      },
      progress,
      log: host.log,
      clock: host.clock,
      confirmBeforePosting: host.confirmBeforePosting,
      ready: async () => (warned || (await acceptWarnings(host, prompts, await warnings()))) && instance.ready(),
      answers,
      signal,
    });
    firstUpload.stop();
    if (result.status === 'finished') await remember(host, client.idInstance, kind, result.results, result.summary);
    return result;
  });
}

async function acceptWarnings<D, W>(host: StatusHost<D, W>, prompts: PublishPrompts<D, W>, found: readonly W[]): Promise<boolean> {
  if (!found.length) return true;
  host.log.info(`Pre-flight: ${found.length} warning(s)`);
  return prompts.acceptWarnings(found);
}

/** Each posted status goes into the history: no content, no numbers. */
async function remember<D, W>(
  host: StatusHost<D, W>,
  instance: string,
  { kind, caption }: StatusKindRules<D>,
  results: readonly FileResult[],
  summary: PostAnswers<D> | undefined,
): Promise<void> {
  for (const result of results) {
    if (result.status !== 'posted') continue;
    await host.remember({
      idMessage: result.idMessage,
      instance,
      postedAt: host.clock.now(),
      kind,
      // A text status has no file to name.
      fileName: result.target.source ? result.target.label : undefined,
      caption: summary && caption(summary.details),
      participants: summary?.participants ?? [],
    });
  }
}
