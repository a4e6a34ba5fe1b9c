/**
 * The selected text as it goes into a code image, and how many monospace columns text takes. Pure: it also runs in the
 * webview, so it imports nothing.
 */

// Printable ASCII: one grapheme and one column per character, the common case, measured without the segmenter.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// East Asian Wide and Fullwidth blocks (Hangul Jamo, CJK, kana, Hangul syllables, fullwidth forms, and the
// supplementary ideograph planes) draw two columns wide in a monospace editor.
const WIDE =
  /[\u1100-\u115f\u231a\u231b\u2329\u232a\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\u{16fe0}-\u{16fe4}\u{17000}-\u{18aff}\u{1b000}-\u{1b2ff}\u{1f200}-\u{1f2ff}\u{20000}-\u{2fffd}\u{30000}-\u{3fffd}]/u;
// Emoji drawn as pictures: emoji presentation by default, a pictograph asked to be one (VS16), flags, keycaps.
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\ufe0f|\p{Regional_Indicator}|\u20e3/u;
// A grapheme made only of marks and format characters (a stray accent, a zero-width space) advances nothing.
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]+$/u;

let segmenter: Intl.Segmenter | undefined;

/** The user-perceived characters of `text`: a surrogate pair, an accented letter or an emoji sequence stays whole. */
export function graphemes(text: string): string[] {
  if (PRINTABLE_ASCII.test(text)) return text.split('');
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/** Columns one grapheme takes in a monospace editor: 2 for wide characters and emoji, 0 for lone marks, else 1. */
export function graphemeWidth(grapheme: string): number {
  if (grapheme.length === 1 && grapheme >= ' ' && grapheme <= '~') return 1;
  if (WIDE.test(grapheme) || EMOJI.test(grapheme)) return 2;
  if (ZERO_WIDTH.test(grapheme)) return 0;
  return 1;
}

/** Columns `text` takes (no tabs or line breaks expected). */
export function textWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const grapheme of graphemes(text)) width += graphemeWidth(grapheme);
  return width;
}

const DEFAULT_TAB_SIZE = 4;

/**
 * The selection as it is drawn: line breaks as `\n`, tabs expanded to the editor's tab stops (a canvas draws a tab as
 * nothing useful), whitespace at line ends removed (invisible, but it would wrap or be clipped), the indentation all
 * lines share removed (a method cut from a class should not start halfway across the picture), and blank lines before
 * and after dropped.
 */
export function prepareCode(text: string, tabSize: number): string {
  const size = Number.isFinite(tabSize) && tabSize >= 1 ? Math.min(Math.floor(tabSize), 32) : DEFAULT_TAB_SIZE;
  const lines = text
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => expandTabs(line, size).trimEnd());
  let indent = Infinity;
  for (const line of lines) if (line) indent = Math.min(indent, line.length - line.replace(/^ +/, '').length);
  const dedented = indent === Infinity ? [] : lines.map((line) => line.slice(indent));
  let start = 0;
  let end = dedented.length;
  while (start < end && !dedented[start]) start++;
  while (end > start && !dedented[end - 1]) end--;
  return dedented.slice(start, end).join('\n');
}

function expandTabs(line: string, tabSize: number): string {
  if (!line.includes('\t')) return line;
  let column = 0;
  let result = '';
  // Tab stops count columns as the editor does, so text after a wide character lines up as it did there.
  for (const part of line.split(/(\t)/)) {
    if (part === '\t') {
      const spaces = tabSize - (column % tabSize);
      result += ' '.repeat(spaces);
      column += spaces;
    } else {
      result += part;
      column += textWidth(part);
    }
  }
  return result;
}
