import * as vscode from 'vscode';
import { GreenApiError } from '../../core/greenApi/errors';
import type { InstanceSettings, StatusStatisticEntry } from '../../core/greenApi/types';
import { latestByViewer, summarizeStatistic, type DeliveryState } from '../../core/store/history';
import { displayParticipant } from '../../core/audience/participants';
import { connect } from '../posting/connection';
import { VIEWER_ICONS, entryLabel, statisticText, viewerStateWord } from '../views/history/historyItem';
import { targetEntry, withViewProgress } from '../views/history/historyView';
import { showGreenApiError } from '../platform/notify';
import type { HostServices } from '../platform/services';
import { offerStatistics } from './historyEnableStatistics';
import { COMMAND } from '../platform/ids';

/**
 * "Show Statistics" on a status: who it was sent to, delivered to and read by (GetStatusStatistic), as counts in a
 * message and in the item's tooltip, with the viewers one click away. Empty statistics usually mean the instance
 * does not record them; then it offers to turn that on.
 */
export function registerHistoryStatistics(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.historyStatistics, async (argument?: unknown) => {
    const entry = await targetEntry(services, argument);
    if (!entry) return;
    const client = await connect(services);
    if (!client) return;
    const label = entryLabel(entry);

    let viewers: StatusStatisticEntry[];
    try {
      viewers = await withViewProgress(vscode.l10n.t('Getting statistics…'), () => client.getStatusStatistic(entry.idMessage));
    } catch (error) {
      if (!(error instanceof GreenApiError)) throw error;
      showGreenApiError(services, error, { instance: client.idInstance });
      return;
    }

    const summary = summarizeStatistic(viewers);
    const counted = statisticText(summary);
    if (counted) {
      services.historyView?.setStatistic(entry.idMessage, summary);
      const show = vscode.l10n.t('Show Viewers');
      const choice = await services.notifier.info(vscode.l10n.t('Statistics for “{0}”: {1}.', label, counted), show);
      if (choice === show) await showViewers(label, viewers);
      return;
    }

    // Nothing counted: find out whether the instance records statistics at all.
    let settings: InstanceSettings | undefined;
    try {
      settings = await client.getSettings();
    } catch (error) {
      if (!(error instanceof GreenApiError)) throw error;
      services.log.warn(`Statistics: the settings could not be read (${error.message})`);
    }
    if (settings && settings.outgoingWebhook !== 'yes') {
      await offerStatistics(services, client);
      return;
    }
    services.historyView?.setStatistic(entry.idMessage, summary);
    void services.notifier.info(
      vscode.l10n.t(
        'No statistics for “{0}” yet: nobody has received it so far, or it was posted before notifications about sent messages were turned on.',
        label,
      ),
    );
  });
}

/** Each viewer once, by their latest state, most advanced first. */
async function showViewers(label: string, viewers: readonly StatusStatisticEntry[]): Promise<void> {
  const items = latestByViewer(viewers).map((viewer) => {
    const state = viewer.status as DeliveryState;
    return {
      label: `$(${VIEWER_ICONS[state]}) ${displayParticipant(viewer.participant)}`,
      description: viewerStateWord(state),
      detail: new Date(viewer.timestamp * 1000).toLocaleString(vscode.env.language),
    };
  });
  await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Viewers of “{0}”', label), placeHolder: vscode.l10n.t('{0} people', items.length) });
}
