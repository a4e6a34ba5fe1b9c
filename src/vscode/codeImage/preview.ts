import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parseFromPreview, type FromPreview, type PreviewContent, type ToPreview } from '../../core/codeImage/protocol';
import { VIEW } from '../platform/ids';

/**
 * The panel beside the editor that shows the code image exactly as it will be posted. It draws the picture itself
 * (src/webview/codeImage.ts): a canvas in the workbench has the person's editor font, and the PNG it hands back is the
 * very pixels on screen. Messages are checked on arrival (parseFromPreview), and the page may run only its own
 * script: a nonce'd Content-Security-Policy, no remote content, and no local resources either (the script is inline).
 */
export class CodeImagePreview implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly received = new vscode.EventEmitter<FromPreview>();
  /** Messages from the page, already validated; anything else is dropped. */
  readonly onDidReceive = this.received.event;
  readonly onDidDispose: vscode.Event<void>;
  private ready = false;
  private closed = false;
  private pending: ToPreview[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    extensionUri: vscode.Uri,
    title: string,
    strings: Readonly<Record<string, string>>,
    private readonly log: { warn(message: string): void },
  ) {
    this.panel = vscode.window.createWebviewPanel(
      VIEW.codeImage,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      // The page loads nothing: its script is inline (a resource fetch would wait for the webview's service worker).
      { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: true },
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.panel.webview.html = pageHtml(pageScript(extensionUri), strings);
    this.onDidDispose = this.panel.onDidDispose;
    this.subscriptions.push(
      this.panel.onDidDispose(() => (this.closed = true)),
      this.received,
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        const parsed = parseFromPreview(message);
        if (!parsed) {
          this.log.warn('Code image preview: a message of an unknown shape was ignored');
          return;
        }
        if (parsed.type === 'ready') this.flush();
        this.received.fire(parsed);
      }),
    );
  }

  /**
   * Brings the open preview to the front for the next selection, leaving the focus in the editor the person is
   * selecting in, as Markdown's preview to the side does. Taking the focus also held the new picture back: moving it
   * into the webview delayed the message carrying it by 100–300 ms.
   */
  reveal(): void {
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  setTitle(title: string): void {
    this.panel.title = title;
  }

  show(content: PreviewContent): void {
    this.send({ type: 'show', content });
  }

  /** Asks the page for its picture; it answers with a `post` message. */
  capture(): void {
    this.send({ type: 'capture' });
  }

  setPosting(busy: boolean): void {
    this.send({ type: 'posting', busy });
  }

  dispose(): void {
    this.panel.dispose();
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }

  // Messages sent before the page's script listens would be lost: they wait for its `ready`. A closed panel's webview
  // throws when touched, and a post may end after the person closed the preview.
  private send(message: ToPreview): void {
    if (this.closed) return;
    if (!this.ready) {
      this.pending.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private flush(): void {
    this.ready = true;
    for (const message of this.pending.splice(0)) void this.panel.webview.postMessage(message);
  }
}

let script: string | undefined;

/** The page script (dist/webview/codeImage.js), read once; `</` is escaped so that it cannot end its element. */
function pageScript(extensionUri: vscode.Uri): string {
  script ??= fs.readFileSync(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'codeImage.js').fsPath, 'utf8').replace(/<\//g, '<\\/');
  return script;
}

function pageHtml(script: string, strings: Readonly<Record<string, string>>): string {
  const nonce = randomBytes(16).toString('base64');
  const policy = ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src 'nonce-${nonce}'`].join('; ');
  // JSON in a non-executed script element; `<` is escaped so no string can close the element.
  const stringsJson = JSON.stringify(strings).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${PAGE_CSS}</style>
</head>
<body>
<div class="toolbar" role="toolbar">
  <label>${escapeHtml(strings.theme)} <select id="theme">
    <option value="current">${escapeHtml(strings.themeCurrent)}</option>
    <option value="light">${escapeHtml(strings.themeLight)}</option>
    <option value="dark">${escapeHtml(strings.themeDark)}</option>
  </select></label>
  <label><input type="checkbox" id="lineNumbers"> ${escapeHtml(strings.lineNumbers)}</label>
  <label><input type="checkbox" id="wrap"> ${escapeHtml(strings.wrap)}</label>
  <span id="note" role="status"></span>
  <button id="post" disabled>${escapeHtml(strings.post)}</button>
</div>
<div class="stage"><canvas id="picture" width="1080" height="1920" aria-label="${escapeAttribute(strings.pictureLabel)}"></canvas></div>
<script type="application/json" id="strings">${stringsJson}</script>
<script nonce="${nonce}">${script}</script>
</body>
</html>`;
}

const PAGE_CSS = `
html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
body { display: flex; flex-direction: column; color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; padding: 8px 12px; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
.toolbar label { display: inline-flex; align-items: center; gap: 4px; }
select { color: var(--vscode-dropdown-foreground); background: var(--vscode-dropdown-background); border: 1px solid var(--vscode-dropdown-border); padding: 2px 4px; }
#note { flex: 1 1 auto; color: var(--vscode-descriptionForeground); }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 14px; cursor: pointer; }
button:hover:not(:disabled) { background: var(--vscode-button-hoverBackground); }
button:disabled { opacity: 0.5; cursor: default; }
.stage { flex: 1 1 auto; min-height: 0; display: flex; align-items: center; justify-content: center; padding: 12px; }
canvas { max-width: 100%; max-height: 100%; height: 100%; aspect-ratio: 9 / 16; object-fit: contain; box-shadow: 0 2px 12px rgba(0, 0, 0, 0.35); }
`;

function escapeHtml(text: string | undefined): string {
  return (text ?? '').replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const escapeAttribute = escapeHtml;
