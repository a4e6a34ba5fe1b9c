import * as vscode from 'vscode';
import { GreenApiError } from '../../core/greenApi/errors';
import type { GreenApiClient } from '../../core/greenApi/client';
import type { HistoryEntry } from '../../core/store/history';
import { connect } from '../posting/connection';
import { entryLabel } from '../views/history/historyItem';
import { targetEntry, withViewProgress } from '../views/history/historyView';
import { showGreenApiError } from '../platform/notify';
import type { HostServices } from '../platform/services';
import { COMMAND } from '../platform/ids';

/** GREEN-API's answer to deleting an id it does not know (docs/greenapi.md §3.5): deleted before, or expired. */
const ALREADY_GONE = /not\s*found/i;

/** "Delete Status": asks (modal), then DeleteStatus; a status the server no longer knows is simply dropped. */
export function registerHistoryDelete(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.historyDelete, async (argument?: unknown) => {
    const entry = await targetEntry(services, argument);
    if (!entry) return;
    const client = await connect(services);
    if (!client) return;
    const agreed = await services.prompts.ask(
      vscode.l10n.t('Delete the status “{0}”?', entryLabel(entry)),
      vscode.l10n.t('It disappears from the phones of everyone who can see it. This cannot be undone.'),
      vscode.l10n.t('Delete'),
    );
    if (agreed) await deleteStatus(services, client, entry);
  });
}

async function deleteStatus(services: HostServices, client: GreenApiClient, entry: HistoryEntry): Promise<void> {
  const label = entryLabel(entry);
  try {
    await withViewProgress(vscode.l10n.t('Deleting status…'), () => client.deleteStatus(entry.idMessage));
  } catch (error) {
    if (!(error instanceof GreenApiError)) throw error;
    if (error.kind === 'bad-request' && ALREADY_GONE.test(error.serverMessage ?? '')) {
      await forget(services, entry.idMessage);
      services.log.info(`Status ${entry.idMessage} was already gone; removed from the history`);
      void services.notifier.info(vscode.l10n.t('The status “{0}” was already gone (deleted or expired); it is removed from the list.', label));
      return;
    }
    // A repeat after a lost answer may find the status gone, which the branch above handles.
    showGreenApiError(services, error, {
      instance: client.idInstance,
      frame: (sentence) => vscode.l10n.t('The status “{0}” was not deleted. {1}', label, sentence),
      retry: () => deleteStatus(services, client, entry),
    });
    return;
  }
  await forget(services, entry.idMessage);
  services.log.info(`Status deleted: ${entry.idMessage}`);
  void services.notifier.info(vscode.l10n.t('Status “{0}” deleted.', label));
}

async function forget(services: HostServices, idMessage: string): Promise<void> {
  if (services.historyView) await services.historyView.forget(idMessage);
  else await services.history.remove(idMessage);
}
