import * as vscode from 'vscode';
import type { HostServices } from '../platform/services';
import { COMMAND } from '../platform/ids';

/** "Refresh" in the title of the WhatsApp Statuses view: reloads this machine's statuses and the server's journal. */
export function registerHistoryRefresh(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.historyRefresh, () => services.historyView?.refresh());
}
