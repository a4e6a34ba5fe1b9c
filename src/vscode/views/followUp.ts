import * as vscode from 'vscode';
import { StatusFollower, type FollowClient, type StuckCause } from '../../core/followUp/followUp';
import { historyRecord, type HistoryEntry, type HistoryRecord, type PostedStatus } from '../../core/store/history';
import { queuedState, type LiveState } from '../../core/followUp/liveState';
import { sleep } from '../../core/greenApi/retry';
import { afterActivation } from '../platform/afterActivation';
import { backgroundClient } from '../posting/connection';
import { entryLabel } from './history/historyItem';
import { describeInstanceState } from '../platform/instanceState';
import { describeError } from '../platform/messages';
import type { HostServices, PostOptions } from '../platform/services';
import { openSettings, readSettings } from '../platform/settings';
import { GREEN_API_CONSOLE } from './statusBar';
import { COMMAND } from '../platform/ids';

/** Kinds of failure that say something lasting about the instance, worth a line in the view; others pass. */
const LASTING_PROBLEMS = new Set(['credentials', 'forbidden', 'not-found', 'quota', 'instance-expired']);

/**
 * The follower of posted statuses, wired to this window: the signed-in instance's client, the history, the view,
 * and notifications. `services` is read lazily, so the follower can be made while the services are assembled.
 * The e2e tests set WHATSAPP_STATUS_FOLLOW_TIME_SCALE (0.001–1) to run the same schedule faster.
 */
export function createFollower(services: () => HostServices): StatusFollower {
  const scale = Number(process.env.WHATSAPP_STATUS_FOLLOW_TIME_SCALE);
  return new StatusFollower(
    {
      clock: { now: () => services().clock.now() },
      timers: { set: (callback, ms) => setTimeout(callback, ms), clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
      sleep: (ms) => sleep(ms),
      focused: () => vscode.window.state.focused,
      client: () => followClient(services()),
      get history() {
        return services().history;
      },
      get log() {
        return services().log;
      },
      changed: () => services().historyView?.redrawLive(),
      published: (record, live) => notifyPublished(services(), record, live),
      stuck: (record, cause) => notifyStuck(services(), record, cause),
      journalOff: () => notifyJournalOff(services()),
      problem: (error) => {
        const host = services();
        const lasting = error && LASTING_PROBLEMS.has(error.kind);
        host.historyView?.setFollowProblem(
          lasting ? vscode.l10n.t('Live states are not available: {0}', describeError(error, { instanceVerified: false }).message) : undefined,
        );
      },
    },
    { timeScale: scale >= 0.001 && scale <= 1 ? scale : 1 },
  );
}

async function followClient(services: HostServices): Promise<FollowClient | undefined> {
  await services.started;
  const stored = await services.credentials.get();
  if (stored.status !== 'ok') return undefined;
  const made = backgroundClient(services, stored.credentials, { quiet: true });
  return made.ok ? made.client : undefined;
}

/** Starts following soon after activation (at `activatedAt`, Date.now() ms) and keeps the schedule in step with focus and sign-in. */
export function registerFollowUp(services: HostServices, activatedAt?: number): vscode.Disposable {
  const { follower } = services;
  return vscode.Disposable.from(
    afterActivation(() => void follower.start(), activatedAt),
    vscode.window.onDidChangeWindowState(() => follower.focusChanged()),
    services.credentials.onDidChange(() => void follower.resume()),
    // Post Again, with the audience asked as a list: never "all contacts" without one.
    vscode.commands.registerCommand(COMMAND.historyPostAgainToChosen, (entry?: unknown) =>
      vscode.commands.executeCommand(COMMAND.historyPostAgain, entry, { explicitAudience: true } satisfies PostOptions),
    ),
    follower,
  );
}

/** Records a status GREEN-API just queued, shows it in the Statuses view and starts following it. */
export async function rememberPosted(services: HostServices, posted: PostedStatus): Promise<void> {
  services.log.info(`Status queued: ${posted.idMessage}`);
  await services.history.add({ ...historyRecord(posted), live: queuedState(posted.postedAt) });
  services.historyView?.refresh();
  void services.follower.track();
}

/** A record as the view's item commands take it: they need not find it in the view (it may be hidden). */
function entryOf(record: HistoryRecord): HistoryEntry {
  return { ...record, local: true, inJournal: false };
}

function labelOf(record: HistoryRecord): string {
  return entryLabel(entryOf(record));
}

/** "Status published — delivered to 5", once per status, unless turned off. */
function notifyPublished(services: HostServices, record: HistoryRecord, live: LiveState): void {
  if (!readSettings().notifyWhenPublished) return;
  const label = labelOf(record);
  const message =
    live.read > 0
      ? vscode.l10n.t('Status published: “{0}”, read by {1}.', label, live.read)
      : live.delivered > 0
        ? vscode.l10n.t('Status published: “{0}”, delivered to {1}.', label, live.delivered)
        : vscode.l10n.t('Status published: “{0}”.', label);
  void services.notifier.info(message);
}

/** One notification per stuck status, naming the likeliest cause and offering its fix. */
function notifyStuck(services: HostServices, record: HistoryRecord, cause: StuckCause): void {
  const label = labelOf(record);
  if (cause.kind === 'instance') {
    const openConsole = vscode.l10n.t('Open GREEN-API Console');
    void services.notifier
      .warn(vscode.l10n.t('“{0}” is still queued: the GREEN-API instance is {1}', label, describeInstanceState(cause.state).message), openConsole)
      .then((choice) => {
        if (choice === openConsole) void vscode.env.openExternal(vscode.Uri.parse(GREEN_API_CONSOLE));
      });
    return;
  }
  if (cause.kind === 'all-contacts') {
    const postAgain = vscode.l10n.t('Post Again to Chosen Contacts');
    const always = vscode.l10n.t('Always List Contacts…');
    const canPostAgain = record.kind === 'media' && record.fileName !== undefined;
    void services.notifier
      .warn(
        vscode.l10n.t(
          '“{0}” is still queued after 2 minutes. It went to all your contacts without a list, which GREEN-API does not publish when your main phone is an iPhone. Post it to chosen contacts, or turn on “Require explicit participants” to always send the list.',
          label,
        ),
        ...(canPostAgain ? [postAgain] : []),
        always,
      )
      .then((choice) => {
        if (choice === postAgain) void vscode.commands.executeCommand(COMMAND.historyPostAgainToChosen, entryOf(record));
        if (choice === always) void openSettings('whatsappStatus.requireExplicitParticipants');
      });
    return;
  }
  const showLog = vscode.l10n.t('Show Log');
  void services.notifier
    .warn(
      vscode.l10n.t(
        '“{0}” is still queued after 2 minutes, and GREEN-API does not say why. The instance is authorized and the status has a list of recipients; check that they saved your number.',
        label,
      ),
      showLog,
    )
    .then((choice) => {
      if (choice === showLog) services.log.show();
    });
}

/** In the view for as long as it holds, where live states are missing; as a notification with the fix, once a session. */
function notifyJournalOff(services: HostServices): void {
  const message = vscode.l10n.t('Live states (queued, sent, read) need GREEN-API’s “notifications about sent messages”, which are off for this instance.');
  services.historyView?.setFollowProblem(message);
  if (services.session.journalOffNotified) return;
  services.session.journalOffNotified = true;
  const turnOn = vscode.l10n.t('Turn On Status Statistics');
  void services.notifier.warn(message, turnOn).then((choice) => {
    if (choice === turnOn) void vscode.commands.executeCommand(COMMAND.enableStatistics);
  });
}
