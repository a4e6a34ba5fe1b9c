import type { GreenApiCredentials } from '../../core/greenApiClient';
import { GreenApiClient } from '../../core/greenApiClient';
import { HostSettingError, resolveHosts } from '../../core/hosts';
import type { Logger } from '../../core/log';
import { describeHostProblem } from '../messages';
import type { HostServices } from '../services';
import { readSettings } from '../settings';

export type BackgroundClient = { readonly ok: true; readonly client: GreenApiClient } | { readonly ok: false; readonly problem: string };

/**
 * A client for requests nobody clicked for (the status bar's poll, loading the history view): unlike clientFor() it
 * never pops up a notification about a bad host setting, it returns the problem for the caller to show in place.
 * `quiet` moves the client's per-request lines to debug, so a poll every minute does not fill the log.
 */
export function backgroundClient(services: HostServices, credentials: GreenApiCredentials, options: { quiet?: boolean; maxAttempts?: number } = {}): BackgroundClient {
  const settings = readSettings();
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
      ...hosts,
      requestTimeoutMs: settings.requestTimeoutSeconds * 1000,
      log,
      ...(options.maxAttempts !== undefined && { maxAttempts: options.maxAttempts }),
    }),
  };
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
