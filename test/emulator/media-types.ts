/** File types as GREEN-API treats them (docs/greenapi.md §2, §3.2, §3.4). */

/** Extension → media type for every type in the "file types the API supports" FAQ. */
const TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  bmp: 'image/bmp',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  m4v: 'video/x-m4v',
  '3gp': 'video/3gpp',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  flac: 'audio/flac',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  rtf: 'application/rtf',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
};

/** Preferred extension for each media type, plus aliases clients commonly send. */
const EXTENSION_BY_TYPE: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    Object.entries(TYPE_BY_EXTENSION)
      .filter(([ext]) => ext !== 'jpeg')
      .map(([ext, type]) => [type, ext]),
  ),
  'image/jpg': 'jpg',
  'image/pjpeg': 'jpg',
  'audio/mp3': 'mp3',
  'audio/wave': 'wav',
  'audio/x-wav': 'wav',
  'image/vnd.microsoft.icon': 'ico',
};

export const OCTET_STREAM = 'application/octet-stream';

/** Extensions SendMediaStatus shows: the FAQ's "supported" images and videos only. */
const MEDIA_STATUS_EXTENSIONS = new Set(['bmp', 'jpeg', 'jpg', 'png', 'mov', 'mp4']);
/** SendVoiceStatus: .mp3 and .wav. */
const VOICE_STATUS_EXTENSIONS = new Set(['mp3', 'wav']);

/** Lower-case extension without the dot, or undefined when the name has none. */
export function extensionOf(fileName: string): string | undefined {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return match ? match[1].toLowerCase() : undefined;
}

export function typeForExtension(ext: string): string | undefined {
  return TYPE_BY_EXTENSION[ext];
}

/** Media type without parameters, lower-case ("Image/PNG; q=1" → "image/png"). */
export function essence(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** Every media type the emulator can map to an extension. */
export const KNOWN_MIME_TYPES: readonly string[] = Object.keys(EXTENSION_BY_TYPE);

/**
 * The server's list in its narrow reading: whether QuickTime, BMP and WAV are on GREEN-API's list is not
 * documented, so by default they are not, and only a GA-Filename keeps such an upload from becoming `.bin`.
 */
const UNLISTED_BY_DEFAULT = new Set(['video/quicktime', 'image/bmp', 'audio/wav', 'audio/wave', 'audio/x-wav']);

export const DEFAULT_MIME_TYPES: readonly string[] = KNOWN_MIME_TYPES.filter((type) => !UNLISTED_BY_DEFAULT.has(type));

/**
 * Decide how an upload is stored: a Content-Type on the server's list wins; otherwise GA-Filename's extension
 * (the header exists for types missing from the list); otherwise generic binary `.bin`.
 */
export function classifyUpload(contentType: string, gaFilename: string | undefined, mimeTypes: readonly string[]): { ext: string; type: string } {
  const type = essence(contentType);
  if (mimeTypes.includes(type)) {
    const ext = EXTENSION_BY_TYPE[type];
    return { ext, type: TYPE_BY_EXTENSION[ext] };
  }
  const nameExt = gaFilename ? extensionOf(gaFilename) : undefined;
  if (nameExt) {
    return { ext: nameExt, type: TYPE_BY_EXTENSION[nameExt] ?? OCTET_STREAM };
  }
  return { ext: 'bin', type: OCTET_STREAM };
}

export function isMediaStatusExtension(ext: string): boolean {
  return MEDIA_STATUS_EXTENSIONS.has(ext);
}

export function isVoiceStatusExtension(ext: string): boolean {
  return VOICE_STATUS_EXTENSIONS.has(ext);
}

/** Do a fileName extension and a served media type name the same format? */
export function extensionMatchesType(ext: string, contentType: string): boolean {
  const expected = TYPE_BY_EXTENSION[ext];
  const knownExt = EXTENSION_BY_TYPE[essence(contentType)];
  return expected !== undefined && knownExt !== undefined && TYPE_BY_EXTENSION[knownExt] === expected;
}
