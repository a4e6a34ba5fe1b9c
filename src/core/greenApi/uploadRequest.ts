import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { UploadReader } from './types';

/**
 * Bytes per read. Two buffers of this size take turns between the disk and the socket, so an upload holds about
 * 1 MB however large the file; bigger chunks mean fewer trips through the event loop.
 */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
const BUFFERS = 2;
/** How much of the body goes out while an early refusal may still be on its way (see sendBody). */
const EARLY_ANSWER_WINDOW_BYTES = 8 * UPLOAD_CHUNK_BYTES;

export interface UploadRequest {
  readonly url: string;
  readonly contentType: string;
  /** Sent as `GA-Filename`: its extension names the stored file when the server does not know the Content-Type. */
  readonly fileName: string;
  readonly size: number;
  readonly reader: UploadReader;
  readonly signal: AbortSignal;
  readonly maxResponseBytes: number;
  /** Resolves the host name instead of the system resolver. */
  readonly lookup?: LookupFunction;
  /** After each chunk the socket has taken, with the bytes taken so far. */
  onSent(sentBytes: number): void;
}

export interface UploadAnswer {
  readonly status: number;
  readonly text: string;
  header(name: string): string | null;
}

/** The file did not read back as exactly `size` bytes, or could not be read: the body was cut short, so nothing is stored. */
export class UploadFileError extends Error {
  constructor(
    readonly kind: 'file-changed' | 'file-unreadable',
    readonly code?: string,
  ) {
    super(kind === 'file-changed' ? 'the file changed while uploading' : 'the file could not be read');
  }
}

export class ResponseTooLargeError extends Error {
  constructor() {
    super('the answer to the upload was too large');
  }
}

/**
 * POSTs the reader's `size` bytes. It uses node:http rather than fetch because only a write's callback says when the
 * socket is done with a buffer, and only then may the buffer be filled again. The file must end exactly at `size`
 * before the last chunk goes out, so a file that grows or shrinks meanwhile is never stored.
 */
export function postUpload(request: UploadRequest): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    let outgoing: http.ClientRequest;
    try {
      const transport = new URL(request.url).protocol === 'https:' ? https : http;
      // No agent, and Connection: close, as node-fetch does: VS Code's proxy and certificate support then applies alike.
      outgoing = transport.request(request.url, {
        method: 'POST',
        headers: { 'Content-Type': request.contentType, 'GA-Filename': request.fileName, 'Content-Length': String(request.size), Connection: 'close' },
        signal: request.signal,
        ...(request.lookup && { lookup: request.lookup }),
      });
    } catch (error) {
      void request.reader.close().catch(() => undefined);
      throw error;
    }
    const stopSending = new AbortController();
    let settled = false;
    const settle = (error: unknown, answer?: UploadAnswer): void => {
      if (settled) return;
      settled = true;
      stopSending.abort();
      outgoing.destroy();
      if (answer) resolve(answer);
      else reject(error);
    };
    let answered = false;
    // A server that refuses early (a wrong token) may hang up at once, so a write then fails (EPIPE, ECONNRESET) with
    // its answer already in the socket: that answer, not the failed write, says what happened. A cancel or a deadline
    // still ends the request.
    outgoing.on('error', (error) => {
      if (!answered || request.signal.aborted) settle(error);
    });
    // An answer that comes before the whole body (an early refusal) ends the sending at once; it is read to its end.
    outgoing.once('response', (incoming) => {
      answered = true;
      stopSending.abort();
      void readAnswer(incoming, request.maxResponseBytes).then((answer) => settle(undefined, answer), settle);
    });
    sendBody(outgoing, request, stopSending.signal).catch(settle);
  });
}

async function sendBody(outgoing: http.ClientRequest, { reader, size, onSent }: UploadRequest, stopped: AbortSignal): Promise<void> {
  const free: Buffer[] = Array.from({ length: BUFFERS }, () => Buffer.allocUnsafe(UPLOAD_CHUNK_BYTES));
  let wake: (() => void) | undefined;
  stopped.addEventListener('abort', () => wake?.(), { once: true });
  let position = 0;
  let sent = 0;
  try {
    while (position < size) {
      while (!free.length && !stopped.aborted) await new Promise<void>((resolve) => (wake = resolve));
      if (stopped.aborted) return;
      const buffer = free.pop() as Buffer;
      const bytes = await read(reader, buffer, position);
      // A server that refused early and hung up has its answer waiting in the socket, and a write that fails (EPIPE)
      // destroys the socket with the answer unread. Letting the event loop poll first reads it, which stops the sending.
      // Refusals (token, instance, quota, rate) come as soon as the request head arrives, so only the first chunks pay
      // for the extra turn of the loop: on every chunk it costs a 100 MB upload about an eighth of its speed.
      if (position < EARLY_ANSWER_WINDOW_BYTES) await nextIoPoll();
      if (stopped.aborted) return;
      if (bytes === 0 || position + bytes > size) throw new UploadFileError('file-changed');
      position += bytes;
      if (position === size && (await read(reader, Buffer.alloc(1), size)) !== 0) throw new UploadFileError('file-changed');
      outgoing.write(buffer.subarray(0, bytes), (error) => {
        if (!error) onSent((sent += bytes));
        free.push(buffer);
        wake?.();
      });
    }
    outgoing.end();
  } finally {
    await reader.close().catch(() => undefined);
  }
}

/** Resolves after the event loop has polled for I/O once more: one setImmediate may still come before that poll. */
function nextIoPoll(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

async function read(reader: UploadReader, buffer: Buffer, position: number): Promise<number> {
  try {
    return await reader.read(buffer, position);
  } catch (error) {
    throw new UploadFileError('file-unreadable', (error as NodeJS.ErrnoException).code);
  }
}

async function readAnswer(incoming: http.IncomingMessage, maxBytes: number): Promise<UploadAnswer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > maxBytes) throw new ResponseTooLargeError();
    chunks.push(chunk);
  }
  return {
    status: incoming.statusCode ?? 0,
    text: Buffer.concat(chunks).toString('utf8'),
    header: (name) => {
      const value = incoming.headers[name.toLowerCase()];
      return value === undefined ? null : [value].flat().join(', ');
    },
  };
}
