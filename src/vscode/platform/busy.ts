import * as vscode from 'vscode';
import type { HostServices } from './services';
import { CONTEXT_KEY } from './ids';

/**
 * Runs one posting command at a time: a second one (a double click, another file) is refused politely instead of
 * uploading the same file twice or interleaving prompts.
 */
export async function exclusively(services: HostServices, work: () => Promise<void>): Promise<void> {
  if (services.session.busy) {
    void services.notifier.info(vscode.l10n.t('A status is already being posted; wait for it to finish.'));
    return;
  }
  services.session.busy = true;
  // Not awaited: the session's flag already refuses a second post, and the round trip to the window that greys out
  // the menus (6–30 ms) would otherwise come before the first prompt.
  void vscode.commands.executeCommand('setContext', CONTEXT_KEY.busy, true);
  try {
    await work();
  } finally {
    services.session.busy = false;
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY.busy, false);
  }
}
