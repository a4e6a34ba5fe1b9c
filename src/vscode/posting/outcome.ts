import * as vscode from 'vscode';
import { mayHaveBeenQueued } from '../../core/greenApi/errors';
import type { FileResult, PostTarget } from '../../core/statuses/postWorkflow';
import { describeError } from '../platform/messages';
import { showGreenApiError } from '../platform/notify';
import type { HostServices } from '../platform/services';

/** The outcome notification: the status id with Copy ID, one specific error per failed file, or a batch summary with Retry Failed. */
export function reportOutcome(
  services: HostServices,
  instance: string | undefined,
  results: readonly FileResult[],
  retry: (failed: PostTarget[]) => unknown,
): void {
  const posted = results.filter((result) => result.status === 'posted');
  const failed = results.filter((result) => result.status === 'failed');

  if (results.length === 1 && failed.length === 1) {
    showGreenApiError(services, failed[0].error, { instance, fileLabel: failed[0].target.label, retry: () => retry([failed[0].target]) });
    return;
  }
  if (results.length === 1 && posted.length === 1) {
    notifyQueued(services, posted[0].idMessage);
    return;
  }
  const skipped = results.length - posted.length - failed.length;
  const lines = failed.map(
    (result) =>
      `${result.target.label}: ${describeError(result.error, { fileLabel: result.target.label, instanceVerified: instance !== undefined && services.session.verifiedInstance === instance }).message}`,
  );
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

/** Nothing was posted because the person backed out. */
export function notifyCancelled(services: HostServices): void {
  void services.notifier.info(vscode.l10n.t('Cancelled; nothing was posted.'));
}
