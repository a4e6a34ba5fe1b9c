import type { UploadReader } from '../greenApi/types';

/** What a scan found and removed; field names only, never their values. */
export interface MetadataFindings {
  /** A position: Exif GPS, XMP or IPTC places, MP4 location atoms. */
  location: boolean;
  /** Everything else removed: camera make, model and serial, software, owner, dates, comments. */
  readonly fields: Set<string>;
  /** Orientation written back (1–8), when the original had one. */
  orientation?: number;
}

export function emptyFindings(): MetadataFindings {
  return { location: false, fields: new Set() };
}

/** The file's structure could not be followed: sent as it is it would be a corrupt upload, stripped it would be worse. */
export class MalformedMediaError extends Error {
  constructor(
    readonly format: 'JPEG' | 'PNG' | 'MP4',
    readonly truncated: boolean,
    detail: string,
  ) {
    super(`${format}: ${detail}`);
  }
}

/** What a scan reads at a time (see {@link windowedReader}). */
const SCAN_WINDOW_BYTES = 256 * 1024;

/**
 * Serves a scan's reads from a window of the file read at once. A scan reads little but often: every chunk header of
 * a PNG, and encoders write pixels in 8 KB chunks, so a 4.5 MB picture is 550 reads of 8 bytes, each a trip to the
 * disk thread, before the first prompt can show. Through the window that is about 20 reads.
 */
export function windowedReader(reader: UploadReader, windowBytes = SCAN_WINDOW_BYTES): UploadReader {
  const window = Buffer.alloc(windowBytes);
  let start = 0;
  let length = 0;
  return {
    read: async (buffer, position) => {
      if (position < start || position >= start + length) {
        if (buffer.length >= windowBytes) return reader.read(buffer, position);
        length = await reader.read(window, position);
        start = position;
      }
      return window.copy(buffer, 0, position - start, Math.min(length, position - start + buffer.length));
    },
    close: () => reader.close(),
  };
}

/** Up to `length` bytes at `position`; fewer only at the end of the file. */
export async function readAt(reader: UploadReader, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const bytes = await reader.read(buffer.subarray(filled), position + filled);
    if (!bytes) break;
    filled += bytes;
  }
  return buffer.subarray(0, filled);
}
