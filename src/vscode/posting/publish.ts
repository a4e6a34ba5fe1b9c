import * as vscode from 'vscode';
import { mayHaveBeenQueued } from '../../core/greenApi/errors';
import { formatBytes } from '../../core/common/format';
import type { GreenApiClient } from '../../core/greenApi/client';
import type { FileResult, PostAnswers, PostTarget, ProgressUpdate, StatusFile } from '../../core/statuses/postWorkflow';
import { publishFiles, type FileStatusKind as CoreFileStatusKind, type FileWarning, type FileHost, type PublishPrompts } from '../../core/statuses/publish';
import type { StepAnswer, StepsPlacement } from '../../core/common/steps';
import { isRecord } from '../../core/common/json';
import { selectedResources } from '../../core/common/selection';
import { firstTime } from '../platform/activationMarks';
import { askAudience } from './audience';
import { exclusively } from '../platform/busy';
import { connect, startInstanceCheck } from './connection';
import { rememberPosted } from '../views/followUp';
import { resolveResource, type FileRules } from './fileTargets';
import { readFacts } from './mediaFacts';
import { describeError, describePreflightWarning, describeResourceProblem, type ResourceProblem } from '../platform/messages';
import { showActionableError } from '../platform/notify';
import type { HostServices, PostOptions, StatusDetails } from '../platform/services';
import { readSettings } from '../platform/settings';

/** A kind of status posted from files: the core's kind, with the file rules and the details question of the host. */
export interface FileStatusKind<F extends StatusFile, D extends StatusDetails> extends CoreFileStatusKind<D> {
  readonly rules: FileRules<F>;
  /** The kind's own question (a caption, a colour): the first of the post's steps. */
  details(services: HostServices, targets: readonly PostTarget[], signal: AbortSignal, placement: StepsPlacement, previous?: D): Promise<StepAnswer<D>>;
}

/**
 * Posts the files at `uris`: the core's workflow runs the post end to end ({@link publishFiles}); this answers its
 * questions with VS Code's prompts, notifications, progress and storage. `answers` (from Retry Failed) skips every
 * question.
 */
export function postFileStatuses<F extends StatusFile, D extends StatusDetails>(
  services: HostServices,
  uris: readonly vscode.Uri[],
  kind: FileStatusKind<F, D>,
  answers?: PostAnswers<D>,
  options: PostOptions = {},
): Promise<void> {
  firstTime('post/start');
  const uriOf = new Map<PostTarget, vscode.Uri>();
  const host: FileHost<F, D, ResourceProblem> = {
    log: services.log,
    clock: services.clock,
    uploads: services.uploads,
    confirmBeforePosting: readSettings().confirmBeforePosting,
    resolve: async () => {
      const stripMetadata = !readSettings().keepMetadata;
      const resolved = await Promise.all(uris.map((uri) => resolveResource(uri, kind.rules, { stripMetadata })));
      for (const item of resolved) if (item.ok) uriOf.set(item.target, item.uri);
      return resolved;
    },
    facts: (target) => readFacts(uriOf.get(target)!),
    connect: () => connect(services),
    checkInstance: (client) => startInstanceCheck(services, client),
    prompts: (client) => filePrompts(services, client, kind, options),
    withProgress: async (task) =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('WhatsApp status'), cancellable: true },
        (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return task(progressReporter(progress), abort.signal);
        },
      ),
    remember: async (posted) => {
      await rememberPosted(services, posted);
      services.historyView?.refresh();
    },
    refuse: (problems, total) => {
      const lines = problems.map(({ label, problem }) => `${label}: ${describeResourceProblem(problem)}`);
      void services.notifier.error(
        total === 1 ? vscode.l10n.t('Cannot post {0}', lines[0]) : vscode.l10n.t('Cannot post these files, so nothing was posted: {0}', lines.join('; ')),
      );
    },
    cancelled: () => void services.notifier.info(vscode.l10n.t('Cancelled; nothing was posted.')),
    // The retry runs later, from a notification, so it takes its turn like any other post.
    report: (results, lastAnswers) =>
      report(services, results, (failed) =>
        exclusively(services, () =>
          postFileStatuses(
            services,
            failed.map((target) => uriOf.get(target)!),
            kind,
            lastAnswers,
          ),
        ),
      ),
    firstPrompt: () => firstTime('post/firstPrompt'),
  };
  return publishFiles(host, kind, answers);
}

/** The questions of a post of files, asked with VS Code's prompts; warnings are described in the person's words. */
function filePrompts<F extends StatusFile, D extends StatusDetails>(
  services: HostServices,
  client: GreenApiClient,
  kind: FileStatusKind<F, D>,
  options: PostOptions,
): PublishPrompts<D, FileWarning> {
  const describe = (warnings: readonly FileWarning[]) => warnings.map(({ label, warning }) => describePreflightWarning(label, warning));
  return {
    batchMode: (count) => services.prompts.batchMode(count),
    details: (targets, signal, placement, previous) => kind.details(services, targets, signal, placement, previous),
    participants: askAudience(services, client, options),
    confirm: (summary, warnings, signal, position) => services.prompts.confirm({ ...summary, warnings: describe(warnings) }, signal, position),
    acceptWarnings: (warnings) => services.prompts.ask(describe(warnings).join('\n'), vscode.l10n.t('Post anyway?'), vscode.l10n.t('Post Anyway')),
  };
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
      // Signed out: say so before the file dialog, not after the person chose files.
      if (!picked.length && !(await connect(services))) return;
      const uris = picked.length ? picked : await fallback();
      const explicitAudience = isRecord(options) && options.explicitAudience === true;
      if (uris?.length) await postFileStatuses(services, uris, kind, undefined, { explicitAudience });
    }),
  );
}
