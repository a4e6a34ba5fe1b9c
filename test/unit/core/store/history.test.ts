import assert from 'node:assert/strict';
import type { OutgoingStatus } from '../../../../src/core/greenApi/types';
import {
  HISTORY_KEY,
  HISTORY_MAX,
  StatusHistory,
  historyRecord,
  mergeWithJournal,
  previewText,
  statisticTooltip,
  summarizeStatistic,
  type HistoryRecord,
} from '../../../../src/core/store/history';
import { MemoryStore } from '../support';

const T0 = Date.UTC(2026, 10, 1, 12);
const INSTANCE = '1101000001';
const record = (idMessage: string, postedAt: number, extra: Partial<HistoryRecord> = {}): HistoryRecord => ({
  idMessage,
  instance: INSTANCE,
  postedAt,
  kind: 'media',
  audienceSize: 0,
  ...extra,
});

describe('core/history', () => {
  describe('records', () => {
    it("keeps counts and a preview, never the participants' numbers", () => {
      const kept = historyRecord({
        idMessage: 'ID1',
        instance: INSTANCE,
        postedAt: T0,
        kind: 'media',
        fileName: 'photo.png',
        caption: '  Sunset\n\nat   the beach ',
        participants: ['79001112233@c.us', '447700900123@c.us'],
      });
      assert.deepEqual(kept, {
        idMessage: 'ID1',
        instance: INSTANCE,
        postedAt: T0,
        kind: 'media',
        fileName: 'photo.png',
        caption: 'Sunset at the beach',
        audienceSize: 2,
      });
      assert.ok(!JSON.stringify(kept).includes('79001112233'));
    });

    it('records all contacts as audience 0 and leaves out an empty caption', () => {
      assert.deepEqual(historyRecord({ idMessage: 'ID2', instance: INSTANCE, postedAt: T0, kind: 'voice', caption: '  ', participants: [] }), {
        idMessage: 'ID2',
        instance: INSTANCE,
        postedAt: T0,
        kind: 'voice',
        audienceSize: 0,
      });
    });

    it('cuts a long preview at 60 code points without splitting an emoji', () => {
      const preview = previewText(`${'a'.repeat(58)}😀😀😀`);
      assert.equal(Array.from(preview).length, 60);
      assert.ok(preview.endsWith('😀…'));
      assert.equal(previewText('short'), 'short');
    });
  });

  describe('StatusHistory', () => {
    it('lists newest first, replaces a repeated idMessage, and keeps at most 200', async () => {
      const history = new StatusHistory(new MemoryStore());
      for (let i = 0; i < HISTORY_MAX + 5; i++) await history.add(record(`ID${i}`, T0 + i * 1000));
      await history.add(record('ID204', T0 + 204_000, { caption: 'edited' }));
      const list = history.list();
      assert.equal(list.length, 200);
      assert.equal(list[0].idMessage, 'ID204');
      assert.equal(list[0].caption, 'edited');
      assert.equal(list.filter((item) => item.idMessage === 'ID204').length, 1);
      assert.equal(list.at(-1)?.idMessage, 'ID5');
    });

    it('removes a deleted status', async () => {
      const history = new StatusHistory(new MemoryStore());
      await history.add(record('A', T0));
      await history.add(record('B', T0 + 1));
      await history.remove('A');
      assert.deepEqual(
        history.list().map((item) => item.idMessage),
        ['B'],
      );
    });

    it("lists only the given instance's statuses when asked", async () => {
      const history = new StatusHistory(new MemoryStore());
      await history.add(record('MINE', T0));
      await history.add(record('OTHER', T0 + 1, { instance: '1101000002' }));
      assert.deepEqual(
        history.list(INSTANCE).map((item) => item.idMessage),
        ['MINE'],
      );
      assert.deepEqual(
        history.list('1101000002').map((item) => item.idMessage),
        ['OTHER'],
      );
      assert.deepEqual(
        history.list().map((item) => item.idMessage),
        ['OTHER', 'MINE'],
      );
    });

    it('skips malformed stored items', async () => {
      const store = new MemoryStore();
      await store.update(HISTORY_KEY, [
        record('OK', T0),
        { idMessage: 'X', postedAt: 'yesterday', kind: 'media', audienceSize: 0 },
        { ...record('Y', T0), kind: 'sticker' },
        { ...record('Z', T0), instance: undefined },
        null,
      ]);
      assert.deepEqual(
        new StatusHistory(store).list().map((item) => item.idMessage),
        ['OK'],
      );
      await store.update(HISTORY_KEY, { not: 'a list' });
      assert.deepEqual(new StatusHistory(store).list(), []);
    });
  });

  describe('mergeWithJournal', () => {
    const journal: OutgoingStatus[] = [
      { idMessage: 'LOCAL1', timestamp: T0 / 1000 + 5, typeMessage: 'imageMessage', statusMessage: 'delivered', caption: 'x' },
      { idMessage: 'PHONE1', timestamp: T0 / 1000 + 60, typeMessage: 'extendedTextMessage', statusMessage: 'sent', textMessage: 'Posted from the phone' },
      { idMessage: 'PHONE2', timestamp: T0 / 1000 - 60, typeMessage: 'audioMessage', fileName: 'memo.mp3' },
      { idMessage: 'PHONE3', timestamp: T0 / 1000 - 120, typeMessage: 'stickerMessage' },
    ];

    it('matches by idMessage, lists journal-only items too, newest first', () => {
      const merged = mergeWithJournal([record('LOCAL1', T0, { fileName: 'a.png', audienceSize: 3 }), record('LOCAL2', T0 + 30_000, { kind: 'text' })], journal);
      assert.deepEqual(
        merged.map((entry) => entry.idMessage),
        ['PHONE1', 'LOCAL2', 'LOCAL1', 'PHONE2', 'PHONE3'],
      );
      assert.deepEqual(merged[2], {
        idMessage: 'LOCAL1',
        postedAt: T0,
        kind: 'media',
        fileName: 'a.png',
        audienceSize: 3,
        journalState: 'delivered',
        local: true,
        inJournal: true,
      });
      assert.deepEqual(merged[1], { idMessage: 'LOCAL2', postedAt: T0 + 30_000, kind: 'text', audienceSize: 0, local: true, inJournal: false });
    });

    it('describes journal-only items by their type, time and text, with the audience unknown', () => {
      const [phone1, , , phone2, phone3] = mergeWithJournal([record('LOCAL1', T0), record('LOCAL2', T0 + 30_000)], journal);
      assert.deepEqual(phone1, {
        idMessage: 'PHONE1',
        postedAt: T0 + 60_000,
        kind: 'text',
        caption: 'Posted from the phone',
        journalState: 'sent',
        local: false,
        inJournal: true,
      });
      assert.deepEqual(phone2, { idMessage: 'PHONE2', postedAt: T0 - 60_000, kind: 'voice', fileName: 'memo.mp3', local: false, inJournal: true });
      assert.equal(phone3.kind, undefined);
    });
  });

  describe('statistics', () => {
    it('counts each viewer once, by their latest state', () => {
      const summary = summarizeStatistic([
        { participant: 'a@c.us', timestamp: 10, status: 'sent' },
        { participant: 'a@c.us', timestamp: 20, status: 'read' },
        { participant: 'a@c.us', timestamp: 15, status: 'delivered' },
        { participant: 'b@c.us', timestamp: 10, status: 'delivered' },
        { participant: 'b@c.us', timestamp: 10, status: 'sent' }, // same second: the later state wins
        { participant: 'c@c.us', timestamp: 30, status: 'sent' },
        { participant: 'd@c.us', timestamp: 30, status: 'played' }, // unknown states are ignored
      ]);
      assert.deepEqual(summary, { sent: 1, delivered: 1, read: 1 });
      assert.deepEqual(summarizeStatistic([]), { sent: 0, delivered: 0, read: 0 });
    });

    it('builds a one-line tooltip with the given wording, skipping zeros', () => {
      const words = { read: 'read', delivered: 'delivered', sent: 'sent' } as const;
      const format = (state: keyof typeof words, count: number) => `${count} ${words[state]}`;
      assert.equal(statisticTooltip({ read: 3, delivered: 0, sent: 2 }, format), '3 read · 2 sent');
      assert.equal(statisticTooltip({ read: 0, delivered: 1, sent: 0 }, format, ', '), '1 delivered');
      assert.equal(statisticTooltip({ read: 0, delivered: 0, sent: 0 }, format), '');
    });
  });
});
