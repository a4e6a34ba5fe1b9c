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
