import * as vscode from 'vscode';
import type { ErrorAction } from './messages';
import type { HostServices } from './services';
import { openSettings } from './settings';

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
    else if (choice === labels.setCredentials) void vscode.commands.executeCommand('whatsappStatus.setCredentials');
    else if (choice === labels.openSettings) void openSettings();
    else if (choice === labels.retry) void retry?.();
  });
}
