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
  return { ok: true, media: { extension, kind, mimeType, size: facts.size } };
}
