/**
 * Where everything goes on a 1080×1920 code image. Pure arithmetic on columns and the font's measured proportions, so
 * the webview (which draws with the person's editor font) and the tests get the same answer; imports nothing Node.
 *
 * A token is drawn at `code.x + gutterWidth + column * columnWidth`, its row at `code.y + index * lineHeight`, a line
 * number right-aligned to `code.x + gutterWidth - GUTTER_GAP_COLUMNS * columnWidth`.
 */
import { graphemes, graphemeWidth } from './code';
import type { CodeLine, CodeToken } from './model';

/** A WhatsApp status is shown full screen on a phone: 9:16, and 1080 px wide is what it keeps without scaling. */
export const FRAME = { width: 1080, height: 1920 } as const;

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const MARGIN_X = 40;
// WhatsApp draws the progress bars, name and time over the top of a status and the reply box over its bottom.
const MARGIN_Y = 176;
const PADDING = 36;
const HEADER_FONT_SIZE = 26;
const HEADER_HEIGHT = 40;
const HEADER_GAP = 20;
/** Columns between the widest line number and the code. */
export const GUTTER_GAP_COLUMNS = 2;

/** The fixed measures of the picture, for the renderer and for checking a layout. */
export const LAYOUT = {
  /** A 1080 px picture is shown about 390 pt wide on a phone: 22 px is about 8 pt, the smallest that reads well. */
  minFontSize: 22,
  /** Larger and a short snippet turns into a poster: 44 px leaves about 34 columns for code. */
  maxFontSize: 44,
  marginX: MARGIN_X,
  marginY: MARGIN_Y,
  padding: PADDING,
  panelRadius: 28,
  headerFontSize: HEADER_FONT_SIZE,
  headerHeight: HEADER_HEIGHT,
  headerGap: HEADER_GAP,
  /** The code area's width, gutter included. */
  codeWidth: FRAME.width - 2 * MARGIN_X - 2 * PADDING,
  /** The tallest the code area gets, when the panel fills the frame between the margins. */
  maxCodeHeight: FRAME.height - 2 * MARGIN_Y - 2 * PADDING - HEADER_HEIGHT - HEADER_GAP,
} as const;

export interface FontMetrics {
  /** Advance of one monospace column, in em, measured by the canvas. */
  readonly charWidth: number;
  /** In em. */
  readonly lineHeight: number;
}

export interface LayoutOptions {
  readonly lineNumbers: boolean;
  readonly wrap: boolean;
  /** Post only the first N lines. */
  readonly maxLines?: number;
  /** The number shown for the first line: the selection's line in its file. Default 1. */
  readonly firstLineNumber?: number;
}

export interface PlacedToken extends CodeToken {
  /** Columns from the start of the text area (after the gutter). */
  readonly column: number;
}

export interface LayoutRow {
  /** Set on the first row of a source line only. */
  readonly lineNumber?: number;
  readonly tokens: readonly PlacedToken[];
}

export interface CodeLayout {
  readonly fontSize: number;
  /** Px. */
  readonly lineHeight: number;
  /** Px per column: fontSize × charWidth. */
  readonly columnWidth: number;
  /** Text columns a row has after the gutter. */
  readonly columns: number;
  readonly panel: Rect & { readonly radius: number };
  readonly header: Rect & { readonly fontSize: number };
  /** The rows' area, gutter included. */
  readonly code: Rect;
  /** Px, 0 without line numbers. */
  readonly gutterWidth: number;
  readonly rows: readonly LayoutRow[];
  /** Source lines whose every row is laid out. */
  readonly shownLines: number;
  readonly totalLines: number;
  /** Every (or maxLines) source line is shown at the minimum size or larger. */
  readonly fits: boolean;
  /** How many whole source lines fit at the minimum font size: what "post the first N" offers. */
  readonly linesThatFit: number;
  /** Some line was too long even at the minimum size and ends in '…' (never with wrap). */
  readonly clipped: boolean;
}

const ELLIPSIS = '…';
// Floating-point slack so that 30 columns of 14.7 px count as fitting 441 px.
const EPSILON = 1e-6;
// Wrap after a space or an operator if one lies in the last 30% of the row: a hard break closer to the start of the row
// keeps more on it than a word-wise break that leaves it short.
const SOFT_BREAK_SHARE = 0.7;
const BREAK_AFTER = /^[\s,;:.)\]}([{=+\-*/%|&!?<>]$/u;

interface Unit {
  readonly text: string;
  readonly width: number;
  readonly token: number;
}

interface MeasuredLine {
  readonly tokens: CodeLine;
  readonly units: readonly Unit[];
  readonly width: number;
  /** Columns of leading spaces: where continuation rows start, as the editor's "same" wrapping indent does. */
  readonly indent: number;
}

/** A row's part of a line: units [start, end), drawn from `column`. */
interface Segment {
  readonly start: number;
  readonly end: number;
  readonly column: number;
}

interface Geometry {
  readonly fontSize: number;
  readonly lineHeight: number;
  readonly columnWidth: number;
  readonly gutterWidth: number;
  readonly columns: number;
  readonly maxRows: number;
}

/**
 * Lays `lines` out at the largest font size in [minFontSize, maxFontSize] at which every row fits the tallest panel
 * and, without wrap, the longest line fits the width. The panel shrinks to its rows and sits in the middle of the
 * frame: a five-line snippet becomes a card in large type rather than a few lines in a tall empty panel. When the
 * lines do not fit at the minimum size, the rows are the first `linesThatFit` lines, so the preview shows what posting
 * them would post.
 */
export function layoutCode(lines: readonly CodeLine[], options: LayoutOptions, metrics: FontMetrics): CodeLayout {
  const charWidth = sane(metrics.charWidth, 0.6, 0.2, 3);
  const lineHeightEm = sane(metrics.lineHeight, 1.5, 0.8, 4);
  const firstNumber = Number.isSafeInteger(options.firstLineNumber) && options.firstLineNumber! >= 1 ? options.firstLineNumber! : 1;
  const measured: MeasuredLine[] = [];
  const measure = (index: number): MeasuredLine => (measured[index] ??= measureLine(lines[index]));
  const digits = (count: number): number => (options.lineNumbers ? String(firstNumber + Math.max(count, 1) - 1).length : 0);
  const geometry = (fontSize: number, count: number): Geometry => geometryAt(fontSize, digits(count), charWidth, lineHeightEm);
  // The most lines whose numbers have as many digits as the numbers of `count` lines.
  const lastWithSameDigits = (count: number): number => (options.lineNumbers ? 10 ** digits(count) - firstNumber : Infinity);

  const total = lines.length;
  const count = options.maxLines === undefined || !(options.maxLines >= 1) ? total : Math.min(total, Math.floor(options.maxLines));
  const linesThatFit = countFitting(total, options.wrap, measure, (n) => geometry(LAYOUT.minFontSize, n), lastWithSameDigits);

  for (let fontSize = LAYOUT.maxFontSize; fontSize >= LAYOUT.minFontSize; fontSize--) {
    const at = geometry(fontSize, count);
    if (options.wrap) {
      if (rowsNeeded(count, at, measure) <= at.maxRows) return build(count, at, true, options, firstNumber, measure, total, linesThatFit);
    } else if (count <= at.maxRows && widest(count, measure) <= at.columns) {
      return build(count, at, false, options, firstNumber, measure, total, linesThatFit);
    }
  }
  // Without wrap, lines too long for the minimum size are clipped rather than shrunk into unreadable type.
  const atMinimum = geometry(LAYOUT.minFontSize, count);
  if (!options.wrap && count <= atMinimum.maxRows) return build(count, atMinimum, false, options, firstNumber, measure, total, linesThatFit);
  const shown = Math.min(linesThatFit, count);
  return build(shown, geometry(LAYOUT.minFontSize, shown), options.wrap, options, firstNumber, measure, total, linesThatFit, false);
}

function sane(value: number, fallback: number, min: number, max: number): number {
  return Number.isFinite(value) && value > 0 ? Math.min(Math.max(value, min), max) : fallback;
}

function geometryAt(fontSize: number, digits: number, charWidth: number, lineHeightEm: number): Geometry {
  const columnWidth = fontSize * charWidth;
  const lineHeight = fontSize * lineHeightEm;
  const gutterWidth = digits > 0 ? (digits + GUTTER_GAP_COLUMNS) * columnWidth : 0;
  return {
    fontSize,
    lineHeight,
    columnWidth,
    gutterWidth,
    columns: Math.max(1, Math.floor((LAYOUT.codeWidth - gutterWidth) / columnWidth + EPSILON)),
    maxRows: Math.floor(LAYOUT.maxCodeHeight / lineHeight + EPSILON),
  };
}

function measureLine(tokens: CodeLine): MeasuredLine {
  const units: Unit[] = [];
  let width = 0;
  tokens.forEach((token, index) => {
    for (const text of graphemes(token.text)) {
      const unitWidth = graphemeWidth(text);
      units.push({ text, width: unitWidth, token: index });
      width += unitWidth;
    }
  });
  let indent = 0;
  while (indent < units.length && units[indent].text === ' ') indent++;
  return { tokens, units, width, indent };
}

function widest(count: number, measure: (index: number) => MeasuredLine): number {
  let width = 0;
  for (let index = 0; index < count; index++) width = Math.max(width, measure(index).width);
  return width;
}

/** Rows the first `count` lines wrap into, counting no further than one past what fits. */
function rowsNeeded(count: number, at: Geometry, measure: (index: number) => MeasuredLine): number {
  let rows = 0;
  for (let index = 0; index < count && rows <= at.maxRows; index++) rows += wrapLine(measure(index), at.columns).length;
  return rows;
}

/**
 * The largest number of leading lines that fit at the minimum size. Fewer lines may need fewer digits, and the
 * narrower gutter may fit more: the count is found again with that gutter, up to the last count with that many digits.
 */
function countFitting(
  total: number,
  wrap: boolean,
  measure: (index: number) => MeasuredLine,
  geometry: (count: number) => Geometry,
  lastWithSameDigits: (count: number) => number,
): number {
  const greedy = (at: Geometry, limit: number): number => {
    if (!wrap) return Math.min(limit, at.maxRows);
    let rows = 0;
    let index = 0;
    for (; index < limit; index++) {
      rows += wrapLine(measure(index), at.columns).length;
      if (rows > at.maxRows) break;
    }
    return index;
  };
  const fitting = greedy(geometry(total), total);
  if (fitting === total || lastWithSameDigits(fitting) >= total) return fitting;
  return Math.max(fitting, greedy(geometry(fitting), Math.min(total, lastWithSameDigits(fitting))));
}

/** Where a line breaks into rows of `columns`; continuation rows start at the line's indentation when there is room. */
function wrapLine(line: MeasuredLine, columns: number): Segment[] {
  const { units } = line;
  if (line.width <= columns) return [{ start: 0, end: units.length, column: 0 }];
  const indent = line.indent <= columns / 2 ? line.indent : 0;
  const segments: Segment[] = [];
  let start = 0;
  while (start < units.length) {
    const column = segments.length === 0 ? 0 : indent;
    const room = columns - column;
    let end = start;
    let width = 0;
    while (end < units.length && width + units[end].width <= room) width += units[end++].width;
    if (end < units.length) {
      // A grapheme wider than the whole row goes on a row of its own rather than stopping the wrap.
      if (end === start) end = start + 1;
      else end = softBreak(units, start, end, width, room);
    }
    segments.push({ start, end, column });
    start = end;
  }
  return segments;
}

/** The end of the row: after the last space or operator in its last 30%, else the hard `end`. */
function softBreak(units: readonly Unit[], start: number, end: number, width: number, room: number): number {
  let candidate = end;
  let candidateWidth = width;
  while (candidate > start && candidateWidth >= SOFT_BREAK_SHARE * room) {
    if (BREAK_AFTER.test(units[candidate - 1].text)) return candidate;
    candidateWidth -= units[--candidate].width;
  }
  return end;
}

/** The row of units [start, end) of `line`, as tokens with their columns. */
function placeTokens(line: MeasuredLine, start: number, end: number, column: number): PlacedToken[] {
  const placed: PlacedToken[] = [];
  let index = start;
  while (index < end) {
    const token = line.units[index].token;
    const from = column;
    let text = '';
    while (index < end && line.units[index].token === token) {
      text += line.units[index].text;
      column += line.units[index].width;
      index++;
    }
    placed.push({ ...line.tokens[token], text, column: from });
  }
  return placed;
}

/** The line cut to `columns` with '…' in the colour of the text it stands for. */
function clipLine(line: MeasuredLine, columns: number): PlacedToken[] {
  let end = 0;
  let width = 0;
  while (end < line.units.length && width + line.units[end].width <= columns - 1) width += line.units[end++].width;
  const cut = line.tokens[line.units[end].token];
  return [...placeTokens(line, 0, end, 0), { ...cut, text: ELLIPSIS, column: width }];
}

function build(
  count: number,
  at: Geometry,
  wrap: boolean,
  options: LayoutOptions,
  firstNumber: number,
  measure: (index: number) => MeasuredLine,
  totalLines: number,
  linesThatFit: number,
  fits = true,
): CodeLayout {
  const rows: LayoutRow[] = [];
  let clipped = false;
  for (let index = 0; index < count; index++) {
    const line = measure(index);
    const lineNumber = options.lineNumbers ? firstNumber + index : undefined;
    if (wrap) {
      wrapLine(line, at.columns).forEach((segment, part) =>
        rows.push({ lineNumber: part === 0 ? lineNumber : undefined, tokens: placeTokens(line, segment.start, segment.end, segment.column) }),
      );
    } else if (line.width > at.columns) {
      clipped = true;
      rows.push({ lineNumber, tokens: clipLine(line, at.columns) });
    } else {
      rows.push({ lineNumber, tokens: placeTokens(line, 0, line.units.length, 0) });
    }
  }
  // Not even the first line fits whole (a long minified line): show as much of it as fits rather than nothing.
  if (count === 0 && !fits && totalLines > 0) {
    const line = measure(0);
    const segments = wrap ? wrapLine(line, at.columns).slice(0, at.maxRows) : [];
    segments.forEach((segment, part) =>
      rows.push({
        lineNumber: part === 0 && options.lineNumbers ? firstNumber : undefined,
        tokens: placeTokens(line, segment.start, segment.end, segment.column),
      }),
    );
  }
  const codeHeight = rows.length * at.lineHeight;
  const panelHeight = 2 * PADDING + HEADER_HEIGHT + HEADER_GAP + codeHeight;
  const panel = {
    x: MARGIN_X,
    y: Math.round((FRAME.height - panelHeight) / 2),
    width: FRAME.width - 2 * MARGIN_X,
    height: panelHeight,
    radius: LAYOUT.panelRadius,
  };
  const header = { x: panel.x + PADDING, y: panel.y + PADDING, width: LAYOUT.codeWidth, height: HEADER_HEIGHT, fontSize: HEADER_FONT_SIZE };
  const code = { x: panel.x + PADDING, y: header.y + HEADER_HEIGHT + HEADER_GAP, width: LAYOUT.codeWidth, height: codeHeight };
  return {
    fontSize: at.fontSize,
    lineHeight: at.lineHeight,
    columnWidth: at.columnWidth,
    columns: at.columns,
    panel,
    header,
    code,
    gutterWidth: at.gutterWidth,
    rows,
    shownLines: count,
    totalLines,
    fits,
    linesThatFit,
    clipped,
  };
}
