import * as assert from 'node:assert/strict';
import { request } from 'node:https';
import { startEmulator, type Emulator } from '../../emulator';
import { get, methodUrl, PNG_BYTES, postJson, upload, uploadedUrl } from './helpers';

describe('GREEN-API emulator: control API, status page and TLS', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  beforeEach(() => emulator.reset());

  const control = (path: string, body?: unknown): Promise<Response> =>
    fetch(
      `${emulator.apiUrl}/__emulator/${path}`,
      body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
    );

  it('lets another process drive the emulator over HTTP', async () => {
    const configured = await control('config', { stateInstance: 'sleepMode', quota: null });
    assert.equal(((await configured.json()) as Record<string, unknown>).stateInstance, 'sleepMode');
    assert.equal(emulator.config.stateInstance, 'sleepMode');
    assert.equal((await control('config', { stateInstanse: 'authorized' })).status, 400, 'typos are refused');
    assert.equal((await control('faults', { method: 'getStateInstance', status: 502 })).status, 200);
    assert.equal((await get(emulator, 'getStateInstance')).status, 502);
    const urlFile = await uploadedUrl(emulator, PNG_BYTES, 'image/png');
    await postJson(emulator, 'sendMediaStatus', { urlFile, fileName: 'a.png' });
    const uploads = (await (await control('uploads')).json()) as Array<{ urlFile: string }>;
    assert.deepEqual(
      uploads.map((upload) => upload.urlFile),
      [urlFile],
    );
    const statuses = (await (await control('statuses')).json()) as Array<{ problems: string[] }>;
    assert.deepEqual(
      statuses.map((status) => status.problems),
      [['instance in sleepMode (phone offline): queued until the phone is back']],
    );
    const requests = (await (await control('requests')).json()) as Array<{ host: string; apiMethod?: string }>;
    assert.deepEqual(
      requests.map((recorded) => `${recorded.host}:${recorded.apiMethod ?? ''}`),
      ['control:', 'control:', 'control:', 'api:getStateInstance', 'media:uploadFile', 'api:sendMediaStatus', 'control:', 'control:'],
    );
    assert.equal((await control('reset', {})).status, 200);
    assert.deepEqual([emulator.statuses.length, emulator.uploads.length, emulator.config.stateInstance], [0, 0, 'authorized']);
  });

  it('shows received statuses at / newest first, with previews and problems, escaping user text', async () => {
    const urlFile = await uploadedUrl(emulator, PNG_BYTES, 'image/png');
    await postJson(emulator, 'sendMediaStatus', { urlFile, fileName: 'a.gif', caption: '<b>first</b>' });
    await postJson(emulator, 'sendTextStatus', { message: 'second', participants: ['79001112233@c.us'] });
    const page = await fetch(`${emulator.apiUrl}/`);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = await page.text();
    assert.match(html, /<meta http-equiv="refresh" content="\d+">/);
    assert.ok(html.indexOf('second') < html.indexOf('&#60;b&#62;first'), 'newest first, caption escaped');
    assert.ok(!html.includes('<b>first</b>'));
    assert.ok(html.includes(`<img src="${urlFile}"`));
    assert.match(html, /class="problems"><li>unsupported file type \.gif<\/li>/);
    assert.ok(html.includes('Audience: 79001112233@c.us') && html.includes('Audience: all contacts'));
  });

  it('shows each status in a phone-sized frame with how far it got, or why it will never appear', async () => {
    const page = async (): Promise<string> => (await fetch(`${emulator.apiUrl}/`)).text();
    const articleFor = (html: string, idMessage: string): string => {
      const article = html.split('<article').find((part) => part.includes(idMessage));
      assert.ok(article, `no article for ${idMessage}`);
      return article;
    };
    emulator.set({ deliverySchedule: null });
    const waiting = (await (
      await postJson(emulator, 'sendTextStatus', { message: 'Hi <all>', backgroundColor: '#228B22', participants: ['79001112233@c.us', '447700900123@c.us'] })
    ).json()) as { idMessage: string };
    let html = await page();
    assert.match(html, /\.phone \{[^}]*width: 270px; height: 480px;[^}]*background: #111/);
    assert.match(html, /\.phone img, \.phone video \{[^}]*object-fit: contain/);
    assert.match(articleFor(html, waiting.idMessage), /<div class="text" style="background:#228B22;[^"]*">Hi &#60;all&#62;<\/div>/);
    assert.match(articleFor(html, waiting.idMessage), /<div class="state">Queued<\/div>/);
    const stateShown = async (): Promise<string | undefined> => /<div class="state">([^<]*)<\/div>/.exec(articleFor(await page(), waiting.idMessage))?.[1];
    emulator.advance({ to: 'sent' });
    assert.equal(await stateShown(), 'Sent');
    emulator.advance({ to: 'delivered' });
    assert.equal(await stateShown(), 'Delivered to 2');
    emulator.advance({ to: 'read', readers: 1 });
    html = await page();
    assert.match(articleFor(html, waiting.idMessage), /<div class="state">Read by 1 · delivered to 2<\/div>/);
    assert.match(articleFor(html, waiting.idMessage), /<ul class="viewers"><li>Alice Smith <span class="meta">79001112233@c\.us · /);

    const bin = await upload(emulator, PNG_BYTES, { 'Content-Type': 'image/x-unheard-of' });
    const { urlFile } = (await bin.json()) as { urlFile: string };
    const download = (await (await postJson(emulator, 'sendMediaStatus', { urlFile, fileName: 'a.png', participants: ['79001112233@c.us'] })).json()) as {
      idMessage: string;
    };
    emulator.set({ mainDevice: 'iphone' });
    const iphone = (await (await postJson(emulator, 'sendTextStatus', { message: 'to all' })).json()) as { idMessage: string };
    html = await page();
    assert.ok(articleFor(html, download.idMessage).includes('Will never appear: GREEN-API stored the file as a download (.bin), so WhatsApp cannot show it.'));
    assert.ok(
      articleFor(html, iphone.idMessage).includes('Will never appear: the main phone is an iPhone and the status was sent to all contacts without a list.'),
    );
    assert.match(articleFor(html, iphone.idMessage), /<div class="phone never">/);
    assert.ok(!/<(script|link)\b/.test(html), 'self-contained');
    assert.deepEqual(
      [...html.matchAll(/src="([^"]*)"/g)].map((match) => match[1]),
      [urlFile],
      "loads only the emulator's own uploads",
    );
  });

  it('serves HTTPS with a test-only certificate that clients refuse unless they trust it', async () => {
    const secure = await startEmulator({ tls: true });
    try {
      assert.match(secure.apiUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
      const call = (ca?: string): Promise<string> =>
        new Promise((resolve) => {
          request(methodUrl(secure, 'getStateInstance'), { ca }, (response) => {
            response.resume();
            resolve(String(response.statusCode));
          })
            .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
            .end();
        });
      assert.match(await call(), /SELF_SIGNED/);
      assert.equal(await call(secure.certificatePem), '200');
      assert.equal(secure.requests.filter((recorded) => recorded.status === 200).length, 1);
    } finally {
      await secure.close();
    }
  });
});
