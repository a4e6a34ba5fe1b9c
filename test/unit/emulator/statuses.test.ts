import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type Emulator } from '../../emulator';
import { get, getJson, PNG_BYTES, posted, postJson, upload, uploadedUrl } from './helpers';

describe('GREEN-API emulator: status methods', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  beforeEach(() => emulator.reset());

  async function validationError(method: string, body: unknown): Promise<string> {
    const response = await postJson(emulator, method, body);
    assert.equal(response.status, 400);
    return response.text();
  }

  it('validates sendMediaStatus fields as the docs do', async () => {
    const urlFile = await uploadedUrl(emulator, PNG_BYTES, 'image/png');
    assert.equal(await validationError('sendMediaStatus', { fileName: 'a.png' }), "Validation failed. Details: 'urlFile' is required");
    assert.equal(await validationError('sendMediaStatus', { urlFile }), "Validation failed. Details: 'fileName' is required");
    assert.equal(
      await validationError('sendMediaStatus', { urlFile, fileName: 'horse' }),
      "Validation failed. Details: 'fileName' must contain the file extension, e.g. test.jpg",
    );
    assert.equal(
      await validationError('sendMediaStatus', { urlFile, fileName: 'a.png', caption: 'x'.repeat(1025) }),
      "Validation failed. Details: 'caption' length must be less than or equal to 1024 characters long",
    );
    assert.equal(
      await validationError('sendMediaStatus', { urlFile, fileName: 'a.png', participants: '79001112233@c.us' }),
      "Validation failed. Details: 'participants' must be an array",
    );
    assert.equal(
      await validationError('sendMediaStatus', { urlFile, fileName: 'a.png', participants: ['79001112233@c.us', '+7 900'] }),
      "Validation failed. Details: 'participants[1]' must be a chat id like 70000001234@c.us",
    );
    assert.equal(await validationError('sendMediaStatus', '{"urlFile": "x",}'), 'Unexpected token } in JSON at position 16');
    assert.equal(await validationError('sendMediaStatus', '{"urlFile"'), 'Unexpected end of JSON input');
    assert.equal(emulator.statuses.length, 0);
    const accepted = await postJson(emulator, 'sendMediaStatus', { urlFile, fileName: 'a.png', caption: 'x'.repeat(1024), participants: [] });
    assert.equal(accepted.status, 200);
    const { idMessage } = (await accepted.json()) as { idMessage: string };
    assert.match(idMessage, /^BAE5[0-9A-F]{12}$/, "shaped like the live service's ids");
    assert.deepEqual(
      emulator.statuses.map((status) => [status.idMessage, status.kind, status.problems]),
      [[idMessage, 'media', []]],
    );
  });

  it('records why a media status would not appear', async () => {
    const png = await uploadedUrl(emulator, PNG_BYTES, 'image/png');
    emulator.set({ linkStyle: 'download' });
    const download = await uploadedUrl(emulator, PNG_BYTES, 'image/png');
    const sends = [
      { urlFile: png, fileName: 'a.gif' },
      { urlFile: png, fileName: 'a.mp4' },
      { urlFile: download, fileName: 'a.png' },
      { urlFile: `${emulator.mediaUrl}/files/${emulator.idInstance}/missing.png`, fileName: 'a.png' },
      { urlFile: 'https://example.com/a.png', fileName: 'a.png' },
      { urlFile: png, fileName: 'a.png', participants: ['79990000000@c.us'] },
    ];
    for (const body of sends) assert.equal((await postJson(emulator, 'sendMediaStatus', body)).status, 200);
    assert.deepEqual(
      emulator.statuses.map((status) => status.problems),
      [
        ['unsupported file type .gif', "fileName extension .gif does not match the link's type image/png"],
        ["fileName extension .mp4 does not match the link's type image/png"],
        ['would not appear: download link (application/octet-stream)'],
        ['link not reachable (HTTP 404)'],
        ['link not reachable (the emulator fetches only loopback URLs)'],
        ['participant 79990000000@c.us is not a saved contact with a contactName: it will not see it'],
      ],
    );
    emulator.set({ stateInstance: 'notAuthorized', linkStyle: 'direct' });
    assert.equal((await postJson(emulator, 'sendTextStatus', { message: 'queued' })).status, 200);
    assert.deepEqual(emulator.statuses.at(-1)?.problems, ['instance not authorized: queued up to 24 h']);
  });

  it('answers 200 to a status whose link is a .bin upload, which would never appear', async () => {
    const response = await upload(emulator, Buffer.from('moov'), { 'Content-Type': 'video/quicktime' });
    const { urlFile } = (await response.json()) as { urlFile: string };
    assert.match(urlFile, /\.bin$/);
    const sent = await postJson(emulator, 'sendMediaStatus', { urlFile, fileName: 'clip.mov', caption: 'lost' });
    assert.equal(sent.status, 200);
    assert.match(((await sent.json()) as { idMessage: string }).idMessage, /^BAE5/);
    assert.deepEqual(emulator.statuses[0].problems, ['would not appear: download link (application/octet-stream)']);
    const [item] = await getJson<Array<Record<string, unknown>>>(emulator, 'getOutgoingStatuses');
    assert.equal(item.statusMessage, 'pending', 'never published');
  });

  it('never publishes a status without participants when the main phone is an iPhone', async () => {
    emulator.set({ mainDevice: 'iphone' });
    const mp3 = await uploadedUrl(emulator, Buffer.from('ID3 fake'), 'audio/mpeg');
    const png = await uploadedUrl(emulator, PNG_BYTES, 'image/png');
    const lost = [
      await posted(emulator, 'sendTextStatus', { message: 'no list' }),
      await posted(emulator, 'sendTextStatus', { message: 'empty list', participants: [] }),
      await posted(emulator, 'sendMediaStatus', { urlFile: png, fileName: 'a.png' }),
      await posted(emulator, 'sendVoiceStatus', { urlFile: mp3, fileName: 'a.mp3', participants: [] }),
    ];
    const listed = await posted(emulator, 'sendTextStatus', { message: 'listed', participants: ['79001112233@c.us'] });
    const iphone = 'iPhone main device: a status without a participants list is never published';
    assert.deepEqual(
      emulator.statuses.map((status) => status.problems),
      [[iphone], [iphone], [iphone], [iphone], []],
    );
    const journal = await getJson<Array<{ idMessage: string; statusMessage: string }>>(emulator, 'getOutgoingStatuses');
    assert.deepEqual(
      journal.map((item) => [item.idMessage, item.statusMessage]),
      [...lost.map((id) => [id, 'pending']), [listed, 'read']],
    );
    assert.deepEqual(await getJson(emulator, 'getStatusStatistic', { query: { idMessage: lost[0] } }), []);
  });

  it('checks links on other loopback servers with a HEAD request', async () => {
    const server: Server = createServer((req, res) => {
      const type = req.url === '/share' ? 'text/html' : req.url === '/blob' ? 'application/octet-stream' : 'image/jpeg';
      res.writeHead(req.url === '/gone' ? 410 : 200, { 'Content-Type': type }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const path of ['/photo', '/blob', '/share', '/gone']) {
        await postJson(emulator, 'sendMediaStatus', { urlFile: `${base}${path}`, fileName: 'photo.jpg' });
      }
    } finally {
      server.close();
    }
    assert.deepEqual(
      emulator.statuses.map((status) => status.problems),
      [
        [],
        ['would not appear: download link (application/octet-stream)'],
        ['link serves a web page (text/html), not the file'],
        ['link not reachable (HTTP 410)'],
      ],
    );
  });

  it('validates text and voice statuses', async () => {
    assert.equal(
      await validationError('sendTextStatus', { message: 'x'.repeat(501) }),
      "Validation failed. Details: 'message' length must be less than or equal to 500 characters long",
    );
    assert.equal(
      await validationError('sendTextStatus', { message: 'hi', backgroundColor: 'red' }),
      "Validation failed. Details: 'backgroundColor' must be a hex color like #RRGGBB",
    );
    assert.equal(
      await validationError('sendTextStatus', { message: 'hi', font: 'COMIC_SANS' }),
      "Validation failed. Details: 'font' must be one of [SERIF, SANS_SERIF, NORICAN_REGULAR, BRYNDAN_WRITE, OSWALD_HEAVY]",
    );
    assert.equal((await postJson(emulator, 'sendTextStatus', { message: 'hi', backgroundColor: '#228B22', font: 'SERIF' })).status, 200);
    const mp3 = await uploadedUrl(emulator, Buffer.from('ID3 fake'), 'audio/mpeg');
    assert.equal((await postJson(emulator, 'sendVoiceStatus', { urlFile: mp3, fileName: 'note.mp3' })).status, 200);
    assert.equal((await postJson(emulator, 'sendMediaStatus', { urlFile: mp3, fileName: 'note.mp3' })).status, 200);
    assert.deepEqual(
      emulator.statuses.map((status) => [status.kind, status.problems]),
      [
        ['text', []],
        ['voice', []],
        ['media', ['unsupported file type .mp3']],
      ],
    );
  });

  it('deletes statuses with an empty 200 body and reports unknown ids', async () => {
    const sent = (await (await postJson(emulator, 'sendTextStatus', { message: 'bye' })).json()) as { idMessage: string };
    const deleted = await postJson(emulator, 'deleteStatus', { idMessage: sent.idMessage });
    assert.equal(deleted.status, 200);
    assert.equal(await deleted.text(), '');
    assert.equal(emulator.statuses[0].deleted, true);
    const unknown = await postJson(emulator, 'deleteStatus', { idMessage: 'BAE5F4886F6F2D05' });
    assert.equal(unknown.status, 400);
    assert.equal(await unknown.text(), 'ID message notfound');
  });

  it('answers statistics and the outgoing journal only with outgoingWebhook yes, without participants', async () => {
    const participants = ['79001112233@c.us', '79002223344@c.us'];
    const { idMessage } = (await (await postJson(emulator, 'sendTextStatus', { message: 'hi', participants })).json()) as { idMessage: string };
    const statistic = (await (await get(emulator, 'getStatusStatistic', { query: { idMessage } })).json()) as Array<Record<string, unknown>>;
    assert.deepEqual(
      statistic.map((entry) => entry.participant),
      participants,
    );
    const journal = (await (await get(emulator, 'getOutgoingStatuses', { query: { minutes: '5' } })).json()) as Array<Record<string, unknown>>;
    assert.equal(journal.length, 1);
    assert.deepEqual([journal[0].idMessage, journal[0].typeMessage, journal[0].participants], [idMessage, 'extendedTextMessage', []]);
    emulator.set({ outgoingWebhook: 'no' });
    assert.deepEqual(await (await get(emulator, 'getStatusStatistic', { query: { idMessage } })).json(), []);
    assert.deepEqual(await (await get(emulator, 'getOutgoingStatuses')).json(), []);
    assert.deepEqual(await (await get(emulator, 'getIncomingStatuses')).json(), []);
  });

  it('answers 403 on every status method without beta access, while account methods work', async () => {
    emulator.set({ betaAccess: false });
    const responses = await Promise.all([
      postJson(emulator, 'sendMediaStatus', {}),
      postJson(emulator, 'sendTextStatus', {}),
      postJson(emulator, 'sendVoiceStatus', {}),
      postJson(emulator, 'deleteStatus', {}),
      get(emulator, 'getStatusStatistic'),
      get(emulator, 'getOutgoingStatuses'),
      get(emulator, 'getIncomingStatuses'),
    ]);
    assert.deepEqual(await Promise.all(responses.map(async (response) => `${response.status} ${await response.text()}`)), Array(7).fill('403 Forbidden'));
    assert.equal((await get(emulator, 'getStateInstance')).status, 200);
  });

  it('answers 466 with the documented quota body when the plan quota is used up', async () => {
    const quota = { method: 'sendMediaStatus', used: 100, total: 100, description: 'Upgrade your plan' };
    emulator.set({ quota });
    const response = await postJson(emulator, 'sendTextStatus', { message: 'hi' });
    assert.equal(response.status, 466);
    const body = (await response.json()) as Record<string, Record<string, unknown>>;
    assert.deepEqual(body.invokeStatus, { ...quota, status: 'QUOTE_EXCEEDED' });
    assert.equal(body.correspondentsStatus.method, 'correspondents');
    assert.equal(emulator.statuses.length, 0);
    assert.equal((await get(emulator, 'getStateInstance')).status, 200);
  });
});
