import * as vscode from 'vscode';
import { GreenApiError } from '../../core/greenApi/errors';
import { maskInstanceId } from '../../core/greenApi/redact';
import { afterActivation } from '../platform/afterActivation';
import { backgroundClient } from '../posting/connection';
import { describeInstanceState } from '../platform/instanceState';
import { describeError } from '../platform/messages';
import type { HostServices } from '../platform/services';
import { COMMAND, STATUS_BAR_ITEM } from '../platform/ids';

/** GetStateInstance is polled at most this often; the docs suggest about once a minute (docs/greenapi.md §4.1). */
const INSTANCE_POLL_MS = 60_000;
export const GREEN_API_CONSOLE = 'https://console.green-api.com';
/** GetStateInstance allows 1 request per second (docs/greenapi.md §5.3). */
const RATE_LIMITED_RETRY_MS = 2_000;

/** What clicking the item does. */
type ClickAction = 'setCredentials' | 'console' | 'menu';

interface Shown {
  readonly text: string;
  readonly tooltip: string;
  readonly background?: 'warning' | 'error';
  readonly action: ClickAction;
  /** For the log, which records changes only. */
  readonly summary: string;
}

/** What one check found; `retryInMs` after a 429; undefined when a newer check superseded it. */
type CheckResult = Shown | { readonly retryInMs: number } | undefined;

/**
 * The instance's state in the status bar: authorized, not authorized, starting, sleep mode, suspended, blocked. It
 * asks GREEN-API only while credentials are stored, at most once per `pollMs`, and again at once when the
 * credentials change. Nothing runs until start().
 */
export class InstanceStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  readonly #subscriptions: vscode.Disposable[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;
  /** Bumped by every check, so an answer that arrives after a newer check started is dropped. */
  #generation = 0;
  /** The credentials the last check used ('' when signed out), to ignore change events that changed nothing. */
  #checkedKey: string | undefined;
  #action: ClickAction | undefined;
  #lastSummary: string | undefined;
  #started = false;
  #disposed = false;

  constructor(
    private readonly services: HostServices,
    readonly pollMs: number = INSTANCE_POLL_MS,
  ) {
    this.item = vscode.window.createStatusBarItem(STATUS_BAR_ITEM, vscode.StatusBarAlignment.Left, 10);
    this.item.name = vscode.l10n.t('WhatsApp Instance State');
    this.item.command = COMMAND.instanceStatus;
  }

  /** Shows the item, checks now and keeps checking; follows sign-in and sign-out. */
  start(): void {
    if (this.#started || this.#disposed) return;
    this.#started = true;
    this.#subscriptions.push(this.services.credentials.onDidChange(() => void this.#credentialsChanged()));
    this.item.text = vscode.l10n.t('$(sync~spin) WhatsApp');
    this.item.tooltip = vscode.l10n.t('Checking the GREEN-API instance…');
    this.item.show();
    void this.refresh();
  }

  /** Checks now (no request when signed out), shows the result, and schedules the next check while signed in. */
  async refresh(): Promise<void> {
    if (this.#disposed) return;
    const generation = ++this.#generation;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    let shown: CheckResult;
    try {
      shown = await this.#check(abort.signal);
    } catch (error) {
      // Unexpected (a bug, or secret storage failing): logged, and the poll goes on.
      this.services.log.error(`Status bar: the check failed: ${error instanceof Error ? error.message : String(error)}`);
      if (generation === this.#generation && this.#started && !this.#disposed) this.#timer = setTimeout(() => void this.refresh(), this.pollMs);
      return;
    }
    if (generation !== this.#generation || this.#disposed || !shown) return;
    if ('retryInMs' in shown) {
      // Rate-limited (Set Credentials checks the state just before the change event brings us here): keep what is
      // shown and ask again in 2 s, or after the poll interval if that is shorter.
      this.#timer = setTimeout(() => void this.refresh(), shown.retryInMs);
      return;
    }
    this.#show(shown);
    if (this.#started && this.#checkedKey) this.#timer = setTimeout(() => void this.refresh(), this.pollMs);
  }

  /** What the item offers: Set Credentials, the GREEN-API console, or a menu. */
  async click(): Promise<void> {
    if (!this.#action) await this.refresh();
    switch (this.#action) {
      case 'setCredentials':
        await vscode.commands.executeCommand(COMMAND.setCredentials);
        return;
      case 'console':
        await vscode.env.openExternal(vscode.Uri.parse(GREEN_API_CONSOLE));
        return;
      default:
        await this.#menu();
    }
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#abort?.abort();
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.item.dispose();
  }

  async #credentialsChanged(): Promise<void> {
    const stored = await this.services.credentials.get();
    const key = stored.status === 'ok' ? `${stored.credentials.idInstance}:${stored.credentials.apiTokenInstance}` : '';
    // Another window storing the same credentials changes nothing here.
    if (key !== this.#checkedKey) await this.refresh();
  }

  async #check(signal: AbortSignal): Promise<CheckResult> {
    const stored = await this.services.credentials.get();
    if (stored.status !== 'ok') {
      this.#checkedKey = '';
      return signedOut(stored.status === 'corrupt');
    }
    const { credentials } = stored;
    this.#checkedKey = `${credentials.idInstance}:${credentials.apiTokenInstance}`;
    const instance = maskInstanceId(credentials.idInstance);
    // One attempt: the next check comes soon anyway.
    const made = backgroundClient(this.services, credentials, { quiet: true, maxAttempts: 1 });
    if (!made.ok) {
      return {
        text: vscode.l10n.t('$(gear) WhatsApp: check settings'),
        tooltip: `${made.problem}\n\n${clickHint('menu')}`,
        background: 'error',
        action: 'menu',
        summary: 'settings problem',
      };
    }
    try {
      const { stateInstance } = await made.client.getStateInstance({ signal });
      return stateShown(stateInstance, instance, this.services.clock.now());
    } catch (error) {
      if (!(error instanceof GreenApiError)) throw error;
      if (error.kind === 'cancelled') return undefined;
      if (error.kind === 'rate-limited' && this.#started) return { retryInMs: Math.min(Math.max(error.retryAfterMs ?? 0, RATE_LIMITED_RETRY_MS), this.pollMs) };
      return failureShown(error, instance);
    }
  }

  #show(shown: Shown): void {
    this.#action = shown.action;
    this.item.text = shown.text;
    this.item.tooltip = shown.tooltip;
    this.item.backgroundColor = shown.background ? new vscode.ThemeColor(`statusBarItem.${shown.background}Background`) : undefined;
    this.item.accessibilityInformation = { label: shown.text.replace(/\$\([^)]*\)\s*/g, '') };
    if (shown.summary !== this.#lastSummary) this.services.log.info(`Status bar: ${shown.summary}`);
    this.#lastSummary = shown.summary;
  }

  async #menu(): Promise<void> {
    const items: Array<vscode.QuickPickItem & { run(): unknown }> = [
      { label: vscode.l10n.t('$(refresh) Check Again'), run: () => this.refresh() },
      { label: vscode.l10n.t('$(output) Show Log'), run: () => vscode.commands.executeCommand(COMMAND.showLog) },
      { label: vscode.l10n.t('$(link-external) Open the GREEN-API Console'), run: () => vscode.env.openExternal(vscode.Uri.parse(GREEN_API_CONSOLE)) },
      { label: vscode.l10n.t('$(sign-out) Forget Credentials'), run: () => vscode.commands.executeCommand(COMMAND.forgetCredentials) },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: typeof this.item.tooltip === 'string' ? this.item.tooltip.split('\n')[0] : undefined });
    await picked?.run();
  }
}

/**
 * Creates the status bar item and its click command; outside the extension's own tests it starts polling soon after
 * activation (at `activatedAt`, Date.now() ms).
 */
export function registerStatusBar(services: HostServices, activatedAt?: number): vscode.Disposable {
  const bar = new InstanceStatusBar(services);
  // The extension's integration tests drive their own bars with a short interval: a poller here would add
  // getStateInstance requests to the emulator log of every other test.
  const starting = services.context.extensionMode !== vscode.ExtensionMode.Test ? afterActivation(() => bar.start(), activatedAt) : undefined;
  return vscode.Disposable.from(
    ...(starting ? [starting] : []),
    bar,
    vscode.commands.registerCommand(COMMAND.instanceStatus, () => bar.click()),
  );
}

function clickHint(action: ClickAction): string {
  switch (action) {
    case 'setCredentials':
      return vscode.l10n.t('Click to set the GREEN-API credentials.');
    case 'console':
      return vscode.l10n.t('Click to open the GREEN-API console.');
    case 'menu':
      return vscode.l10n.t('Click to check again, show the log or forget the credentials.');
  }
}

function signedOut(corrupt: boolean): Shown {
  const explanation = corrupt
    ? vscode.l10n.t('The stored GREEN-API credentials are unreadable. Set them again.')
    : vscode.l10n.t('No GREEN-API credentials are set, so the instance is not checked.');
  return {
    text: vscode.l10n.t('$(account) WhatsApp: signed out'),
    tooltip: `${explanation}\n\n${clickHint('setCredentials')}`,
    action: 'setCredentials',
    summary: corrupt ? 'credentials unreadable' : 'signed out',
  };
}

function stateShown(state: string | null, instance: string, now: number): Shown {
  const { message } = describeInstanceState(state);
  const look = ((): { text: string; background?: 'warning' | 'error'; action: ClickAction } => {
    switch (state) {
      case 'authorized':
        return { text: vscode.l10n.t('$(check) WhatsApp: authorized'), action: 'menu' };
      case 'notAuthorized':
        return { text: vscode.l10n.t('$(warning) WhatsApp: not authorized'), background: 'warning', action: 'console' };
      case 'starting':
        return { text: vscode.l10n.t('$(sync~spin) WhatsApp: starting'), action: 'menu' };
      case 'sleepMode':
        return { text: vscode.l10n.t('$(debug-pause) WhatsApp: sleep mode'), background: 'warning', action: 'menu' };
      case 'yellowCard':
      case 'suspended':
        return { text: vscode.l10n.t('$(warning) WhatsApp: suspended'), background: 'warning', action: 'menu' };
      case 'blocked':
        return { text: vscode.l10n.t('$(error) WhatsApp: blocked'), background: 'error', action: 'menu' };
      case null:
        return { text: vscode.l10n.t('$(loading~spin) WhatsApp: being created'), action: 'menu' };
      default:
        return { text: vscode.l10n.t('$(question) WhatsApp: {0}', state), background: 'warning', action: 'menu' };
    }
  })();
  const checked = vscode.l10n.t('Checked at {0}.', new Date(now).toLocaleTimeString(vscode.env.language));
  const tooltip = `${vscode.l10n.t('GREEN-API instance {0} is {1}', instance, message)}\n\n${checked} ${clickHint(look.action)}`;
  return { ...look, tooltip, summary: `instance ${instance} ${state ?? 'null'}` };
}

function failureShown(error: GreenApiError, instance: string): Shown {
  const { message } = describeError(error, { instanceVerified: false });
  const tooltip = (action: ClickAction) => `${vscode.l10n.t('Could not check GREEN-API instance {0}.', instance)} ${message}\n\n${clickHint(action)}`;
  switch (error.kind) {
    case 'credentials':
      return {
        text: vscode.l10n.t('$(key) WhatsApp: credentials rejected'),
        tooltip: tooltip('setCredentials'),
        background: 'error',
        action: 'setCredentials',
        summary: `instance ${instance} credentials rejected`,
      };
    case 'forbidden':
    case 'instance-expired':
      return {
        text: vscode.l10n.t('$(error) WhatsApp: unavailable'),
        tooltip: tooltip('menu'),
        background: 'error',
        action: 'menu',
        summary: `instance ${instance} ${error.kind}`,
      };
    case 'network':
    case 'timeout':
    case 'tls':
      return {
        text: vscode.l10n.t('$(debug-disconnect) WhatsApp: unreachable'),
        tooltip: tooltip('menu'),
        background: 'warning',
        action: 'menu',
        summary: `instance ${instance} unreachable (${error.kind})`,
      };
    default:
      return {
        text: vscode.l10n.t('$(warning) WhatsApp: check failed'),
        tooltip: tooltip('menu'),
        background: 'warning',
        action: 'menu',
        summary: `instance ${instance} check failed (${error.kind})`,
      };
  }
}
