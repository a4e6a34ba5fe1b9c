import type * as vscode from 'vscode';
import type { ContactsCache } from '../core/audience';
import type { GreenApiClient } from '../core/greenApiClient';
import type { StatusHistory } from '../core/history';
import type { PostPrompts } from '../core/postWorkflow';
import type { UploadCache } from '../core/uploadCache';
import type { CredentialStore } from './credentials';
import type { HostLog } from './log';

/** Everything a command asks of the person. Tests replace it with scripted answers; the UI code stays real. */
export interface HostPrompts extends PostPrompts {
  idInstance(): Promise<string | undefined>;
  apiToken(): Promise<string | undefined>;
  pickMediaFiles(): Promise<vscode.Uri[] | undefined>;
  /** A modal yes/no question; true when the person chose `confirmLabel`. */
  ask(message: string, detail: string, confirmLabel: string): Promise<boolean>;
}

/** Notifications; resolves to the action the person clicked, if any. */
export interface Notifier {
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
  warn(message: string, ...actions: string[]): Thenable<string | undefined>;
  error(message: string, ...actions: string[]): Thenable<string | undefined>;
}

/** Host services handed to every command. `prompts` and `notifier` are the seams integration tests use. */
export interface HostServices {
  readonly context: vscode.ExtensionContext;
  readonly log: HostLog;
  readonly credentials: CredentialStore;
  readonly clock: { now(): number };
  /** Statuses posted from this machine (globalState; no file content, no numbers). */
  readonly history: StatusHistory;
  /** Upload links by content hash, reused for 14 days. */
  readonly uploads: UploadCache;
  /** The contacts of the client's instance, cached and rate-limited; forgotten when the credentials change. */
  contacts(client: GreenApiClient): ContactsCache;
  prompts: HostPrompts;
  notifier: Notifier;
  /** State of this window's session: which instance getStateInstance confirmed, and whether a post is running. */
  readonly session: { verifiedInstance?: string; busy: boolean };
}
