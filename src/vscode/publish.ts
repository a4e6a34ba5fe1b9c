import * as vscode from 'vscode';
import { mayHaveBeenQueued } from '../core/errors';
import { formatBytes } from '../core/format';
import type { GreenApiClient } from '../core/greenApiClient';
import type { StatusKind } from '../core/history';
import type { PreflightWarning, MediaFacts } from '../core/preflight';
import { postStatuses, type FileResult, type PostAnswers, type PostTarget, type ProgressUpdate, type SendStatus, type StatusFile } from '../core/postWorkflow';
import { isRecord } from '../core/json';
import { describeFindings } from '../core/privacy';
import { selectedResources } from '../core/selection';
import { withUploadCache } from '../core/uploadCache';
import { askAudience } from './audience';
import { exclusively } from './busy';
import { refreshHistory } from './history/historyView';
import { connect, startInstanceCheck } from './connection';
import { rememberPosted } from './followUp';
import { resolveResource, type FileRules } from './fileTargets';
import { readFacts } from './mediaFacts';
import { describeError, describePreflightWarning, describeResourceProblem } from './messages';
import { showActionableError } from './notify';
import type { HostServices, PostOptions, StatusDetails } from './services';
import { readSettings } from './settings';

/** What differs between posting pictures/videos and posting voice: rules, warnings, the details asked, the send. */
export interface FileStatusKind<F extends StatusFile, D extends StatusDetails> {
  readonly kind: Extract<StatusKind, 'media' | 'voice' | 'code'>;
  readonly rules: FileRules<F>;
  warnings(facts: MediaFacts): PreflightWarning[];
  details(services: HostServices, targets: readonly PostTarget[], signal: AbortSignal): Promise<D | undefined>;
  send(client: GreenApiClient): SendStatus<D>;
}

/**
 * Checks the files (rules, then pre-flight warnings) before any request, connects, and posts them: all with one set
 * of answers or one by one. `answers` (from Retry failed) skips every question.
 */
export async function postFileStatuses<F extends StatusFile, D extends StatusDetails>(
  services: HostServices,
  uris: readonly vscode.Uri[],
  kind: FileStatusKind<F, D>,
  answers?: PostAnswers<D>,
  options: PostOptions = {},
): Promise<void> {
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
  if (!answers && !(await acceptWarnings(services, kind, targets))) return;

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

/** Pre-flight advice (ratio, length, audio in the wrong place): one modal question for all files. */
async function acceptWarnings<F extends StatusFile, D extends StatusDetails>(
  services: HostServices,
  kind: FileStatusKind<F, D>,
  targets: ReadonlyArray<{ target: PostTarget<F>; uri: vscode.Uri }>,
): Promise<boolean> {
  const lines: string[] = [];
  for (const { target, uri } of targets) {
    for (const warning of kind.warnings(await readFacts(uri))) lines.push(describePreflightWarning(target.label, warning));
  }
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
) {
  const settings = readSettings();
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
          details: (asked, signal) => kind.details(services, asked, signal),
          participants: askAudience(services, client, options),
          confirm: (summary, signal) => services.prompts.confirm(summary, signal),
        },
        progress: progressReporter(progress),
        log: services.log,
        clock: services.clock,
        confirmBeforePosting: settings.confirmBeforePosting,
        ready,
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

/** Turns the workflow's phases into the notification's text and bar: "Uploading 42% — 4.2 MB of 10 MB". */
function progressReporter(progress: vscode.Progress<{ message?: string; increment?: number }>): { report(update: ProgressUpdate): void } {
  let shownPercent = 0;
  let shownIndex = 0;
  return {
    report(update) {
      const ofBatch = update.count > 1 ? ` (${vscode.l10n.t('{0} of {1}', update.index + 1, update.count)})` : '';
      if (update.index !== shownIndex) {
        shownIndex = update.index;
        shownPercent = 0;
      }
      if (update.phase === 'posting') {
        progress.report({ message: `${vscode.l10n.t('Posting status…')}${ofBatch}` });
        return;
      }
      const percent = Math.floor((update.sentBytes / update.totalBytes) * 100);
      // The bar spans the whole batch, so each file moves it by its share.
      const increment = (percent - shownPercent) / update.count;
      shownPercent = percent;
      const message =
        update.sentBytes === update.totalBytes
          ? vscode.l10n.t('Uploaded {0}; posting once you have answered', formatBytes(update.totalBytes))
          : vscode.l10n.t('Uploading {0}% — {1} of {2}', percent, formatBytes(update.sentBytes), formatBytes(update.totalBytes));
      progress.report({ message: `${message}${ofBatch}`, increment });
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
