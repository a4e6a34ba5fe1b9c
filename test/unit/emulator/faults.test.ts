import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { startEmulator, type Emulator } from '../../emulator';
import { get, methodUrl, PNG_BYTES, postJson, upload, until } from './helpers';

/** Settles to the error's name when the request fails, so tests can assert how it failed. */
function outcome(request: Promise<Response>): Promise<string> {
  return request.then(
    (response) => `HTTP ${response.status}`,
    (error: Error) => error.name,
  );
}

describe('GREEN-API emulator: faults', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  beforeEach(() => emulator.reset());

  it('answers the next `times` calls with the given status, body and headers, then normally', async () => {
    emulator.fault({ method: 'getstateinstance', times: 2, status: 429, body: 'Too Many Requests', headers: { 'Retry-After': '7' } });
    const first = await get(emulator, 'getStateInstance');
    assert.deepEqual([first.status, first.headers.get('retry-after'), await first.text()], [429, '7', 'Too Many Requests']);
    assert.equal((await get(emulator, 'getStateInstance')).status, 429);
    assert.equal((await get(emulator, 'getStateInstance')).status, 200);
  });

  it("matches any method with '*' and sends object bodies as JSON", async () => {
    emulator.fault({ method: '*', status: 400, body: { error: 'nope' } });
    const response = await postJson(emulator, 'sendTextStatus', { message: 'hi' });
    assert.deepEqual([response.status, await response.json()], [400, { error: 'nope' }]);
    assert.equal(emulator.statuses.length, 0);
  });

  it('delays the real answer by delayMs', async () => {
    emulator.fault({ method: 'getStateInstance', delayMs: 300 });
    const started = Date.now();
    const response = await get(emulator, 'getStateInstance');
    assert.equal(response.status, 200);
    assert.ok(Date.now() - started >= 290, `took ${Date.now() - started} ms`);
  });

  it('reset-immediately drops the connection before the body is read: nothing happens', async () => {
    emulator.fault({ method: 'uploadFile', action: 'reset-immediately' });
    assert.equal(await outcome(upload(emulator, PNG_BYTES, { 'Content-Type': 'image/png' })), 'TypeError');
    assert.equal(emulator.uploads.length, 0);
    assert.deepEqual([emulator.requests[0].status, emulator.requests[0].bodyBytes], [0, 0]);
  });

  it('reset-before-response reads the body and runs the method, then drops the connection', async () => {
    emulator.fault({ method: 'sendTextStatus', action: 'reset-before-response' });
    assert.equal(await outcome(postJson(emulator, 'sendTextStatus', { message: 'lost answer' })), 'TypeError');
    assert.equal(emulator.statuses.length, 1, 'the status was queued although the client never heard back');
    assert.ok(emulator.requests[0].bodyBytes > 0);
    assert.equal(emulator.requests[0].status, 0);
  });

  it('stall-headers reads the body and never answers, until the client gives up', async () => {
    emulator.fault({ method: 'getStateInstance', action: 'stall-headers' });
    assert.equal(await outcome(fetch(methodUrl(emulator, 'getStateInstance'), { signal: AbortSignal.timeout(300) })), 'TimeoutError');
    assert.equal(emulator.requests[0].status, 0);
    assert.equal((await get(emulator, 'getStateInstance')).status, 200, 'the next call is answered');
  });

  it('stall-body stops reading the request body midway and never answers', async () => {
    emulator.fault({ method: 'uploadFile', action: 'stall-body' });
    const body = Buffer.alloc(30_000_000, 3);
    const url = methodUrl(emulator, 'uploadFile', { host: 'media' });
    const upload = httpRequest(url, { method: 'POST', headers: { 'Content-Type': 'video/mp4', 'Content-Length': String(body.length) } });
    upload.on('error', () => undefined);
    let answered = false;
    upload.on('response', () => {
      answered = true;
    });
    // Loopback socket buffers hold a few MB at most, so the write cannot finish unless the emulator reads on.
    const flushed = await new Promise<boolean>((resolve) => {
      upload.write(body, () => resolve(true));
      setTimeout(() => resolve(false), 1000);
    });
    upload.destroy();
    assert.equal(flushed, false, 'the whole body was read');
    assert.equal(answered, false);
    assert.ok(emulator.requests[0].bodyBytes > 0 && emulator.requests[0].bodyBytes < body.length, `read ${emulator.requests[0].bodyBytes}`);
    assert.equal(emulator.uploads.length, 0);
  });

  it('stalls end when the emulator closes', async () => {
    const own = await startEmulator();
    own.fault({ method: 'getStateInstance', action: 'stall-headers' });
    const stalled = outcome(fetch(methodUrl(own, 'getStateInstance')));
    await until(() => own.requests.length === 1);
    const started = Date.now();
    await own.close();
    assert.equal(await stalled, 'TypeError');
    assert.ok(Date.now() - started < 1000);
  });

  it('redirect answers 302 to another loopback listener that records the hit', async () => {
    emulator.fault({ method: 'getStateInstance', action: 'redirect' });
    const response = await fetch(methodUrl(emulator, 'getStateInstance'), { redirect: 'manual' });
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location') ?? '');
    assert.equal(location.hostname, '127.0.0.1');
    assert.notEqual(location.origin, emulator.apiUrl);
    assert.equal((await fetch(location)).status, 404);
    assert.deepEqual(
      emulator.requests.map((request) => request.host),
      ['api', 'redirect'],
    );
  });

  it('html answers 502 with an HTML page; invalid-json answers 200 with truncated JSON', async () => {
    emulator.fault({ method: 'getStateInstance', action: 'html' });
    const html = await get(emulator, 'getStateInstance');
    assert.equal(html.status, 502);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await html.text(), /<h1>502 Bad Gateway<\/h1>/);
    emulator.fault({ method: 'sendTextStatus', action: 'invalid-json' });
    const truncated = await postJson(emulator, 'sendTextStatus', { message: 'hi' });
    assert.equal(truncated.status, 200);
    const text = await truncated.text();
    assert.throws(() => JSON.parse(text), SyntaxError);
    assert.ok(text.startsWith('{"idMessage":"'), text);
  });

  it('rejects malformed faults', () => {
    assert.throws(() => emulator.fault({ method: '' }), TypeError);
    assert.throws(() => emulator.fault({ method: '*', action: 'explode' as never }), TypeError);
    assert.throws(() => emulator.fault({ method: '*', times: 0 }), TypeError);
  });
});
