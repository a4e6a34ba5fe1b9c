/** Why a host setting cannot be used. */
export type HostProblem = 'invalid-url' | 'not-https';

export class HostSettingError extends Error {
  override readonly name = 'HostSettingError';
  constructor(
    readonly setting: 'apiUrl' | 'mediaUrl',
    readonly problem: HostProblem,
  ) {
    super(`${setting}: ${problem}`);
  }
}

export interface GreenApiHosts {
  readonly apiUrl: string;
  readonly mediaUrl: string;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * Cleans a host as people paste it from the console: trims, drops a trailing `/` and any pasted
 * `/waInstance…` suffix. Only `https:` is accepted, except for loopback hosts (the local emulator), because the
 * token travels in the URL path.
 */
export function normalizeHostUrl(raw: string, setting: 'apiUrl' | 'mediaUrl'): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new HostSettingError(setting, 'invalid-url');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new HostSettingError(setting, 'not-https');
  }
  if (url.username || url.password || url.search || url.hash) throw new HostSettingError(setting, 'invalid-url');
  const path = url.pathname.replace(/\/waInstance.*$/i, '').replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/** The hosts to use, and which of them were made from the instance id because their setting was empty. */
export interface ResolvedHosts extends GreenApiHosts {
  readonly derived: { readonly apiUrl: boolean; readonly mediaUrl: boolean };
}

/** GREEN-API's hosts that route any instance, slower than an instance's own: only a stand-in for a derived host. */
export const UNIVERSAL_HOSTS: GreenApiHosts = { apiUrl: 'https://api.green-api.com', mediaUrl: 'https://media.green-api.com' };

/**
 * The hosts to use: the settings when given, else the shard hosts the console hands out for the instance's
 * first four digits (docs/greenapi.md §1.3).
 */
export function resolveHosts(idInstance: string, settings: { apiUrl?: string; mediaUrl?: string }): ResolvedHosts {
  const pool = idInstance.slice(0, 4);
  const derived = { apiUrl: !settings.apiUrl?.trim(), mediaUrl: !settings.mediaUrl?.trim() };
  const apiUrl = derived.apiUrl ? `https://${pool}.api.green-api.com` : normalizeHostUrl(settings.apiUrl ?? '', 'apiUrl');
  const mediaUrl = derived.mediaUrl ? `https://${pool}.media.green-api.com` : normalizeHostUrl(settings.mediaUrl ?? '', 'mediaUrl');
  return { apiUrl, mediaUrl, derived };
}

/**
 * The universal host for each derived host: not every pool of four digits has hosts of its own, so a derived host
 * may not resolve. A host the person set is never replaced.
 */
export function fallbackHosts(hosts: ResolvedHosts): Partial<GreenApiHosts> {
  return {
    ...(hosts.derived.apiUrl && { apiUrl: UNIVERSAL_HOSTS.apiUrl }),
    ...(hosts.derived.mediaUrl && { mediaUrl: UNIVERSAL_HOSTS.mediaUrl }),
  };
}
