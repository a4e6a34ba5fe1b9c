import * as vscode from 'vscode';
import { GreenApiError } from '../../core/greenApi/errors';
import type { GreenApiClient } from '../../core/greenApi/client';
import { maskInstanceId } from '../../core/greenApi/redact';
import { connect } from '../posting/connection';
import { showGreenApiError } from '../platform/notify';
import type { HostServices } from '../platform/services';
import { COMMAND } from '../platform/ids';

/**
 * "Turn On Status Statistics": sets `outgoingWebhook` to 'yes' (GREEN-API's "notifications about sent messages"),
 * which status statistics and the outgoing journal need. Always asks first: SetSettings reboots the instance.
 */
export function registerHistoryEnableStatistics(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.enableStatistics, async () => {
    const client = await connect(services);
    if (client) await enableStatistics(services, client, { known: false });
  });
}

/** Says why there are no statistics and offers the setting; nothing changes unless the person agrees twice. */
export async function offerStatistics(services: HostServices, client: GreenApiClient): Promise<void> {
  const turnOn = vscode.l10n.t('Turn On…');
  const choice = await services.notifier.warn(
    vscode.l10n.t(
      'No statistics: GREEN-API counts who received and read a status only while “notifications about sent messages” is turned on for the instance, and it is off.',
    ),
    turnOn,
  );
  if (choice === turnOn) await enableStatistics(services, client, { known: true });
}

/** `known`: the caller has just seen the setting off, so it is not read again. */
export async function enableStatistics(services: HostServices, client: GreenApiClient, { known }: { known: boolean }): Promise<void> {
  try {
    if (!known && (await client.getSettings()).outgoingWebhook === 'yes') {
      void services.notifier.info(
        vscode.l10n.t('Notifications about sent messages are already on: GREEN-API counts the statuses posted since they were turned on.'),
      );
      return;
    }
  } catch (error) {
    if (!(error instanceof GreenApiError)) throw error;
    showGreenApiError(services, error, { instance: client.idInstance });
    return;
  }

  const agreed = await services.prompts.ask(
    vscode.l10n.t('Turn on notifications about sent messages?'),
    vscode.l10n.t(
      'GREEN-API needs this instance setting (outgoingWebhook) to report who received and read your statuses. Saving it restarts the instance, which takes up to 5 minutes; statuses posted meanwhile wait in the queue. Only statuses posted afterwards are counted.',
    ),
    vscode.l10n.t('Turn On and Restart'),
  );
  if (!agreed) return;

  let saved: boolean;
  try {
    ({ saveSettings: saved } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Turning on notifications about sent messages…') },
      () => client.setSettings({ outgoingWebhook: 'yes' }),
    ));
  } catch (error) {
    if (!(error instanceof GreenApiError)) throw error;
    // No Retry: a second SetSettings would restart the instance again.
    showGreenApiError(services, error, { instance: client.idInstance });
    return;
  }
  // The instance restarts: the next post checks its state again.
  services.session.verifiedInstance = undefined;
  services.log.info(`setSettings outgoingWebhook=yes for instance ${maskInstanceId(client.idInstance)}: ${saved ? 'saved' : 'not saved'}`);
  if (saved) {
    void services.follower.resume();
    void services.notifier.info(
      vscode.l10n.t(
        'Notifications about sent messages are on. The instance is restarting (up to 5 minutes); statistics count the statuses posted from now on.',
      ),
    );
  } else {
    void services.notifier.warn(
      vscode.l10n.t('GREEN-API did not save the setting. Try again later, or turn on notifications about sent messages in the GREEN-API console.'),
    );
  }
}
