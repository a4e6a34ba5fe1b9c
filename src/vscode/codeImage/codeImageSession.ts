import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { prepareCode } from '../../core/codeImage/code';
import { FRAME } from '../../core/codeImage/layout';
import type { HighlightedCode } from '../../core/codeImage/model';
import { pngDimensions } from '../../core/codeImage/picture';
import type { FromPreview, PreviewOptions, PreviewTheme } from '../../core/codeImage/protocol';
import type { Bundles } from '../platform/bundles';
import type { HostServices } from '../platform/services';
import { grammarContributions, themeContribution } from './contributions';
import { holdCodeImage } from './imageFiles';
import { CodeImagePreview } from './preview';
import { STORAGE_KEY } from '../platform/ids';

const DEFAULT_OPTIONS: PreviewOptions = { theme: 'current', lineNumbers: true, wrap: true };

/** The code a preview was opened on. */
interface CodeSource {
  readonly code: string;
  readonly languageId: string;
  readonly fileName: string;
  readonly firstLine: number;
  readonly fontFamily: string;
}

/** What the command answers once the first picture is on screen (the bench and the tests read it). */
export interface PreviewShown {
  readonly shownLines: number;
  readonly totalLines: number;
  readonly fits: boolean;
  /** From the command to the picture on screen. */
  readonly firstPictureMs: number;
}

/** Posts a picture file through the normal flow (the extension's own, handed in: this module is bundled apart). */
export type PostPicture = (uri: vscode.Uri) => Promise<void>;

type Highlighter = typeof import('../../core/codeImage/highlight');
let highlighter: Highlighter | undefined;

/**
 * Colours code with the grammars and themes of VS Code's extensions (docs/code-image.md §2). shiki and its WebAssembly
 * are a bundle of their own (dist/highlighter.js), loaded after the preview's panel was asked for: a synchronous
 * require would otherwise hold back the message that starts the webview.
 */
async function colour(bundles: Bundles, code: string, languageId: string, theme: PreviewTheme): Promise<HighlightedCode> {
  const contribution = themeContribution(theme);
  if (!contribution) throw new Error('no colour theme found');
  if (!highlighter) {
    await new Promise((resolve) => setImmediate(resolve));
    highlighter = bundles.load<Highlighter>('highlighter');
  }
  return highlighter.highlight({
    code,
    languageId,
    grammars: grammarContributions(),
    theme: contribution,
    // Grammars and themes are small files of installed extensions on the extension host's own disk. Read at once: an
    // asynchronous read waits its turn in a thread pool that other extensions keep busy (2 s for a theme was seen).
    readFile: async (file) => fs.readFileSync(file, 'utf8'),
  });
}

/**
 * One preview panel for the window: opened on the selection, redrawn when an option changes, and its Post goes into
 * the same flow as a picture from the Explorer (caption, audience, confirmation, upload, history).
 */
export class CodeImageSession implements vscode.Disposable {
  private preview: CodeImagePreview | undefined;
  private source: CodeSource | undefined;
  private options: PreviewOptions;
  private waitingForPicture: ((shown: Extract<FromPreview, { type: 'shown' }>) => void) | undefined;

  constructor(
    private readonly services: HostServices,
    private readonly postPicture: PostPicture,
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...services.context.globalState.get<Partial<PreviewOptions>>(STORAGE_KEY.codeImageOptions) };
  }

  /** Opens (or refreshes) the preview on the editor's selection, or its visible lines; resolves once the picture shows. */
  async open(editor: vscode.TextEditor | undefined): Promise<PreviewShown | undefined> {
    const started = performance.now();
    if (!editor) {
      void this.services.notifier.info(vscode.l10n.t('Open a file and select the code to post as a picture.'));
      return undefined;
    }
    const source = codeSource(editor);
    if (!source) {
      void this.services.notifier.info(vscode.l10n.t('There is no code to post: select some lines first.'));
      return undefined;
    }
    this.source = source;
    const preview = this.ensurePreview(source);
    const earlier = this.waitingForPicture;
    const shown = new Promise<Extract<FromPreview, { type: 'shown' }>>((resolve) => {
      // A second command before the first picture: both are answered by the picture that finally shows.
      this.waitingForPicture = (picture) => {
        earlier?.(picture);
        resolve(picture);
      };
    });
    const closed = new Promise<undefined>((resolve) => preview.onDidDispose(() => resolve(undefined)));
    // Colouring runs while the panel's page loads.
    if (!(await this.render(source))) return undefined;
    const picture = await Promise.race([shown, closed]);
    if (!picture) return undefined;
    const firstPictureMs = Math.round(performance.now() - started);
    this.services.log.info(
      `Code image: ${picture.shownLines} of ${picture.totalLines} line(s) on screen ${firstPictureMs} ms after the command (drawing ${Math.round(picture.drawMs)} ms)`,
    );
    return { shownLines: picture.shownLines, totalLines: picture.totalLines, fits: picture.fits, firstPictureMs };
  }

  /** The panel's Post, from its title bar: the page answers with its picture. */
  capture(): void {
    this.preview?.capture();
  }

  dispose(): void {
    this.preview?.dispose();
  }

  private ensurePreview(source: CodeSource): CodeImagePreview {
    const title = vscode.l10n.t('Code Image: {0}', source.fileName);
    if (this.preview) {
      this.preview.setTitle(title);
      this.preview.reveal();
      return this.preview;
    }
    const preview = new CodeImagePreview(this.services.context.extensionUri, title, pageStrings(), this.services.log);
    preview.onDidReceive((message) => void this.received(message));
    preview.onDidDispose(() => {
      if (this.preview === preview) this.preview = undefined;
    });
    this.preview = preview;
    return preview;
  }

  private async render(source: CodeSource): Promise<boolean> {
    try {
      const code = await colour(this.services.bundles, source.code, source.languageId, this.options.theme);
      if (this.source !== source) return false;
      for (const problem of code.problems) this.services.log.warn(`Code image: ${problem}`);
      const { fileName, languageId: language, firstLine, fontFamily } = source;
      this.preview?.show({ fileName, language, firstLine, fontFamily, code, options: this.options });
      return true;
    } catch (error) {
      this.services.log.error(`Code image: the code could not be coloured (${error instanceof Error ? error.message : 'unknown error'})`);
      void this.services.notifier.error(vscode.l10n.t('The code could not be turned into a picture. The log has the details.'));
      this.preview?.dispose();
      return false;
    }
  }

  private async received(message: FromPreview): Promise<void> {
    switch (message.type) {
      case 'ready':
        return;
      case 'shown':
        this.waitingForPicture?.(message);
        this.waitingForPicture = undefined;
        return;
      case 'close':
        this.preview?.dispose();
        return;
      case 'failed':
        this.services.log.warn(`Code image preview: ${message.message}`);
        return;
      case 'options': {
        const themeChanged = message.options.theme !== this.options.theme;
        this.options = message.options;
        await this.services.context.globalState.update(STORAGE_KEY.codeImageOptions, this.options);
        if (themeChanged && this.source) await this.render(this.source);
        return;
      }
      case 'post':
        return this.post(message.png, message.shownLines);
    }
  }

  private async post(png: string, shownLines: number): Promise<void> {
    const source = this.source;
    const preview = this.preview;
    if (!source || !preview) return;
    const bytes = Buffer.from(png, 'base64');
    const size = pngDimensions(bytes);
    if (size?.width !== FRAME.width || size.height !== FRAME.height) {
      this.services.log.warn(`Code image: the preview handed over ${size ? `a ${size.width} × ${size.height} picture` : 'something that is not a PNG'}`);
      void this.services.notifier.error(vscode.l10n.t('The preview did not hand over a 1080 × 1920 picture, so nothing was posted.'));
      return;
    }
    const lastLine = source.firstLine + shownLines - 1;
    const name = vscode.l10n.t('{0} lines {1}–{2}.png', source.fileName, source.firstLine, lastLine);
    const uri = holdCodeImage(this.services.context, name, bytes);
    preview.setPosting(true);
    try {
      await this.postPicture(uri);
    } finally {
      preview.setPosting(false);
    }
  }
}

/** The selection's whole lines, or with none the lines on screen, prepared for the picture; undefined when it holds no code. */
function codeSource(editor: vscode.TextEditor): CodeSource | undefined {
  const { document, selection } = editor;
  const range = selection.isEmpty ? editor.visibleRanges[0] : selection;
  if (!range) return undefined;
  // A selection that ends at the start of a line does not take that line; one that starts mid-line takes all of it.
  const lastLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  const raw = document.getText(new vscode.Range(range.start.line, 0, lastLine, document.lineAt(lastLine).text.length));
  const tabSize = typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 4;
  const code = prepareCode(raw, tabSize);
  if (!code.trim()) return undefined;
  return {
    code,
    languageId: document.languageId,
    fileName: path.basename(document.uri.path) || vscode.l10n.t('Untitled'),
    firstLine: range.start.line + 1 + leadingBlankLines(raw),
    fontFamily: vscode.workspace.getConfiguration('editor', document).get<string>('fontFamily') ?? '',
  };
}

/** prepareCode drops the blank lines above the code; the first line number shown moves down by as many. */
function leadingBlankLines(text: string): number {
  const lines = text.split('\n');
  const firstCode = lines.findIndex((line) => line.trim() !== '');
  return firstCode < 0 ? 0 : firstCode;
}

/** The page's words, through vscode.l10n like every other string. */
function pageStrings(): Record<string, string> {
  return {
    theme: vscode.l10n.t('Theme'),
    themeCurrent: vscode.l10n.t('Current'),
    themeLight: vscode.l10n.t('Light'),
    themeDark: vscode.l10n.t('Dark'),
    lineNumbers: vscode.l10n.t('Line numbers'),
    wrap: vscode.l10n.t('Wrap long lines'),
    post: vscode.l10n.t('Post'),
    postFirst: vscode.l10n.t('Post First {0} Lines'),
    linesFit: vscode.l10n.t('{0} of {1} lines fit at the smallest readable size.'),
    pictureLabel: vscode.l10n.t('The picture that will be posted'),
  };
}

let session: CodeImageSession | undefined;

/** The window's one session, made on first use. */
export function codeImageSession(services: HostServices, postPicture: PostPicture): CodeImageSession {
  if (!session) {
    const made = new CodeImageSession(services, postPicture);
    services.context.subscriptions.push(made, { dispose: () => (session = undefined) });
    session = made;
  }
  return session;
}
