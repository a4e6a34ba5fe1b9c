import { redact, type RedactionSecrets } from './redact';

/** What went wrong, in the terms the person can act on. */
export type ErrorKind =
  | 'credentials' // 401: wrong apiTokenInstance
  | 'forbidden' // 403: wrong idInstance/host, or no beta access to status methods
  | 'not-found' // 404: wrong method, verb or host
  | 'rate-limited' // 429
  | 'quota' // 466: plan quota used up
  | 'bad-request' // 400 validation or malformed request
  | 'instance-starting' // 400 "instance in starting process"
  | 'instance-not-authorized' // 400 "not authorized": the phone is not linked
  | 'instance-expired' // 400 "expired" or "deleted"
  | 'server' // 5xx, 499 and other unexpected statuses
  | 'network' // connection refused, DNS, reset
  | 'tls' // certificate problems
  | 'timeout'
  | 'cancelled'
  | 'unexpected-response' // redirect, invalid JSON, HTML where JSON was expected
  | 'file-changed' // the file's size differed from what was announced
  | 'file-unreadable' // the file could not be read while uploading
  | 'download-link'; // uploadFile stored the file as another type (`.bin`): a status with that link never shows

/**
 * Whether the server may have acted on the request:
 * `not-sent` — it never left (or was refused before any effect); `rejected` — the server answered with an error, or
 * with an answer the client refused (nothing was posted);
 * `unknown` — it may have been processed (for sendMediaStatus: the status may be queued).
 */
export type Outcome = 'not-sent' | 'rejected' | 'unknown';

export interface GreenApiErrorInit {
  readonly kind: ErrorKind;
  readonly apiMethod: string;
  readonly outcome: Outcome;
  readonly httpStatus?: number;
  /** The server's own words (already redacted and shortened), shown to the person for 400/466. */
  readonly serverMessage?: string;
  /** A low-level code such as ECONNRESET or CERT_HAS_EXPIRED; never a message (those carry URLs). */
  readonly causeCode?: string;
  /** How long the server asked us to wait, when it did. */
  readonly retryAfterMs?: number;
}

const SUMMARY: Record<ErrorKind, string> = {
  credentials: 'credentials were rejected',
  forbidden: 'access forbidden',
  'not-found': 'method or host not found',
  'rate-limited': 'rate limited',
  quota: 'plan quota exceeded',
  'bad-request': 'request rejected as invalid',
  'instance-starting': 'instance is starting',
  'instance-not-authorized': 'instance is not authorized',
  'instance-expired': 'instance expired or deleted',
  server: 'server error',
  network: 'network error',
  tls: 'TLS certificate problem',
  timeout: 'timed out',
  cancelled: 'cancelled',
  'unexpected-response': 'unexpected response',
  'file-changed': 'file changed while uploading',
  'file-unreadable': 'file could not be read',
  'download-link': 'file stored as a download',
};

/**
 * The one error type that leaves the GREEN-API client. Its message comes from fixed templates and it keeps no
 * `cause`, so no form of it (message, stack, inspect, JSON) can carry the request URL and with it the token.
 */
export class GreenApiError extends Error {
  override readonly name = 'GreenApiError';
  readonly kind: ErrorKind;
  readonly apiMethod: string;
  readonly outcome: Outcome;
  readonly httpStatus?: number;
  readonly serverMessage?: string;
  readonly causeCode?: string;
  readonly retryAfterMs?: number;

  constructor(init: GreenApiErrorInit) {
    const status = init.httpStatus === undefined ? '' : ` (HTTP ${init.httpStatus})`;
    super(`${init.apiMethod}: ${SUMMARY[init.kind]}${status}`);
    this.kind = init.kind;
    this.apiMethod = init.apiMethod;
    this.outcome = init.outcome;
    this.httpStatus = init.httpStatus;
    this.serverMessage = init.serverMessage;
    this.causeCode = init.causeCode;
    this.retryAfterMs = init.retryAfterMs;
  }

  toJSON(): GreenApiErrorInit & { name: string; message: string } {
    const { name, message, kind, apiMethod, outcome, httpStatus, serverMessage, causeCode, retryAfterMs } = this;
    return { name, message, kind, apiMethod, outcome, httpStatus, serverMessage, causeCode, retryAfterMs };
  }
}

/** A send (sendMediaStatus, sendVoiceStatus, sendTextStatus…) that may have reached the queue despite failing. */
export function mayHaveBeenQueued(error: GreenApiError): boolean {
  return error.outcome === 'unknown' && error.apiMethod.startsWith('send');
}

/** The methods GREEN-API may still treat as beta: a 403 from one of them can mean the instance has no access to them. */
const STATUS_METHODS = new Set([
  'sendMediaStatus',
  'sendTextStatus',
  'sendVoiceStatus',
  'deleteStatus',
  'getStatusStatistic',
  'getOutgoingStatuses',
  'getIncomingStatuses',
]);

export function isStatusMethod(apiMethod: string): boolean {
  return STATUS_METHODS.has(apiMethod);
}

const SERVER_MESSAGE_MAX = 300;

/** Makes a server's error body safe and short enough to show: redacted, HTML pages summarised. */
export function summariseServerText(body: string, contentType: string | null, secrets: RedactionSecrets): string | undefined {
  const text = body.trim();
  if (!text) return undefined;
  if (/html/i.test(contentType ?? '') || /^<(!doctype|html)/i.test(text)) return 'HTML error page';
  const oneLine = redact(text, secrets).replace(/\s+/g, ' ');
  const characters = Array.from(oneLine); // code points, so the cut never splits a surrogate pair
  return characters.length > SERVER_MESSAGE_MAX ? `${characters.slice(0, SERVER_MESSAGE_MAX - 1).join('')}…` : oneLine;
}

/** Maps an HTTP error status and body to a kind, following docs/greenapi.md §5.1. */
export function kindForStatus(status: number, body: string): ErrorKind {
  if (status === 400) {
    if (/starting process/i.test(body)) return 'instance-starting';
    if (/not authorized/i.test(body)) return 'instance-not-authorized';
    if (/expired|is deleted/i.test(body)) return 'instance-expired';
    return 'bad-request';
  }
  if (status === 401) return 'credentials';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 466) return 'quota';
  if (status >= 300 && status < 400) return 'unexpected-response';
  return 'server';
}
