import * as vscode from 'vscode';
import { GreenApiError } from '../../core/greenApi/errors';
import { GreenApiClient } from '../../core/greenApi/client';
import type { GreenApiCredentials } from '../../core/greenApi/types';
import type { Logger } from '../../core/common/log';
import { HostSettingError, fallbackHosts, resolveHosts } from '../../core/greenApi/hosts';
import { maskInstanceId } from '../../core/greenApi/redact';
import { describeInstanceState } from '../platform/instanceState';
import { describeHostProblem } from '../platform/messages';
import { showActionableError, showGreenApiError } from '../platform/notify';
import type { HostServices } from '../platform/services';
import { openSettings, readSettings } from '../platform/settings';
import { COMMAND } from '../platform/ids';

// VS Code's own page on keyring problems (docs/reliability.md §1.3).
export const KEYRING_HELP = 'https://go.microsoft.com/fwlink/?linkid=2239490';

/** A client for the given credentials and the user's host settings, or undefined after telling the person why not. */
export function clientFor(services: HostServices, credentials: GreenApiCredentials): GreenApiClient | undefined {
  const made = backgroundClient(services, credentials);
  if (made.ok) return made.client;
  showActionableError(services, made.problem, ['openSettings']);
  return undefined;
}

export type BackgroundClient = { readonly ok: true; readonly client: GreenApiClient } | { readonly ok: false; readonly problem: string };

/**
 * A client for requests nobody clicked for (the status bar's poll, loading the history view): unlike clientFor() it
 * never pops up a notification about a bad host setting, it returns the problem for the caller to show in place.
 * `quiet` moves the client's per-request lines to debug, so a poll every minute does not fill the log.
 */
export function backgroundClient(
  services: HostServices,
  credentials: GreenApiCredentials,
  options: { quiet?: boolean; maxAttempts?: number } = {},
): BackgroundClient {
  const settings = readSettings(services.log);
  let hosts;
  try {
    hosts = resolveHosts(credentials.idInstance, settings);
  } catch (error) {
    if (!(error instanceof HostSettingError)) throw error;
    return { ok: false, problem: describeHostProblem(error.setting, error.problem) };
  }
  const log: Logger = options.quiet ? quietLogger(services.log) : services.log;
  return {
    ok: true,
    client: new GreenApiClient({
      ...credentials,
      apiUrl: hosts.apiUrl,
      mediaUrl: hosts.mediaUrl,
      fallbackHosts: fallbackHosts(hosts),
      onHostFallback: () => warnHostFallback(services),
      requestTimeoutMs: settings.requestTimeoutSeconds * 1000,
      log,
      ...(options.maxAttempts !== undefined && { maxAttempts: options.maxAttempts }),
    }),
  };
}

/**
 * Once per session, however many clients fall back: the host made from the idInstance did not resolve, so the
 * requests went to GREEN-API's universal host, which is slower; the console's own hosts are the fix.
 */
function warnHostFallback(services: HostServices): void {
  if (services.session.hostFallbackWarned) return;
  services.session.hostFallbackWarned = true;
  const open = vscode.l10n.t('Open Settings');
  const message = vscode.l10n.t(
    "The GREEN-API host made from your idInstance does not resolve, so the extension uses GREEN-API's slower universal host. Paste the apiUrl and mediaUrl from your GREEN-API console into the whatsappStatus.apiUrl and whatsappStatus.mediaUrl settings.",
  );
  void services.notifier.warn(message, open).then((choice) => {
    if (choice === open) void openSettings();
  });
}

function quietLogger(log: Logger): Logger {
  return {
    trace: (message) => log.trace(message),
    debug: (message) => log.debug(message),
    info: (message) => log.debug(message),
    warn: (message) => log.debug(message),
    error: (message) => log.error(message),
  };
}

/** The stored credentials' client, or undefined after offering to set them. */
export async function connect(services: HostServices): Promise<GreenApiClient | undefined> {
  await services.started;
  const stored = await services.credentials.get();
  if (stored.status === 'ok') return clientFor(services, stored.credentials);
  if (stored.status === 'corrupt') {
    showActionableError(services, vscode.l10n.t('The stored GREEN-API credentials are unreadable. Set them again.'), ['setCredentials']);
  } else if (stored.wereSetBefore) {
    const learnMore = vscode.l10n.t('Learn More');
    const set = vscode.l10n.t('Set Credentials');
    void services.notifier
      .error(
        vscode.l10n.t('Your GREEN-API credentials are no longer in VS Code secret storage; the system keyring may be unavailable. Set them again.'),
        set,
        learnMore,
      )
      .then((choice) => {
        if (choice === set) void vscode.commands.executeCommand(COMMAND.setCredentials);
        if (choice === learnMore) void vscode.env.openExternal(vscode.Uri.parse(KEYRING_HELP));
      });
  } else {
    showActionableError(services, vscode.l10n.t('Set your GREEN-API credentials (idInstance and apiTokenInstance) first.'), ['setCredentials']);
  }
  return undefined;
}

/**
 * The instance check of a session's first post, started now so that no prompt waits for GREEN-API: the returned
 * function, called once the person has answered, says whether to send. A state that holds statuses in a queue is
 * confirmed with the person, one that cannot send stops the post after saying why. The answer is given once, however
 * often the function is called (a batch asked per file).
 */
export function startInstanceCheck(services: HostServices, client: GreenApiClient): () => Promise<boolean> {
  if (services.session.verifiedInstance === client.idInstance) return async () => true;
  const checked = client.getStateInstance().then(
    ({ stateInstance }) => ({ ok: true as const, state: stateInstance }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  let decided: Promise<boolean> | undefined;
  return () => (decided ??= checked.then((result) => judgeInstance(services, client, result)));
}

async function judgeInstance(
  services: HostServices,
  client: GreenApiClient,
  result: { ok: true; state: string | null } | { ok: false; error: unknown },
): Promise<boolean> {
  if (!result.ok) {
    if (!(result.error instanceof GreenApiError)) throw result.error;
    showGreenApiError(services, result.error);
    return false;
  }
  const { severity, message } = describeInstanceState(result.state);
  const instance = maskInstanceId(client.idInstance);
  if (severity === 'ready') {
    services.session.verifiedInstance = client.idInstance;
    return true;
  }
  if (severity === 'unusable') {
    void services.notifier.error(vscode.l10n.t('GREEN-API instance {0} is {1}', instance, message));
    return false;
  }
  return services.prompts.ask(
    vscode.l10n.t('GREEN-API instance {0} is {1}', instance, message),
    vscode.l10n.t('Post anyway? The status is queued and sent once the instance can send.'),
    vscode.l10n.t('Post Anyway'),
  );
}
