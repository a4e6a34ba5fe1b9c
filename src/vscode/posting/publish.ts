import * as vscode from 'vscode';
import { mayHaveBeenQueued } from '../../core/greenApi/errors';
import { formatBytes } from '../../core/common/format';
import type { GreenApiClient } from '../../core/greenApi/client';
import type { StatusKind } from '../../core/store/history';
import type { PreflightWarning, MediaFacts } from '../../core/media/preflight';
import {
  postStatuses,
  type FileResult,
  type PostAnswers,
  type PostTarget,
  type ProgressUpdate,
  type SendStatus,
  type StatusFile,
} from '../../core/statuses/postWorkflow';
import type { StepAnswer, StepsPlacement } from '../../core/common/steps';
import { isRecord } from '../../core/common/json';
import { describeFindings } from '../../core/privacy';
import { selectedResources } from '../../core/common/selection';
import { withUploadCache } from '../../core/store/uploadCache';
import { firstTime } from '../platform/activationMarks';
import { askAudience } from './audience';
import { exclusively } from '../platform/busy';
import { refreshHistory } from '../views/history/historyView';
import { connect, startInstanceCheck } from './connection';
import { rememberPosted } from '../views/followUp';
import { resolveResource, type FileRules } from './fileTargets';
import { readFacts } from './mediaFacts';
import { describeError, describePreflightWarning, describeResourceProblem } from '../platform/messages';
import { showActionableError } from '../platform/notify';
import type { HostServices, PostOptions, StatusDetails } from '../platform/services';
import { readSettings } from '../platform/settings';

/** What differs between posting pictures/videos and posting voice: rules, warnings, the details asked, the send. */
export interface FileStatusKind<F extends StatusFile, D extends StatusDetails> {
  readonly kind: Extract<StatusKind, 'media' | 'voice' | 'code'>;
  readonly rules: FileRules<F>;
  warnings(facts: MediaFacts): PreflightWarning[];
  /** The kind's own question (a caption, a colour): the first of the post's steps. */
  details(services: HostServices, targets: readonly PostTarget[], signal: AbortSignal, placement: StepsPlacement, previous?: D): Promise<StepAnswer<D>>;
  send(client: GreenApiClient): SendStatus<D>;
}

/**
 * Checks the files' rules before any request, connects, and posts them: all with one set of answers or one by one.
 * Pre-flight warnings are read while the person answers and shown before anything is sent. `answers` (from Retry
 * failed) skips every question.
 */
export async function postFileStatuses<F extends StatusFile, D extends StatusDetails>(
  services: HostServices,
  uris: readonly vscode.Uri[],
  kind: FileStatusKind<F, D>,
  answers?: PostAnswers<D>,
  options: PostOptions = {},
): Promise<void> {
  firstTime('post/start');
  const stripMetadata = !readSettings().keepMetadata;
  const resolved = await Promise.all(uris.map((uri) => resolveResource(uri, kind.rules, { stripMetadata })));
  const problems = resolved.flatMap((item) => (item.ok ? [] : [`${item.label}: ${describeResourceProblem(item.problem)}`]));
  if (problems.length) {
    void services.notifier.error(
      resolved.length === 1
        ? vscode.l10n.t('Cannot post {0}', problems[0])
        : vscode.l10n.t('Cannot post these files, so nothing was posted: {0}', problems.join('; ')),
    );
    services.log.warn(`Post refused before any request: ${problems.length} of ${resolved.length} file(s) invalid`);
    return;
  }
  const targets = resolved.flatMap((item) => (item.ok ? [item] : []));
  for (const [index, { target }] of targets.entries()) {
    if (target.metadata) services.log.info(`Metadata of file ${index + 1} of ${targets.length}: ${describeFindings(target.metadata)}`);
  }
  // Advice only, so no prompt waits for it: read while the person answers, shown before anything is sent.
  const warnings = answers ? undefined : preflightWarnings(services, kind, targets);

  const client = await connect(services);
  if (!client) return;
  const ready = startInstanceCheck(services, client);
  const mode = answers || targets.length === 1 ? 'shared' : await services.prompts.batchMode(targets.length);
  if (!mode) return;
  const batches = mode === 'shared' ? [targets] : targets.map((target) => [target]);
  const results: FileResult[] = [];
  let lastAnswers = answers;
  for (const batch of batches) {
    const outcome = await runBatch(
      services,
      client,
      kind,
      batch.map((item) => item.target),
      answers,
      options,
      ready,
      warnings,
    );
    if (outcome.status === 'cancelled') {
      if (!results.length && !outcome.explained) void services.notifier.info(vscode.l10n.t('Cancelled; nothing was posted.'));
      break;
    }
    results.push(...outcome.results);
    lastAnswers = outcome.summary ?? lastAnswers;
  }
  if (!results.length) return;
  const uriOf = new Map(targets.map((item) => [item.target as PostTarget, item.uri]));
  // The retry runs later, from a notification, so it takes its turn like any other post.
  report(services, results, (failed) =>
    exclusively(services, () =>
      postFileStatuses(
        services,
        failed.map((target) => uriOf.get(target)!),
        kind,
        lastAnswers,
      ),
    ),
  );
}

/** How long after the first prompt opened the pre-flight facts are read: the box is drawn first, the answers come later. */
const FACTS_AFTER_PROMPT_MS = 300;

interface PreflightWarnings {
  /** Reads the files' facts soon, once the prompt just asked for is on screen. */
  start(): void;
  /** The warning lines for these files (read now if not read yet). */
  lines(targets: readonly PostTarget[]): Promise<string[]>;
}

/**
 * Pre-flight advice (ratio, length, audio in the wrong place). Reading it loads the media readers' bundle and part of
 * each file: the first prompt must not wait for that, nor share the CPU with it while it is being drawn. An
 * unreadable file gives no advice (the upload reports it).
 */
function preflightWarnings<F extends StatusFile, D extends StatusDetails>(
  services: HostServices,
  kind: FileStatusKind<F, D>,
  targets: ReadonlyArray<{ target: PostTarget<F>; uri: vscode.Uri }>,
): PreflightWarnings {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let read: Promise<Map<PostTarget, string[]>> | undefined;
  const readAll = () => {
    clearTimeout(timer);
    return (read ??= (async () => {
      const found = new Map<PostTarget, string[]>();
      for (const { target, uri } of targets) {
        const facts = await readFacts(uri).catch((error: unknown) => {
          services.log.warn(`Pre-flight: facts unreadable (${error instanceof Error ? error.message : String(error)})`);
          return {};
        });
        found.set(
          target,
          kind.warnings(facts).map((warning) => describePreflightWarning(target.label, warning)),
        );
      }
      return found;
    })());
  };
  return {
    start: () => {
      timer ??= setTimeout(() => void readAll(), FACTS_AFTER_PROMPT_MS);
    },
    lines: async (asked) => {
      const found = await readAll();
      return asked.flatMap((target) => found.get(target) ?? []);
    },
  };
}

/** The warnings as their own modal question, when no confirmation shows them. */
async function acceptWarnings(services: HostServices, lines: readonly string[]): Promise<boolean> {
  if (!lines.length) return true;
  services.log.info(`Pre-flight: ${lines.length} warning(s)`);
  return services.prompts.ask(lines.join('\n'), vscode.l10n.t('Post anyway?'), vscode.l10n.t('Post Anyway'));
}

async function runBatch<F extends StatusFile, D extends StatusDetails>(
  services: HostServices,
  client: GreenApiClient,
  kind: FileStatusKind<F, D>,
  targets: readonly PostTarget[],
  answers: PostAnswers<D> | undefined,
  options: PostOptions,
  ready: () => Promise<boolean>,
  warnings: PreflightWarnings | undefined,
) {
  const settings = readSettings();
  // Shown with the confirmation when there is one, else asked on their own once the answers are in.
  let warned = false;
  services.log.info(`Posting ${targets.length} ${kind.kind} file(s), ${formatBytes(targets.reduce((sum, target) => sum + target.file.size, 0))}`);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('WhatsApp status'), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const result = await postStatuses<D>(targets, {
        upload: withUploadCache(client, services.uploads, `${client.mediaUrl} ${client.idInstance}`, services.log),
        send: kind.send(client),
        prompts: {
          details: (asked, signal, placement, previous) => {
            const details = kind.details(services, asked, signal, placement, previous);
            firstTime('post/firstPrompt');
            warnings?.start();
            return details;
          },
          participants: askAudience(services, client, options),
          confirm: async (summary, signal, position) => {
            const lines = (await warnings?.lines(targets)) ?? [];
            warned = true;
            if (lines.length) services.log.info(`Pre-flight: ${lines.length} warning(s)`);
            return services.prompts.confirm({ ...summary, warnings: lines }, signal, position);
          },
        },
        progress: progressReporter(progress),
        log: services.log,
        clock: services.clock,
        confirmBeforePosting: settings.confirmBeforePosting,
        ready: async () => (warned || !warnings || (await acceptWarnings(services, await warnings.lines(targets)))) && ready(),
        answers,
        signal: abort.signal,
      });
      if (result.status === 'finished') await remember(services, client.idInstance, kind.kind, result.results, result.summary);
      return result;
    },
  );
}

/** Each posted status goes into the history view's record: no content, no numbers. */
async function remember<D extends StatusDetails>(
  services: HostServices,
  instance: string,
  kind: StatusKind,
  results: readonly FileResult[],
  summary: PostAnswers<D> | undefined,
): Promise<void> {
  for (const result of results) {
    if (result.status !== 'posted') continue;
    await rememberPosted(services, {
      idMessage: result.idMessage,
      instance,
      postedAt: services.clock.now(),
      kind,
      fileName: result.target.label,
      caption: summary?.details.caption,
      participants: summary?.participants ?? [],
    });
  }
  refreshHistory(services);
}

/**
 * Turns the workflow's phases into the notification's text and bar: "Uploading 42% — 4.2 MB of 10 MB". In a batch the
 * next file uploads while one is being posted: the text follows that upload while it moves, then the post again.
 */
function progressReporter(progress: vscode.Progress<{ message?: string; increment?: number }>): { report(update: ProgressUpdate): void } {
  let uploadIndex = 0;
  let uploadedPercent = 0;
  // The text of the latest send; none before the answers are in.
  let posting: string | undefined;
  return {
    report(update) {
      const ofBatch = update.count > 1 ? ` (${vscode.l10n.t('{0} of {1}', update.index + 1, update.count)})` : '';
      if (update.phase === 'posting') {
        posting = `${vscode.l10n.t('Posting status…')}${ofBatch}`;
        progress.report({ message: posting });
        return;
      }
      if (update.index !== uploadIndex) {
        uploadIndex = update.index;
        uploadedPercent = 0;
      }
      const percent = Math.floor((update.sentBytes / update.totalBytes) * 100);
      // The bar spans the whole batch, so each file moves it by its share; an upload that starts over never moves it back.
      const increment = Math.max(0, percent - uploadedPercent) / update.count;
      uploadedPercent = Math.max(uploadedPercent, percent);
      const message =
        update.sentBytes < update.totalBytes
          ? `${vscode.l10n.t('Uploading {0}% — {1} of {2}', percent, formatBytes(update.sentBytes), formatBytes(update.totalBytes))}${ofBatch}`
          : // A file uploaded ahead waits for the send before it, which is what is happening now.
            (posting ?? `${vscode.l10n.t('Uploaded {0}; posting once you have answered', formatBytes(update.totalBytes))}${ofBatch}`);
      progress.report({ message, increment });
    },
  };
}

/** The outcome notification: the status id with Copy ID, one specific error per failed file, or a batch summary with Retry Failed. */
function report(services: HostServices, results: readonly FileResult[], retry: (failed: PostTarget[]) => unknown): void {
  const posted = results.filter((result) => result.status === 'posted');
  const failed = results.filter((result) => result.status === 'failed');
  const instanceVerified = services.session.verifiedInstance !== undefined;

  if (results.length === 1 && failed.length === 1) {
    const { message, actions } = describeError(failed[0].error, { fileLabel: failed[0].target.label, instanceVerified });
    showActionableError(services, message, actions, () => retry([failed[0].target]));
    return;
  }
  if (results.length === 1 && posted.length === 1) {
    notifyQueued(services, posted[0].idMessage);
    return;
  }
  const skipped = results.length - posted.length - failed.length;
  const lines = failed.map((result) => `${result.target.label}: ${describeError(result.error, { fileLabel: result.target.label, instanceVerified }).message}`);
  const summary =
    vscode.l10n.t('{0} of {1} statuses queued.', posted.length, results.length) +
    (skipped ? ` ${vscode.l10n.t('{0} skipped after cancelling.', skipped)}` : '');
  if (!failed.length) {
    void services.notifier.info(summary);
    return;
  }
  // Retrying is offered only when no failed send may already be queued: never post twice by accident.
  const retryable = !failed.some((result) => mayHaveBeenQueued(result.error));
  const retryLabel = vscode.l10n.t('Retry Failed');
  const showLog = vscode.l10n.t('Show Log');
  void services.notifier.error(`${summary} ${lines.join(' ')}`, ...(retryable ? [retryLabel] : []), showLog).then((choice) => {
    if (choice === retryLabel) void retry(failed.map((result) => result.target));
    if (choice === showLog) services.log.show();
  });
}

/** "Status queued — id …" with Copy ID and Show Log. */
export function notifyQueued(services: HostServices, idMessage: string): void {
  const copy = vscode.l10n.t('Copy ID');
  const showLog = vscode.l10n.t('Show Log');
  void services.notifier.info(vscode.l10n.t('Status queued — id {0}', idMessage), copy, showLog).then((choice) => {
    if (choice === copy) void vscode.env.clipboard.writeText(idMessage);
    if (choice === showLog) services.log.show();
  });
}

/**
 * Registers a command that posts the files it was run on: the clicked one, or every selected one, from the Explorer
 * or an editor tab; from the palette, the files `fallback` finds or asks for.
 */
export function registerFilePosting<F extends StatusFile, D extends StatusDetails>(
  services: HostServices,
  command: string,
  kind: FileStatusKind<F, D>,
  fallback: () => Promise<readonly vscode.Uri[] | undefined>,
): vscode.Disposable {
  return vscode.commands.registerCommand(command, (clicked?: vscode.Uri, selected?: vscode.Uri[], options?: unknown) =>
    exclusively(services, async () => {
      const picked = selectedResources(clicked instanceof vscode.Uri ? clicked : undefined, Array.isArray(selected) ? selected : undefined);
      const uris = picked.length ? picked : await fallback();
      const explicitAudience = isRecord(options) && options.explicitAudience === true;
      if (uris?.length) await postFileStatuses(services, uris, kind, undefined, { explicitAudience });
    }),
  );
}
