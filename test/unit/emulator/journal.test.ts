import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator, type Emulator } from '../../emulator';
import { getJson, PNG_BYTES, posted, upload } from './helpers';

interface JournalItem {
  idMessage: string;
  statusMessage: string;
  timestamp: number;
  fileName?: string;
}

interface StatisticEntry {
  participant: string;
  status: string;
  timestamp: number;
}

const AUDIENCE = ['79001112233@c.us', '447700900123@c.us', '4915112345678@c.us'];

describe('GREEN-API emulator: the live journal and statistics', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  beforeEach(() => emulator.reset());

  const journal = (): Promise<JournalItem[]> => getJson(emulator, 'getOutgoingStatuses');
  const statistic = (idMessage: string): Promise<StatisticEntry[]> => getJson(emulator, 'getStatusStatistic', { query: { idMessage } });
  const stateOf = async (idMessage: string): Promise<string | undefined> => (await journal()).find((item) => item.idMessage === idMessage)?.statusMessage;
  const control = (path: string, body: unknown): Promise<Response> =>
    fetch(`${emulator.apiUrl}/__emulator/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('moves a status from pending to sent, delivered and read on the schedule, viewers reading in audience order', async () => {
    emulator.set({ deliverySchedule: { sentAfterMs: 150, deliveredAfterMs: 300, readAfterMs: 450, readIntervalMs: 150, readers: 2 } });
    const idMessage = await posted(emulator, 'sendTextStatus', { message: 'on its way', participants: AUDIENCE });
    // Each answer alone is monotonic; the two are polled separately, as one may change between the two calls.
    const states: string[] = [];
    const reaches: string[] = [];
    const started = Date.now();
    while (reaches.at(-1) !== 'read,read,delivered') {
      assert.ok(Date.now() - started < 3000, `stuck at ${states.at(-1)} / ${reaches.at(-1)}`);
      const state = await stateOf(idMessage);
      const entries = await statistic(idMessage);
      if (entries.length > 0)
        assert.deepEqual(
          entries.map((entry) => entry.participant),
          AUDIENCE,
        );
      const reach = entries.map((entry) => entry.status).join(',');
      if (states.at(-1) !== state) states.push(String(state));
      if (reaches.at(-1) !== reach) reaches.push(reach);
      await sleep(10);
    }
    assert.deepEqual(states, ['pending', 'sent', 'delivered', 'read']);
    assert.deepEqual(reaches, ['', 'sent,sent,sent', 'delivered,delivered,delivered', 'read,delivered,delivered', 'read,read,delivered']);
  });

  it('keeps a status pending under the manual schedule until advance() moves it, over HTTP too', async () => {
    emulator.set({ deliverySchedule: null });
    const idMessage = await posted(emulator, 'sendTextStatus', { message: 'by hand', participants: AUDIENCE });
    await sleep(50);
    assert.equal(await stateOf(idMessage), 'pending');
    assert.deepEqual(await statistic(idMessage), []);

    assert.deepEqual(emulator.advance({ to: 'sent' }), { idMessage, statusMessage: 'sent' }, 'the newest by default');
    assert.deepEqual(
      (await statistic(idMessage)).map((entry) => entry.status),
      ['sent', 'sent', 'sent'],
    );
    const delivered = await control('advance', { idMessage, to: 'delivered' });
    assert.deepEqual([delivered.status, await delivered.json()], [200, { idMessage, statusMessage: 'delivered' }]);
    emulator.advance({ idMessage, to: 'read', readers: 2 });
    emulator.advance({ idMessage, to: 'sent' });
    assert.equal(await stateOf(idMessage), 'read', 'advance never moves a status back');
    assert.deepEqual(
      (await statistic(idMessage)).map((entry) => entry.status),
      ['read', 'read', 'delivered'],
    );

    assert.throws(() => emulator.advance({ idMessage: 'BAE5000000000000', to: 'sent' }), /unknown idMessage BAE5000000000000/);
    assert.throws(() => emulator.advance({ to: 'delivered', readers: 2 }), TypeError);
    assert.throws(() => emulator.advance({ to: 'seen' as never }), TypeError);
    const unknown = await control('advance', { idMessage: 'BAE5000000000000', to: 'read' });
    assert.equal(unknown.status, 400);
    assert.match(((await unknown.json()) as { error: string }).error, /unknown idMessage/);
  });

  it('refuses to advance a status that can never be published, saying why', async () => {
    const { urlFile } = (await (await upload(emulator, PNG_BYTES, { 'Content-Type': 'image/x-unheard-of' })).json()) as { urlFile: string };
    const idMessage = await posted(emulator, 'sendMediaStatus', { urlFile, fileName: 'a.png' });
    assert.throws(
      () => emulator.advance({ idMessage, to: 'sent' }),
      new RegExp(`status ${idMessage} can never be published: would not appear: download link \\(application/octet-stream\\)`),
    );
    assert.equal(await stateOf(idMessage), 'pending');
  });

  it('sends a status queued while the instance was not authorized once it is authorized', async () => {
    emulator.set({ stateInstance: 'notAuthorized' });
    const idMessage = await posted(emulator, 'sendTextStatus', { message: 'queued' });
    emulator.set({ stateInstance: 'sleepMode' });
    await sleep(50);
    assert.equal(await stateOf(idMessage), 'pending');
    assert.equal(emulator.statuses[0].deliverableAt, undefined);
    const authorizedAt = Date.now();
    emulator.set({ stateInstance: 'authorized' });
    assert.equal(await stateOf(idMessage), 'read');
    assert.ok((emulator.statuses[0].deliverableAt ?? 0) >= authorizedAt);
  });

  it("shows the state change time as timestamp, the server's stored name as fileName, and BAE5 ids", async () => {
    emulator.set({ deliverySchedule: null });
    const urlFile = ((await (await upload(emulator, PNG_BYTES, { 'Content-Type': 'image/png' })).json()) as { urlFile: string }).urlFile;
    const idMessage = await posted(emulator, 'sendMediaStatus', { urlFile, fileName: 'holiday.png', caption: 'x' });
    assert.match(idMessage, /^BAE5[0-9A-F]{12}$/);
    const postedAt = Date.now() - 600_000;
    emulator.statuses[0].at = postedAt;
    const [pending] = await journal();
    assert.equal(pending.timestamp, Math.floor(postedAt / 1000), 'posting time while pending');
    assert.equal(pending.fileName, urlFile.split('/').pop());
    assert.match(String(pending.fileName), /^[0-9a-f-]{36}\.png$/);
    const advancedAt = Math.floor(Date.now() / 1000);
    emulator.advance({ idMessage, to: 'delivered' });
    const [delivered] = await journal();
    assert.ok(delivered.timestamp >= advancedAt && delivered.timestamp <= Math.floor(Date.now() / 1000), 'the time of the last change');
    assert.ok((await statistic(idMessage)).every((entry) => entry.timestamp === delivered.timestamp));
  });

  it('needs outgoingWebhook for the journal unless told otherwise, and never tracks statuses posted without it', async () => {
    emulator.set({ outgoingWebhook: 'no' });
    const untracked = await posted(emulator, 'sendTextStatus', { message: 'unseen' });
    assert.deepEqual(await journal(), []);
    assert.deepEqual(await statistic(untracked), []);

    emulator.set({ journalNeedsWebhook: false });
    assert.deepEqual(
      (await journal()).map((item) => [item.idMessage, item.statusMessage]),
      [[untracked, 'read']],
    );
    assert.deepEqual(await statistic(untracked), [], 'statistics still need the setting');

    emulator.set({ outgoingWebhook: 'yes', journalNeedsWebhook: true });
    const tracked = await posted(emulator, 'sendTextStatus', { message: 'seen' });
    assert.deepEqual(
      (await journal()).map((item) => [item.idMessage, item.statusMessage]),
      [
        [untracked, 'pending'],
        [tracked, 'read'],
      ],
    );
    assert.deepEqual(await statistic(untracked), [], 'posted before the setting was on');
    assert.equal((await statistic(tracked)).length, 4);
  });

  it('validates the schedule and the journal setting', () => {
    assert.throws(
      () => emulator.set({ deliverySchedule: { sentAfterMs: 10, deliveredAfterMs: 5, readAfterMs: 20, readIntervalMs: 0, readers: 1 } }),
      /sentAfterMs ≤ deliveredAfterMs/,
    );
    assert.throws(() => emulator.set({ deliverySchedule: { sentAfterMs: 0 } as never }), /config\.deliverySchedule/);
    assert.throws(() => emulator.set({ journalNeedsWebhook: 'yes' as never }), /config\.journalNeedsWebhook/);
    emulator.set({ deliverySchedule: null });
    assert.equal(emulator.config.deliverySchedule, null);
  });
});
