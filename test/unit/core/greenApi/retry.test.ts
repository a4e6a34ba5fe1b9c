import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { MAX_RETRY_AFTER_MS, backoffDelay, parseRetryAfter, sleep } from '../../../../src/core/greenApi/retry';

const NOW = Date.parse('2025-06-01T12:00:00Z');

describe('core/retry', () => {
  describe('parseRetryAfter', () => {
    it('reads delay-seconds as milliseconds', () => {
      assert.equal(parseRetryAfter('120', NOW), 120_000);
      assert.equal(parseRetryAfter(' 3 ', NOW), 3_000);
      assert.equal(parseRetryAfter('0', NOW), 0);
    });

    it('reads a future HTTP-date as the milliseconds until it', () => {
      const at = new Date(NOW + 90_000).toUTCString();
      assert.equal(parseRetryAfter(at, NOW), 90_000);
      assert.equal(parseRetryAfter('Sun, 01 Jun 2025 12:00:30 GMT', NOW), 30_000);
    });

    it('reads a past HTTP-date as 0', () => {
      assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', NOW), 0);
    });

    it('returns undefined for a missing or empty header', () => {
      assert.equal(parseRetryAfter(null, NOW), undefined);
      assert.equal(parseRetryAfter(undefined, NOW), undefined);
      assert.equal(parseRetryAfter('', NOW), undefined);
      assert.equal(parseRetryAfter('   ', NOW), undefined);
    });

    it('returns undefined for plain garbage', () => {
      for (const value of ['soon', '1e3', '5 seconds', '0x10', '12abc']) assert.equal(parseRetryAfter(value, NOW), undefined, value);
    });

    // BUG (reported): V8's lenient Date.parse turns these into dates in 2001, so they come back as 0 (retry now).
    it('returns undefined for values that are neither delay-seconds nor an HTTP-date', () => {
      for (const value of ['-5', '1.5', '+5', 'abc 12', '1,5']) assert.equal(parseRetryAfter(value, NOW), undefined, value);
    });

    it('caps at 60 s as the longest accepted wait', () => {
      assert.equal(MAX_RETRY_AFTER_MS, 60_000);
    });
  });

  describe('backoffDelay', () => {
    const ceilings = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000];
    ceilings.forEach((ceiling, attempt) => {
      it(`attempt ${attempt}: within [0, ${ceiling})`, () => {
        assert.equal(
          backoffDelay(attempt, () => 0),
          0,
        );
        const high = backoffDelay(attempt, () => 0.999);
        assert.equal(high, Math.floor(0.999 * ceiling));
        assert.ok(high < ceiling);
        assert.ok(Number.isInteger(high));
      });
    });

    it('never exceeds the 30 s cap even for large attempts', () => {
      assert.ok(backoffDelay(20, () => 0.999999) < 30_000);
      assert.ok(backoffDelay(20, () => 0.999999) >= 29_999);
    });
  });

  describe('sleep', () => {
    it('resolves after the delay', async () => {
      const started = Date.now();
      await sleep(30);
      assert.ok(Date.now() - started >= 25);
    });

    it('removes its abort listener once it resolves', async () => {
      const controller = new AbortController();
      await sleep(5, controller.signal);
      assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    });

    it('rejects at once with the reason when the signal is already aborted', async () => {
      const reason = new Error('stop');
      const controller = new AbortController();
      controller.abort(reason);
      const started = Date.now();
      await assert.rejects(sleep(10_000, controller.signal), (error) => error === reason);
      assert.ok(Date.now() - started < 500);
    });

    it('rejects promptly with the reason when aborted during the wait', async () => {
      const reason = { kind: 'user-cancelled' };
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(reason), 20);
      await assert.rejects(sleep(10_000, controller.signal), (error) => error === reason);
      assert.ok(Date.now() - started < 1_000);
    });

    it('rejects with an AbortError when aborted without a reason', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 5);
      await assert.rejects(sleep(10_000, controller.signal), { name: 'AbortError' });
    });
  });
});
