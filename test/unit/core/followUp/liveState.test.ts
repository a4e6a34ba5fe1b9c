import assert from 'node:assert/strict';
import { STATUS_LIFETIME_MS, isInFlight, isLiveState, isPublished, observe, queuedState, type LiveState } from '../../../../src/core/followUp/liveState';

const POSTED = Date.UTC(2026, 11, 1, 12);
const at = (seconds: number) => ({ now: POSTED + seconds * 1000, postedAt: POSTED });

describe('core/liveState', () => {
  it('starts queued: what a 200 to a send means', () => {
    assert.deepEqual(queuedState(POSTED), { state: 'queued', delivered: 0, read: 0, checkedAt: POSTED });
    assert.equal(isPublished(queuedState(POSTED)), false);
  });

  it('follows the journal from pending to sent, keeping when it left the queue', () => {
    const pending = observe(queuedState(POSTED), { journalState: 'pending', journalTimestamp: POSTED / 1000 }, at(10));
    assert.equal(pending.state, 'queued');
    assert.equal(pending.sentAt, undefined);
    const sent = observe(pending, { journalState: 'sent', journalTimestamp: POSTED / 1000 + 3 }, at(40));
    assert.deepEqual([sent.state, sent.sentAt, sent.checkedAt], ['sent', POSTED + 3000, POSTED + 40_000]);
    assert.ok(isPublished(sent));
  });

  it('counts viewers from the statistics: delivered includes readers, the first read is kept', () => {
    const live = observe(
      queuedState(POSTED),
      { journalState: 'delivered', journalTimestamp: POSTED / 1000 + 5, counts: { sent: 1, delivered: 2, read: 3 }, firstReadAt: POSTED + 20_000 },
      at(60),
    );
    assert.deepEqual([live.state, live.delivered, live.read, live.firstReadAt], ['read', 5, 3, POSTED + 20_000]);
    const delivered = observe(queuedState(POSTED), { journalState: 'sent', counts: { sent: 0, delivered: 2, read: 0 } }, at(60));
    assert.deepEqual([delivered.state, delivered.delivered, delivered.read], ['delivered', 2, 0]);
  });

  it('never moves back and never loses counts when the statistics come back empty', () => {
    const read = observe(queuedState(POSTED), { journalState: 'read', counts: { sent: 0, delivered: 1, read: 2 }, firstReadAt: POSTED + 9000 }, at(30));
    const after = observe(read, { journalState: 'sent', counts: { sent: 0, delivered: 0, read: 0 } }, at(90));
    assert.deepEqual([after.state, after.delivered, after.read, after.firstReadAt], ['read', 3, 2, POSTED + 9000]);
  });

  it('is not published when it expires still pending in the journal, and only then', () => {
    const young = observe(queuedState(POSTED), { journalState: 'pending' }, at(STATUS_LIFETIME_MS / 1000 - 1));
    assert.equal(young.state, 'queued');
    const expired = observe(young, { journalState: 'pending' }, at(STATUS_LIFETIME_MS / 1000));
    assert.equal(expired.state, 'not-published');
    assert.equal(isInFlight({ postedAt: POSTED, live: expired }, POSTED + 1000), false);
    const sentLate = observe(queuedState(POSTED), { journalState: 'sent' }, at(STATUS_LIFETIME_MS / 1000 + 5));
    assert.equal(sentLate.state, 'sent');
  });

  it('never says "not published" of a status the journal never listed', () => {
    const unlisted = observe(queuedState(POSTED), {}, at(STATUS_LIFETIME_MS / 1000 + 5));
    assert.equal(unlisted.state, 'queued');
    assert.equal(unlisted.listed, undefined);
    assert.equal(observe(unlisted, { journalState: 'pending' }, at(STATUS_LIFETIME_MS / 1000 + 6)).state, 'not-published');
  });

  it('keeps whether the person was told', () => {
    const told: LiveState = { ...queuedState(POSTED), publishedNotified: true, stuckNotified: true };
    const next = observe(told, { journalState: 'sent' }, at(20));
    assert.equal(next.publishedNotified, true);
    assert.equal(next.stuckNotified, true);
  });

  it('follows statuses younger than a day only', () => {
    assert.ok(isInFlight({ postedAt: POSTED }, POSTED + STATUS_LIFETIME_MS - 1));
    assert.ok(!isInFlight({ postedAt: POSTED }, POSTED + STATUS_LIFETIME_MS));
  });

  it('accepts only well-formed stored states', () => {
    assert.ok(isLiveState(queuedState(POSTED)));
    assert.ok(isLiveState({ state: 'read', delivered: 2, read: 1, checkedAt: 1, sentAt: 1, firstReadAt: 2 }));
    assert.ok(!isLiveState({ state: 'seen', delivered: 0, read: 0, checkedAt: 1 }));
    assert.ok(!isLiveState({ state: 'sent', delivered: '1', read: 0, checkedAt: 1 }));
    assert.ok(!isLiveState(null));
  });
});
