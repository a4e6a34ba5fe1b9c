import * as assert from 'node:assert/strict';
import { request } from 'node:https';
import { startEmulator, type Emulator } from '../../emulator';
import { get, methodUrl, PNG_BYTES, postJson, uploadedUrl } from './helpers';

describe('GREEN-API emulator: control API, status page and TLS', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  beforeEach(() => emulator.reset());

  const control = (path: string, body?: unknown): Promise<Response> => fetch(`${emulator.apiUrl}/__emulator/${path}`, body === undefined
    ? {}
    : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

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
    assert.deepEqual(uploads.map((upload) => upload.urlFile), [urlFile]);
    const statuses = (await (await control('statuses')).json()) as Array<{ problems: string[] }>;
    assert.deepEqual(statuses.map((status) => status.problems), [['instance in sleepMode (phone offline): queued until the phone is back']]);
    const requests = (await (await control('requests')).json()) as Array<{ host: string; apiMethod?: string }>;
    assert.deepEqual(requests.map((recorded) => `${recorded.host}:${recorded.apiMethod ?? ''}`),
      ['control:', 'control:', 'control:', 'api:getStateInstance', 'media:uploadFile', 'api:sendMediaStatus', 'control:', 'control:']);
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

  it('serves HTTPS with a test-only certificate that clients refuse unless they trust it', async () => {
    const secure = await startEmulator({ tls: true });
    try {
      assert.match(secure.apiUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
      const call = (ca?: string): Promise<string> => new Promise((resolve) => {
        request(methodUrl(secure, 'getStateInstance'), { ca }, (response) => {
          response.resume();
          resolve(String(response.statusCode));
        }).on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message)).end();
      });
      assert.match(await call(), /SELF_SIGNED/);
      assert.equal(await call(secure.certificatePem), '200');
      assert.equal(secure.requests.filter((recorded) => recorded.status === 200).length, 1);
    } finally {
      await secure.close();
    }
  });
});
