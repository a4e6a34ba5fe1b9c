import * as vscode from 'vscode';
import type { HostServices } from '../platform/services';
import { COMMAND } from '../platform/ids';

export function registerShowLog(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.showLog, () => services.log.show());
}
