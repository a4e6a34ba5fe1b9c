/**
 * Background colours of text and voice statuses (docs/greenapi.md §3.3, §3.4). WhatsApp always draws the text white
 * and offers no text colour, so a background is only usable when white stands out on it.
 */

/** WCAG 2 contrast for large text and graphics; status text is large. */
export const MIN_CONTRAST_WITH_WHITE = 3;

export type SwatchId = 'teal' | 'black' | 'blue' | 'purple' | 'berry' | 'red' | 'forest' | 'slate';

export interface Swatch {
  /** Stable key: the host names it in the person's language and settings may store it. */
  readonly id: SwatchId;
  readonly color: string;
}

/** Dark backgrounds, every one at least 5:1 against white; the first is the default. */
export const STATUS_SWATCHES: readonly Swatch[] = [
  { id: 'teal', color: '#075E54' }, // WhatsApp's own teal
  { id: 'black', color: '#000000' },
  { id: 'blue', color: '#0D47A1' },
  { id: 'purple', color: '#6A1B9A' },
  { id: 'berry', color: '#AD1457' },
  { id: 'red', color: '#B71C1C' },
  { id: 'forest', color: '#1B5E20' },
  { id: 'slate', color: '#37474F' },
];

export const DEFAULT_STATUS_BACKGROUND = STATUS_SWATCHES[0].color;

export type ColorProblem =
  | { readonly code: 'invalid-color'; readonly input: string }
  | { readonly code: 'white-background' }
  /** `contrast` is rounded down, so a refused colour never shows as reaching `min`. */
  | { readonly code: 'too-light'; readonly color: string; readonly contrast: number; readonly min: number };

/** `#RRGGBB` in upper case from a swatch id, `#RRGGBB`, `RRGGBB` or `#RGB`; undefined when it is none of those. */
export function parseStatusColor(input: string): string | undefined {
  const text = input.trim();
  const swatch = STATUS_SWATCHES.find((candidate) => candidate.id === text.toLowerCase());
  if (swatch) return swatch.color;
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text)?.[1];
  if (!hex) return undefined;
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
  return `#${full.toUpperCase()}`;
}

/** WCAG 2 contrast ratio of white text on `color` (`#RRGGBB`): 1 for white, 21 for black. */
export function contrastWithWhite(color: string): number {
  const value = Number.parseInt(color.slice(1), 16);
  const channel = (shift: number) => {
    const srgb = ((value >> shift) & 0xff) / 255;
    return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  return 1.05 / (luminance + 0.05);
}

/** Checks a picked or typed background; returns it as `#RRGGBB` with its contrast against the white text. */
export function checkBackgroundColor(input: string): { ok: true; color: string; contrast: number } | { ok: false; problem: ColorProblem } {
  const color = parseStatusColor(input);
  if (!color) return { ok: false, problem: { code: 'invalid-color', input } };
  if (color === '#FFFFFF') return { ok: false, problem: { code: 'white-background' } };
  const contrast = Math.floor(contrastWithWhite(color) * 100) / 100;
  if (contrast < MIN_CONTRAST_WITH_WHITE) return { ok: false, problem: { code: 'too-light', color, contrast, min: MIN_CONTRAST_WITH_WHITE } };
  return { ok: true, color, contrast };
}
