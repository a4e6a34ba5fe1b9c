import type * as vscode from 'vscode';

/** How long work that can wait stays out of the way after activation. */
const AFTER_ACTIVATION_MS = 2000;

/**
 * Runs `work` a little after activation (at `activatedAt`, Date.now() ms; at once if that moment has passed, as when
 * the code asking was loaded late). The extension activates on a click (a post, the view), and that command's first
 * prompt must not queue behind requests nobody is waiting for yet: the status bar's first check, following statuses
 * posted in an earlier session.
 */
export function afterActivation(work: () => void, activatedAt: number = Date.now()): vscode.Disposable {
  const timer = setTimeout(work, Math.max(0, activatedAt + AFTER_ACTIVATION_MS - Date.now()));
  return { dispose: () => clearTimeout(timer) };
}
