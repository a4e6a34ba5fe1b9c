import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { RequestInit } from 'node-fetch';
import { GreenApiError, kindForStatus, summariseServerText, type Outcome } from './errors';
import { isRecord } from '../common/json';
import { silentLogger, type Logger } from '../common/log';
import { MAX_RETRY_AFTER_MS, backoffDelay, parseRetryAfter, sleep } from './retry';
import { linkExtension, linkMatchesType, statusFileName } from '../media/statusFileTypes';
import { openUnlessAborted } from '../media/fileSource';
import type {
  UploadReader,
  GreenApiClientConfig,
  CallOptions,
  UploadSource,
  UploadOptions,
  SendMediaStatusRequest,
  SendTextStatusRequest,
  SendVoiceStatusRequest,
  StatusStatisticEntry,
  OutgoingStatus,
  InstanceSettings,
  WaSettings,
  Contact,
} from './types';
import { ResponseTooLargeError, UploadFileError, postUpload, type UploadAnswer as Answer } from './uploadRequest';

/**
 * node-fetch and the polyfills it installs load with the first request rather than with the extension's features: a
 * first post's caption box does not wait for them (the upload itself goes through node:http).
 */
let nodeFetch: Promise<typeof import('node-fetch')> | undefined;
const loadNodeFetch = () => (nodeFetch ??= import('node-fetch'));

/**
 * Which failures a call may repeat on its own (docs/reliability.md §3.2):
 * `once` — a send: only when the request provably never reached the server, or on 429 or "instance starting";
 * `upload` — also after a reset or 502/503/504 (a duplicate stored file is harmless);
 * `idempotent` — a read: the same as upload.
 */
type RetryPolicy = 'once' | 'upload' | 'idempotent';

interface CallSpec {
  readonly apiMethod: string;
  readonly verb: 'GET' | 'POST';
  readonly host: 'api' | 'media';
  readonly retry: RetryPolicy;
  readonly query?: Record<string, string>;
  readonly json?: unknown;
  readonly upload?: { source: UploadSource; fileName: string; onProgress?: UploadOptions['onProgress'] };
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_UPLOAD_IDLE_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_ATTEMPTS = 3;
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
// Slowest upload we wait for in total before giving up: 100 kB/s, and never less than two minutes.
const MIN_UPLOAD_BUDGET_MS = 120_000;
const SLOWEST_UPLOAD_BYTES_PER_MS = 100;

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);
// EPROTO is OpenSSL failing to read the other side as TLS at all (https to a plain-HTTP port, a proxy answering in
// plain text): the handshake never finished, so no request was written.
const TLS_CODE = /^(EPROTO$|CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|HOSTNAME_MISMATCH)/;
const RETRYABLE_STATUSES = new Set([502, 503, 504]);
/** A host name that did not resolve: another host may. */
const UNRESOLVED_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN']);

type Host = CallSpec['host'];

/**
 * The only code that talks to GREEN-API. It alone builds URLs (and so alone holds the token), refuses redirects,
 * enforces deadlines, retries what is safe to retry, and turns every failure into a {@link GreenApiError}:
 * no node-fetch error, whose messages contain the URL, ever leaves this module.
 */
export class GreenApiClient {
  readonly #config: Required<Pick<GreenApiClientConfig, 'idInstance' | 'apiTokenInstance' | 'requestTimeoutMs' | 'uploadIdleTimeoutMs' | 'maxAttempts'>>;
  /** The base URL per host; a host whose name did not resolve is replaced by its fallback for the client's life. */
  readonly #hosts: Record<Host, string>;
  readonly #fallbacks: Partial<Record<Host, string>>;
  readonly #onHostFallback?: (host: Host) => void;
  readonly #lookup?: LookupFunction;
  readonly #agents?: { readonly http: http.Agent; readonly https: https.Agent };
  readonly #log: Logger;
  readonly #random: () => number;

  constructor(config: GreenApiClientConfig) {
    this.#config = {
      idInstance: config.idInstance,
      apiTokenInstance: config.apiTokenInstance,
      requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      uploadIdleTimeoutMs: config.uploadIdleTimeoutMs ?? DEFAULT_UPLOAD_IDLE_TIMEOUT_MS,
      maxAttempts: config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    };
    this.#hosts = { api: config.apiUrl, media: config.mediaUrl };
    this.#fallbacks = { api: config.fallbackHosts?.apiUrl, media: config.fallbackHosts?.mediaUrl };
    this.#onHostFallback = config.onHostFallback;
    this.#lookup = config.lookup;
    if (config.lookup) this.#agents = { http: new http.Agent({ lookup: config.lookup }), https: new https.Agent({ lookup: config.lookup }) };
    this.#log = config.log ?? silentLogger;
    this.#random = config.random ?? Math.random;
  }

  get idInstance(): string {
    return this.#config.idInstance;
  }

  get mediaUrl(): string {
    return this.#hosts.media;
  }

  /**
   * Streams the file to UploadFile on the media host, named for its type in `GA-Filename`, and returns its direct
   * link (valid 15 days). A link stored as another type (`.bin`) is refused: it would be a download that WhatsApp
   * never shows. Throws a TypeError for a Content-Type no status takes.
   */
  async uploadFile(source: UploadSource, options: UploadOptions = {}): Promise<{ urlFile: string }> {
    const apiMethod = 'uploadFile';
    const upload = { source, fileName: statusFileName(source.contentType), onProgress: containProgress(options.onProgress, this.#log) };
    const body = await this.#call({ apiMethod, verb: 'POST', host: 'media', retry: 'upload', upload }, options);
    const urlFile = requireString(body, 'urlFile', apiMethod);
    if (!linkMatchesType(urlFile, source.contentType)) {
      const stored = linkExtension(urlFile) || undefined;
      this.#log.warn(`${apiMethod}: stored as ${stored ?? 'a file without extension'}, not as ${source.contentType}; the link is not used`);
      throw new GreenApiError({ kind: 'download-link', apiMethod, outcome: 'rejected', causeCode: stored });
    }
    return { urlFile };
  }

  /** Queues a picture or video status. Never repeated after an ambiguous failure: see {@link GreenApiError.outcome}. */
  async sendMediaStatus(request: SendMediaStatusRequest, options: CallOptions = {}): Promise<{ idMessage: string }> {
    const json: Record<string, unknown> = { urlFile: request.urlFile, fileName: request.fileName };
    if (request.caption) json.caption = request.caption;
    if (request.participants?.length) json.participants = request.participants;
    const body = await this.#call({ apiMethod: 'sendMediaStatus', verb: 'POST', host: 'api', retry: 'once', json }, options);
    return { idMessage: requireString(body, 'idMessage', 'sendMediaStatus') };
  }

  /** The instance's state; `null` while a new instance is still being created. */
  async getStateInstance(options: CallOptions = {}): Promise<{ stateInstance: string | null }> {
    const body = await this.#call({ apiMethod: 'getStateInstance', verb: 'GET', host: 'api', retry: 'idempotent' }, options);
    if (body === null) return { stateInstance: null };
    return { stateInstance: requireString(body, 'stateInstance', 'getStateInstance') };
  }

  async getWaSettings(options: CallOptions = {}): Promise<WaSettings> {
    const body = await this.#call({ apiMethod: 'getWaSettings', verb: 'GET', host: 'api', retry: 'idempotent' }, options);
    if (!isRecord(body)) throw unexpected('getWaSettings');
    return body as WaSettings;
  }

  async getContacts(options: CallOptions = {}): Promise<Contact[]> {
    const body = await this.#call({ apiMethod: 'getContacts', verb: 'GET', host: 'api', retry: 'idempotent' }, options);
    if (!Array.isArray(body)) throw unexpected('getContacts');
    return body.filter((item): item is Contact => isRecord(item) && typeof item.id === 'string');
  }

  /** Queues a text status. Never repeated after an ambiguous failure, like {@link sendMediaStatus}. */
  async sendTextStatus(request: SendTextStatusRequest, options: CallOptions = {}): Promise<{ idMessage: string }> {
    const json: Record<string, unknown> = { message: request.message };
    if (request.backgroundColor) json.backgroundColor = request.backgroundColor;
    if (request.font) json.font = request.font;
    if (request.participants?.length) json.participants = request.participants;
    const body = await this.#call({ apiMethod: 'sendTextStatus', verb: 'POST', host: 'api', retry: 'once', json }, options);
    return { idMessage: requireString(body, 'idMessage', 'sendTextStatus') };
  }

  /** Queues a voice status from an uploaded `.mp3`/`.wav`. Never repeated after an ambiguous failure. */
  async sendVoiceStatus(request: SendVoiceStatusRequest, options: CallOptions = {}): Promise<{ idMessage: string }> {
    const json: Record<string, unknown> = { urlFile: request.urlFile, fileName: request.fileName };
    if (request.backgroundColor) json.backgroundColor = request.backgroundColor;
    if (request.participants?.length) json.participants = request.participants;
    const body = await this.#call({ apiMethod: 'sendVoiceStatus', verb: 'POST', host: 'api', retry: 'once', json }, options);
    return { idMessage: requireString(body, 'idMessage', 'sendVoiceStatus') };
  }

  /**
   * Deletes a posted status; success is an empty 200. Not repeated on its own: after an ambiguous failure a
   * repeat could answer "ID message notfound" for a status the first attempt did delete.
   */
  async deleteStatus(idMessage: string, options: CallOptions = {}): Promise<void> {
    await this.#call({ apiMethod: 'deleteStatus', verb: 'POST', host: 'api', retry: 'once', json: { idMessage } }, options);
  }

  /** Who saw a status; empty until `outgoingWebhook` is 'yes', and for statuses sent before it was. */
  async getStatusStatistic(idMessage: string, options: CallOptions = {}): Promise<StatusStatisticEntry[]> {
    const body = await this.#call({ apiMethod: 'getStatusStatistic', verb: 'GET', host: 'api', retry: 'idempotent', query: { idMessage } }, options);
    if (!Array.isArray(body)) throw unexpected('getStatusStatistic');
    return body.filter(
      (item): item is StatusStatisticEntry =>
        isRecord(item) && typeof item.participant === 'string' && typeof item.timestamp === 'number' && typeof item.status === 'string',
    );
  }

  /** The outgoing status journal of the last `minutes` (the server's default: 1440). */
  async getOutgoingStatuses(minutes?: number, options: CallOptions = {}): Promise<OutgoingStatus[]> {
    const query = minutes === undefined ? undefined : { minutes: String(minutes) };
    const body = await this.#call({ apiMethod: 'getOutgoingStatuses', verb: 'GET', host: 'api', retry: 'idempotent', query }, options);
    if (!Array.isArray(body)) throw unexpected('getOutgoingStatuses');
    return body.filter((item): item is OutgoingStatus => isRecord(item) && typeof item.idMessage === 'string' && typeof item.timestamp === 'number');
  }

  async getSettings(options: CallOptions = {}): Promise<InstanceSettings> {
    const body = await this.#call({ apiMethod: 'getSettings', verb: 'GET', host: 'api', retry: 'idempotent' }, options);
    if (!isRecord(body)) throw unexpected('getSettings');
    return body as InstanceSettings;
  }

  /** Changes settings. This reboots the instance for up to 5 minutes, so it is never repeated on its own. */
  async setSettings(settings: Partial<InstanceSettings>, options: CallOptions = {}): Promise<{ saveSettings: boolean }> {
    const body = await this.#call({ apiMethod: 'setSettings', verb: 'POST', host: 'api', retry: 'once', json: settings }, options);
    if (!isRecord(body) || typeof body.saveSettings !== 'boolean') throw unexpected('setSettings', 200);
    return { saveSettings: body.saveSettings };
  }

  async #call(spec: CallSpec, options: CallOptions): Promise<unknown> {
    const { maxAttempts } = this.#config;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#attemptOnFallback(spec, options.signal);
      } catch (error) {
        const failure = error as GreenApiError;
        if (attempt >= maxAttempts || !shouldRetry(spec.retry, failure)) throw failure;
        const delay = failure.retryAfterMs ?? backoffDelay(attempt - 1, this.#random);
        this.#log.warn(`${spec.apiMethod}: ${failure.kind}, retrying in ${delay} ms (attempt ${attempt + 1} of ${maxAttempts})`);
        try {
          await sleep(delay, options.signal);
        } catch {
          throw new GreenApiError({ kind: 'cancelled', apiMethod: spec.apiMethod, outcome: failure.outcome });
        }
      }
    }
  }

  /** An attempt; when the host's name did not resolve and it has a fallback, at once again on the fallback. */
  async #attemptOnFallback(spec: CallSpec, userSignal: AbortSignal | undefined): Promise<unknown> {
    try {
      return await this.#attempt(spec, userSignal);
    } catch (error) {
      const failure = error as GreenApiError;
      const fallback = this.#fallbacks[spec.host];
      if (!fallback || failure.kind !== 'network' || !UNRESOLVED_CODES.has(failure.causeCode ?? '')) throw failure;
      this.#hosts[spec.host] = fallback;
      delete this.#fallbacks[spec.host];
      this.#log.warn(`The ${spec.host} host did not resolve (${failure.causeCode}); using its fallback host from now on`);
      this.#onHostFallback?.(spec.host);
      return this.#attempt(spec, userSignal);
    }
  }

  async #attempt(spec: CallSpec, userSignal: AbortSignal | undefined): Promise<unknown> {
    const { apiMethod } = spec;
    if (userSignal?.aborted) throw new GreenApiError({ kind: 'cancelled', apiMethod, outcome: 'not-sent' });

    const controller = new AbortController();
    let timedOut = false;
    const onUserAbort = () => controller.abort();
    userSignal?.addEventListener('abort', onUserAbort, { once: true });

    const deadlines = this.#deadlines(spec, () => {
      timedOut = true;
      controller.abort();
    });
    const started = Date.now();
    try {
      const answer = spec.upload ? await this.#upload(spec, spec.upload, controller.signal, deadlines.onActivity) : await this.#fetch(spec, controller.signal);
      deadlines.clear();
      this.#log.info(`${spec.verb} ${apiMethod} → ${answer.status} (${Date.now() - started} ms)`);
      return this.#parse(spec, answer);
    } catch (error) {
      deadlines.clear();
      if (error instanceof GreenApiError) throw error;
      const failure = this.#classify(apiMethod, error, userSignal, timedOut);
      this.#log.warn(`${spec.verb} ${apiMethod} failed: ${failure.kind}${failure.causeCode ? ` ${failure.causeCode}` : ''} (${Date.now() - started} ms)`);
      throw failure;
    } finally {
      userSignal?.removeEventListener('abort', onUserAbort);
    }
  }

  async #fetch(spec: CallSpec, signal: AbortSignal): Promise<Answer> {
    const { default: fetch } = await loadNodeFetch();
    const init: RequestInit = { method: spec.verb, redirect: 'error', signal: signal as RequestInit['signal'], size: MAX_RESPONSE_BYTES };
    const agents = this.#agents;
    if (agents) init.agent = (url) => (url.protocol === 'https:' ? agents.https : agents.http);
    if (spec.json !== undefined) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(spec.json);
    }
    const response = await fetch(this.#url(spec), init);
    return { status: response.status, text: await response.text(), header: (name) => response.headers.get(name) };
  }

  /** Streamed from the file with progress; the idle deadline restarts whenever the socket takes a chunk. */
  async #upload(
    spec: CallSpec,
    { source, fileName, onProgress }: NonNullable<CallSpec['upload']>,
    signal: AbortSignal,
    onActivity: () => void,
  ): Promise<Answer> {
    const reader = await openSource(source, spec.apiMethod, signal);
    const answer = await postUpload({
      url: this.#url(spec),
      contentType: source.contentType,
      fileName,
      size: source.size,
      reader,
      signal,
      maxResponseBytes: MAX_RESPONSE_BYTES,
      lookup: this.#lookup,
      onSent: (sentBytes) => {
        onActivity();
        onProgress?.(sentBytes, source.size);
      },
    });
    // fetch refuses redirects itself (`redirect: 'error'`); here a redirect is just an answer.
    if (answer.status >= 300 && answer.status < 400) throw redirectRefused(spec.apiMethod);
    return answer;
  }

  #url(spec: CallSpec): string {
    const { idInstance, apiTokenInstance } = this.#config;
    const base = this.#hosts[spec.host];
    const query = spec.query ? `?${new URLSearchParams(spec.query).toString()}` : '';
    return `${base}/waInstance${encodeURIComponent(idInstance)}/${spec.apiMethod}/${encodeURIComponent(apiTokenInstance)}${query}`;
  }

  /** JSON calls get one deadline; uploads an idle deadline reset by every chunk plus an overall budget. */
  #deadlines(spec: CallSpec, onTimeout: () => void): { onActivity(): void; clear(): void } {
    if (!spec.upload) {
      const timer = setTimeout(onTimeout, this.#config.requestTimeoutMs);
      return { onActivity() {}, clear: () => clearTimeout(timer) };
    }
    const budget = Math.max(MIN_UPLOAD_BUDGET_MS, spec.upload.source.size / SLOWEST_UPLOAD_BYTES_PER_MS);
    const overall = setTimeout(onTimeout, budget);
    let idle = setTimeout(onTimeout, this.#config.uploadIdleTimeoutMs);
    return {
      onActivity: () => {
        clearTimeout(idle);
        idle = setTimeout(onTimeout, this.#config.uploadIdleTimeoutMs);
      },
      clear: () => {
        clearTimeout(overall);
        clearTimeout(idle);
      },
    };
  }

  #parse(spec: CallSpec, { status, text, header }: Answer): unknown {
    const { apiMethod } = spec;
    const secrets = this.#config;
    if (status >= 200 && status < 300) {
      if (!text.trim()) return undefined;
      try {
        return JSON.parse(text);
      } catch {
        throw unexpected(apiMethod, status);
      }
    }
    const kind = kindForStatus(status, text);
    const retryAfterMs = parseRetryAfter(header('retry-after'), Date.now());
    const shown = (kind === 'quota' && quotaDescription(text)) || text;
    const serverMessage = summariseServerText(shown, header('content-type'), secrets);
    // A 5xx or 499 comes after the request arrived, maybe from a gateway in front of a server that did act on it.
    const outcome: Outcome = status >= 500 || status === 499 ? 'unknown' : 'rejected';
    throw new GreenApiError({ kind, apiMethod, outcome, httpStatus: status, serverMessage, retryAfterMs });
  }

  #classify(apiMethod: string, error: unknown, userSignal: AbortSignal | undefined, timedOut: boolean): GreenApiError {
    // Once the request was started it may have reached the server, unless the error proves no connection opened.
    const sentOutcome: Outcome = error instanceof AbortedBeforeSending ? 'not-sent' : 'unknown';
    if (error instanceof UploadFileError) return new GreenApiError({ kind: error.kind, apiMethod, outcome: sentOutcome, causeCode: error.code });
    if (userSignal?.aborted) return new GreenApiError({ kind: 'cancelled', apiMethod, outcome: sentOutcome });
    if (timedOut) return new GreenApiError({ kind: 'timeout', apiMethod, outcome: sentOutcome });
    const fetchError = error as { type?: string; code?: string; errno?: string };
    if (fetchError.type === 'no-redirect') return redirectRefused(apiMethod);
    if (fetchError.type === 'max-size' || error instanceof ResponseTooLargeError) {
      return new GreenApiError({ kind: 'unexpected-response', apiMethod, outcome: sentOutcome, causeCode: 'RESPONSE_TOO_LARGE' });
    }
    const code = fetchError.code ?? fetchError.errno;
    if (code && TLS_CODE.test(code)) return new GreenApiError({ kind: 'tls', apiMethod, outcome: 'not-sent', causeCode: code });
    return new GreenApiError({ kind: 'network', apiMethod, outcome: code && NOT_SENT_CODES.has(code) ? 'not-sent' : sentOutcome, causeCode: code });
  }
}

/**
 * `onProgress` unable to harm the upload. Progress only feeds a notification, so a reporter that throws is logged
 * once and the upload goes on: failing a post that is going well over it would be worse, and its exception must
 * not escape the socket's callback, where it would be uncaught and leave the upload stalled until the idle timeout.
 */
export function containProgress(onProgress: UploadOptions['onProgress'], log: Logger): UploadOptions['onProgress'] {
  if (!onProgress) return undefined;
  let logged = false;
  return (sentBytes, totalBytes) => {
    try {
      onProgress(sentBytes, totalBytes);
    } catch (error) {
      if (!logged) log.warn(`Reporting upload progress failed (${String(error)}); the upload goes on`);
      logged = true;
    }
  };
}

/** Cancelled or timed out while the file was still opening: #classify tells which, and nothing was sent. */
class AbortedBeforeSending extends Error {}

function redirectRefused(apiMethod: string): GreenApiError {
  return new GreenApiError({ kind: 'unexpected-response', apiMethod, outcome: 'rejected', causeCode: 'REDIRECT' });
}

async function openSource(source: UploadSource, apiMethod: string, signal: AbortSignal): Promise<UploadReader> {
  try {
    return await openUnlessAborted(source, signal);
  } catch (error) {
    if (signal.aborted) throw new AbortedBeforeSending();
    throw new GreenApiError({ kind: 'file-unreadable', apiMethod, outcome: 'not-sent', causeCode: (error as NodeJS.ErrnoException).code });
  }
}

function shouldRetry(policy: RetryPolicy, error: GreenApiError): boolean {
  if (error.kind === 'rate-limited') return error.retryAfterMs === undefined || error.retryAfterMs <= MAX_RETRY_AFTER_MS;
  if (error.kind === 'network' && error.outcome === 'not-sent') return true;
  // A 400 "instance in starting process" did nothing, so even a send may be repeated (docs/greenapi.md §5.2).
  if (error.kind === 'instance-starting') return true;
  if (policy === 'once') return false;
  return error.kind === 'network' || (error.kind === 'server' && RETRYABLE_STATUSES.has(error.httpStatus ?? 0));
}

/** The human description in a 466 body (docs/greenapi.md §5.1), preferring the exceeded quota. */
function quotaDescription(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as Record<string, { status?: string; description?: string } | undefined>;
    const quotas = Object.values(body).filter((quota) => quota && typeof quota.description === 'string');
    const exceeded = quotas.find((quota) => /EXCEEDED/i.test(quota?.status ?? '')) ?? quotas[0];
    return exceeded?.description;
  } catch {
    return undefined;
  }
}

function unexpected(apiMethod: string, httpStatus?: number): GreenApiError {
  return new GreenApiError({ kind: 'unexpected-response', apiMethod, outcome: 'unknown', httpStatus });
}

function requireString(body: unknown, field: string, apiMethod: string): string {
  const value = isRecord(body) ? body[field] : undefined;
  if (typeof value !== 'string' || !value) throw unexpected(apiMethod, 200);
  return value;
}
