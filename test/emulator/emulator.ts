/** The emulator: listeners, request recording, routing, faults and the control API. */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MethodCall } from './call';
import { FaultQueue, faultReply, runsMethod } from './faults';
import { TEST_ONLY_TLS_CERT_PEM, TEST_ONLY_TLS_KEY_PEM } from './fixtures/test-only-tls';
import { Instance } from './instance';
import { METHODS, type MethodSpec } from './methods';
import { renderStatusPage } from './page';
import { emptyReply, forbidden, htmlReply, jsonReply, notFound, startingInstance, tooManyRequests, unauthorized, type Reply } from './reply';
import type { Advanced, AdvanceOptions, EmulatorConfig, EmulatorOptions, Fault, Quota, RecordedRequest, RecordedStatus, StoredUpload } from './types';
import { UploadStore } from './uploads';

export const DEFAULT_ID_INSTANCE = '1101000001';
/** Obviously fake, and 50 characters like a real token. */
export const DEFAULT_API_TOKEN_INSTANCE = '0'.repeat(50);

const CONTROL_PREFIX = '/__emulator/';
const METHOD_PATH = /^\/waInstance([^/]+)\/([^/]+)\/([^/]+)\/?$/;

type Listener = 'api' | 'media' | 'redirect';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const tls = options.tls ?? false;
  // requestTimeout 0: throttled uploads and stall faults must not be cut off by Node's 300 s default.
  const createServer = (): Server =>
    tls ? createHttpsServer({ key: TEST_ONLY_TLS_KEY_PEM, cert: TEST_ONLY_TLS_CERT_PEM, requestTimeout: 0 }) : createHttpServer({ requestTimeout: 0 });
  const servers = { api: createServer(), media: createServer(), redirect: createServer() };
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const urlOf = async (server: Server, port: number): Promise<string> => `${tls ? 'https' : 'http'}://${urlHost}:${await listen(server, port, host)}`;
  try {
    const [apiUrl, mediaUrl, redirectUrl] = await Promise.all([
      urlOf(servers.api, options.apiPort ?? 0),
      urlOf(servers.media, options.mediaPort ?? 0),
      urlOf(servers.redirect, 0),
    ]);
    const idInstance = options.idInstance ?? DEFAULT_ID_INSTANCE;
    const instance = new Instance(idInstance, await UploadStore.create(), apiUrl, mediaUrl);
    const emulator = new Emulator(instance, options.apiTokenInstance ?? DEFAULT_API_TOKEN_INSTANCE, Object.values(servers), redirectUrl, tls);
    for (const listener of ['api', 'media', 'redirect'] as const) {
      servers[listener].on('request', (req: IncomingMessage, res: ServerResponse) => void emulator.handle(listener, req, res));
    }
    return emulator;
  } catch (error) {
    for (const server of Object.values(servers)) server.close();
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Start one with startEmulator(). */
export class Emulator {
  readonly apiUrl: string;
  readonly mediaUrl: string;
  readonly idInstance: string;
  /** Every request that reached a listener, in arrival order; records fill in as requests finish. */
  readonly requests: RecordedRequest[] = [];
  /** PEM of the test-only certificate in TLS mode (pass it as `ca` to trust the emulator), else undefined. */
  readonly certificatePem: string | undefined;
  private readonly faults = new FaultQueue();
  private readonly recentCalls = new Map<string, number[]>();
  private closing: Promise<void> | undefined;

  /** @internal */
  constructor(
    private readonly instance: Instance,
    readonly apiTokenInstance: string,
    private readonly servers: Server[],
    private readonly redirectUrl: string,
    tls: boolean,
  ) {
    this.apiUrl = instance.apiUrl;
    this.mediaUrl = instance.mediaUrl;
    this.idInstance = instance.idInstance;
    this.certificatePem = tls ? TEST_ONLY_TLS_CERT_PEM : undefined;
  }

  get uploads(): StoredUpload[] {
    return this.instance.uploads.uploads;
  }

  get statuses(): RecordedStatus[] {
    return this.instance.statuses;
  }

  get config(): Readonly<EmulatorConfig> {
    return this.instance.config;
  }

  /** Recorded GREEN-API method calls (either host), optionally of one method (case-insensitive). */
  apiRequests(method?: string): RecordedRequest[] {
    return this.requests.filter(
      (request) =>
        (request.host === 'api' || request.host === 'media') &&
        request.apiMethod !== undefined &&
        (method === undefined || request.apiMethod.toLowerCase() === method.toLowerCase()),
    );
  }

  /** Throws a TypeError for an unknown field or a bad value. */
  set(state: Partial<EmulatorConfig>): void {
    this.instance.configure(state);
  }

  /** Throws a TypeError for a malformed fault. */
  fault(fault: Fault): void {
    this.faults.add(fault);
  }

  /**
   * Moves a status (default: the newest) on to at least `to` now, whatever the schedule says. Throws a TypeError
   * for an unknown id, or one that can never be published (saying why).
   */
  advance(options: AdvanceOptions): Advanced {
    return this.instance.advance(options);
  }

  reset(): void {
    this.requests.length = 0;
    this.faults.clear();
    this.recentCalls.clear();
    this.instance.reset();
    this.instance.uploads.clear().catch((error: unknown) => console.error('GREEN-API emulator: could not delete uploads', error));
  }

  /** Closes the listeners, destroying open connections (which ends stalls, delays and throttled reads). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.instance.dispose();
      await Promise.all(
        this.servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
      await this.instance.uploads.dispose();
    })();
    return this.closing;
  }

  /** @internal */
  async handle(listener: Listener, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record: RecordedRequest = {
      host: listener,
      verb: req.method ?? '',
      status: 0,
      bodyBytes: 0,
      headers: this.recordableHeaders(req),
      at: Date.now(),
    };
    this.requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    // An answer the client read and hung up on while its body was still being drained counts as given.
    res.on('close', () => {
      if (res.headersSent) record.status = res.statusCode;
    });
    const hangUp = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) hangUp.abort();
    });
    try {
      await this.route(listener, req, res, record, hangUp.signal);
    } catch (error) {
      // A client that hung up (or an emulator that closed) leaves nobody to answer.
      if (req.socket.destroyed) return;
      console.error('GREEN-API emulator: unexpected error', error);
      send(res, { status: 500, headers: {}, body: 'Internal Server Error' });
    }
  }

  private async route(listener: Listener, req: IncomingMessage, res: ServerResponse, record: RecordedRequest, signal: AbortSignal): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (listener === 'redirect') {
      await drain(this.bodyChunks(req, record, signal));
      return send(res, notFound());
    }
    if (listener === 'api' && (url.pathname === '/' || url.pathname.startsWith(CONTROL_PREFIX))) {
      record.host = 'control';
      return send(res, await this.control(req, url, record, signal));
    }
    if (listener === 'media' && url.pathname.startsWith('/files/') && (req.method === 'GET' || req.method === 'HEAD')) {
      record.host = 'file';
      return this.instance.uploads.serve(req, res, url.pathname);
    }
    const match = METHOD_PATH.exec(url.pathname);
    if (!match) return send(res, notFound());
    const [, idInstance, methodName, token] = match;
    const spec = METHODS.get(methodName.toLowerCase());
    record.apiMethod = spec?.name ?? this.redact(methodName);
    // A method asked of the wrong host is as unknown there as a misspelt one.
    if (!spec || spec.host !== listener) return send(res, notFound());
    if (req.method === 'OPTIONS') return send(res, emptyReply(204));
    if (req.method !== spec.verb) return send(res, notFound());
    await this.callMethod(spec, req, res, url, record, signal, { idInstance, token });
  }

  private async callMethod(
    spec: MethodSpec,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    record: RecordedRequest,
    signal: AbortSignal,
    credentials: { idInstance: string; token: string },
  ): Promise<void> {
    const fault = this.faults.take(spec.name);
    if (fault?.action === 'reset-immediately') {
      req.socket.destroy();
      return;
    }
    if (fault?.action === 'stall-body') {
      req.once('data', (chunk: Buffer) => {
        record.bodyBytes += chunk.length;
        req.pause();
      });
      return;
    }
    const throttle = spec.name === 'uploadFile' ? this.instance.config.uploadBytesPerSecond : undefined;
    const body = this.bodyChunks(req, record, signal, throttle);
    const call: MethodCall = { instance: this.instance, request: req, query: url.searchParams, body, signal };
    const methodReply = runsMethod(fault) ? await this.answer(spec, call, credentials) : undefined;
    if (fault === undefined) return send(res, methodReply as Reply, {}, this.instance.config.earlyAnswer);
    await drain(body);
    if (fault.delayMs) await sleep(fault.delayMs, undefined, { signal });
    if (fault.action === 'reset-before-response') {
      req.socket.destroy();
      return;
    }
    if (fault.action === 'stall-headers') return;
    const reply =
      fault.action !== undefined || fault.status !== undefined ? faultReply(fault, methodReply, `${this.redirectUrl}${req.url}`) : (methodReply as Reply);
    send(res, reply, fault.headers);
  }

  /** The checks every method passes through, in the service's order, then the method itself. */
  private async answer(spec: MethodSpec, call: MethodCall, credentials: { idInstance: string; token: string }): Promise<Reply> {
    // Clients percent-encode both segments, so a token with '/', '?', '#' or '%' in it still fits in the path.
    if (decodedSegment(credentials.idInstance) !== this.idInstance) return forbidden();
    if (decodedSegment(credentials.token) !== this.apiTokenInstance) return unauthorized();
    const { config } = this.instance;
    if (config.rateLimit && !this.withinRateLimit(spec)) return tooManyRequests();
    if (spec.statusMethod && !config.betaAccess) return forbidden();
    if (spec.refusedWhileStarting && config.stateInstance === 'starting') return startingInstance();
    if (config.quota && (spec.sends || spec.name.toLowerCase() === config.quota.method.toLowerCase())) {
      return jsonReply(466, quotaExceededBody(config.quota));
    }
    return spec.handle(call);
  }

  /** Sliding one-second window per method; refused calls do not count. */
  private withinRateLimit(spec: MethodSpec): boolean {
    const now = Date.now();
    const recent = (this.recentCalls.get(spec.name) ?? []).filter((at) => now - at < 1000);
    const allowed = recent.length < spec.perSecond;
    if (allowed) recent.push(now);
    this.recentCalls.set(spec.name, recent);
    return allowed;
  }

  /** Yields the request body, counting it, and for uploads paces reads to `bytesPerSecond`. */
  private async *bodyChunks(req: IncomingMessage, record: RecordedRequest, signal: AbortSignal, bytesPerSecond?: number): AsyncGenerator<Buffer> {
    const started = Date.now();
    // Small slices keep the pace smooth even when the socket hands over 64 KiB at once.
    const sliceBytes = bytesPerSecond ? Math.max(1024, Math.floor(bytesPerSecond / 20)) : Number.POSITIVE_INFINITY;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      for (let offset = 0; offset < chunk.length; offset += sliceBytes) {
        const slice = chunk.subarray(offset, offset + sliceBytes);
        record.bodyBytes += slice.length;
        yield slice;
        if (bytesPerSecond) {
          const wait = started + (record.bodyBytes / bytesPerSecond) * 1000 - Date.now();
          if (wait > 0) await sleep(wait, undefined, { signal });
        }
      }
    }
  }

  private async control(req: IncomingMessage, url: URL, record: RecordedRequest, signal: AbortSignal): Promise<Reply> {
    const readJson = async (): Promise<unknown> => {
      const chunks: Buffer[] = [];
      for await (const chunk of this.bodyChunks(req, record, signal)) chunks.push(chunk);
      return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    };
    try {
      switch (`${req.method} ${url.pathname}`) {
        case 'GET /':
          return htmlReply(200, renderStatusPage(this.instance));
        case `GET ${CONTROL_PREFIX}requests`:
          return jsonReply(
            200,
            this.requests.filter((request) => request !== record),
          );
        case `GET ${CONTROL_PREFIX}uploads`:
          return jsonReply(200, this.uploads);
        case `GET ${CONTROL_PREFIX}statuses`:
          return jsonReply(200, this.statuses);
        case `GET ${CONTROL_PREFIX}config`:
          return jsonReply(200, this.config);
        case `POST ${CONTROL_PREFIX}config`:
          this.set((await readJson()) as Partial<EmulatorConfig>);
          return jsonReply(200, this.config);
        case `POST ${CONTROL_PREFIX}faults`:
          this.fault((await readJson()) as Fault);
          return jsonReply(200, { pendingFaults: this.faults.pending });
        case `POST ${CONTROL_PREFIX}advance`:
          return jsonReply(200, this.advance((await readJson()) as AdvanceOptions));
        case `POST ${CONTROL_PREFIX}reset`:
          await drain(this.bodyChunks(req, record, signal));
          this.reset();
          return jsonReply(200, {});
        default:
          return notFound();
      }
    } catch (error) {
      if (error instanceof TypeError || error instanceof SyntaxError) return jsonReply(400, { error: error.message });
      throw error;
    }
  }

  private recordableHeaders(req: IncomingMessage): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = this.redact(Array.isArray(value) ? value.join(', ') : value);
    }
    return headers;
  }

  /** Records must never hold a token: ours as sent or percent-encoded, or anything token-shaped. */
  private redact(text: string): string {
    return [this.apiTokenInstance, encodeURIComponent(this.apiTokenInstance)]
      .reduce((redacted, token) => redacted.split(token).join('[token]'), text)
      .replace(/[0-9a-f]{40,}/gi, '[token]');
  }
}

/** docs/greenapi.md §5.1: the invoked method's quota is used up; the correspondents quota is not. */
function quotaExceededBody(quota: Quota): object {
  return {
    invokeStatus: { method: quota.method, used: quota.used, total: quota.total, status: 'QUOTE_EXCEEDED', description: quota.description },
    correspondentsStatus: {
      method: 'correspondents',
      used: 0,
      total: 3,
      status: 'QUOTE_ALLOWED',
      description: 'Monthly limit of chats you can write to on the Developer plan',
    },
  };
}

/** A malformed escape cannot match anything: undefined. */
function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

async function drain(body: AsyncIterable<Buffer>): Promise<void> {
  for await (const chunk of body) void chunk;
}

function send(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}, earlyAnswer: EmulatorConfig['earlyAnswer'] = 'drain'): void {
  if (res.destroyed) return;
  const body = Buffer.from(reply.body);
  const { req } = res;
  const closing = !req.complete && earlyAnswer === 'close';
  res.writeHead(reply.status, { ...reply.headers, ...extraHeaders, 'Content-Length': String(body.length), ...(closing && { Connection: 'close' }) });
  if (req.complete || closing) return void res.end(body);
  // An answer before the whole request body arrived (a refusal): read and drop the rest before closing, as nginx does.
  // Closing with unread bytes would reset the connection, and the client would never read the answer.
  res.write(body);
  req.once('end', () => res.end());
  req.resume();
}
