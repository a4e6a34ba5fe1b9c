import type { LookupFunction } from 'node:net';
import type { Logger } from '../common/log';
import type { TextStatusFont } from '../statuses/textStatus';
import type { GreenApiHosts } from './hosts';

/** What GREEN-API's methods take and answer, as this extension uses them (docs/greenapi.md). */

export interface GreenApiCredentials {
  readonly idInstance: string;
  readonly apiTokenInstance: string;
}

export interface GreenApiClientConfig extends GreenApiCredentials, GreenApiHosts {
  /** Deadline of one JSON call (docs/reliability.md §3.1). */
  readonly requestTimeoutMs?: number;
  /** An upload is abandoned when no byte has gone out for this long. */
  readonly uploadIdleTimeoutMs?: number;
  /** Tries per call, for the failures that are safe to retry. */
  readonly maxAttempts?: number;
  readonly log?: Logger;
  /** Source of jitter; replaced in tests to make backoff deterministic. */
  readonly random?: () => number;
  /**
   * A host to switch to for good when a host's name does not resolve: given only for hosts derived from the
   * instance id, never for one the person set.
   */
  readonly fallbackHosts?: Partial<GreenApiHosts>;
  /** Told when the client switched a host to its fallback (at most once per host). */
  readonly onHostFallback?: (host: 'api' | 'media') => void;
  /**
   * Resolves host names instead of the system resolver (the signature of Node's `dns.lookup`); tests point names at
   * loopback with it. Only then do JSON calls get an agent of their own, which would bypass VS Code's proxy support.
   */
  readonly lookup?: LookupFunction;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

/**
 * Positional reads into buffers the caller owns, so an upload can cycle two buffers instead of allocating one per
 * chunk: fresh buffers waiting for the GC cost time and memory (26 MB instead of 3 MB for 100 MB; `npm run bench`).
 */
export interface UploadReader {
  /** Fills `buffer` from `position`; resolves the number of bytes read, 0 at the end of the file. */
  read(buffer: Buffer, position: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * A file to upload, opened afresh for every attempt so a retry never resends a half-read stream. Opening before
 * the request starts means a file deleted since it was picked fails with no request sent.
 */
export interface UploadSource {
  readonly size: number;
  readonly contentType: string;
  /**
   * Names these exact bytes without reading them (where the file is, its size and modification time, and how it is
   * sent), so an upload cache knows a file it uploaded before without hashing it; absent when nothing cheap can tell.
   */
  readonly identity?: string;
  open(): Promise<UploadReader>;
}

export interface UploadOptions extends CallOptions {
  onProgress?(sentBytes: number, totalBytes: number): void;
}

export interface SendMediaStatusRequest {
  readonly urlFile: string;
  /** Its extension decides how the status shows; {@link statusFileName} gives one that names nothing else. */
  readonly fileName: string;
  readonly caption?: string;
  /** Chat ids; empty or absent means all contacts, and the field is then omitted. */
  readonly participants?: readonly string[];
}

export interface SendTextStatusRequest {
  readonly message: string;
  /** `#RRGGBB`; absent means the server's default, which older servers made white (invisible under the white text). */
  readonly backgroundColor?: string;
  readonly font?: TextStatusFont;
  /** Chat ids; empty or absent means all contacts, and the field is then omitted. */
  readonly participants?: readonly string[];
}

export interface SendVoiceStatusRequest {
  readonly urlFile: string;
  /** With its `.mp3` or `.wav` extension, which decides the type; {@link statusFileName} gives one that names nothing else. */
  readonly fileName: string;
  readonly backgroundColor?: string;
  /** Chat ids; empty or absent means all contacts, and the field is then omitted. */
  readonly participants?: readonly string[];
}

/** One viewer's state of a status (docs/greenapi.md §3.6): `status` is 'sent', 'delivered' or 'read'. */
export interface StatusStatisticEntry {
  readonly participant: string;
  /** Unix seconds. */
  readonly timestamp: number;
  readonly status: string;
}

/** An outgoing-journal item (docs/greenapi.md §3.7), with the fields this extension reads. */
export interface OutgoingStatus {
  readonly idMessage: string;
  /** Unix seconds. */
  readonly timestamp: number;
  /** `extendedTextMessage`, `imageMessage`, `videoMessage` or `audioMessage`. */
  readonly typeMessage?: string;
  readonly statusMessage?: string;
  readonly textMessage?: string;
  readonly caption?: string;
  readonly fileName?: string;
}

/** GetSettings (docs/greenapi.md §4.3): the fields this extension reads, and whatever else the server sends. */
export interface InstanceSettings {
  readonly wid?: string;
  /** 'yes' is required for status statistics and the outgoing journal. */
  readonly outgoingWebhook?: string;
  readonly delaySendMessagesMilliseconds?: number;
  readonly [setting: string]: unknown;
}

export type InstanceState = 'authorized' | 'notAuthorized' | 'blocked' | 'sleepMode' | 'starting' | 'yellowCard' | 'suspended';

export interface WaSettings {
  readonly phone?: string;
  readonly stateInstance?: string;
  readonly avatar?: string;
  readonly deviceId?: string;
  readonly suspendedUntil?: number;
}

export interface Contact {
  readonly id: string;
  readonly name?: string;
  readonly contactName?: string;
  readonly type?: string;
}
