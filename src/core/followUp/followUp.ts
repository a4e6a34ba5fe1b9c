import { GreenApiError } from '../greenApi/errors';
import type { GreenApiClient } from '../greenApi/client';
import type { StatusStatisticEntry } from '../greenApi/types';
import { latestByViewer, summarizeStatistic, type HistoryRecord, type StatusHistory } from '../store/history';
import { isInFlight, isPublished, observe, type LiveState } from './liveState';
import type { Logger } from '../common/log';

/**
 * Waits between two looks, counted from the last post: GREEN-API usually publishes within seconds, and after the
 * first minutes only new readers change, so later looks can be rare.
 */
export const FOLLOW_SCHEDULE_MS: readonly number[] = [10_000, 30_000, 60_000, 120_000, 300_000, 600_000];
/** While no window of VS Code has focus nobody watches the view: look this many times less often. */
export const UNFOCUSED_SLOWDOWN = 3;
/** A status still queued this long after posting is reported as stuck, once. */
export const STUCK_AFTER_MS = 120_000;
/** GREEN-API allows about one request per second per method: consecutive statistics calls keep this gap. */
export const CALL_SPACING_MS = 1_100;

export type FollowClient = Pick<GreenApiClient, 'idInstance' | 'getOutgoingStatuses' | 'getStatusStatistic' | 'getSettings' | 'getStateInstance'>;

/** The likeliest reason a status has not left the queue, from what can be checked. */
export type StuckCause =
  /** The phone is not linked, offline or the account is restricted: GREEN-API holds statuses for up to 24 h. */
  | { readonly kind: 'instance'; readonly state: string | null }
  /** Sent to "all contacts" (no list): an iPhone main device does not publish those. */
  | { readonly kind: 'all-contacts' }
  | { readonly kind: 'unknown' };

/** What the follower needs from its host. */
export interface FollowPorts {
  readonly clock: { now(): number };
  readonly timers: { set(callback: () => void, ms: number): unknown; clear(handle: unknown): void };
  /** A pause between two calls of the same method. */
  sleep(ms: number): Promise<void>;
  /** Whether the person is looking at this window. */
  focused(): boolean;
  /** The signed-in instance's client; undefined while signed out or misconfigured. */
  client(): Promise<FollowClient | undefined>;
  readonly history: StatusHistory;
  readonly log: Logger;
  /** Statuses whose state changed (stored already). */
  changed(idMessages: readonly string[]): void;
  /** The first time a status is seen out of the queue. */
  published(record: HistoryRecord, live: LiveState): void;
  /** The first time a status is seen still queued after {@link STUCK_AFTER_MS}. */
  stuck(record: HistoryRecord, cause: StuckCause): void;
  /** The journal does not list the statuses and `outgoingWebhook` is off: no live state can be known. */
  journalOff(): void;
  /** The last look failed (undefined: the last look worked). */
  problem(error: GreenApiError | undefined): void;
}

export interface FollowOptions {
  /** Multiplies every wait; the e2e tests run the same schedule faster. */
  readonly timeScale?: number;
}

/**
 * Follows every status posted from here (for the signed-in instance) from "queued" to "read" for as long as it
 * lives (docs/follow-up.md §7): one shared look at a time for all of them (the journal once, then the statistics of
 * each published one), on a backoff schedule that starts over at each post. Nothing runs while no status is in
 * flight, while signed out, or once the journal proved to be off until {@link resume}.
 */
export class StatusFollower {
  readonly #ports: FollowPorts;
  readonly #scale: number;
  #timer: unknown;
  #dueAt: number | undefined;
  #lastLookAt: number | undefined;
  #step = 0;
  #running: Promise<void> | undefined;
  #journalOff = false;
  #settingsChecked = false;
  #disposed = false;
  /** The latest statistics of each status, for the viewer list; kept in memory only (they are phone numbers). */
  readonly #viewers = new Map<string, StatusStatisticEntry[]>();

  constructor(ports: FollowPorts, options: FollowOptions = {}) {
    this.#ports = ports;
    this.#scale = options.timeScale ?? 1;
  }

  get journalOff(): boolean {
    return this.#journalOff;
  }

  /** The viewers the last look found, each once by their latest state, most advanced first. */
  viewers(idMessage: string): StatusStatisticEntry[] {
    return latestByViewer(this.#viewers.get(idMessage) ?? []);
  }

  /** Resumes following what the history holds (after activation): the schedule picks up at the youngest status's age. */
  start(): Promise<void> {
    return this.#plan({ restart: true });
  }

  /** A status was just posted: look again soon, from the start of the schedule. */
  track(): Promise<void> {
    this.#step = 0;
    this.#settingsChecked = false;
    this.#journalOff = false;
    return this.#plan({ restart: false });
  }

  /** The journal may work now (the setting was turned on, other credentials): start over, forgetting old reports. */
  resume(): Promise<void> {
    this.#journalOff = false;
    this.#settingsChecked = false;
    this.#ports.problem(undefined);
    return this.#plan({ restart: true });
  }

  /** Focus changed: a look that is further away than the focused schedule allows comes sooner. */
  focusChanged(): void {
    if (this.#timer === undefined || this.#lastLookAt === undefined || !this.#ports.focused()) return;
    const due = this.#lastLookAt + this.#delay();
    if (this.#dueAt !== undefined && due < this.#dueAt) this.#schedule(Math.max(0, due - this.#ports.clock.now()));
  }

  /** Looks now, without waiting for the schedule (the view's Refresh); resolves when the look is done. */
  async lookNow(): Promise<void> {
    this.#cancelTimer();
    await this.#look();
  }

  /** Resolves when no look is under way. */
  async whenIdle(): Promise<void> {
    await this.#running;
  }

  dispose(): void {
    this.#disposed = true;
    this.#cancelTimer();
  }

  /** Plans the next look, or none; `fromLook` is the look that just ended planning its successor. */
  async #plan({ restart, fromLook = false }: { restart: boolean; fromLook?: boolean }): Promise<void> {
    if (this.#disposed || (this.#running && !fromLook)) return;
    const inFlight = await this.#inFlight();
    if (this.#disposed || !inFlight?.length || this.#journalOff) {
      this.#cancelTimer();
      return;
    }
    if (restart) this.#step = stepForAge(this.#ports.clock.now() - Math.max(...inFlight.map((record) => record.postedAt)), this.#scale);
    this.#schedule(this.#delay());
  }

  #delay(): number {
    const base = FOLLOW_SCHEDULE_MS[Math.min(this.#step, FOLLOW_SCHEDULE_MS.length - 1)];
    // However fast the scale, two journal calls never come closer than the per-method rate allows.
    return Math.max(CALL_SPACING_MS, base * this.#scale * (this.#ports.focused() ? 1 : UNFOCUSED_SLOWDOWN));
  }

  #schedule(ms: number): void {
    this.#cancelTimer();
    this.#dueAt = this.#ports.clock.now() + ms;
    this.#timer = this.#ports.timers.set(() => {
      this.#timer = undefined;
      this.#dueAt = undefined;
      void this.#look();
    }, ms);
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) this.#ports.timers.clear(this.#timer);
    this.#timer = undefined;
    this.#dueAt = undefined;
  }

  /** The signed-in instance's statuses still worth asking about; those that expired unpublished are marked so first. */
  async #inFlight(client?: FollowClient): Promise<HistoryRecord[] | undefined> {
    const signedIn = client ?? (await this.#ports.client());
    if (!signedIn) return undefined;
    const now = this.#ports.clock.now();
    const records = this.#ports.history.list(signedIn.idInstance);
    const expired = new Map<string, LiveState>();
    for (const record of records) {
      if (isInFlight(record, now) || !record.live || isPublished(record.live) || record.live.state === 'not-published') continue;
      expired.set(record.idMessage, observe(record.live, {}, { now, postedAt: record.postedAt }));
    }
    if (expired.size) {
      await this.#ports.history.setLive(expired);
      this.#ports.changed([...expired.keys()]);
    }
    return records.filter((record) => isInFlight(record, now));
  }

  async #look(): Promise<void> {
    if (this.#disposed) return;
    if (this.#running) return this.#running;
    // Counted before the look, so a post during it (track) starts the schedule over for the next one.
    this.#step++;
    this.#running = (async () => {
      try {
        await this.#lookOnce();
        // A journal found off is its own report (journalOff), which a clean look must not clear.
        if (!this.#journalOff) this.#ports.problem(undefined);
      } catch (error) {
        if (!(error instanceof GreenApiError)) throw error;
        this.#ports.log.warn(`Following statuses: ${error.message}`);
        this.#ports.problem(error);
      }
      this.#lastLookAt = this.#ports.clock.now();
      await this.#plan({ restart: false, fromLook: true });
    })();
    try {
      await this.#running;
    } finally {
      this.#running = undefined;
    }
  }

  async #lookOnce(): Promise<void> {
    const client = await this.#ports.client();
    const inFlight = client && (await this.#inFlight(client));
    if (!client || !inFlight?.length) return;
    const now = this.#ports.clock.now();
    const oldest = Math.min(...inFlight.map((record) => record.postedAt));
    // Only as far back as the oldest status in flight, plus a margin for clocks that disagree.
    const journal = await client.getOutgoingStatuses(Math.min(1440, Math.ceil((now - oldest) / 60_000) + 5));
    const listed = new Map(journal.map((item) => [item.idMessage, item]));

    if (!inFlight.some((record) => listed.has(record.idMessage)) && (await this.#webhookOff(client))) {
      this.#journalOff = true;
      this.#ports.log.info('Following statuses: the journal lists none of them and outgoingWebhook is off; stopped');
      this.#ports.journalOff();
      return;
    }

    const updates = new Map<string, LiveState>();
    const published: Array<[HistoryRecord, LiveState]> = [];
    const stuck: HistoryRecord[] = [];
    let statisticsCalls = 0;
    for (const record of inFlight) {
      const item = listed.get(record.idMessage);
      let viewers: StatusStatisticEntry[] | undefined;
      if (isPublished(record.live) || (item?.statusMessage !== undefined && item.statusMessage !== 'pending')) {
        if (statisticsCalls++ > 0) await this.#ports.sleep(CALL_SPACING_MS);
        viewers = await client.getStatusStatistic(record.idMessage);
        this.#viewers.set(record.idMessage, viewers);
      }
      const reads = viewers?.filter((viewer) => viewer.status === 'read').map((viewer) => viewer.timestamp * 1000) ?? [];
      const live = observe(
        record.live,
        {
          ...(item?.statusMessage !== undefined && { journalState: item.statusMessage }),
          ...(item && { journalTimestamp: item.timestamp }),
          ...(viewers && { counts: summarizeStatistic(viewers) }),
          ...(reads.length && { firstReadAt: Math.min(...reads) }),
        },
        { now: this.#ports.clock.now(), postedAt: record.postedAt },
      );
      if (isPublished(live) && !live.publishedNotified) published.push([record, live]);
      else if (!isPublished(live) && !live.stuckNotified && now - record.postedAt >= STUCK_AFTER_MS * this.#scale) stuck.push(record);
      if (!sameLive(record.live, live)) updates.set(record.idMessage, live);
    }

    const causes = stuck.length ? await this.#stuckCauses(client, stuck) : [];
    for (const [record, live] of published) updates.set(record.idMessage, { ...live, publishedNotified: true });
    for (const record of stuck) updates.set(record.idMessage, { ...(updates.get(record.idMessage) ?? (record.live as LiveState)), stuckNotified: true });
    await this.#ports.history.setLive(updates);
    if (updates.size) this.#ports.changed([...updates.keys()]);
    for (const [record, live] of published) this.#ports.published(record, live);
    stuck.forEach((record, index) => this.#ports.stuck(record, causes[index]));
  }

  /** Asked at most once until something changes: the docs disagree on whether the journal needs `outgoingWebhook` (docs/follow-up.md §6). */
  async #webhookOff(client: FollowClient): Promise<boolean> {
    if (this.#settingsChecked) return false;
    this.#settingsChecked = true;
    return (await client.getSettings()).outgoingWebhook !== 'yes';
  }

  async #stuckCauses(client: FollowClient, stuck: readonly HistoryRecord[]): Promise<StuckCause[]> {
    const { stateInstance } = await client.getStateInstance();
    return stuck.map((record) => {
      if (stateInstance !== 'authorized') return { kind: 'instance', state: stateInstance };
      return record.audienceSize === 0 ? { kind: 'all-contacts' } : { kind: 'unknown' };
    });
  }
}

/** Where the schedule stands for a status this old: after activation, an old status is not looked at every 10 s. */
function stepForAge(ageMs: number, scale: number): number {
  let elapsed = 0;
  for (const [step, wait] of FOLLOW_SCHEDULE_MS.entries()) {
    elapsed += wait * scale;
    if (elapsed > ageMs) return step;
  }
  return FOLLOW_SCHEDULE_MS.length - 1;
}

function sameLive(a: LiveState | undefined, b: LiveState): boolean {
  return (
    a !== undefined &&
    a.state === b.state &&
    a.listed === b.listed &&
    a.delivered === b.delivered &&
    a.read === b.read &&
    a.sentAt === b.sentAt &&
    a.firstReadAt === b.firstReadAt
  );
}
