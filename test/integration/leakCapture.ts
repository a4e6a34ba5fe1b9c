// Records every text the extension host shows or prints while the integration suite runs, so leakSentinel.test.ts can
// check that no secret reaches any of them: console.* output, VS Code notifications (including the Harness's
// recorded ones), progress titles and messages, and unhandled rejections.
import { format, inspect } from 'node:util';
import * as vscode from 'vscode';
import type { Harness } from './support';
import { SENTINEL_TOKEN, TEST_INSTANCE } from './support';
import { WRONG_INSTANCE, WRONG_TOKEN } from './hostProbes';

export interface Captured {
  readonly channel: string;
  readonly text: string;
}

/**
 * What must never appear: both test tokens (raw and URL-encoded) and both instance ids — in full, and by their first
 * six digits, since only the last four may ever be shown.
 */
export const SECRETS: ReadonlyArray<{ name: string; value: string }> = [
  { name: 'token', value: SENTINEL_TOKEN },
  { name: 'token (URL-encoded)', value: encodeURIComponent(SENTINEL_TOKEN) },
  { name: 'second token', value: WRONG_TOKEN },
  { name: 'instance id', value: TEST_INSTANCE },
  { name: 'instance id beyond its last four digits', value: TEST_INSTANCE.slice(0, 6) },
  { name: 'second instance id', value: WRONG_INSTANCE },
  { name: 'second instance id beyond its last four digits', value: WRONG_INSTANCE.slice(0, 6) },
];

/** The secrets found in `text`, by name. */
export function secretsIn(text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret.value)).map((secret) => secret.name);
}

/** `text` with every secret replaced by its name, so a failure report never prints one itself. */
export function masked(text: string): string {
  // Longest first, so a full id is named as such rather than as its six-digit head.
  return [...SECRETS].sort((a, b) => b.value.length - a.value.length).reduce((out, secret) => out.split(secret.value).join(`<${secret.name}>`), text);
}

/** Readable lines for the texts that hold a secret, each naming where it was seen; the secrets masked. */
export function leakReport(texts: ReadonlyArray<{ where: string; text: string }>): string[] {
  return texts.flatMap(({ where, text }) => {
    const found = secretsIn(text);
    if (!found.length) return [];
    const at = text.indexOf(SECRETS.find((secret) => text.includes(secret.value))!.value);
    return [`${where}: ${found.join(', ')} near ${JSON.stringify(masked(text.slice(Math.max(0, at - 120), at + 160)))}`];
  });
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
type WindowMessage = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

/** Every form an argument can be printed in: errors with their stack and own properties. */
function render(args: unknown[]): string {
  return args.map((arg) => (typeof arg === 'string' ? arg : `${format('%s', arg)} ${inspect(arg, { depth: 6, showHidden: true })}`)).join(' ');
}

export class LeakCapture {
  readonly entries: Captured[] = [];
  #restore: Array<() => void> = [];

  /** Patches console.*, the window's message and progress functions, the Harness's notifier, and rejections. */
  install(h: Harness): void {
    const record = (channel: string, text: string) => void this.entries.push({ channel, text });

    // VS Code's extension host makes console.log & co. accessors whose setter does nothing, so the methods cannot be
    // replaced one by one; the global console itself can, and every module (the extension's bundle included) looks it
    // up at call time.
    const realConsole = globalThis.console;
    const capturing = Object.create(realConsole) as Console;
    for (const method of CONSOLE_METHODS) {
      const original = realConsole[method] as (...args: unknown[]) => void;
      Object.defineProperty(capturing, method, {
        configurable: true,
        value: (...args: unknown[]) => {
          record(`console.${method}`, render(args));
          original.apply(realConsole, args);
        },
      });
    }
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'console');
    Object.defineProperty(globalThis, 'console', { configurable: true, writable: true, enumerable: descriptor?.enumerable ?? false, value: capturing });
    this.#restore.push(() => Object.defineProperty(globalThis, 'console', descriptor ?? { configurable: true, writable: true, value: realConsole }));

    // The test's `vscode` is the extension's API object too (same extension), so these wrap the extension's calls.
    const window = vscode.window as unknown as Record<string, unknown>;
    for (const name of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'] as WindowMessage[]) {
      const original = window[name] as (...args: unknown[]) => unknown;
      window[name] = (...args: unknown[]) => {
        record(`window.${name}`, render(args));
        return original.apply(vscode.window, args);
      };
      this.#restore.push(() => (window[name] = original));
    }
    const withProgress = vscode.window.withProgress;
    window.withProgress = (
      options: vscode.ProgressOptions,
      task: (progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken) => Thenable<unknown>,
    ) => {
      record('progress.title', String(options.title ?? ''));
      return withProgress.call(vscode.window, options, (progress, token) =>
        task({ report: (value) => (record('progress.message', String(value.message ?? '')), progress.report(value)) }, token),
      );
    };
    this.#restore.push(() => (window.withProgress = withProgress));

    const notifier = h.services.notifier;
    const wrap =
      (severity: 'info' | 'warn' | 'error') =>
      (message: string, ...actions: string[]) => {
        record(`notification.${severity}`, [message, ...actions].join(' | '));
        return notifier[severity](message, ...actions);
      };
    h.services.notifier = { info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
    this.#restore.push(() => (h.services.notifier = notifier));

    const onRejection = (reason: unknown) => record('unhandledRejection', render([reason]));
    process.on('unhandledRejection', onRejection);
    this.#restore.push(() => process.off('unhandledRejection', onRejection));
  }

  restore(): void {
    for (const undo of this.#restore.reverse()) undo();
    this.#restore = [];
  }

  /** Entries since `from` that hold a secret, as readable lines. */
  leaksSince(from: number): string[] {
    return leakReport(this.entries.slice(from).map(({ channel, text }) => ({ where: channel, text })));
  }
}
