import * as vscode from 'vscode';
import { GreenApiError } from '../../core/errors';
import { maskInstanceId } from '../../core/redact';
import { KEYRING_HELP, clientFor } from '../connection';
import { describeInstanceState } from '../instanceState';
import { describeError } from '../messages';
import { showActionableError } from '../notify';
import type { HostServices } from '../services';

/**
 * Asks for idInstance and apiTokenInstance, checks them with getStateInstance, and only then stores them. Shows the
 * instance state and the account's phone so the person knows which WhatsApp account they will post as.
 */
export function registerSetCredentials(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand('whatsappStatus.setCredentials', async () => {
    const idInstance = (await services.prompts.idInstance())?.trim();
    if (!idInstance) return;
    const apiTokenInstance = (await services.prompts.apiToken())?.trim();
    if (!apiTokenInstance) return;
    const credentials = { idInstance, apiTokenInstance };
    services.credentials.lastKnown = credentials;
    const client = clientFor(services, credentials);
    if (!client) return;

    const checked = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking GREEN-API credentials…'), cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        try {
          const { stateInstance } = await client.getStateInstance({ signal: abort.signal });
          const phone = stateInstance === 'authorized' ? (await client.getWaSettings({ signal: abort.signal }).catch(() => undefined))?.phone : undefined;
          return { ok: true as const, stateInstance, phone };
        } catch (error) {
          if (!(error instanceof GreenApiError)) throw error;
          return { ok: false as const, error };
        }
      },
    );

    if (!checked.ok) {
      if (checked.error.kind === 'cancelled') return;
      const { message, actions } = describeError(checked.error, { instanceVerified: false });
      if (checked.error.outcome !== 'rejected') {
        // The check could not run (network, timeout): the credentials may be fine, so let the person decide.
        const save = await services.prompts.ask(message, vscode.l10n.t('The credentials could not be checked. Save them anyway?'), vscode.l10n.t('Save Anyway'));
        if (save) await store(services, credentials, vscode.l10n.t('GREEN-API credentials saved without a check.'));
        return;
      }
      showActionableError(services, `${message} ${vscode.l10n.t('The credentials were not saved.')}`, actions.filter((action) => action !== 'setCredentials'));
      return;
    }

    const instance = maskInstanceId(idInstance);
    const state = describeInstanceState(checked.stateInstance);
    const saved = checked.phone
      ? vscode.l10n.t('Credentials saved. Instance {0} is {1}, posting as +{2}.', instance, state.message, checked.phone)
      : vscode.l10n.t('Credentials saved. Instance {0} is {1}', instance, state.message);
    if (!(await store(services, credentials, state.severity === 'ready' ? saved : undefined))) return;
    services.session.verifiedInstance = state.severity === 'ready' ? idInstance : undefined;
    services.log.info(`Credentials saved for instance ${instance} (${checked.stateInstance ?? 'null'})`);
    if (state.severity !== 'ready') void services.notifier.warn(saved);
  });
}

/** Stores the credentials and says so; explains keyring failures, the usual reason storing fails on Linux. */
async function store(services: HostServices, credentials: { idInstance: string; apiTokenInstance: string }, confirmation: string | undefined): Promise<boolean> {
  try {
    await services.credentials.store(credentials);
  } catch {
    const learnMore = vscode.l10n.t('Learn More');
    const choice = await services.notifier.error(vscode.l10n.t('VS Code could not save the credentials in its secret storage: no system keyring is available.'), learnMore);
    if (choice === learnMore) void vscode.env.openExternal(vscode.Uri.parse(KEYRING_HELP));
    return false;
  }
  if (confirmation) void services.notifier.info(confirmation);
  return true;
}
