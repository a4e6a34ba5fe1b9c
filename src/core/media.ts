import { lookup } from 'mrmime';

/** Size limits of UploadFile (PROTOCOL.md §2); 100 MB read conservatively as 10^8 bytes. */
export const MAX_UPLOAD_BYTES = 100_000_000;

export type MediaKind = 'image' | 'video';

/**
 * Extensions a media status reliably accepts (PROTOCOL.md §2, §3.2): formats GREEN-API lists as supported for
 * images and videos. avif/webp/ico/gif/m4v need workarounds or render badly, so they are refused.
 */
export const MEDIA_STATUS_EXTENSIONS: Readonly<Record<string, MediaKind>> = {
  '.jpg': 'image',
  '.jpeg': 'image',
  '.png': 'image',
  '.bmp': 'image',
  '.mp4': 'video',
  '.mov': 'video',
};

/** Audio belongs in a voice status (sendVoiceStatus), not a media status (GREEN-API issue #681). */
const AUDIO_EXTENSIONS = new Set(['.mp3', '.wav', '.ogg', '.m4a', '.aac', '.flac', '.opus']);

/** For the Explorer menu's `when` clause: must list exactly the extensions above. */
export const MEDIA_EXTENSION_PATTERN = /^\.(jpe?g|png|bmp|mp4|mov)$/i;

export type MediaProblem =
  | { readonly code: 'directory' }
  | { readonly code: 'empty' }
  | { readonly code: 'too-large'; readonly size: number; readonly limit: number }
  | { readonly code: 'no-extension' }
  | { readonly code: 'audio'; readonly extension: string }
  | { readonly code: 'unsupported-type'; readonly extension: string };

export interface MediaFile {
  /** The name as it will be sent in `fileName`: sanitised, extension kept. */
  readonly fileName: string;
  readonly extension: string;
  readonly kind: MediaKind;
  readonly mimeType: string;
  readonly size: number;
}

export interface FileFacts {
  readonly name: string;
  readonly size: number;
  readonly isDirectory: boolean;
}

/** Lower-cased extension with its dot, or '' (a leading-dot name such as `.bashrc` has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Checks a file against the media-status rules before any byte is sent. */
export function checkMediaFile(facts: FileFacts): { ok: true; media: MediaFile } | { ok: false; problem: MediaProblem } {
  if (facts.isDirectory) return { ok: false, problem: { code: 'directory' } };
  const extension = extensionOf(facts.name);
  if (!extension) return { ok: false, problem: { code: 'no-extension' } };
  if (AUDIO_EXTENSIONS.has(extension)) return { ok: false, problem: { code: 'audio', extension } };
  const kind = MEDIA_STATUS_EXTENSIONS[extension];
  if (!kind) return { ok: false, problem: { code: 'unsupported-type', extension } };
  if (facts.size === 0) return { ok: false, problem: { code: 'empty' } };
  if (facts.size > MAX_UPLOAD_BYTES) return { ok: false, problem: { code: 'too-large', size: facts.size, limit: MAX_UPLOAD_BYTES } };
  const mimeType = lookup(extension) ?? (kind === 'video' ? 'video/mp4' : 'image/jpeg');
  return { ok: true, media: { fileName: sanitizeFileName(facts.name), extension, kind, mimeType, size: facts.size } };
}

const FILE_NAME_MAX_BYTES = 200;
// Path separators, characters Windows forbids, and C0/C1 control characters.
const UNSAFE_NAME_CHARS = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f]/g;

/**
 * Makes a `fileName` GREEN-API accepts: NFC (macOS hands over NFD), no path or control characters, at most
 * 200 UTF-8 bytes, extension kept. Only ever sent in the JSON body, never in a header.
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const clean = base.normalize('NFC').replace(UNSAFE_NAME_CHARS, '').trim();
  // The extension is read from the name as given: cleaning may empty the stem, leaving `.png`, which no longer parses as one.
  const extensionLength = extensionOf(base).length;
  const extension = extensionLength && clean.toLowerCase().endsWith(extensionOf(base)) ? clean.slice(-extensionLength) : '';
  let stem = extension ? clean.slice(0, -extension.length) : clean;
  const encoder = new TextEncoder();
  while (stem && encoder.encode(stem + extension).length > FILE_NAME_MAX_BYTES) stem = Array.from(stem).slice(0, -1).join('');
  return `${stem.trim() || 'status'}${extension}`;
}
