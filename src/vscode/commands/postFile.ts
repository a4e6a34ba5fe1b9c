import * as vscode from 'vscode';
import { formatBytes } from '../../core/format';
import { MEDIA_EXTENSION_PATTERN } from '../../core/media';
import { postMediaStatuses, type FileResult, type PostTarget, type ProgressUpdate } from '../../core/postWorkflow';
import { selectedResources } from '../../core/selection';
import { connect, ensureInstanceReady } from '../connection';
import { resolveResource } from '../fileTargets';
import { describeError, describeResourceProblem } from '../messages';
import { showActionableError } from '../notify';
import type { HostServices } from '../services';
import { readSettings } from '../settings';

const BUSY_CONTEXT = 'whatsappStatus.busy';

/** "Post as WhatsApp status": from the Explorer (one or many files), an editor tab, or the palette. */
export function registerPostFile(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand('whatsappStatus.postFile', (clicked?: vscode.Uri, selected?: vscode.Uri[]) =>
    postFiles(services, selectedResources(clicked instanceof vscode.Uri ? clicked : undefined, Array.isArray(selected) ? selected : undefined)),
  );
}

async function postFiles(services: HostServices, picked: vscode.Uri[]): Promise<void> {
  if (services.session.busy) {
    void services.notifier.info(vscode.l10n.t('A status is already being posted; wait for it to finish.'));
    return;
  }
  await setBusy(services, true);
  try {
    const uris = picked.length ? picked : (activeMediaResource() ?? (await services.prompts.pickMediaFiles()));
    if (!uris?.length) return;

    const resolved = await Promise.all(uris.map(resolveResource));
    const problems = resolved.flatMap((item) => (item.ok ? [] : [`${item.label}: ${describeResourceProblem(item.problem)}`]));
    if (problems.length) {
      const intro = resolved.length === 1 ? vscode.l10n.t('Cannot post {0}', problems[0]) : vscode.l10n.t('Cannot post these files, so nothing was posted: {0}', problems.join('; '));
      void services.notifier.error(intro);
      services.log.warn(`Post refused before any request: ${problems.length} of ${resolved.length} file(s) invalid`);
      return;
    }
    const targets = resolved.flatMap((item) => (item.ok ? [item.target] : []));

    const client = await connect(services);
    if (!client || !(await ensureInstanceReady(services, client))) return;

    services.log.info(`Posting ${targets.length} file(s), ${formatBytes(targets.reduce((sum, target) => sum + target.media.size, 0))}`);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('WhatsApp status'), cancellable: true },
      (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return postMediaStatuses(targets, {
          client,
          prompts: services.prompts,
          progress: progressReporter(progress),
          log: services.log,
          clock: services.clock,
          confirmBeforePosting: readSettings().confirmBeforePosting,
          signal: abort.signal,
        });
      },
    );

    if (result.status === 'cancelled') {
      void services.notifier.info(vscode.l10n.t('Cancelled; nothing was posted.'));
      return;
    }
    const uriOf = new Map(targets.map((target, index) => [target, uris[index]]));
    report(services, result.results, (failed) => postFiles(services, failed.map((target) => uriOf.get(target)!)));
  } finally {
    await setBusy(services, false);
  }
}

/** From the palette: the media file in the active editor tab (images and videos open in custom editors). */
function activeMediaResource(): vscode.Uri[] | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
  if (!uri) return undefined;
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return MEDIA_EXTENSION_PATTERN.test(name.slice(name.lastIndexOf('.'))) ? [uri] : undefined;
}

async function setBusy(services: HostServices, busy: boolean): Promise<void> {
  services.session.busy = busy;
  await vscode.commands.executeCommand('setContext', BUSY_CONTEXT, busy);
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
      progress.report({ message: `${vscode.l10n.t('Uploading {0}% — {1} of {2}', percent, formatBytes(update.sentBytes), formatBytes(update.totalBytes))}${ofBatch}`, increment });
    },
  };
}

/** The outcome notification: the status id with Copy ID, or one specific error per failed file. */
function report(services: HostServices, results: readonly FileResult[], retry: (failed: PostTarget[]) => unknown): void {
  const posted = results.filter((result) => result.status === 'posted');
  const failed = results.filter((result) => result.status === 'failed');
  for (const result of posted) services.log.info(`Status queued: ${result.idMessage}`);
  const instanceVerified = services.session.verifiedInstance !== undefined;

  if (results.length === 1 && failed.length === 1) {
    const { message, actions } = describeError(failed[0].error, { fileLabel: failed[0].target.label, instanceVerified });
    showActionableError(services, message, actions, () => retry([failed[0].target]));
    return;
  }
  if (results.length === 1 && posted.length === 1) {
    const copy = vscode.l10n.t('Copy ID');
    const showLog = vscode.l10n.t('Show Log');
    const { idMessage } = posted[0];
    void services.notifier.info(vscode.l10n.t('Status queued — id {0}', idMessage), copy, showLog).then((choice) => {
      if (choice === copy) void vscode.env.clipboard.writeText(idMessage);
      if (choice === showLog) services.log.show();
    });
    return;
  }
  const skipped = results.length - posted.length - failed.length;
  const lines = failed.map((result) => `${result.target.label}: ${describeError(result.error, { fileLabel: result.target.label, instanceVerified }).message}`);
  const summary = vscode.l10n.t('{0} of {1} statuses queued.', posted.length, results.length) + (skipped ? ` ${vscode.l10n.t('{0} skipped after cancelling.', skipped)}` : '');
  if (!failed.length) {
    void services.notifier.info(summary);
    return;
  }
  // Retrying is offered only when no failed send may already be queued: never post twice by accident.
  const retryable = failed.every((result) => result.error.outcome !== 'unknown' || result.error.apiMethod !== 'sendMediaStatus');
  showActionableError(services, `${summary} ${lines.join(' ')}`, retryable ? ['retry'] : [], () => retry(failed.map((result) => result.target)));
}
