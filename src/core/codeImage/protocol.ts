import type { CodeLine, CodePalette, CodeToken, HighlightedCode } from './model';

/**
 * The messages between the extension and the code image preview (a webview). Both sides validate what they receive:
 * a webview is a web page, and the extension trusts its messages no further than their shape.
 */

export type PreviewTheme = 'current' | 'light' | 'dark';
const PREVIEW_THEMES: readonly PreviewTheme[] = ['current', 'light', 'dark'];

export interface PreviewOptions {
  readonly theme: PreviewTheme;
  readonly lineNumbers: boolean;
  readonly wrap: boolean;
}

/** What the preview draws: the highlighted code, its header and the person's editor font. */
export interface PreviewContent {
  readonly fileName: string;
  readonly language: string;
  /** The selection's first line in its file: the line numbers count from it. */
  readonly firstLine: number;
  readonly fontFamily: string;
  readonly code: HighlightedCode;
  readonly options: PreviewOptions;
}

/** From the extension to the preview. `capture` asks for the picture as it is shown, to post it. */
export type ToPreview =
  { readonly type: 'show'; readonly content: PreviewContent } | { readonly type: 'capture' } | { readonly type: 'posting'; readonly busy: boolean };

/** From the preview to the extension. */
export type FromPreview =
  | { readonly type: 'ready' }
  /** A picture is on screen; `drawMs` is the time the canvas took, for the log. */
  | { readonly type: 'shown'; readonly shownLines: number; readonly totalLines: number; readonly fits: boolean; readonly drawMs: number }
  | { readonly type: 'options'; readonly options: PreviewOptions }
  /** The PNG the preview shows (base64), and how many of the selected lines it holds. */
  | { readonly type: 'post'; readonly png: string; readonly shownLines: number }
  /** Something failed in the page: its message goes to the log (the page holds no secrets and no file content besides the code). */
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'close' };

/** A base64 PNG of 1080 × 1920 is far under this; anything larger is not one of ours. */
export const MAX_PNG_BASE64_LENGTH = 24 * 1024 * 1024;
const MAX_FAILURE_LENGTH = 300;
// Far more than a picture can hold; a selection is cut to what fits long before this.
const MAX_LINES = 100_000;
const COLOR = /^#[0-9a-f]{6}(?:[0-9a-f]{2})?$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function parseFromPreview(value: unknown): FromPreview | undefined {
  if (!isObject(value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'close':
      return { type: value.type };
    case 'shown': {
      const { shownLines, totalLines, fits, drawMs } = value;
      if (!isCount(shownLines) || !isCount(totalLines) || shownLines > totalLines || typeof fits !== 'boolean') return undefined;
      return { type: 'shown', shownLines, totalLines, fits, drawMs: typeof drawMs === 'number' && Number.isFinite(drawMs) && drawMs >= 0 ? drawMs : 0 };
    }
    case 'options': {
      const options = parseOptions(value.options);
      return options && { type: 'options', options };
    }
    case 'failed':
      return typeof value.message === 'string' ? { type: 'failed', message: value.message.slice(0, MAX_FAILURE_LENGTH) } : undefined;
    case 'post': {
      const { png, shownLines } = value;
      if (typeof png !== 'string' || !png.length || png.length > MAX_PNG_BASE64_LENGTH || !BASE64.test(png) || !isCount(shownLines) || shownLines < 1) {
        return undefined;
      }
      return { type: 'post', png, shownLines };
    }
    default:
      return undefined;
  }
}

export function parseToPreview(value: unknown): ToPreview | undefined {
  if (!isObject(value)) return undefined;
  switch (value.type) {
    case 'capture':
      return { type: 'capture' };
    case 'posting':
      return typeof value.busy === 'boolean' ? { type: 'posting', busy: value.busy } : undefined;
    case 'show': {
      const content = parseContent(value.content);
      return content && { type: 'show', content };
    }
    default:
      return undefined;
  }
}

function parseContent(value: unknown): PreviewContent | undefined {
  if (!isObject(value)) return undefined;
  const { fileName, language, firstLine, fontFamily } = value;
  const options = parseOptions(value.options);
  const code = parseCode(value.code);
  if (typeof fileName !== 'string' || typeof language !== 'string' || !isCount(firstLine) || firstLine < 1 || typeof fontFamily !== 'string') return undefined;
  return options && code && { fileName, language, firstLine, fontFamily, options, code };
}

function parseOptions(value: unknown): PreviewOptions | undefined {
  if (!isObject(value)) return undefined;
  const { theme, lineNumbers, wrap } = value;
  if (!PREVIEW_THEMES.includes(theme as PreviewTheme) || typeof lineNumbers !== 'boolean' || typeof wrap !== 'boolean') return undefined;
  return { theme: theme as PreviewTheme, lineNumbers, wrap };
}

function parseCode(value: unknown): HighlightedCode | undefined {
  if (!isObject(value) || !Array.isArray(value.lines) || value.lines.length > MAX_LINES) return undefined;
  const palette = parsePalette(value.palette);
  if (!palette || typeof value.themeName !== 'string' || typeof value.highlighted !== 'boolean') return undefined;
  const lines: CodeLine[] = [];
  for (const line of value.lines as unknown[]) {
    if (!Array.isArray(line)) return undefined;
    const tokens: CodeToken[] = [];
    for (const token of line as unknown[]) {
      if (!isObject(token) || typeof token.text !== 'string' || !isColor(token.color)) return undefined;
      tokens.push({
        text: token.text,
        color: token.color,
        italic: token.italic === true,
        bold: token.bold === true,
        underline: token.underline === true,
        strikethrough: token.strikethrough === true,
      });
    }
    lines.push(tokens);
  }
  // The page has no use for the highlighter's problems: they went to the extension's log.
  return { lines, palette, themeName: value.themeName, highlighted: value.highlighted, problems: [] };
}

function parsePalette(value: unknown): CodePalette | undefined {
  if (!isObject(value) || (value.kind !== 'light' && value.kind !== 'dark')) return undefined;
  const { background, foreground, lineNumber, header, frame } = value;
  if (!isColor(background) || !isColor(foreground) || !isColor(lineNumber) || !isColor(header) || !isColor(frame)) return undefined;
  return { kind: value.kind, background, foreground, lineNumber, header, frame };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_LINES;
}

function isColor(value: unknown): value is string {
  return typeof value === 'string' && COLOR.test(value);
}
