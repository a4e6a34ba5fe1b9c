/**
 * The data a code image is made of, shared by the highlighter (Node), the host and the webview that draws it. Plain
 * data only, so it crosses `postMessage` unchanged; this module imports nothing.
 */

/** A run of text in one style. Colours are `#rrggbb` or `#rrggbbaa` (lower case); the canvas applies the alpha. */
export interface CodeToken {
  readonly text: string;
  readonly color: string;
  readonly italic?: boolean;
  readonly bold?: boolean;
  readonly underline?: boolean;
  readonly strikethrough?: boolean;
}

/** One source line, without its line break; an empty line has no tokens. */
export type CodeLine = readonly CodeToken[];

/** The colours of the picture, all taken or derived from the person's colour theme. */
export interface CodePalette {
  readonly kind: 'light' | 'dark';
  /** The code panel: editor.background, always opaque. */
  readonly background: string;
  /** editor.foreground, always opaque: text no token rule colours. */
  readonly foreground: string;
  /** editorLineNumber.foreground (may carry alpha), or a mix of foreground and background. */
  readonly lineNumber: string;
  /** Muted text for the file name and language header. */
  readonly header: string;
  /** The picture's background around the panel: the theme's accent mixed into its background. */
  readonly frame: string;
}

export interface HighlightedCode {
  readonly lines: readonly CodeLine[];
  readonly palette: CodePalette;
  /** The theme's label, as the person knows it. */
  readonly themeName: string;
  /** False when no grammar could be used: every line is one token in the foreground colour. */
  readonly highlighted: boolean;
  /** What went wrong on the way (a theme or grammar file that could not be read), for the log; never shown as an error. */
  readonly problems: readonly string[];
}

/** The lines of `code` in one colour, for when there is no grammar. */
export function plainLines(code: string, color: string): CodeLine[] {
  return code.split('\n').map((line) => (line ? [{ text: line, color }] : []));
}
