import * as vscode from 'vscode';
import type { HostServices } from '../platform/services';
import { COMMAND } from '../platform/ids';

export function registerForgetCredentials(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.forgetCredentials, async () => {
    await services.credentials.forget();
    services.session.verifiedInstance = undefined;
    services.log.info('Credentials forgotten');
    const set = vscode.l10n.t('Set Credentials');
    const choice = await services.notifier.info(vscode.l10n.t('GREEN-API credentials were removed from VS Code secret storage.'), set);
    if (choice === set) await vscode.commands.executeCommand(COMMAND.setCredentials);
  });
}
