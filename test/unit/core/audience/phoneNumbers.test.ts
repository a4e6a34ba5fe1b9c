import assert from 'node:assert/strict';
import { parseParticipants } from '../../../../src/core/audience/participants';
import { phoneNumberReader } from '../../../../src/core/audience/phoneNumbers';

// The emulator's account number, and real-looking ones of the other countries (valid ranges, not reserved for drama).
const RUSSIAN_ACCOUNT = '79001234567';
const UK_ACCOUNT = '447911123456';
const GERMAN_ACCOUNT = '4915123456789';

describe('core/phoneNumbers', () => {
  it('reads 8 (900) 111-22-33 from an account with a +7 number as +7 900 111-22-33, not +89001112233', () => {
    const parsed = parseParticipants('8 (900) 111-22-33', phoneNumberReader(RUSSIAN_ACCOUNT));
    assert.deepEqual(parsed.ids, ['79001112233@c.us']);
    assert.deepEqual(parsed.readings, [{ entry: '8 (900) 111-22-33', id: '79001112233@c.us', display: '+7 900 111-22-33' }]);
  });

  it("reads UK and German local formats in the account's own country", () => {
    assert.deepEqual(parseParticipants('07700 900123', phoneNumberReader(UK_ACCOUNT)).ids, ['447700900123@c.us']);
    assert.deepEqual(parseParticipants('0151 23456789', phoneNumberReader(GERMAN_ACCOUNT)).ids, ['4915123456789@c.us']);
  });

  it("keeps the country of a number typed with + or 00, whatever the account's", () => {
    const reader = phoneNumberReader(RUSSIAN_ACCOUNT);
    assert.deepEqual(parseParticipants('+44 7700 900123, 0049 151 23456789', reader).ids, ['447700900123@c.us', '4915123456789@c.us']);
    assert.deepEqual(parseParticipants('+44 7700 900123', reader).readings, [], 'nothing was interpreted');
  });

  it('reads a number without + as international when it cannot be a local one (447700900123 from a +7 account)', () => {
    const parsed = parseParticipants('447700900123, 79001112233', phoneNumberReader(RUSSIAN_ACCOUNT));
    assert.deepEqual(parsed.ids, ['447700900123@c.us', '79001112233@c.us']);
    assert.deepEqual(
      parsed.readings.map((reading) => reading.display),
      ['+44 7700 900123', '+7 900 111-22-33'],
    );
  });

  it('names an impossible number as such, and a local one it cannot place as needing its country code', () => {
    const reader = phoneNumberReader(RUSSIAN_ACCOUNT);
    assert.deepEqual(parseParticipants('8 900 111', reader).invalid, { entry: '8 900 111', problem: 'impossible' });
    assert.deepEqual(parseParticipants('+7 900 111 22', reader).invalid, { entry: '+7 900 111 22', problem: 'impossible' });
    assert.deepEqual(parseParticipants('07700 900123', reader).invalid, { entry: '07700 900123', problem: 'local-format' });
    assert.deepEqual(parseParticipants('+999 123 4567', reader).invalid, { entry: '+999 123 4567', problem: 'bad-country-code' });
  });

  it("without the account's number, reads only international numbers and asks for the country code otherwise", () => {
    const reader = phoneNumberReader(undefined);
    assert.deepEqual(parseParticipants('+7 900 111-22-33, 447700900123', reader).ids, ['79001112233@c.us', '447700900123@c.us']);
    assert.deepEqual(parseParticipants('07700 900123', reader).invalid, { entry: '07700 900123', problem: 'local-format' });
  });

  it('finds the country of an account whose number libphonenumber does not hold valid (+44 7700 900…, reserved for drama)', () => {
    assert.deepEqual(parseParticipants('07700 900124', phoneNumberReader('447700900123')).ids, ['447700900124@c.us']);
  });

  it('leaves chat ids as they are: they are already international', () => {
    assert.deepEqual(parseParticipants('79001112233@c.us, 1234567@c.us', phoneNumberReader(RUSSIAN_ACCOUNT)).ids, ['79001112233@c.us', '1234567@c.us']);
  });
});
