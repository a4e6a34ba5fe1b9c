import * as vscode from 'vscode';
import type { Logger } from '../../core/common/log';
import { redact, type RedactionSecrets } from '../../core/greenApi/redact';

/** The extension's one log: a LogOutputChannel whose every line is redacted first. */
export class HostLog implements Logger, vscode.Disposable {
  readonly #channel = vscode.window.createOutputChannel(vscode.l10n.t('WhatsApp Status'), { log: true });

  /** `secrets` returns the credentials in use now, so a line is masked even if it names them verbatim. */
  constructor(private readonly secrets: () => RedactionSecrets) {}

  trace(message: string): void {
    this.#channel.trace(this.#clean(message));
  }
  debug(message: string): void {
    this.#channel.debug(this.#clean(message));
  }
  info(message: string): void {
    this.#channel.info(this.#clean(message));
  }
  warn(message: string): void {
    this.#channel.warn(this.#clean(message));
  }
  error(message: string): void {
    this.#channel.error(this.#clean(message));
  }

  show(): void {
    this.#channel.show(true);
  }

  dispose(): void {
    this.#channel.dispose();
  }

  #clean(message: string): string {
    return redact(message, this.secrets());
  }
}
