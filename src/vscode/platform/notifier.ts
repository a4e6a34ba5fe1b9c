import * as vscode from 'vscode';
import type { Notifier } from './services';

/** Notifications as VS Code shows them; each resolves to the action clicked, if any. */
export function createVscodeNotifier(): Notifier {
  return {
    info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
    warn: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
    error: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
  };
}
