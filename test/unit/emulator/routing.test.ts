import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator';
import { get, methodUrl, PNG_BYTES, postJson, upload } from './helpers';

/** Hex like a real token, so the "never recorded" check would catch a leak. */
const TOKEN = 'a3f1c2d4e5'.repeat(5);

describe('GREEN-API emulator: routing and auth', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ apiTokenInstance: TOKEN });
  });
  after(() => emulator.close());
  beforeEach(() => emulator.reset());

  it('answers a wrong token with 401 Unauthorized and never records the token', async () => {
    const wrong = await get(emulator, 'getStateInstance', { token: 'f'.repeat(50) });
    assert.equal(wrong.status, 401);
    assert.equal(await wrong.text(), 'Unauthorized');
    const right = await fetch(methodUrl(emulator, 'getStateInstance'), { headers: { Referer: `x/${TOKEN}` } });
    assert.equal(right.status, 200);
    const misplaced = await fetch(`${emulator.apiUrl}/waInstance${emulator.idInstance}/${TOKEN}/getStateInstance`);
    assert.equal(misplaced.status, 404);
    const recorded = JSON.stringify(emulator.requests);
    assert.ok(!recorded.includes(TOKEN), recorded);
    assert.ok(!recorded.includes('f'.repeat(50)), recorded);
    assert.deepEqual(
      emulator.requests.map((request) => request.status),
      [401, 200, 404],
    );
  });

  it('compares the token and the instance id after percent-decoding them', async () => {
    const token = 'to/k?e#n%25 x';
    const odd = await startEmulator({ apiTokenInstance: token });
    try {
      const right = await fetch(methodUrl(odd, 'getStateInstance'), { headers: { Referer: `x/${encodeURIComponent(token)}/${token}` } });
      assert.equal(right.status, 200, 'the client percent-encodes the token');
      const spelledId = methodUrl(odd, 'getStateInstance').replace(`waInstance${odd.idInstance}`, `waInstance%31${odd.idInstance.slice(1)}`);
      assert.equal((await fetch(spelledId)).status, 200, 'an escaped digit in the id is the same id');
      const malformed = await fetch(`${odd.apiUrl}/waInstance${odd.idInstance}/getStateInstance/to%2Fk%3Fe%23n%2`);
      assert.deepEqual([malformed.status, await malformed.text()], [401, 'Unauthorized']);
      const recorded = JSON.stringify(odd.requests);
      assert.ok(!recorded.includes(token) && !recorded.includes(encodeURIComponent(token)), recorded);
    } finally {
      await odd.close();
    }
  });

  it('answers another instance id with 403 Forbidden', async () => {
    const response = await get(emulator, 'getStateInstance', { idInstance: '1101999999' });
    assert.equal(response.status, 403);
    assert.equal(await response.text(), 'Forbidden');
  });

  it('answers unknown methods and wrong verbs with 404 Not Found, and treats method names case-insensitively', async () => {
    const unknown = await get(emulator, 'getStatusStatistics');
    assert.equal(unknown.status, 404);
    assert.equal(await unknown.text(), 'Not Found');
    assert.equal((await postJson(emulator, 'getStateInstance', {})).status, 404);
    assert.equal((await get(emulator, 'sendTextStatus')).status, 404);
    const shouting = await get(emulator, 'GETSTATEINSTANCE');
    assert.equal(shouting.status, 200);
    assert.deepEqual(await shouting.json(), { stateInstance: 'authorized' });
    assert.deepEqual(
      emulator.apiRequests('getstateinstance').map((request) => request.status),
      [404, 200],
    );
  });

  it('refuses uploadFile on the API host and API methods on the media host with 404', async () => {
    const uploadOnApi = await upload(emulator, PNG_BYTES, { 'Content-Type': 'image/png' }, { host: 'api' });
    assert.equal(uploadOnApi.status, 404);
    const stateOnMedia = await get(emulator, 'getStateInstance', { host: 'media' });
    assert.equal(stateOnMedia.status, 404);
    assert.equal(emulator.uploads.length, 0);
    assert.deepEqual(
      emulator.requests.map((request) => [request.host, request.apiMethod, request.status]),
      [
        ['api', 'uploadFile', 404],
        ['media', 'getStateInstance', 404],
      ],
    );
  });

  it('reports every instance state, and a bare null while the instance is being created', async () => {
    emulator.set({ stateInstance: 'yellowCard' });
    assert.deepEqual(await (await get(emulator, 'getStateInstance')).json(), { stateInstance: 'yellowCard' });
    emulator.set({ stateInstance: null });
    const created = await get(emulator, 'getStateInstance');
    assert.equal(await created.text(), 'null');
    const settings = (await (await get(emulator, 'getWaSettings')).json()) as Record<string, unknown>;
    assert.equal(settings.phone, '');
  });

  it('enforces the documented per-method rate limit with 429 when asked to', async () => {
    emulator.set({ rateLimit: true });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(emulator, 'getStateInstance')).status);
    assert.deepEqual(statuses, [200, 429, 429]);
    const checks = await Promise.all(Array.from({ length: 11 }, () => postJson(emulator, 'checkWhatsapp', { phoneNumber: 79001112233 })));
    assert.deepEqual(checks.map((response) => response.status).sort(), [...Array(10).fill(200), 429]);
  });

  it('lists lid ids and blank contactNames in lid mode, while the same saved contacts still see statuses', async () => {
    const phoneBook = (await (await get(emulator, 'getContacts')).json()) as Array<Record<string, unknown>>;
    assert.ok(
      phoneBook.every((contact) => !('lid' in contact)),
      'lid ids show only in lid mode',
    );
    emulator.set({ contactBook: 'lid' });
    const lidBook = (await (await get(emulator, 'getContacts')).json()) as Array<Record<string, unknown>>;
    assert.deepEqual(
      lidBook.map((contact) => [contact.id, contact.contactName]),
      [
        ['79001112233@c.us', ''],
        ['204857393020155@lid', ''],
        ['447700900123@c.us', ''],
        ['118034276491823@lid', ''],
        ['79005556677@c.us', ''],
        ['120363043968066561@g.us', ''],
      ],
    );
    assert.deepEqual(
      lidBook.map((contact) => contact.name),
      phoneBook.map((contact) => contact.name),
    );
    const sent = (await (await postJson(emulator, 'sendTextStatus', { message: 'all' })).json()) as { idMessage: string };
    const statistic = (await (await get(emulator, 'getStatusStatistic', { query: { idMessage: sent.idMessage } })).json()) as Array<{ participant: string }>;
    assert.deepEqual(
      statistic.map((entry) => entry.participant),
      ['79001112233@c.us', '79002223344@c.us', '447700900123@c.us', '4915112345678@c.us'],
    );
    const byLid = await postJson(emulator, 'sendTextStatus', { message: 'lid', participants: ['204857393020155@lid'] });
    assert.equal(await byLid.text(), "Validation failed. Details: 'participants[0]' must be a chat id like 70000001234@c.us");
    assert.throws(() => emulator.set({ contacts: [{ id: '79001112233@c.us', name: 'A', type: 'user', lid: '7900@c.us' }] }), /config\.contacts/);
  });

  it('reboots on setSettings: starting for a while, then the state it had, with the setting applied', async () => {
    emulator.set({ rebootMilliseconds: 150, outgoingWebhook: 'no' });
    const saved = await postJson(emulator, 'setSettings', { outgoingWebhook: 'yes' });
    assert.deepEqual(await saved.json(), { saveSettings: true });
    assert.deepEqual(await (await get(emulator, 'getStateInstance')).json(), { stateInstance: 'starting' });
    const refused = await postJson(emulator, 'sendTextStatus', { message: 'hi' });
    assert.equal(refused.status, 400);
    assert.equal(await refused.text(), 'instance in starting process try later');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(await (await get(emulator, 'getStateInstance')).json(), { stateInstance: 'authorized' });
    const settings = (await (await get(emulator, 'getSettings')).json()) as Record<string, unknown>;
    assert.equal(settings.outgoingWebhook, 'yes');
    assert.equal(settings.wid, '79001234567@c.us');
  });

  it('lists contacts (with a group and an unsaved number) and checks numbers against them', async () => {
    const contacts = (await (await get(emulator, 'getContacts')).json()) as Array<Record<string, unknown>>;
    assert.ok(contacts.some((contact) => contact.type === 'group'));
    assert.ok(contacts.some((contact) => contact.type === 'user' && contact.contactName === undefined));
    const groups = (await (await get(emulator, 'getContacts', { query: { group: 'true' } })).json()) as unknown[];
    assert.equal(groups.length, 1);
    assert.deepEqual(await (await postJson(emulator, 'checkWhatsapp', { phoneNumber: 79001112233 })).json(), { existsWhatsapp: true });
    assert.deepEqual(await (await postJson(emulator, 'checkWhatsapp', { phoneNumber: 79990000000 })).json(), { existsWhatsapp: false });
    const bad = await postJson(emulator, 'checkWhatsapp', { phoneNumber: 12345 });
    assert.equal(bad.status, 400);
    assert.equal(await bad.text(), 'bad phone number, valid from 11 to 16 digits');
  });
});
