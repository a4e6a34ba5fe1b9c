// The code image preview's page script (bundled for the browser as dist/webview/codeImage.js). It lays the code out
// with the same module the tests check (src/core/codeImage/layout.ts), draws it on a 1080 × 1920 canvas in the
// person's editor font, and hands the canvas's PNG to the extension when the person posts: what is posted is what is
// shown.
import { FRAME, GUTTER_GAP_COLUMNS, layoutCode, type CodeLayout, type FontMetrics } from '../core/codeImage/layout';
import { parseToPreview, type PreviewContent, type PreviewOptions, type PreviewTheme } from '../core/codeImage/protocol';

const vscode = acquireVsCodeApi();
const strings = JSON.parse(document.getElementById('strings')?.textContent ?? '{}') as Record<string, string>;
const canvas = element<HTMLCanvasElement>('picture');
const context = canvas.getContext('2d', { alpha: false })!;
const themeSelect = element<HTMLSelectElement>('theme');
const lineNumbersBox = element<HTMLInputElement>('lineNumbers');
const wrapBox = element<HTMLInputElement>('wrap');
const note = element<HTMLSpanElement>('note');
const postButton = element<HTMLButtonElement>('post');
const LINE_HEIGHT_EM = 1.5;

let content: PreviewContent | undefined;
let shown: CodeLayout | undefined;
let posting = false;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseToPreview(event.data);
  if (!message) {
    vscode.postMessage({ type: 'failed', message: 'a message of an unknown shape was ignored' });
    return;
  }
  switch (message.type) {
    case 'show':
      // After the first picture the controls are the person's latest word: a picture coloured for an earlier change
      // of theme must not undo a checkbox ticked while it was on its way.
      content = content ? { ...message.content, options: { ...currentOptions(), theme: message.content.options.theme } } : message.content;
      setControls(content.options);
      void draw();
      break;
    case 'capture':
      post();
      break;
    case 'posting':
      posting = message.busy;
      postButton.disabled = posting || !shown;
      break;
  }
});

themeSelect.addEventListener('change', () => optionsChanged());
lineNumbersBox.addEventListener('change', () => optionsChanged());
wrapBox.addEventListener('change', () => optionsChanged());
postButton.addEventListener('click', () => post());
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') vscode.postMessage({ type: 'close' });
});
window.addEventListener('error', (event) => vscode.postMessage({ type: 'failed', message: String(event.message) }));
window.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => vscode.postMessage({ type: 'failed', message: String(event.reason) }));
vscode.postMessage({ type: 'ready' });

function optionsChanged(): void {
  if (!content) return;
  const options = currentOptions();
  vscode.postMessage({ type: 'options', options });
  // Another theme needs the extension to colour the code again; line numbers and wrapping are laid out here.
  if (options.theme === content.options.theme) {
    content = { ...content, options };
    void draw();
  }
}

function currentOptions(): PreviewOptions {
  return { theme: themeSelect.value as PreviewTheme, lineNumbers: lineNumbersBox.checked, wrap: wrapBox.checked };
}

function setControls(options: PreviewOptions): void {
  themeSelect.value = options.theme;
  lineNumbersBox.checked = options.lineNumbers;
  wrapBox.checked = options.wrap;
}

async function draw(): Promise<void> {
  const drawing = content;
  if (!drawing) return;
  const started = performance.now();
  const family = fontFamily(drawing.fontFamily);
  // A web font named in the settings may still be loading; measuring before it arrives would lay out a fallback.
  await document.fonts.load(`16px ${family}`).catch(() => undefined);
  if (drawing !== content) return;
  const layout = layoutCode(drawing.code.lines, { ...drawing.options, firstLineNumber: drawing.firstLine }, measure(family));
  paint(drawing, layout, family);
  shown = layout;
  postButton.disabled = posting;
  postButton.textContent = layout.fits ? strings.post : format(strings.postFirst, layout.shownLines);
  note.textContent = layout.fits ? '' : format(strings.linesFit, layout.shownLines, layout.totalLines);
  vscode.postMessage({ type: 'shown', shownLines: layout.shownLines, totalLines: layout.totalLines, fits: layout.fits, drawMs: performance.now() - started });
}

/** The advance of one column and the line height, in em of the editor font (monospace: every column alike). */
function measure(family: string): FontMetrics {
  const size = 100;
  context.font = `${size}px ${family}`;
  return { charWidth: context.measureText('0'.repeat(10)).width / 10 / size, lineHeight: LINE_HEIGHT_EM };
}

function paint({ code, fileName, language }: PreviewContent, layout: CodeLayout, family: string): void {
  const { palette } = code;
  context.fillStyle = palette.frame;
  context.fillRect(0, 0, FRAME.width, FRAME.height);
  const { panel, header } = layout;
  context.fillStyle = palette.background;
  context.beginPath();
  context.roundRect(panel.x, panel.y, panel.width, panel.height, panel.radius);
  context.fill();

  context.textBaseline = 'middle';
  context.fillStyle = palette.header;
  const headerMiddle = header.y + header.height / 2;
  context.font = `${header.fontSize}px ${family}`;
  context.textAlign = 'right';
  context.fillText(language, header.x + header.width, headerMiddle);
  // The file name takes the rest of the row; a very long one is narrowed rather than run into the language.
  const nameWidth = header.width - context.measureText(language).width - header.fontSize;
  context.font = `600 ${header.fontSize}px ${family}`;
  context.textAlign = 'left';
  context.fillText(fileName, header.x, headerMiddle, Math.max(nameWidth, header.width / 3));

  const textX = layout.code.x + layout.gutterWidth;
  const numberRight = textX - GUTTER_GAP_COLUMNS * layout.columnWidth;
  for (const [index, row] of layout.rows.entries()) {
    const middle = layout.code.y + index * layout.lineHeight + layout.lineHeight / 2;
    if (row.lineNumber !== undefined && layout.gutterWidth > 0) {
      context.font = `${layout.fontSize}px ${family}`;
      context.fillStyle = palette.lineNumber;
      context.textAlign = 'right';
      context.fillText(String(row.lineNumber), numberRight, middle);
    }
    context.textAlign = 'left';
    for (const token of row.tokens) {
      context.font = `${token.italic ? 'italic ' : ''}${token.bold ? 'bold ' : ''}${layout.fontSize}px ${family}`;
      context.fillStyle = token.color;
      const x = textX + token.column * layout.columnWidth;
      context.fillText(token.text, x, middle);
      const stroke = Math.max(1, layout.fontSize / 14);
      if (token.underline) context.fillRect(x, middle + layout.fontSize * 0.55, context.measureText(token.text).width, stroke);
      if (token.strikethrough) context.fillRect(x, middle, context.measureText(token.text).width, stroke);
    }
  }
}

function post(): void {
  if (!shown || posting) return;
  const png = canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
  vscode.postMessage({ type: 'post', png, shownLines: shown.shownLines });
}

/** The editor's font list, always ending in a monospace family so the columns stay aligned. */
function fontFamily(configured: string): string {
  const families = configured.trim();
  return families ? `${families}, monospace` : 'monospace';
}

function format(template: string | undefined, ...values: Array<string | number>): string {
  return (template ?? '').replace(/\{(\d+)\}/g, (placeholder, index: string) => String(values[Number(index)] ?? placeholder));
}

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}
