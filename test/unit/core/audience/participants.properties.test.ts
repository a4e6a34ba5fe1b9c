import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseParticipants, splitParticipantEntries, type PhoneNumberReader } from '../../../../src/core/audience/participants';
import { phoneNumberReader } from '../../../../src/core/audience/phoneNumbers';
import { propertyParameters } from '../../properties';

const CHAT_ID = /^[1-9]\d{6,14}@c\.us$/;
// What people paste: digits, the punctuation of phone numbers, list separators, id suffixes, and anything else.
const phoneLike = fc.string({
  unit: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...'0123456789') },
    { weight: 4, arbitrary: fc.constantFrom('+', ' ', '-', '(', ')', '.', '00', '  ') },
    { weight: 2, arbitrary: fc.constantFrom(',', ';', '\n', '\r\n') },
    { weight: 1, arbitrary: fc.constantFrom('@c.us', '@C.US', '@lid', '@g.us', '+0', '+00', '8 (900) ') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2 }) },
  ),
  maxLength: 120,
});
const readers: Array<[string, PhoneNumberReader | undefined]> = [
  ['by shape alone', undefined],
  ['with libphonenumber, +7 account', phoneNumberReader('79001234567')],
  ['with libphonenumber, no account number', phoneNumberReader(undefined)],
];

/** The reader, counting how often it is asked. */
function counted(reader: PhoneNumberReader | undefined): { reader: PhoneNumberReader | undefined; calls: () => number } {
  let calls = 0;
  return { reader: reader && { read: (number) => (calls++, reader.read(number)) }, calls: () => calls };
}

describe('core/participants properties', () => {
  for (const [name, reader] of readers) {
    describe(name, () => {
      it('never throws, and never yields an id outside ^[1-9]\\d{6,14}@c\\.us$', () => {
        fc.assert(
          fc.property(phoneLike, (text) => {
            const parsed = parseParticipants(text, reader);
            for (const id of parsed.ids) assert.match(id, CHAT_ID);
            assert.equal(new Set(parsed.ids).size, parsed.ids.length, 'no id twice');
          }),
          propertyParameters(),
        );
      });

      it('is idempotent on its own output', () => {
        fc.assert(
          fc.property(phoneLike, (text) => {
            const { ids } = parseParticipants(text, reader);
            assert.deepEqual(parseParticipants(ids.join(', '), reader).ids, ids);
          }),
          propertyParameters(),
        );
      });

      it('is linear: reads each distinct entry at most once', () => {
        fc.assert(
          fc.property(fc.array(phoneLike, { maxLength: 30 }), (entries) => {
            const text = entries.join(', ');
            const probe = counted(reader);
            parseParticipants(text, probe.reader);
            assert.ok(probe.calls() <= new Set(splitParticipantEntries(text)).size, `${probe.calls()} reads`);
          }),
          propertyParameters(),
        );
      });
    });
  }
});
