import * as vscode from 'vscode';
import { targetEntry } from '../views/history/historyView';
import type { HostServices } from '../platform/services';
import { COMMAND } from '../platform/ids';

/** "Copy Status ID": the idMessage GREEN-API uses for the status, for its API or support. */
export function registerHistoryCopyId(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.historyCopyId, async (argument?: unknown) => {
    const entry = await targetEntry(services, argument);
    if (!entry) return;
    await vscode.env.clipboard.writeText(entry.idMessage);
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(copy) Copied status ID {0}', entry.idMessage), 3000);
  });
}
