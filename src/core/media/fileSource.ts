import * as fs from 'node:fs';
import type { UploadReader, UploadSource } from '../greenApi/types';

/** Opens the file before any request goes out, so a file deleted since it was picked fails with nothing sent. */
export async function openFileForUpload(filePath: string): Promise<UploadReader> {
  const handle = await fs.promises.open(filePath, 'r');
  return {
    read: async (buffer, position) => (await handle.read(buffer, 0, buffer.length, position)).bytesRead,
    close: () => handle.close(),
  };
}

/**
 * Opens the source unless `signal` aborts first, rejecting then with the signal's reason: open() on a stalled network
 * drive can hang for minutes, and a cancel must not wait for it. A file that opens after the abort is closed at once.
 */
export function openUnlessAborted(source: Pick<UploadSource, 'open'>, signal: AbortSignal | undefined): Promise<UploadReader> {
  if (!signal) return source.open();
  if (signal.aborted) return Promise.reject(signal.reason);
  const opening = source.open();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      opening.then((reader) => reader.close()).catch(() => undefined);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    opening.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Bytes already in memory (a file from a virtual file system), read like a file. */
export function bytesUploadReader(bytes: Uint8Array): UploadReader {
  return {
    read: async (buffer, position) => {
      const piece = bytes.subarray(position, position + buffer.length);
      buffer.set(piece);
      return piece.length;
    },
    close: async () => {},
  };
}

/** A local file as an upload source, read as the upload goes rather than whole. */
export function fileUploadSource(filePath: string, contentType: string, size: number): UploadSource {
  return { size, contentType, open: () => openFileForUpload(filePath) };
}
