import * as vscode from 'vscode';
import { refreshHistory } from '../history/historyView';
import type { HostServices } from '../services';
import { COMMAND } from '../ids';

/** "Refresh" in the title of the WhatsApp Statuses view: reloads this machine's statuses and the server's journal. */
export function registerHistoryRefresh(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.historyRefresh, () => refreshHistory(services));
}
