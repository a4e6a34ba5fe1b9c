import { MAX_UPLOAD_BYTES, extensionOf, isAudioExtension, trailingCharacters, type FileFacts, type MediaProblem } from '../media/media';

/**
 * What sendVoiceStatus takes (docs/greenapi.md §3.4): `.mp3` (recommended) and `.wav`. The ogg and m4a that files in
 * chats accept (§2) are not listed for voice statuses, so they are refused with a hint to convert.
 */
export const VOICE_STATUS_EXTENSIONS: Readonly<Record<string, string>> = {
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** Current docs: a longer voice status is not sent at all. */
export const VOICE_STATUS_MAX_SECONDS = 600;

export type VoiceProblem =
  | Extract<MediaProblem, { code: 'directory' | 'empty' | 'too-large' | 'no-extension' | 'trailing-characters' }>
  /** Audio in a format voice statuses do not take: worth converting to MP3. */
  | { readonly code: 'convert-to-mp3'; readonly extension: string }
  | { readonly code: 'not-audio'; readonly extension: string };

export interface VoiceFile {
  readonly extension: string;
  readonly mimeType: string;
  readonly size: number;
}

/** Checks a file against the voice-status rules before any byte is sent, in the order checkMediaFile uses. */
export function checkVoiceFile(facts: FileFacts): { ok: true; voice: VoiceFile } | { ok: false; problem: VoiceProblem } {
  if (facts.isDirectory) return { ok: false, problem: { code: 'directory' } };
  const trailing = trailingCharacters(facts.name);
  if (trailing) return { ok: false, problem: trailing };
  const extension = extensionOf(facts.name);
  if (!extension) return { ok: false, problem: { code: 'no-extension' } };
  const mimeType = VOICE_STATUS_EXTENSIONS[extension];
  if (!mimeType) {
    return { ok: false, problem: { code: isAudioExtension(extension) ? 'convert-to-mp3' : 'not-audio', extension } };
  }
  if (facts.size === 0) return { ok: false, problem: { code: 'empty' } };
  if (facts.size > MAX_UPLOAD_BYTES) return { ok: false, problem: { code: 'too-large', size: facts.size, limit: MAX_UPLOAD_BYTES } };
  return { ok: true, voice: { extension, mimeType, size: facts.size } };
}
