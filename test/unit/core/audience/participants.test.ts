import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import {
  PARTICIPANTS_MAX,
  displayParticipant,
  isPhoneNumberId,
  normalizeParticipant,
  parseParticipants,
  splitParticipantEntries,
} from '../../../../src/core/audience/participants';

describe('core/participants', () => {
  describe('normalizeParticipant', () => {
    it('turns a formatted international number into a chat id', () => {
      assert.deepEqual(normalizeParticipant('+7 (900) 123-45-67'), { id: '79001234567@c.us' });
      assert.deepEqual(normalizeParticipant('  +44 7700.900.123 '), { id: '447700900123@c.us' });
    });

    it('accepts a leading 00 as the international prefix', () => {
      assert.deepEqual(normalizeParticipant('0079001234567'), { id: '79001234567@c.us' });
    });

    it('passes a chat id through', () => {
      assert.deepEqual(normalizeParticipant('79001234567@c.us'), { id: '79001234567@c.us' });
    });

    it('refuses an @lid id, which hides the number and which the status methods refuse', () => {
      assert.deepEqual(normalizeParticipant('120650379300963@lid'), { problem: 'hidden-number' });
      assert.deepEqual(normalizeParticipant('1@lid'), { problem: 'hidden-number' });
    });

    it('refuses a country code starting with 0 instead of keeping or dropping the zeros (+0 …, +00 …)', () => {
      for (const entry of ['+0 123 456 7890', '+00 7 900 111-22-33', '000 7 900 111 22 33', '0123456789@c.us']) {
        assert.deepEqual(normalizeParticipant(entry), { problem: 'bad-country-code' }, entry);
      }
    });

    it('refuses a group', () => {
      assert.deepEqual(normalizeParticipant('120363043968066561@g.us'), { problem: 'group' });
      assert.deepEqual(normalizeParticipant('79001234567-1600000000@g.us'), { problem: 'group' });
    });

    it('refuses a local number starting with 0', () => {
      assert.deepEqual(normalizeParticipant('0 900 123 45 67'), { problem: 'local-format' });
      assert.deepEqual(normalizeParticipant('07700900123'), { problem: 'local-format' });
    });

    it('needs 7 to 15 digits', () => {
      assert.deepEqual(normalizeParticipant('123456'), { problem: 'too-short' });
      assert.deepEqual(normalizeParticipant('1234567'), { id: '1234567@c.us' });
      assert.deepEqual(normalizeParticipant('123456789012345'), { id: '123456789012345@c.us' });
      assert.deepEqual(normalizeParticipant('1234567890123456'), { problem: 'too-long' });
      assert.deepEqual(normalizeParticipant('+1234567890123456'), { problem: 'too-long' });
    });

    it('refuses letters and stray symbols', () => {
      for (const entry of ['alice', '7900abc4567', '+7 900 123 45 67 ext', '7+9001234567', '+', 'alice@c.us']) {
        assert.deepEqual(normalizeParticipant(entry), { problem: 'not-a-number' }, entry);
      }
    });
  });

  describe('splitParticipantEntries', () => {
    it('splits on commas, semicolons and new lines', () => {
      assert.deepEqual(splitParticipantEntries('79001234567, 447700900123;12025550123\n33612345678\r\n49301234567'), [
        '79001234567',
        '447700900123',
        '12025550123',
        '33612345678',
        '49301234567',
      ]);
    });

    it('splits on spaces only when every piece is a number of its own', () => {
      assert.deepEqual(splitParticipantEntries('79001234567 447700900123'), ['79001234567', '447700900123']);
      assert.deepEqual(splitParticipantEntries('+7 900 123-45-67'), ['+7 900 123-45-67']);
      assert.deepEqual(splitParticipantEntries('79001234567 alice'), ['79001234567 alice']);
    });

    it('refuses numbers that could be read as one number or as several (1234567 1234567) instead of picking one', () => {
      assert.deepEqual(parseParticipants('1234567 1234567'), {
        ids: [],
        invalid: { entry: '1234567 1234567', problem: 'ambiguous' },
        duplicates: 0,
        readings: [],
        overLimit: false,
      });
      assert.deepEqual(parseParticipants('1234567 7654321').invalid, { entry: '1234567 7654321', problem: 'ambiguous' });
      assert.deepEqual(parseParticipants('79001234567 79001234567').ids, ['79001234567@c.us'], 'too long to be one number: two, the same');
    });

    it('drops empty entries', () => {
      assert.deepEqual(splitParticipantEntries(' ,, ;\n\n 79001234567 ,'), ['79001234567']);
      assert.deepEqual(splitParticipantEntries(''), []);
    });
  });

  describe('parseParticipants', () => {
    it('deduplicates after normalisation and counts the repeats', () => {
      const parsed = parseParticipants('+7 (900) 123-45-67, 79001234567@c.us; 0079001234567\n79001234567');
      assert.deepEqual(parsed, { ids: ['79001234567@c.us'], duplicates: 3, readings: [], overLimit: false });
    });

    it('keeps the typed order, and stops at the first invalid entry, naming it', () => {
      assert.deepEqual(parseParticipants('447700900123, 79001234567, 447700900123').ids, ['447700900123@c.us', '79001234567@c.us']);
      // What comes after the invalid entry is not read: the list cannot be sent until it is fixed.
      const cases: Array<[string, string, string, string[]]> = [
        ['447700900123, alice, 79001234567', 'alice', 'not-a-number', ['447700900123@c.us']],
        ['79001234567, 120363043968066561@g.us', '120363043968066561@g.us', 'group', ['79001234567@c.us']],
        ['0123456; alice', '0123456', 'local-format', []],
        ['79001234567\n120650379300963@lid\n447700900123', '120650379300963@lid', 'hidden-number', ['79001234567@c.us']],
      ];
      for (const [text, entry, problem, ids] of cases) {
        const parsed = parseParticipants(text);
        assert.deepEqual(parsed.invalid, { entry, problem }, text);
        assert.deepEqual(parsed.ids, ids, text);
      }
    });

    it('returns nothing for empty input', () => {
      assert.deepEqual(parseParticipants('  \n '), { ids: [], duplicates: 0, readings: [], overLimit: false });
    });

    it(`stops at ${PARTICIPANTS_MAX} people and says there are more`, () => {
      const numbers = (count: number) => Array.from({ length: count }, (_, index) => `7900${String(index).padStart(7, '0')}`).join(', ');
      const atLimit = parseParticipants(numbers(PARTICIPANTS_MAX));
      assert.equal(atLimit.ids.length, PARTICIPANTS_MAX);
      assert.equal(atLimit.overLimit, false);
      const over = parseParticipants(numbers(PARTICIPANTS_MAX + 1));
      assert.equal(over.overLimit, true);
      assert.equal(over.ids.length, PARTICIPANTS_MAX);
      assert.equal(parseParticipants(`${numbers(PARTICIPANTS_MAX)}, 79000000000`).overLimit, false, 'a repeat is not one more person');
    });

    it('takes time in proportion to what is pasted, not its square (8 000 numbers)', () => {
      // Distinct numbers up to the limit and beyond: the repeats check and the split were what grew with the square.
      const pasted = (count: number) => Array.from({ length: count }, (_, index) => `+7 900 ${String(index).padStart(7, '0')}`).join(', ');
      const fastest = (text: string) =>
        Math.min(
          ...[0, 1, 2].map(() => {
            const started = performance.now();
            parseParticipants(text);
            return performance.now() - started;
          }),
        );
      const small = pasted(1000);
      const large = pasted(8000);
      fastest(small);
      const ratio = fastest(large) / Math.max(fastest(small), 0.5);
      // Eight times the input: about 8 when linear, 64 when quadratic; loose, since timings on a busy machine jitter.
      assert.ok(ratio < 24, `8× the numbers took ${ratio.toFixed(1)}× the time`);
    });
  });

  describe('isPhoneNumberId', () => {
    it('accepts only digits@c.us, the form the status methods take', () => {
      assert.equal(isPhoneNumberId('79001234567@c.us'), true);
      for (const id of ['120650379300963@lid', '120363043968066561@g.us', '+79001234567@c.us', 'alice@c.us', '79001234567'])
        assert.equal(isPhoneNumberId(id), false, id);
    });
  });

  describe('displayParticipant', () => {
    it('shows a c.us id as +number and anything else as it is', () => {
      assert.equal(displayParticipant('79001234567@c.us'), '+79001234567');
      assert.equal(displayParticipant('120650379300963@lid'), '120650379300963@lid');
    });
  });
});
