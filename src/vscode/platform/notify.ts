import * as vscode from 'vscode';
import type { GreenApiError } from '../../core/greenApi/errors';
import { describeError, type ErrorAction } from './messages';
import type { HostServices } from './services';
import { openSettings } from './settings';
import { COMMAND } from './ids';

/**
 * Shows an error with its actions plus "Show Log", and carries out the one the person clicks. Not awaited by
 * callers: a notification can stay open for a long time.
 */
export function showActionableError(services: HostServices, message: string, actions: readonly ErrorAction[], retry?: () => unknown): void {
  const labels: Record<ErrorAction, string> = {
    setCredentials: vscode.l10n.t('Set Credentials'),
    openSettings: vscode.l10n.t('Open Settings'),
    retry: vscode.l10n.t('Retry'),
  };
  const offered = actions.filter((action) => action !== 'retry' || retry);
  const showLog = vscode.l10n.t('Show Log');
  void services.notifier.error(message, ...offered.map((action) => labels[action]), showLog).then((choice) => {
    if (choice === showLog) services.log.show();
    else if (choice === labels.setCredentials) void vscode.commands.executeCommand(COMMAND.setCredentials);
    else if (choice === labels.openSettings) void openSettings();
    else if (choice === labels.retry) void retry?.();
  });
}

/**
 * The one way a failed GREEN-API call becomes a notification: its sentence and fixes (describeError) with Show Log.
 * `instance` is the idInstance the call was made for (a state this session verified narrows some sentences); `frame`
 * puts the sentence in context; *Retry* is offered only with `retry`, and only where the error allows it.
 */
export function showGreenApiError(
  services: HostServices,
  error: GreenApiError,
  options: { instance?: string; fileLabel?: string; frame?: (sentence: string) => string; retry?: () => unknown } = {},
): void {
  const instanceVerified = options.instance !== undefined && services.session.verifiedInstance === options.instance;
  const { message, actions } = describeError(error, { instanceVerified, fileLabel: options.fileLabel });
  showActionableError(services, options.frame ? options.frame(message) : message, actions, options.retry);
}
