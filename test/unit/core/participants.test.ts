import assert from 'node:assert/strict';
import { displayParticipant, isPhoneNumberId, normalizeParticipant, parseParticipants, splitParticipantEntries } from '../../../src/core/participants';

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

    it('keeps an @lid id as it is', () => {
      assert.deepEqual(normalizeParticipant('120650379300963@lid'), { id: '120650379300963@lid' });
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

    it('drops empty entries', () => {
      assert.deepEqual(splitParticipantEntries(' ,, ;\n\n 79001234567 ,'), ['79001234567']);
      assert.deepEqual(splitParticipantEntries(''), []);
    });
  });

  describe('parseParticipants', () => {
    it('deduplicates after normalisation and counts the repeats', () => {
      const parsed = parseParticipants('+7 (900) 123-45-67, 79001234567@c.us; 0079001234567\n79001234567');
      assert.deepEqual(parsed, { ids: ['79001234567@c.us'], invalid: [], duplicates: 3 });
    });

    it('keeps the typed order and names each invalid entry', () => {
      const parsed = parseParticipants('447700900123, alice, 79001234567, 120363043968066561@g.us, 0123456, 120650379300963@lid, 447700900123');
      assert.deepEqual(parsed.ids, ['447700900123@c.us', '79001234567@c.us', '120650379300963@lid']);
      assert.deepEqual(parsed.invalid, [
        { entry: 'alice', problem: 'not-a-number' },
        { entry: '120363043968066561@g.us', problem: 'group' },
        { entry: '0123456', problem: 'local-format' },
      ]);
      assert.equal(parsed.duplicates, 1);
    });

    it('returns nothing for empty input', () => {
      assert.deepEqual(parseParticipants('  \n '), { ids: [], invalid: [], duplicates: 0 });
    });
  });

  describe('isPhoneNumberId', () => {
    it('accepts only digits@c.us, the form the status methods take', () => {
      assert.equal(isPhoneNumberId('79001234567@c.us'), true);
      for (const id of ['120650379300963@lid', '120363043968066561@g.us', '+79001234567@c.us', 'alice@c.us', '79001234567']) assert.equal(isPhoneNumberId(id), false, id);
    });
  });

  describe('displayParticipant', () => {
    it('shows a c.us id as +number and anything else as it is', () => {
      assert.equal(displayParticipant('79001234567@c.us'), '+79001234567');
      assert.equal(displayParticipant('120650379300963@lid'), '120650379300963@lid');
    });
  });
});
