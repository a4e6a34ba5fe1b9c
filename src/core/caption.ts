/** sendMediaStatus caption limit (PROTOCOL.md §3.2), counted in UTF-16 units: stricter than code points. */
export const CAPTION_MAX = 1024;

export type CaptionProblem = { readonly code: 'too-long'; readonly length: number; readonly max: number } | { readonly code: 'control-characters' };

// Control characters other than tab and new line make GREEN-API answer 500 rather than a validation error.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const DISALLOWED_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/**
 * The caption as sent: no byte-order marks (the API wants UTF-8 without BOM), Windows line breaks as `\n`, no
 * trailing white space.
 */
export function normalizeCaption(raw: string): string {
  return raw.replace(/\uFEFF/g, '').replace(/\r\n?/g, '\n').replace(/\s+$/, '');
}

export function checkCaption(caption: string): CaptionProblem | undefined {
  const normalized = normalizeCaption(caption);
  if (normalized.length > CAPTION_MAX) return { code: 'too-long', length: normalized.length, max: CAPTION_MAX };
  if (DISALLOWED_CONTROL.test(normalized)) return { code: 'control-characters' };
  return undefined;
}
