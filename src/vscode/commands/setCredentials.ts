import * as vscode from 'vscode';
import { BACK, runSteps, withAnswer, type Step, type StepAnswer } from '../../core/common/steps';
import { GreenApiError } from '../../core/greenApi/errors';
import type { GreenApiClient } from '../../core/greenApi/client';
import type { GreenApiCredentials } from '../../core/greenApi/types';
import { isOwnNumber } from '../../core/audience/participants';
import { maskInstanceId } from '../../core/greenApi/redact';
import { KEYRING_HELP, clientFor } from '../posting/connection';
import { describeInstanceState } from '../platform/instanceState';
import { describeError } from '../platform/messages';
import { showActionableError } from '../platform/notify';
import type { HostServices } from '../platform/services';
import { enableStatistics } from './historyEnableStatistics';
import { COMMAND } from '../platform/ids';

function trimmed(answer: StepAnswer<string>): StepAnswer<string> {
  return typeof answer === 'string' ? answer.trim() : answer;
}

/** idInstance, then the token, as two steps with Back between them. */
async function askCredentials(services: HostServices): Promise<GreenApiCredentials | undefined> {
  const steps: Array<Step<Partial<GreenApiCredentials>>> = [
    async (typed, position) => withAnswer(typed, 'idInstance', trimmed(await services.prompts.idInstance(position, typed.idInstance))),
    async (typed, position) => withAnswer(typed, 'apiTokenInstance', trimmed(await services.prompts.apiToken(position))),
  ];
  const typed = await runSteps(steps, {});
  return typed && typed !== BACK && typed.idInstance && typed.apiTokenInstance
    ? { idInstance: typed.idInstance, apiTokenInstance: typed.apiTokenInstance }
    : undefined;
}

/**
 * Asks for idInstance and apiTokenInstance, checks them with getStateInstance, and only then stores them. Shows the
 * instance state and the account's phone so the person knows which WhatsApp account they will post as.
 */
export function registerSetCredentials(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.setCredentials, async () => {
    const credentials = await askCredentials(services);
    if (!credentials) return;
    const { idInstance } = credentials;
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
        const save = await services.prompts.ask(
          message,
          vscode.l10n.t('The credentials could not be checked. Save them anyway?'),
          vscode.l10n.t('Save Anyway'),
        );
        if (save) await store(services, credentials, vscode.l10n.t('GREEN-API credentials saved without a check.'));
        return;
      }
      showActionableError(
        services,
        `${message} ${vscode.l10n.t('The credentials were not saved.')}`,
        actions.filter((action) => action !== 'setCredentials'),
      );
      return;
    }

    const instance = maskInstanceId(idInstance);
    const state = describeInstanceState(checked.stateInstance);
    // An untrusted answer: anything but digits is neither shown nor kept.
    const phone = isOwnNumber(checked.phone) ? checked.phone : undefined;
    const saved = phone
      ? vscode.l10n.t('Credentials saved. Instance {0} is {1}, posting as +{2}.', instance, state.message, phone)
      : vscode.l10n.t('Credentials saved. Instance {0} is {1}', instance, state.message);
    if (!(await store(services, credentials, state.severity === 'ready' ? saved : undefined))) return;
    services.session.verifiedInstance = state.severity === 'ready' ? idInstance : undefined;
    // Typed numbers are read in the country of this number; the audience picker asks for it when it is not known here.
    services.session.ownNumber = phone ? { instance: idInstance, phone } : undefined;
    services.log.info(`Credentials saved for instance ${instance} (${checked.stateInstance ?? 'null'})`);
    if (state.severity !== 'ready') void services.notifier.warn(saved);
    else await offerLiveStates(services, client);
  });
}

/**
 * Live states need the journal: if its setting is off, say so now, when the person is setting things up. Resolves
 * once the offer is shown, not when it is answered.
 */
async function offerLiveStates(services: HostServices, client: GreenApiClient): Promise<void> {
  const settings = await client.getSettings().catch((error: unknown) => {
    if (!(error instanceof GreenApiError)) throw error;
    services.log.warn(`Set Credentials: the settings could not be read (${error.message})`);
    return undefined;
  });
  if (!settings || settings.outgoingWebhook === 'yes') return;
  const turnOn = vscode.l10n.t('Turn On…');
  void services.notifier
    .info(
      vscode.l10n.t(
        'To see whether each status was sent, delivered and read, GREEN-API’s “notifications about sent messages” must be on for this instance. Turning them on restarts the instance (up to 5 minutes).',
      ),
      turnOn,
    )
    .then((choice) => {
      if (choice === turnOn) void enableStatistics(services, client, { known: true });
    });
}

/** Stores the credentials and says so; explains keyring failures, the usual reason storing fails on Linux. */
async function store(
  services: HostServices,
  credentials: { idInstance: string; apiTokenInstance: string },
  confirmation: string | undefined,
): Promise<boolean> {
  try {
    await services.credentials.store(credentials);
  } catch {
    const learnMore = vscode.l10n.t('Learn More');
    const choice = await services.notifier.error(
      vscode.l10n.t('VS Code could not save the credentials in its secret storage: no system keyring is available.'),
      learnMore,
    );
    if (choice === learnMore) void vscode.env.openExternal(vscode.Uri.parse(KEYRING_HELP));
    return false;
  }
  if (confirmation) void services.notifier.info(confirmation);
  return true;
}
