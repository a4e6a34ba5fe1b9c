import * as vscode from 'vscode';
import type { GreenApiCredentials } from '../../core/greenApi/types';
import { CONTEXT_KEY, STORAGE_KEY } from './ids';

/** A read this recent answers for a new one: activation, the status bar and a session's first post read within moments. */
const REUSE_READ_MS = 5_000;

export type StoredCredentials = { status: 'ok'; credentials: GreenApiCredentials } | { status: 'missing'; wereSetBefore: boolean } | { status: 'corrupt' };

/** idInstance is digits (10 or 12 today, so no fixed length); the token is one word of visible characters. */
export function checkIdInstance(value: string): boolean {
  return /^\d{4,20}$/.test(value.trim());
}
export function checkApiToken(value: string): boolean {
  return /^[\x21-\x7e]{8,200}$/.test(value.trim());
}

/**
 * Credentials live in SecretStorage only, as one versioned JSON entry so idInstance and token never drift apart.
 * Reads go to SecretStorage, except that reads within {@link REUSE_READ_MS} of one another share its answer (the
 * first post of a session then need not wait for the trip activation already made). Any change seen here, through
 * SecretStorage.onDidChange (another window's sign-out included), store() or forget(), drops that answer at once.
 * SecretStorage is watched from the first use on (activation makes none): until then there is no answer to drop.
 */
export class CredentialStore implements vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.#changed.event;
  #subscription: vscode.Disposable | undefined;
  /** The last credentials read, only so the log can mask them; never used to make requests. */
  lastKnown: GreenApiCredentials | undefined;
  /** The latest read (possibly under way) and when it started; dropped by any change. */
  #reading: { readonly at: number; readonly result: Promise<StoredCredentials> } | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {}

  get(): Promise<StoredCredentials> {
    this.#watch();
    const now = Date.now();
    if (this.#reading && now - this.#reading.at >= 0 && now - this.#reading.at < REUSE_READ_MS) return this.#reading.result;
    const reading = { at: now, result: this.#read() };
    this.#reading = reading;
    // A failed read is not an answer to share.
    reading.result.catch(() => {
      if (this.#reading === reading) this.#reading = undefined;
    });
    return reading.result;
  }

  #watch(): void {
    this.#subscription ??= this.context.secrets.onDidChange((event) => {
      if (event.key !== STORAGE_KEY.credentials) return;
      this.#reading = undefined;
      void this.get().then(() => this.#changed.fire());
    });
  }

  async #read(): Promise<StoredCredentials> {
    const raw = await this.context.secrets.get(STORAGE_KEY.credentials);
    const result = parse(raw, this.context.globalState.get<boolean>(STORAGE_KEY.credentialsWereSet, false));
    if (result.status === 'ok') this.lastKnown = result.credentials;
    // Menus and the view's welcome follow it; nothing here needs to wait for the workbench to take it.
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY.signedIn, result.status === 'ok');
    return result;
  }

  async store(credentials: GreenApiCredentials): Promise<void> {
    this.#watch();
    this.#reading = undefined;
    const value: GreenApiCredentials = { idInstance: credentials.idInstance.trim(), apiTokenInstance: credentials.apiTokenInstance.trim() };
    await this.context.secrets.store(STORAGE_KEY.credentials, JSON.stringify({ version: 1, ...value }));
    this.lastKnown = value;
    await this.context.globalState.update(STORAGE_KEY.credentialsWereSet, true);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY.signedIn, true);
  }

  async forget(): Promise<void> {
    this.#watch();
    this.#reading = undefined;
    await this.context.secrets.delete(STORAGE_KEY.credentials);
    this.lastKnown = undefined;
    await this.context.globalState.update(STORAGE_KEY.credentialsWereSet, false);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY.signedIn, false);
  }

  dispose(): void {
    this.#subscription?.dispose();
    this.#changed.dispose();
  }
}

function parse(raw: string | undefined, wereSetBefore: boolean): StoredCredentials {
  if (raw === undefined) return { status: 'missing', wereSetBefore };
  try {
    const value = JSON.parse(raw) as Partial<GreenApiCredentials> & { version?: number };
    if (
      value.version === 1 &&
      typeof value.idInstance === 'string' &&
      typeof value.apiTokenInstance === 'string' &&
      checkIdInstance(value.idInstance) &&
      checkApiToken(value.apiTokenInstance)
    ) {
      return { status: 'ok', credentials: { idInstance: value.idInstance, apiTokenInstance: value.apiTokenInstance } };
    }
  } catch {
    // Falls through: unreadable JSON is reported as corrupt, never thrown.
  }
  return { status: 'corrupt' };
}
