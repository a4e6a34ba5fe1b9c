import { checkCaption, normalizeCaption } from './caption';
import { DEFAULT_STATUS_BACKGROUND, checkBackgroundColor, type ColorProblem } from './statusColor';

/** sendTextStatus `message` limit (docs/greenapi.md §3.3), counted in UTF-16 units like the caption. */
export const TEXT_STATUS_MAX = 500;

export const TEXT_STATUS_FONTS = ['SERIF', 'SANS_SERIF', 'NORICAN_REGULAR', 'BRYNDAN_WRITE', 'OSWALD_HEAVY'] as const;
export type TextStatusFont = (typeof TEXT_STATUS_FONTS)[number];

/** Fonts that draw Latin letters only; other scripts fall back to boxes or another font on phones. */
const LATIN_ONLY_FONTS: ReadonlySet<TextStatusFont> = new Set(['NORICAN_REGULAR']);
const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u;

export type TextStatusProblem =
  | { readonly code: 'empty' }
  | { readonly code: 'too-long'; readonly length: number; readonly max: number }
  | { readonly code: 'control-characters' }
  | { readonly code: 'unpaired-surrogate' }
  | { readonly code: 'unknown-font'; readonly font: string }
  | ColorProblem;

/** `letter` is the first letter the font cannot draw, to show the person what is meant. */
export type TextStatusWarning = { readonly code: 'font-latin-only'; readonly font: TextStatusFont; readonly letter: string };

export interface TextStatusInput {
  readonly message: string;
  /** A swatch id or a typed colour; absent means the default swatch. */
  readonly backgroundColor?: string;
  /** Absent or empty means the server's default font. */
  readonly font?: string;
}

/** What sendTextStatus is given. The background is always sent: older servers default to white, under white text. */
export interface TextStatus {
  readonly message: string;
  readonly backgroundColor: string;
  readonly font?: TextStatusFont;
}

/** The message as sent (no BOM, `\n` line breaks, no trailing white space), or why it cannot be sent. */
export function checkStatusText(raw: string): { ok: true; message: string } | { ok: false; problem: TextStatusProblem } {
  const message = normalizeCaption(raw);
  if (!message) return { ok: false, problem: { code: 'empty' } };
  if (message.length > TEXT_STATUS_MAX) return { ok: false, problem: { code: 'too-long', length: message.length, max: TEXT_STATUS_MAX } };
  // Within 500 units the caption rules can only object to characters, which break text statuses alike.
  const problem = checkCaption(message);
  if (problem) return { ok: false, problem };
  return { ok: true, message };
}

/** A font from its API name, case-insensitively, with spaces or hyphens for underscores ("sans serif"). */
export function parseFont(input: string): TextStatusFont | undefined {
  const name = input
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  return TEXT_STATUS_FONTS.find((font) => font === name);
}

export function fontWarnings(message: string, font: TextStatusFont | undefined): TextStatusWarning[] {
  const letter = font && LATIN_ONLY_FONTS.has(font) ? NON_LATIN_LETTER.exec(message)?.[0] : undefined;
  return font && letter ? [{ code: 'font-latin-only', font, letter }] : [];
}

/** Checks a whole text status: the first problem refuses it, warnings leave the choice to the person. */
export function checkTextStatus(
  input: TextStatusInput,
): { ok: true; status: TextStatus; warnings: TextStatusWarning[] } | { ok: false; problem: TextStatusProblem } {
  const text = checkStatusText(input.message);
  if (!text.ok) return text;
  const background = checkBackgroundColor(input.backgroundColor ?? DEFAULT_STATUS_BACKGROUND);
  if (!background.ok) return background;
  const font = input.font?.trim() ? parseFont(input.font) : undefined;
  if (input.font?.trim() && !font) return { ok: false, problem: { code: 'unknown-font', font: input.font } };
  const status: TextStatus = { message: text.message, backgroundColor: background.color, ...(font && { font }) };
  return { ok: true, status, warnings: fontWarnings(text.message, font) };
}
