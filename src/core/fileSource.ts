import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { UploadSource } from './greenApiClient';

/**
 * Read size for uploads from disk. Each chunk lives until the socket has taken it and the GC has run, so this bounds
 * the memory an upload holds; 64 KiB keeps a 100 MB upload well inside 32 MB of growth (see `npm run bench`).
 */
export const READ_CHUNK_BYTES = 64 * 1024;

/** Opens the file before any request goes out, so a file deleted since it was picked fails with nothing sent. */
export async function openFileForUpload(filePath: string): Promise<Readable> {
  const handle = await fs.promises.open(filePath, 'r');
  return handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES });
}

/** A local file as an upload source, streamed rather than read whole. */
export function fileUploadSource(filePath: string, contentType: string, size: number): UploadSource {
  return { size, contentType, open: () => openFileForUpload(filePath) };
}
