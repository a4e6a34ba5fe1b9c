import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ContactsCache,
  STATUS_AUDIENCE_LIMIT,
  contactBook,
  contactLabel,
  explicitAllContacts,
  parseNamedAudiences,
  statusAudience,
  unknownParticipants,
} from '../../../../src/core/audience/audience';
import type { Contact } from '../../../../src/core/greenApi/types';
import { startEmulator, type Contact as EmulatorContact } from '../../../emulator';
import { repoRoot } from '../../docs/manifest';
import { FakeClock } from '../support';
import { emulatorClient } from '../../helpers';

const PHONE_BOOK: Contact[] = [
  { id: '79001112233@c.us', name: 'Alice', contactName: 'Alice Smith', type: 'user' },
  { id: '120363043968066561@g.us', name: 'Family', type: 'group' },
  { id: '79005556677@c.us', name: 'Unsaved Sender', type: 'user' },
  { id: '4915112345678@c.us', name: 'Dieter', contactName: 'Dieter Müller', type: 'user' },
  { id: '79009990000@c.us', name: 'Blank', contactName: '  ', type: 'user' },
  { id: '120650379300963@lid', name: 'Lid', contactName: 'Linked Id', type: 'user' },
  { id: '447700900123@c.us', name: '', contactName: 'Carol (UK)', type: 'user' },
];

/** A phone book of an account in "lid" addressing: no contactName anywhere, and some users under an id that hides their number. */
const LID_BOOK: EmulatorContact[] = [
  { id: '79001112233@c.us', name: 'Alice', contactName: '', type: 'user' },
  { id: '120650379300963@lid', name: 'Bob', contactName: '', type: 'user' },
  { id: '447700900123@c.us', name: '', type: 'user' },
  { id: '120363043968066561@g.us', name: 'Family', type: 'group' },
  { id: '120650379300964@lid', name: '', contactName: '', type: 'user' },
];

const manyContacts = (count: number, contactName = (index: number) => `Person ${index}`): Contact[] =>
  Array.from({ length: count }, (_, index) => ({ id: `7900${String(index).padStart(7, '0')}@c.us`, name: '', contactName: contactName(index), type: 'user' }));

describe('core/audience', () => {
  it('keeps saved users with a phone-number id, in GetContacts order', () => {
    const audience = statusAudience(PHONE_BOOK);
    assert.deepEqual(
      audience.contacts.map((contact) => contact.contactName),
      ['Alice Smith', 'Dieter Müller', 'Carol (UK)'],
    );
    assert.equal(audience.capped, false);
    assert.equal(audience.eligible, 3);
  });

  it('caps the audience at the first 1024 and says how many were left out', () => {
    const audience = statusAudience(manyContacts(STATUS_AUDIENCE_LIMIT + 6));
    assert.equal(audience.contacts.length, 1024);
    assert.equal(audience.contacts.at(-1)?.contactName, 'Person 1023');
    assert.equal(audience.eligible, 1030);
    assert.equal(audience.capped, true);
    assert.equal(statusAudience(manyContacts(1024)).capped, false);
  });

  it('lists all contacts explicitly for the iPhone workaround, within the cap', () => {
    assert.deepEqual(explicitAllContacts(PHONE_BOOK), ['79001112233@c.us', '4915112345678@c.us', '447700900123@c.us']);
    assert.equal(explicitAllContacts(manyContacts(2000)).length, 1024);
  });

  it('lists every user with a number explicitly when the book has no names (lid mode), within the cap', () => {
    assert.deepEqual(explicitAllContacts(LID_BOOK), ['79001112233@c.us', '447700900123@c.us']);
    const unnamed = explicitAllContacts(manyContacts(2000, () => ''));
    assert.equal(unnamed.length, 1024);
    assert.equal(unnamed.at(-1), '79000001023@c.us');
    assert.equal(statusAudience(manyContacts(2000, () => '')).capped, true);
    assert.deepEqual(
      explicitAllContacts(LID_BOOK.filter((contact) => contact.id.endsWith('@lid'))),
      [],
      'nobody with a number: empty, for the caller to refuse',
    );
  });

  it('offers every user with a number in the contacts picker, uncapped, and counts those whose number is hidden', () => {
    assert.deepEqual(contactBook(PHONE_BOOK), {
      choosable: [PHONE_BOOK[0], PHONE_BOOK[2], PHONE_BOOK[3], PHONE_BOOK[4], PHONE_BOOK[6]],
      hiddenNumbers: 1,
    });
    assert.deepEqual(contactBook(LID_BOOK), { choosable: [LID_BOOK[0], LID_BOOK[2]], hiddenNumbers: 2 });
    assert.equal(contactBook(manyContacts(2000)).choosable.length, 2000);
    assert.deepEqual(contactBook([]), { choosable: [], hiddenNumbers: 0 });
  });

  it('shows a contact by its phone-book name, else its WhatsApp name, else its number', () => {
    assert.equal(contactLabel(PHONE_BOOK[0]), 'Alice Smith');
    assert.equal(contactLabel(PHONE_BOOK[2]), 'Unsaved Sender', 'no contactName');
    assert.equal(contactLabel(PHONE_BOOK[4]), 'Blank', 'a blank contactName is no name');
    assert.equal(contactLabel(LID_BOOK[0]), 'Alice', 'an empty contactName is no name');
    assert.equal(contactLabel(LID_BOOK[2]), '+447700900123');
    assert.equal(contactLabel({ id: '79001112233@c.us', name: '  ', contactName: ' ', type: 'user' }), '+79001112233');
  });

  it('names the chosen participants who are not users in GetContacts', () => {
    const typed = ['447700900123@c.us', '79005556677@c.us', '79990000000@c.us', '120650379300963@lid', '79001112233@c.us', '120363043968066561@g.us'];
    assert.deepEqual(unknownParticipants(typed, PHONE_BOOK), ['79990000000@c.us', '120363043968066561@g.us']);
  });

  it('names nobody while the book has no phone-book names (lid mode), or no contacts at all', () => {
    const typed = ['447700900123@c.us', '79990000000@c.us', '15550001111@c.us'];
    assert.deepEqual(unknownParticipants(typed, LID_BOOK), []);
    assert.deepEqual(unknownParticipants(typed, []), []);
    // A name only on a contact whose number is hidden says nothing about the rest either.
    assert.deepEqual(unknownParticipants(typed, [...LID_BOOK, { id: '120650379300965@lid', name: '', contactName: 'Dora', type: 'user' }]), []);
  });

  it('words the note about them as "may not see it", never "will not see"', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const notes = Object.keys(bundle).filter((key) => /not in your .*contacts/i.test(key));
    assert.deepEqual(notes, [
      '{0} is not in your contacts, so they may not see it, unless they saved your number.',
      '{0} are not in your contacts, so they may not see it, unless they saved your number.',
    ]);
    assert.deepEqual(
      Object.keys(bundle).filter((key) => /will not see/i.test(key)),
      [],
    );
  });

  it("reads a lid-mode book from the emulator's GetContacts: a non-empty explicit list, hidden numbers counted, no typed number flagged", async () => {
    const emulator = await startEmulator();
    try {
      emulator.set({ contacts: LID_BOOK });
      const contacts = await emulatorClient(emulator).getContacts();
      assert.deepEqual(explicitAllContacts(contacts), ['79001112233@c.us', '447700900123@c.us']);
      assert.deepEqual(contactBook(contacts).choosable.map(contactLabel), ['Alice', '+447700900123']);
      assert.equal(contactBook(contacts).hiddenNumbers, 2);
      assert.deepEqual(unknownParticipants(['15550001111@c.us'], contacts), []);
    } finally {
      await emulator.close();
    }
  });

  describe('named audiences', () => {
    it('normalises ids with participants.ts rules, drops repeats, trims names', () => {
      const { audiences, problems } = parseNamedAudiences({ ' Family ': ['+7 900 111-22-33', '79001112233@c.us', 447700900123] });
      assert.deepEqual(audiences, [{ name: 'Family', ids: ['79001112233@c.us', '447700900123@c.us'] }]);
      assert.deepEqual(problems, []);
    });

    it('refuses an @lid id and a +0 number in a saved audience, as the picker does', () => {
      const { audiences, problems } = parseNamedAudiences({ Family: ['+7 900 111-22-33', '120650379300963@lid', '+0 123 456 7890'] });
      assert.deepEqual(audiences, [{ name: 'Family', ids: ['79001112233@c.us'] }]);
      assert.deepEqual(problems, [
        { code: 'invalid-participant', name: 'Family', entry: '120650379300963@lid', problem: 'hidden-number' },
        { code: 'invalid-participant', name: 'Family', entry: '+0 123 456 7890', problem: 'bad-country-code' },
      ]);
    });

    it('reports invalid entries and keeps the rest; drops an audience left empty', () => {
      const { audiences, problems } = parseNamedAudiences({ Work: ['07700 900123', '+7 900 111-22-33', 'group@g.us'], Empty: [], Bad: [{}] });
      assert.deepEqual(audiences, [{ name: 'Work', ids: ['79001112233@c.us'] }]);
      assert.deepEqual(problems, [
        { code: 'invalid-participant', name: 'Work', entry: '07700 900123', problem: 'local-format' },
        { code: 'invalid-participant', name: 'Work', entry: 'group@g.us', problem: 'group' },
        { code: 'no-participants', name: 'Empty' },
        { code: 'invalid-participant', name: 'Bad', entry: '{}', problem: 'not-a-number' },
        { code: 'no-participants', name: 'Bad' },
      ]);
    });

    it('keeps the first of names equal after trimming and case, and refuses blank names and non-lists', () => {
      const { audiences, problems } = parseNamedAudiences({ Team: ['79001112233'], 'team ': ['447700900123'], '  ': ['79001112233'], Solo: '79001112233' });
      assert.deepEqual(
        audiences.map((audience) => audience.name),
        ['Team'],
      );
      assert.deepEqual(problems, [{ code: 'duplicate-name', name: 'team' }, { code: 'empty-name' }, { code: 'not-a-list', name: 'Solo' }]);
    });

    it('treats an absent setting as none and anything but an object as a problem', () => {
      assert.deepEqual(parseNamedAudiences(undefined), { audiences: [], problems: [] });
      assert.deepEqual(parseNamedAudiences(['Family']), { audiences: [], problems: [{ code: 'not-an-object' }] });
    });
  });

  describe('ContactsCache', () => {
    function counting(results: Contact[][] = [PHONE_BOOK]) {
      const calls: number[] = [];
      const clock = new FakeClock();
      const waits: number[] = [];
      const cache = new ContactsCache(async () => (calls.push(clock.now()), results[Math.min(calls.length - 1, results.length - 1)]), {
        clock,
        wait: async (ms) => (waits.push(ms), clock.advance(ms)),
      });
      return { cache, calls, clock, waits };
    }

    it('shares one call between concurrent callers and serves the cache for five minutes', async () => {
      const { cache, calls, clock } = counting();
      const [a, b] = await Promise.all([cache.get(), cache.get()]);
      assert.equal(a, b);
      clock.advance(4 * 60_000);
      await cache.get();
      assert.equal(calls.length, 1);
      clock.advance(61_000);
      await cache.get();
      assert.equal(calls.length, 2);
    });

    it('ignores a refresh asked within a second of the last call', async () => {
      const { cache, calls, clock } = counting();
      await cache.get();
      clock.advance(400);
      await cache.get({ refresh: true });
      assert.equal(calls.length, 1);
      clock.advance(600);
      await cache.get({ refresh: true });
      assert.equal(calls.length, 2);
    });

    it('does not keep an empty answer, and asks again no sooner than a second later', async () => {
      const { cache, calls, clock, waits } = counting([[], PHONE_BOOK]);
      assert.deepEqual(await cache.get(), []);
      clock.advance(300);
      assert.equal((await cache.get()).length, PHONE_BOOK.length);
      assert.deepEqual(waits, [700]);
      assert.equal(calls[1] - calls[0], 1000);
    });

    it("keeps GetContacts within the emulator's one-request-a-second limit when asking again", async () => {
      const emulator = await startEmulator();
      try {
        emulator.set({ rateLimit: true, contacts: [] });
        const client = emulatorClient(emulator);
        const cache = new ContactsCache(() => client.getContacts(), { clock: Date });
        assert.deepEqual(await cache.get(), []);
        assert.deepEqual(await cache.get({ refresh: true }), []);
        const requests = emulator.apiRequests('getContacts');
        assert.deepEqual(
          requests.map((request) => request.status),
          [200, 200],
          'no 429',
        );
        assert.ok(requests[1].at - requests[0].at >= 990);
      } finally {
        await emulator.close();
      }
    });
  });
});
