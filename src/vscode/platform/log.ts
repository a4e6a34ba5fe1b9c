import * as vscode from 'vscode';
import type { Logger } from '../../core/common/log';
import { redact, type RedactionSecrets } from '../../core/greenApi/redact';

/**
 * The extension's one log: a LogOutputChannel whose every line is redacted first. The channel is made by the first
 * line written or by show(), not at activation.
 */
export class HostLog implements Logger, vscode.Disposable {
  #channel: vscode.LogOutputChannel | undefined;
  /** Lines for the top of the log, written when the channel is made. */
  readonly #opening: string[] = [];
  #disposed = false;

  /** `secrets` returns the credentials in use now, so a line is masked even if it names them verbatim. */
  constructor(private readonly secrets: () => RedactionSecrets) {}

  trace(message: string): void {
    this.#open()?.trace(this.#clean(message));
  }
  debug(message: string): void {
    this.#open()?.debug(this.#clean(message));
  }
  info(message: string): void {
    this.#open()?.info(this.#clean(message));
  }
  warn(message: string): void {
    this.#open()?.warn(this.#clean(message));
  }
  error(message: string): void {
    this.#open()?.error(this.#clean(message));
  }

  /** An info line that does not make the channel by itself: it heads the log once another line or show() does. */
  infoWhenOpened(message: string): void {
    if (this.#channel) this.info(message);
    else if (!this.#disposed) this.#opening.push(message);
  }

  show(): void {
    this.#open()?.show(true);
  }

  dispose(): void {
    this.#disposed = true;
    this.#channel?.dispose();
  }

  /** The channel, made now if it is not yet; undefined once disposed. */
  #open(): vscode.LogOutputChannel | undefined {
    if (this.#disposed) return undefined;
    if (!this.#channel) {
      this.#channel = vscode.window.createOutputChannel(vscode.l10n.t('WhatsApp Status'), { log: true });
      for (const line of this.#opening.splice(0)) this.#channel.info(this.#clean(line));
    }
    return this.#channel;
  }

  #clean(message: string): string {
    return redact(message, this.secrets());
  }
}
