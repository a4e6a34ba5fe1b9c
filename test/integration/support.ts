import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { HISTORY_KEY } from '../../src/core/store/history';
import type { PostTarget } from '../../src/core/statuses/postWorkflow';
import type { TextStatusFont } from '../../src/core/statuses/textStatus';
import type { StepAnswer, StepPosition } from '../../src/core/common/steps';
import type { AudienceChoices, ConfirmSummary, HostPrompts, HostServices, Notifier } from '../../src/vscode/platform/services';
import { startEmulator, type Emulator } from '../emulator';
export { pngBytes } from '../fixtures/png';

export const EXTENSION_ID = 'whatsapp-status-dev.whatsapp-status';
export const SENTINEL_TOKEN = 'SentinelTokenMustNeverAppear_0000';
export const TEST_INSTANCE = '1101000001';

export interface Notification {
  readonly severity: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly actions: readonly string[];
}

/** Answers for the prompts seam; a function gets what the prompt was asked with. */
export interface Script {
  /** An answer, or a function that gives it from where the step stands and its earlier answer (after a Back). */
  idInstance?: string | ((position?: StepPosition, previous?: string) => Promise<StepAnswer<string>>);
  apiToken?: string | ((position?: StepPosition) => Promise<StepAnswer<string>>);
  caption?: string | ((targets: readonly PostTarget[], signal: AbortSignal) => Promise<string | undefined>);
  /** Ids, or a function that answers through the choices the real picker would show. */
  participants?: string[] | ((choices: AudienceChoices | undefined, position?: StepPosition) => Promise<StepAnswer<string[]>>);
  /** The answer to the confirmation, or a function that gives it (and may look around first). */
  confirm?: boolean | ((summary: ConfirmSummary) => Promise<boolean>);
  /** The answer to a yes/no question, or a function that gives it (and may act meanwhile, as a person could). */
  ask?: boolean | ((message: string) => Promise<boolean>);
  pickFiles?: vscode.Uri[];
  statusText?: string;
  backgroundColor?: string;
  font?: TextStatusFont | ((position?: StepPosition, previous?: TextStatusFont) => Promise<StepAnswer<TextStatusFont>>);
  batchMode?: 'shared' | 'per-file' | (() => Promise<'shared' | 'per-file' | undefined>);
}

/** The real host services, with prompts and notifications answered and recorded by the test. */
export class Harness {
  readonly notifications: Notification[] = [];
  readonly asked: string[] = [];
  readonly summaries: ConfirmSummary[] = [];
  /** What statusText was offered (the editor selection). */
  readonly statusTextOffered: string[] = [];
  script: Script = {};
  /** Which action to click on a notification, by matching its text. */
  clicks: Array<{ match: RegExp; action: string }> = [];

  constructor(readonly services: HostServices) {
    const prompts: HostPrompts = {
      idInstance: async (position, previous) => {
        this.asked.push('idInstance');
        const idInstance = this.script.idInstance;
        return typeof idInstance === 'function' ? idInstance(position, previous) : idInstance;
      },
      apiToken: async (position) => {
        this.asked.push('apiToken');
        const apiToken = this.script.apiToken;
        return typeof apiToken === 'function' ? apiToken(position) : apiToken;
      },
      caption: async (targets, signal) => {
        this.asked.push('caption');
        const caption = this.script.caption;
        return typeof caption === 'function' ? caption(targets, signal) : caption;
      },
      participants: async (_signal, choices, position) => {
        this.asked.push('participants');
        const participants = this.script.participants;
        return typeof participants === 'function' ? participants(choices, position) : participants;
      },
      confirm: async (summary) => {
        this.asked.push('confirm');
        this.summaries.push(summary);
        const confirm = this.script.confirm;
        return typeof confirm === 'function' ? confirm(summary) : (confirm ?? true);
      },
      statusText: async (initial) => (this.asked.push('statusText'), this.statusTextOffered.push(initial), this.script.statusText),
      backgroundColor: async () => (this.asked.push('backgroundColor'), this.script.backgroundColor),
      font: async (position, previous) => {
        this.asked.push('font');
        const font = this.script.font;
        return typeof font === 'function' ? font(position, previous) : font;
      },
      batchMode: async () => {
        this.asked.push('batchMode');
        const batchMode = this.script.batchMode;
        return typeof batchMode === 'function' ? batchMode() : batchMode;
      },
      pickFiles: async (kind) => (this.asked.push(`pickFiles:${kind}`), this.script.pickFiles),
      ask: async (message) => {
        this.asked.push(`ask:${message}`);
        const ask = this.script.ask;
        return typeof ask === 'function' ? ask(message) : (ask ?? false);
      },
    };
    const record =
      (severity: Notification['severity']) =>
      async (message: string, ...actions: string[]) => {
        this.notifications.push({ severity, message, actions });
        const click = this.clicks.find((candidate) => candidate.match.test(message));
        // A person clicks once the toast is up and the command that raised it is done.
        if (click) while (this.services.session.busy) await new Promise((resolve) => setTimeout(resolve, 10));
        return click?.action;
      };
    const notifier: Notifier = { info: record('info'), warn: record('warn'), error: record('error') };
    services.prompts = prompts;
    services.notifier = notifier;
  }

  reset(): void {
    this.notifications.length = 0;
    this.asked.length = 0;
    this.summaries.length = 0;
    this.statusTextOffered.length = 0;
    this.script = {};
    this.clicks = [];
    this.services.session.verifiedInstance = undefined;
    this.services.session.busy = false;
    this.services.session.journalOffNotified = false;
    // The follower reads the history at each look: with the statuses of earlier tests forgotten, it stays quiet instead
    // of announcing one of them ("published", "stuck") in the middle of a later test.
    void this.services.context.globalState.update(HISTORY_KEY, undefined);
  }

  /** The one notification a command ended with; fails if there were more or none. */
  only(): Notification {
    assert.equal(this.notifications.length, 1, `expected one notification, got: ${JSON.stringify(this.notifications)}`);
    return this.notifications[0];
  }
}

let harness: Harness | undefined;

/** Activates the extension (as running any of its commands would) and takes over its prompts. */
export async function getHarness(): Promise<Harness> {
  if (harness) return harness;
  const extension = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
  const api = await extension.activate();
  assert.ok(api?.services, 'the extension exposes its services in test mode');
  harness = new Harness(api.services);
  return harness;
}

/** An emulator that accepts the sentinel credentials, with the user settings pointed at it. */
export async function startConfiguredEmulator(): Promise<Emulator> {
  const emulator = await startEmulator({ idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN });
  await pointSettingsAt(emulator);
  return emulator;
}

export async function pointSettingsAt(emulator: { apiUrl: string; mediaUrl: string }): Promise<void> {
  const config = vscode.workspace.getConfiguration('whatsappStatus');
  await config.update('apiUrl', emulator.apiUrl, vscode.ConfigurationTarget.Global);
  await config.update('mediaUrl', emulator.mediaUrl, vscode.ConfigurationTarget.Global);
}

export async function signIn(h: Harness): Promise<void> {
  await h.services.credentials.store({ idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN });
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with a workspace folder open');
  return folder.uri.fsPath;
}

/** Writes a file into the open workspace and returns its URI. */
export function workspaceFile(name: string, content: Uint8Array | string): vscode.Uri {
  const file = path.join(workspaceRoot(), name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return vscode.Uri.file(file);
}

/**
 * An MP4 of `size` bytes: an ftyp box, then one mdat box holding `payload` (ones by default). Well-formed boxes, so the
 * metadata scan accepts it; enough for a type check, not for playback.
 */
export function mp4Bytes(size: number, payload: (bytes: number) => Buffer = (bytes) => Buffer.alloc(bytes, 1)): Buffer {
  const ftyp = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex');
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(size - ftyp.length);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdat, payload(size - ftyp.length - mdat.length)]);
}

export function runPost(...args: unknown[]): Thenable<unknown> {
  return vscode.commands.executeCommand('whatsappStatus.postFile', ...args);
}

/**
 * The requests of a session's first post of one file: the upload starts with the caption box and the state check a
 * moment later (or when sending asks, for answers as quick as a test's), so either may reach the server first; the
 * status is sent after both.
 */
export function assertFirstPostRequests(emulator: Emulator): void {
  const methods = emulator.apiRequests().map((request) => request.apiMethod);
  assert.deepEqual([...methods.slice(0, 2)].sort(), ['getStateInstance', 'uploadFile']);
  assert.deepEqual(methods.slice(2), ['sendMediaStatus']);
}

/** Every log file this extension's host wrote, for checking what the log channel holds. */
export function extensionLogText(context: vscode.ExtensionContext): string {
  const roots = [context.logUri.fsPath, path.dirname(context.logUri.fsPath)];
  const texts: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.log')) texts.push(fs.readFileSync(full, 'utf8'));
    }
  };
  roots.forEach(walk);
  return texts.join('\n');
}

/**
 * The hooks every posting suite shares: the harness, an emulator the user settings point at, and before each test a
 * clean harness and emulator, signed in (or signed out) as asked. `receive` hands both to the suite's own variables.
 */
export function usePostingSuite(receive: (harness: Harness, emulator: Emulator) => void, options: { signedIn: boolean } = { signedIn: true }): void {
  let harness: Harness;
  let emulator: Emulator;
  before(async () => {
    harness = await getHarness();
    emulator = await startConfiguredEmulator();
    receive(harness, emulator);
  });
  after(() => emulator.close());
  beforeEach(async () => {
    harness.reset();
    emulator.reset();
    if (options.signedIn) await signIn(harness);
    else await harness.services.credentials.forget();
  });
}
