import { hasLoneSurrogate } from './visibleText';

/** sendMediaStatus caption limit (docs/greenapi.md §3.2), counted in UTF-16 units: stricter than code points. */
export const CAPTION_MAX = 1024;

export type CaptionProblem =
  | { readonly code: 'too-long'; readonly length: number; readonly max: number }
  | { readonly code: 'control-characters' }
  /** Half of an emoji's surrogate pair, left by a cut paste: it has no UTF-8 form. */
  | { readonly code: 'unpaired-surrogate' };

// Control characters other than tab and new line make GREEN-API answer 500 rather than a validation error; the C1
// ones (U+0080–U+009F: next line, control sequence introducer…) are invisible or break the line where it is shown.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const DISALLOWED_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * The caption as sent: no byte-order marks (the API wants UTF-8 without BOM), Windows line breaks as `\n`, no
 * trailing white space.
 */
export function normalizeCaption(raw: string): string {
  // trimEnd, not /\s+$/: that pattern retries from every space of a long inner run, so each keystroke took seconds.
  return raw
    .replace(/\uFEFF/g, '')
    .replace(/\r\n?/g, '\n')
    .trimEnd();
}

export function checkCaption(caption: string): CaptionProblem | undefined {
  const normalized = normalizeCaption(caption);
  if (normalized.length > CAPTION_MAX) return { code: 'too-long', length: normalized.length, max: CAPTION_MAX };
  if (DISALLOWED_CONTROL.test(normalized)) return { code: 'control-characters' };
  if (hasLoneSurrogate(normalized)) return { code: 'unpaired-surrogate' };
  return undefined;
}
