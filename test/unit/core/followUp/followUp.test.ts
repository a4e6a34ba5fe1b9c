import assert from 'node:assert/strict';
import {
  CALL_SPACING_MS,
  FOLLOW_SCHEDULE_MS,
  STUCK_AFTER_MS,
  StatusFollower,
  UNFOCUSED_SLOWDOWN,
  type FollowPorts,
  type StuckCause,
} from '../../../../src/core/followUp/followUp';
import type { GreenApiClient } from '../../../../src/core/greenApi/client';
import { StatusHistory } from '../../../../src/core/store/history';
import { STATUS_LIFETIME_MS, queuedState, type LiveState } from '../../../../src/core/followUp/liveState';
import { silentLogger } from '../../../../src/core/common/log';
import { startEmulator, type Emulator } from '../../../emulator';
import { MemoryStore } from '../support';
import { emulatorClient } from '../../helpers';

/** Timers and a clock the test moves by hand; each fired look is awaited before the clock moves on. */
class FakeTime {
  t = Date.now();
  now = (): number => this.t;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();
  #next = 1;
  /** Every pause a look asked for between two calls. */
  readonly pauses: number[] = [];

  set = (callback: () => void, ms: number): number => {
    const id = this.#next++;
    this.#timers.set(id, { at: this.t + ms, callback });
    return id;
  };

  clear = (handle: unknown): void => {
    this.#timers.delete(handle as number);
  };

  sleep = async (ms: number): Promise<void> => {
    this.pauses.push(ms);
    this.t += ms;
  };

  /** When the next timer fires, relative to now; undefined when none is set. */
  get nextIn(): number | undefined {
    const due = [...this.#timers.values()].map((timer) => timer.at);
    return due.length ? Math.min(...due) - this.t : undefined;
  }

  /** Moves to the next timer, fires it and waits for the look it starts. */
  async fireNext(follower: StatusFollower): Promise<number> {
    const [id, timer] = [...this.#timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
    const waited = timer.at - this.t;
    this.t = timer.at;
    this.#timers.delete(id);
    timer.callback();
    await follower.whenIdle();
    return waited;
  }
}

describe('core/followUp', () => {
  let emulator: Emulator;
  let client: GreenApiClient;
  let time: FakeTime;
  let history: StatusHistory;
  let focused: boolean;
  let signedIn: boolean;
  let events: string[] = [];
  /** How often a report was withdrawn (a look that worked, or a fresh start). */
  let cleared = 0;
  let stuckCauses: StuckCause[];
  let follower: StatusFollower;
  /** What the follower is handed: the fake time, the emulator's client, and recorders of what it reports. */
  let ports: FollowPorts;

  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  beforeEach(() => {
    emulator.reset();
    emulator.set({ deliverySchedule: null });
    client = emulatorClient(emulator);
    time = new FakeTime();
    history = new StatusHistory(new MemoryStore());
    focused = true;
    signedIn = true;
    events = [];
    stuckCauses = [];
    ports = {
      clock: time,
      timers: time,
      sleep: time.sleep,
      focused: () => focused,
      client: async () => (signedIn ? client : undefined),
      history,
      log: silentLogger,
      changed: (ids) => events.push(`changed ${ids.join(',')}`),
      published: (record, live) => events.push(`published ${record.idMessage} ${live.state}`),
      stuck: (record, cause) => {
        events.push(`stuck ${record.idMessage}`);
        stuckCauses.push(cause);
      },
      journalOff: () => events.push('journal off'),
      problem: (error) => (error ? events.push(`problem ${error.kind}`) : (cleared += 1)),
    };
    follower = new StatusFollower(ports);
  });
  afterEach(() => follower.dispose());

  /** Posts through the emulator and records it as the extension does, `ageMs` ago. */
  async function post(participants: string[] = [], ageMs = 0): Promise<string> {
    const { idMessage } = await client.sendTextStatus({ message: 'Hello', participants });
    await history.add({
      idMessage,
      instance: emulator.idInstance,
      postedAt: time.t - ageMs,
      kind: 'text',
      audienceSize: participants.length,
      live: queuedState(time.t - ageMs),
    });
    return idMessage;
  }
  const liveOf = (idMessage: string): LiveState | undefined => history.list().find((record) => record.idMessage === idMessage)?.live;
  const calls = (method: string) => emulator.apiRequests(method).length;

  describe('the schedule', () => {
    it('looks 10 s after a post, then backs off to every 10 minutes', async () => {
      await post();
      await follower.track();
      const waits: number[] = [];
      for (let i = 0; i < 8; i++) waits.push(await time.fireNext(follower));
      assert.deepEqual(waits, [...FOLLOW_SCHEDULE_MS, 600_000, 600_000]);
      assert.equal(calls('getOutgoingStatuses'), 8);
    });

    it('starts over at each post', async () => {
      await post();
      await follower.track();
      await time.fireNext(follower);
      await time.fireNext(follower);
      assert.equal(time.nextIn, FOLLOW_SCHEDULE_MS[2]);
      await post();
      await follower.track();
      assert.equal(time.nextIn, FOLLOW_SCHEDULE_MS[0]);
    });

    it('looks less often while no window has focus, and sooner again when focus returns', async () => {
      await post();
      focused = false;
      await follower.track();
      assert.equal(time.nextIn, FOLLOW_SCHEDULE_MS[0] * UNFOCUSED_SLOWDOWN);
      await time.fireNext(follower);
      assert.equal(time.nextIn, FOLLOW_SCHEDULE_MS[1] * UNFOCUSED_SLOWDOWN);
      focused = true;
      follower.focusChanged();
      assert.equal(time.nextIn, FOLLOW_SCHEDULE_MS[1]);
    });

    it('picks up an older status after a restart where its age puts it, not at 10 s', async () => {
      await post([], 5 * 60_000);
      await follower.start();
      assert.equal(time.nextIn, FOLLOW_SCHEDULE_MS[4]);
    });

    it('never calls the same method faster than once a second, even on a fast scale', async () => {
      follower.dispose();
      follower = new StatusFollower(ports, { timeScale: 0.001 });
      const ids = [await post(), await post(), await post()];
      for (const idMessage of ids) emulator.advance({ idMessage, to: 'sent' });
      await follower.track();
      assert.equal(time.nextIn, CALL_SPACING_MS);
      await time.fireNext(follower);
      assert.equal(calls('getStatusStatistic'), 3);
      assert.deepEqual(time.pauses, [CALL_SPACING_MS, CALL_SPACING_MS]);
    });
  });

  describe('when it stops', () => {
    it('plans nothing when no status is in flight', async () => {
      await follower.start();
      assert.equal(time.nextIn, undefined);
      await history.add({ idMessage: 'OLD', instance: emulator.idInstance, postedAt: time.t - STATUS_LIFETIME_MS, kind: 'text', audienceSize: 0 });
      await follower.track();
      assert.equal(time.nextIn, undefined);
      assert.equal(calls('getOutgoingStatuses'), 0);
    });

    it("plans nothing while signed out, and only the signed-in instance's statuses count", async () => {
      await history.add({ idMessage: 'OTHER', instance: '1101999999', postedAt: time.t, kind: 'text', audienceSize: 0 });
      await follower.track();
      assert.equal(time.nextIn, undefined);
      await post();
      signedIn = false;
      await follower.track();
      assert.equal(time.nextIn, undefined);
    });

    it('stops when the journal lists none of them and outgoingWebhook is off, until resumed', async () => {
      const idMessage = await post();
      emulator.set({ outgoingWebhook: 'no' });
      await follower.track();
      await time.fireNext(follower);
      assert.deepEqual(events, ['journal off']);
      assert.ok(follower.journalOff);
      assert.equal(time.nextIn, undefined);
      assert.equal(liveOf(idMessage)?.state, 'queued');

      emulator.set({ outgoingWebhook: 'yes' });
      cleared = 0;
      await follower.resume();
      assert.equal(cleared, 1, 'the report of the journal being off is withdrawn');
      assert.notEqual(time.nextIn, undefined);
      await time.fireNext(follower);
      assert.ok(!follower.journalOff);
    });

    it('follows what the journal lists even when the setting reads off (the other reading of the docs)', async () => {
      emulator.set({ outgoingWebhook: 'no', journalNeedsWebhook: false });
      await post();
      await follower.track();
      await time.fireNext(follower);
      assert.ok(!follower.journalOff);
      assert.ok(!events.includes('journal off'));
      assert.notEqual(time.nextIn, undefined);
    });

    it("stops after a status's 24 hours", async () => {
      await post([], STATUS_LIFETIME_MS - 1000);
      await follower.start();
      await time.fireNext(follower);
      assert.equal(time.nextIn, undefined);
    });
  });

  describe('states and notifications', () => {
    it('follows a status from queued to read by 2, saying once that it is published', async () => {
      const idMessage = await post(['79001112233@c.us', '447700900123@c.us']);
      await follower.track();
      await time.fireNext(follower);
      assert.equal(liveOf(idMessage)?.state, 'queued');
      assert.deepEqual(events, [`changed ${idMessage}`], 'listed by the journal, nothing to announce');
      events.length = 0;
      assert.equal(calls('getStatusStatistic'), 0, 'no statistics are asked for a queued status');

      emulator.advance({ idMessage, to: 'sent' });
      await time.fireNext(follower);
      assert.equal(liveOf(idMessage)?.state, 'sent');
      assert.deepEqual(events, [`changed ${idMessage}`, `published ${idMessage} sent`]);

      emulator.advance({ idMessage, to: 'read', readers: 2 });
      await time.fireNext(follower);
      const live = liveOf(idMessage);
      assert.deepEqual([live?.state, live?.read, live?.delivered], ['read', 2, 2]);
      assert.equal(events.filter((event) => event.startsWith('published')).length, 1);
      assert.deepEqual(
        follower
          .viewers(idMessage)
          .map((viewer) => [viewer.participant, viewer.status])
          .sort(),
        [
          ['447700900123@c.us', 'read'],
          ['79001112233@c.us', 'read'],
        ],
      );
    });

    it('resumes from what the history kept: a new follower does not announce it again', async () => {
      const idMessage = await post(['79001112233@c.us']);
      emulator.advance({ idMessage, to: 'sent' });
      await follower.track();
      await time.fireNext(follower);
      follower.dispose();
      const again = new StatusFollower({ ...ports, published: () => events.push('again') });
      await again.start();
      await time.fireNext(again);
      again.dispose();
      assert.ok(!events.includes('again'));
      assert.equal(liveOf(idMessage)?.publishedNotified, true);
    });

    it('reports a status stuck on an iPhone after 2 minutes, once, as sent to all contacts', async () => {
      emulator.set({ mainDevice: 'iphone', deliverySchedule: { sentAfterMs: 0, deliveredAfterMs: 0, readAfterMs: 0, readIntervalMs: 0, readers: 1 } });
      const idMessage = await post([]);
      await follower.track();
      let elapsed = 0;
      while (elapsed < STUCK_AFTER_MS + FOLLOW_SCHEDULE_MS[3]) elapsed += await time.fireNext(follower);
      assert.deepEqual(
        events.filter((event) => event.startsWith('stuck')),
        [`stuck ${idMessage}`],
      );
      assert.deepEqual(stuckCauses, [{ kind: 'all-contacts' }]);
      assert.equal(liveOf(idMessage)?.state, 'queued');
      assert.equal(liveOf(idMessage)?.stuckNotified, true);
    });

    it('names the instance as the cause while it is not authorized', async () => {
      emulator.set({ stateInstance: 'notAuthorized' });
      await post(['79001112233@c.us'], STUCK_AFTER_MS);
      await follower.start();
      await time.fireNext(follower);
      assert.deepEqual(stuckCauses, [{ kind: 'instance', state: 'notAuthorized' }]);
    });

    it('marks a status still queued at the end of its day as not published, and follows it no more', async () => {
      const idMessage = await post([], STATUS_LIFETIME_MS - 5000);
      await follower.lookNow();
      assert.equal(liveOf(idMessage)?.listed, true, 'the journal listed it as pending');
      time.t += 5000;
      await follower.lookNow();
      assert.equal(liveOf(idMessage)?.state, 'not-published');
      assert.ok(events.includes(`changed ${idMessage}`));
      assert.equal(time.nextIn, undefined);
    });

    it('marks it at the next start when VS Code was closed while it expired', async () => {
      const idMessage = await post([], STATUS_LIFETIME_MS + 60_000);
      const [record] = history.list();
      await history.add({ ...record, live: { ...queuedState(record.postedAt), listed: true } });
      await follower.start();
      assert.equal(liveOf(idMessage)?.state, 'not-published');
      assert.equal(calls('getOutgoingStatuses'), 0);
    });

    it('reports a failed look and keeps following', async () => {
      await post();
      emulator.set({ betaAccess: false });
      await follower.track();
      await time.fireNext(follower);
      assert.deepEqual(events, ['problem forbidden']);
      assert.equal(time.nextIn, FOLLOW_SCHEDULE_MS[1]);
    });
  });
});
