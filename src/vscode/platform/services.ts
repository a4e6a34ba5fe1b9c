import type * as vscode from 'vscode';
import type { ContactBook, ContactsCache, NamedAudience } from '../../core/audience/audience';
import type { GreenApiClient } from '../../core/greenApi/client';
import type { PhoneNumberReader } from '../../core/audience/participants';
import type { StatusFollower } from '../../core/followUp/followUp';
import type { HistoryEntry, StatisticSummary, StatusHistory } from '../../core/store/history';
import type { PostSummary, PostTarget } from '../../core/statuses/postWorkflow';
import type { TextStatusFont } from '../../core/statuses/textStatus';
import type { UploadCache } from '../../core/store/uploadCache';
import type { BACK, StepAnswer, StepPosition } from '../../core/common/steps';
import type { Bundles } from './bundles';
import type { CredentialStore } from './credentials';
import type { HostLog } from './log';

/** What the audience picker can offer besides typed numbers. */
export interface AudienceChoices {
  /** The contacts a status can be addressed to, loaded on demand (GetContacts, cached); `refresh` asks the server again. */
  contacts(refresh?: boolean): Promise<ContactBook>;
  readonly audiences: readonly NamedAudience[];
  saveAudience(name: string, ids: readonly string[]): Promise<void>;
  /** Reads typed numbers in the country of the account's own number; undefined when the reader could not be loaded. */
  phoneNumbers(signal: AbortSignal): Promise<PhoneNumberReader | undefined>;
}

/** How a post asks its questions. */
export interface PostOptions {
  /** "All my contacts" is sent as the list of contacts, whatever the setting says. */
  readonly explicitAudience?: boolean;
}

/** The details of any kind of status, as a confirmation shows them. */
export interface StatusDetails {
  readonly caption?: string;
  readonly backgroundColor?: string;
  readonly message?: string;
  readonly font?: TextStatusFont;
}

/** What a confirmation shows: the post, and the pre-flight warnings accepted with it. */
export interface ConfirmSummary extends PostSummary<StatusDetails> {
  /** Pre-flight advice, one line each; with any, the confirmation asks to "Post Anyway". */
  readonly warnings?: readonly string[];
}

/**
 * Everything a command asks of the person. Tests replace it with scripted answers; the UI code stays real. A question
 * that is one step of several shows "k of n" (`position`) and, past the first, a Back button that answers BACK;
 * `previous` is its own answer before a Back, shown again.
 */
export interface HostPrompts {
  caption(targets: readonly PostTarget[], signal: AbortSignal, position?: StepPosition, previous?: string): Promise<StepAnswer<string>>;
  /** Chat ids, [] for all contacts, undefined when dismissed. */
  participants(signal: AbortSignal, choices?: AudienceChoices, position?: StepPosition): Promise<StepAnswer<string[]>>;
  /** True to post, false when declined, BACK for the step before. */
  confirm(summary: ConfirmSummary, signal: AbortSignal, position?: StepPosition): Promise<boolean | typeof BACK>;
  /** A text status's message, starting from `initial` (the editor selection, or the text before a Back). */
  statusText(initial: string, position?: StepPosition): Promise<StepAnswer<string>>;
  backgroundColor(position?: StepPosition, previous?: string): Promise<StepAnswer<string>>;
  font(position?: StepPosition, previous?: TextStatusFont): Promise<StepAnswer<TextStatusFont>>;
  /** For several files: one caption and audience for all, or asked per file. */
  batchMode(count: number): Promise<'shared' | 'per-file' | undefined>;
  idInstance(position?: StepPosition, previous?: string): Promise<StepAnswer<string>>;
  apiToken(position?: StepPosition): Promise<StepAnswer<string>>;
  /** The open dialog, filtered to the files a kind of status takes. */
  pickFiles(kind: 'media' | 'voice'): Promise<vscode.Uri[] | undefined>;
  /** A modal yes/no question; true when the person chose `confirmLabel`. */
  ask(message: string, detail: string, confirmLabel: string): Promise<boolean>;
}

/** Notifications; resolves to the action the person clicked, if any. */
export interface Notifier {
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
  warn(message: string, ...actions: string[]): Thenable<string | undefined>;
  error(message: string, ...actions: string[]): Thenable<string | undefined>;
}

/** The Statuses view, once registered: what the commands, a post and the follower tell it or ask of it. */
export interface StatusesView {
  /** Reloads the list: after posting or deleting a status. */
  refresh(): void;
  /** Redraws the live states the follower found. */
  redrawLive(): void;
  /** Shows a status's statistics, as just read. */
  setStatistic(idMessage: string, summary: StatisticSummary): void;
  /** Drops a status from the list and from the history. */
  forget(idMessage: string): Promise<void>;
  /** Why live states cannot be shown, in the view's message area (undefined clears it). */
  setFollowProblem(message: string | undefined): void;
  /** The status an item command is about: the clicked item (menus pass it), an id (from code), or the selection. */
  entryFor(argument: unknown): HistoryEntry | undefined;
}

/** Host services handed to every command. `prompts` and `notifier` are the seams integration tests use. */
export interface HostServices {
  readonly context: vscode.ExtensionContext;
  readonly log: HostLog;
  readonly credentials: CredentialStore;
  /** The extension's bundles loaded on first use (dist/mediaFacts.js, dist/highlighter.js, …). */
  readonly bundles: Bundles;
  readonly clock: { now(): number };
  /** Statuses posted from this machine (globalState; no file content, no numbers). */
  readonly history: StatusHistory;
  /** Follows each posted status to "read" while it lives; the history view shows what it finds. */
  readonly follower: StatusFollower;
  /** Upload links by content hash, reused for 14 days. */
  readonly uploads: UploadCache;
  /** The contacts of the client's instance, cached and rate-limited; forgotten when the credentials change. */
  contacts(client: GreenApiClient): ContactsCache;
  prompts: HostPrompts;
  notifier: Notifier;
  /** The Statuses view of this window, once it is registered. */
  historyView?: StatusesView;
  /** Settles when activation's own work on the credentials (the sandbox seed) is done; reads wait for it. */
  readonly started: Promise<void>;
  /**
   * State of this window's session: which instance getStateInstance confirmed, whether a post is running, and
   * whether the person was told that a derived host did not resolve, or that live states need the journal.
   * `ownNumber` is the phone number of an instance's account (GetWaSettings), whose country typed numbers are read in.
   */
  readonly session: {
    verifiedInstance?: string;
    busy: boolean;
    hostFallbackWarned?: boolean;
    journalOffNotified?: boolean;
    ownNumber?: { instance: string; phone: string };
  };
}
