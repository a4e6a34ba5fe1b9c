/** Size limits of UploadFile (docs/greenapi.md §2); 100 MB read conservatively as 10^8 bytes. */
export const MAX_UPLOAD_BYTES = 100_000_000;

export type MediaKind = 'image' | 'video';

/**
 * Extensions a media status reliably accepts (docs/greenapi.md §2, §3.2): formats GREEN-API lists as supported for
 * images and videos. avif/webp/ico/gif/m4v need workarounds or render badly, so they are refused.
 */
export const MEDIA_STATUS_EXTENSIONS: Readonly<Record<string, `${MediaKind}/${string}`>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.bmp': 'image/bmp',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
};

/**
 * Audio belongs in a voice status (sendVoiceStatus), not a media status (GREEN-API issue #681): every audio
 * extension with a registered MIME type, and flac. A list rather than a MIME library keeps the main bundle small.
 */
const AUDIO_EXTENSIONS = new Set([
  '.aac',
  '.adp',
  '.adts',
  '.amr',
  '.au',
  '.flac',
  '.kar',
  '.m2a',
  '.m3a',
  '.m4a',
  '.mid',
  '.midi',
  '.mp2',
  '.mp2a',
  '.mp3',
  '.mp4a',
  '.mpga',
  '.mxmf',
  '.oga',
  '.ogg',
  '.opus',
  '.rmi',
  '.s3m',
  '.sil',
  '.snd',
  '.spx',
  '.wav',
  '.weba',
  '.xm',
]);

/** Whether a lower-cased extension (with its dot) is audio. */
export function isAudioExtension(extension: string): boolean {
  return AUDIO_EXTENSIONS.has(extension);
}

/** Whether a media status shows a file of this extension as an image or a video; undefined for any other. */
export function mediaKindOf(extension: string): MediaKind | undefined {
  return MEDIA_STATUS_EXTENSIONS[extension]?.split('/')[0] as MediaKind | undefined;
}

/** For the Explorer menu's `when` clause: must list exactly the extensions above. */
export const MEDIA_EXTENSION_PATTERN = /^\.(jpe?g|png|bmp|mp4|mov)$/i;

export type MediaProblem =
  | { readonly code: 'directory' }
  | { readonly code: 'empty' }
  | { readonly code: 'too-large'; readonly size: number; readonly limit: number }
  | { readonly code: 'no-extension' }
  /** `x.png `, `x.png.`: Windows drops such an ending and other systems keep it, so the type is unclear; `extension` is the one without it. */
  | { readonly code: 'trailing-characters'; readonly extension: string }
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

// Spaces, dots and characters that draw nothing (zero-width, bidi, controls) at the end of a name.
const TRAILING = /[\s.\p{Cc}\p{Cf}]+$/u;

/** The problem of a name that ends in {@link TRAILING} characters, which would hide its real extension. */
export function trailingCharacters(name: string): { code: 'trailing-characters'; extension: string } | undefined {
  return TRAILING.test(name) ? { code: 'trailing-characters', extension: extensionOf(name.replace(TRAILING, '')) } : undefined;
}

/** Checks a file against the media-status rules before any byte is sent. */
export function checkMediaFile(facts: FileFacts): { ok: true; media: MediaFile } | { ok: false; problem: MediaProblem } {
  if (facts.isDirectory) return { ok: false, problem: { code: 'directory' } };
  const trailing = trailingCharacters(facts.name);
  if (trailing) return { ok: false, problem: trailing };
  const extension = extensionOf(facts.name);
  if (!extension) return { ok: false, problem: { code: 'no-extension' } };
  if (AUDIO_EXTENSIONS.has(extension)) return { ok: false, problem: { code: 'audio', extension } };
  const kind = mediaKindOf(extension);
  if (!kind) return { ok: false, problem: { code: 'unsupported-type', extension } };
  if (facts.size === 0) return { ok: false, problem: { code: 'empty' } };
  if (facts.size > MAX_UPLOAD_BYTES) return { ok: false, problem: { code: 'too-large', size: facts.size, limit: MAX_UPLOAD_BYTES } };
  return { ok: true, media: { extension, kind, mimeType: MEDIA_STATUS_EXTENSIONS[extension], size: facts.size } };
}
