import * as vscode from 'vscode';
import type { HostServices } from '../services';
import { COMMAND } from '../ids';

export function registerShowLog(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.showLog, () => services.log.show());
}
