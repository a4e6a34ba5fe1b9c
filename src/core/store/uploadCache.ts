import { createHash } from 'node:crypto';
import { GreenApiError } from '../greenApi/errors';
import { isRecord } from '../common/json';
import { openUnlessAborted } from '../media/fileSource';
import { containProgress, type GreenApiClient } from '../greenApi/client';
import type { UploadOptions, UploadReader, UploadSource } from '../greenApi/types';
import { silentLogger, type Logger } from '../common/log';
import { linkMatchesType } from '../media/statusFileTypes';
import type { KeyValueStore } from './storage';
import { UPLOAD_CHUNK_BYTES } from '../greenApi/uploadRequest';

export const UPLOAD_CACHE_KEY = 'whatsappStatus.uploadCache.v1';
/** UploadFile links live 15 days (docs/greenapi.md §2); a day less leaves the server time to fetch a reused one. */
export const UPLOAD_REUSE_MS = 14 * 24 * 60 * 60 * 1000;
/** Bounds what the host's storage holds, newest kept. */
const MAX_ENTRIES = 500;

/** What is kept per file: a link and when it was made. Never the file's content, never the token. */
export interface CachedUpload {
  readonly urlFile: string;
  /** ms since the epoch. */
  readonly uploadedAt: number;
  readonly size: number;
  /** The server names the stored file by it, so the same bytes sent as another type are another upload. */
  readonly contentType: string;
  /** A hash of the source's identity (never the path itself): how the same file is known again without reading it. */
  readonly identity?: string;
}

type Entries = Record<string, CachedUpload>;

/** Links from UploadFile keyed by the sha256 of the file's content; expired links are dropped on every read and write. */
export class UploadCache {
  readonly #store: KeyValueStore;
  readonly #clock: { now(): number };

  constructor(store: KeyValueStore, clock: { now(): number }) {
    this.#store = store;
    this.#clock = clock;
  }

  async find(sha256: string, contentType: string, size: number): Promise<CachedUpload | undefined> {
    const stored = this.#store.get<unknown>(UPLOAD_CACHE_KEY);
    const entries = this.#fresh(stored);
    if (Object.keys(entries).length !== Object.keys(isRecord(stored) ? stored : {}).length) await this.#store.update(UPLOAD_CACHE_KEY, entries);
    const entry = entries[sha256];
    return entry && entry.contentType === contentType && entry.size === size ? entry : undefined;
  }

  /** The link of an upload of the source with this identity (see {@link identityKey}), type and size. */
  async findByIdentity(identity: string, contentType: string, size: number): Promise<CachedUpload | undefined> {
    return Object.values(this.#fresh(this.#store.get<unknown>(UPLOAD_CACHE_KEY))).find(
      (entry) => entry.identity === identity && entry.contentType === contentType && entry.size === size,
    );
  }

  async remember(sha256: string, upload: Omit<CachedUpload, 'uploadedAt'>): Promise<void> {
    const entries: Entries = { ...this.#fresh(this.#store.get<unknown>(UPLOAD_CACHE_KEY)), [sha256]: { ...upload, uploadedAt: this.#clock.now() } };
    const newest = Object.entries(entries)
      .sort(([, a], [, b]) => b.uploadedAt - a.uploadedAt)
      .slice(0, MAX_ENTRIES);
    await this.#store.update(UPLOAD_CACHE_KEY, Object.fromEntries(newest));
  }

  /** Well-formed entries young enough to reuse; one from the future means the clock moved, so its age is unknown. */
  #fresh(stored: unknown): Entries {
    const now = this.#clock.now();
    const entries: Entries = {};
    for (const [sha256, entry] of Object.entries(isRecord(stored) ? stored : {})) {
      if (isCachedUpload(entry) && entry.uploadedAt <= now && now - entry.uploadedAt < UPLOAD_REUSE_MS) entries[sha256] = entry;
    }
    return entries;
  }
}

/**
 * Wraps `uploadFile` so a file whose exact bytes were uploaded in the last 14 days is not sent again; fits
 * `PostServices.client` together with the real client's `sendMediaStatus`. The storage is an optimisation: when it
 * fails, the file is uploaded as usual.
 */
export function withUploadCache(
  uploader: Pick<GreenApiClient, 'uploadFile'>,
  cache: UploadCache,
  /** Where the links were made (media host and instance): a link is reused only where it came from. */
  scope: string,
  log: Logger = silentLogger,
): { uploadFile(source: UploadSource, options?: UploadOptions): Promise<{ urlFile: string; reused: boolean }> } {
  return {
    async uploadFile(source, options = {}) {
      // A source that says what it is (a file on disk) is looked up and remembered by that, and read only to be sent;
      // one that cannot (bytes from a virtual file system) is known by the hash of its bytes, hashed first.
      const identity = source.identity === undefined ? undefined : identityKey(scope, source.identity);
      const lookup = identity
        ? cache.findByIdentity(identity, source.contentType, source.size)
        : hashFile(source, options.signal).then((sha256) => cache.find(`${scope} ${sha256}`, source.contentType, source.size));
      const cached = await lookup.catch((error: unknown) => {
        if (error instanceof GreenApiError) throw error;
        log.warn('Could not read the upload cache; uploading the file');
        return undefined;
      });
      // The client never returns a link stored as another type; one remembered before it checked is not reused.
      if (cached && !linkMatchesType(cached.urlFile, source.contentType)) log.warn('Not reusing a remembered link stored as another type; uploading the file');
      else if (cached) {
        log.info(`Reusing the link of an identical upload made ${new Date(cached.uploadedAt).toISOString()}`);
        containProgress(options.onProgress, log)?.(source.size, source.size);
        return { urlFile: cached.urlFile, reused: true };
      }
      // Without an identity, the link is remembered under the hash of the bytes that went out, even if the file changed
      // since hashFile. With one, hashing the bytes again would only cost the upload's thread (0.5 ms of CPU per MB).
      let sent: HashingReader | undefined;
      const sending: UploadSource = identity
        ? source
        : { size: source.size, contentType: source.contentType, open: async () => (sent = hashingReader(await source.open())) };
      const { urlFile } = await uploader.uploadFile(sending, options);
      const key = identity ? `identity ${identity}` : sent?.digest(source.size);
      if (key) {
        await cache
          .remember(`${scope} ${key}`, { urlFile, size: source.size, contentType: source.contentType, ...(identity && { identity }) })
          .catch(() => log.warn('Could not remember the upload; the file will be uploaded again next time'));
      }
      return { urlFile, reused: false };
    },
  };
}

/** What is stored of a source's identity: a hash, so the host's storage never holds a file's path. */
function identityKey(scope: string, identity: string): string {
  return createHash('sha256').update(`${scope}\n${identity}`).digest('hex');
}

/** sha256 of the file's content, read a chunk at a time (never whole into memory); failures as the client reports them. */
async function hashFile(source: UploadSource, signal: AbortSignal | undefined): Promise<string> {
  const apiMethod = 'uploadFile';
  if (signal?.aborted) throw new GreenApiError({ kind: 'cancelled', apiMethod, outcome: 'not-sent' });
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(UPLOAD_CHUNK_BYTES);
  // A read of a file on a stalled network drive never ends, so cancel must not wait for it.
  let onAbort: (() => void) | undefined;
  const cancelled = new Promise<never>((_, reject) => signal?.addEventListener('abort', (onAbort = () => reject(signal.reason)), { once: true }));
  cancelled.catch(() => undefined);
  let reader: UploadReader | undefined;
  try {
    reader = await openUnlessAborted(source, signal);
    for (let position = 0; ;) {
      const bytes = await Promise.race([reader.read(buffer, position), cancelled]);
      if (bytes === 0) break;
      hash.update(buffer.subarray(0, bytes));
      position += bytes;
    }
  } catch (error) {
    if (signal?.aborted) throw new GreenApiError({ kind: 'cancelled', apiMethod, outcome: 'not-sent' });
    throw new GreenApiError({ kind: 'file-unreadable', apiMethod, outcome: 'not-sent', causeCode: (error as NodeJS.ErrnoException).code });
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    void reader?.close().catch(() => undefined);
  }
  return hash.digest('hex');
}

interface HashingReader extends UploadReader {
  /** The sha256 of the first `size` bytes, once they have all been read in order; otherwise undefined. */
  digest(size: number): string | undefined;
}

/** Reads through unchanged, hashing what the upload reads from the start onwards. */
function hashingReader(reader: UploadReader): HashingReader {
  const hash = createHash('sha256');
  let hashedBytes = 0;
  return {
    async read(buffer, position) {
      const bytes = await reader.read(buffer, position);
      if (position === hashedBytes) {
        hash.update(buffer.subarray(0, bytes));
        hashedBytes += bytes;
      }
      return bytes;
    },
    close: () => reader.close(),
    digest: (size) => (hashedBytes === size ? hash.digest('hex') : undefined),
  };
}

function isCachedUpload(value: unknown): value is CachedUpload {
  return (
    isRecord(value) &&
    typeof value.urlFile === 'string' &&
    /^https?:\/\//.test(value.urlFile) &&
    typeof value.uploadedAt === 'number' &&
    typeof value.size === 'number' &&
    typeof value.contentType === 'string' &&
    (value.identity === undefined || typeof value.identity === 'string')
  );
}
