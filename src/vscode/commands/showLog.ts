import * as vscode from 'vscode';
import type { HostServices } from '../services';

export function registerShowLog(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand('whatsappStatus.showLog', () => services.log.show());
}
