import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { MAX_UPLOAD_BYTES, startEmulator, type Emulator } from '../../emulator';
import { methodUrl, PNG_BYTES, upload, uploadedUrl, until } from './helpers';

describe('GREEN-API emulator: uploadFile and served files', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  beforeEach(() => emulator.reset());

  it('stores the raw bytes and serves them back by a direct link with the right Content-Type', async () => {
    const response = await upload(emulator, PNG_BYTES, { 'Content-Type': 'image/png', 'GA-Filename': 'horse.png' });
    assert.equal(response.status, 200);
    const { urlFile } = (await response.json()) as { urlFile: string };
    assert.match(urlFile, new RegExp(`^${emulator.mediaUrl}/files/${emulator.idInstance}/[0-9a-f-]{36}\\.png$`));
    const sha256 = createHash('sha256').update(PNG_BYTES).digest('hex');
    assert.deepEqual(
      emulator.uploads.map(({ urlFile: url, sha256: hash, size, contentType, gaFilename, linkStyle }) => ({
        url,
        hash,
        size,
        contentType,
        gaFilename,
        linkStyle,
      })),
      [{ url: urlFile, hash: sha256, size: PNG_BYTES.length, contentType: 'image/png', gaFilename: 'horse.png', linkStyle: 'direct' }],
    );
    const served = await fetch(urlFile);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.equal(served.headers.get('content-disposition'), null);
    assert.equal(
      createHash('sha256')
        .update(Buffer.from(await served.arrayBuffer()))
        .digest('hex'),
      sha256,
    );
    const ranged = await fetch(urlFile, { headers: { Range: 'bytes=0-7' } });
    assert.equal(ranged.status, 206);
    assert.deepEqual(Buffer.from(await ranged.arrayBuffer()), PNG_BYTES.subarray(0, 8));
  });

  it('serves uploads made in download link style as application/octet-stream attachments', async () => {
    emulator.set({ linkStyle: 'download' });
    const urlFile = await uploadedUrl(emulator, PNG_BYTES, 'image/png');
    const served = await fetch(urlFile, { method: 'HEAD' });
    assert.equal(served.headers.get('content-type'), 'application/octet-stream');
    assert.match(served.headers.get('content-disposition') ?? '', /^attachment/);
    assert.equal(emulator.uploads[0].linkStyle, 'download');
  });

  it('stores unknown types as .bin octet-stream unless GA-Filename names an extension', async () => {
    const unknown = await uploadedUrl(emulator, Buffer.from('data'), 'application/x-unheard-of');
    assert.match(unknown, /\.bin$/);
    assert.equal((await fetch(unknown)).headers.get('content-type'), 'application/octet-stream');
    const named = await upload(emulator, Buffer.from('package main'), { 'Content-Type': 'text/x-go', 'GA-Filename': 'main.go' });
    assert.match(((await named.json()) as { urlFile: string }).urlFile, /\.go$/);
  });

  it("stores a type off the server's MIME list (QuickTime by default) as .bin, unless GA-Filename names its extension", async () => {
    const stored = async (headers: Record<string, string>): Promise<{ urlFile: string; type: string | null }> => {
      const { urlFile } = (await (await upload(emulator, Buffer.from('moov'), headers)).json()) as { urlFile: string };
      return { urlFile, type: (await fetch(urlFile, { method: 'HEAD' })).headers.get('content-type') };
    };
    const bare = await stored({ 'Content-Type': 'video/quicktime' });
    assert.match(bare.urlFile, /\/[0-9a-f-]{36}\.bin$/);
    assert.equal(bare.type, 'application/octet-stream');
    const named = await stored({ 'Content-Type': 'video/quicktime', 'GA-Filename': 'status.mov' });
    assert.match(named.urlFile, /\.mov$/);
    assert.equal(named.type, 'video/quicktime');
    for (const type of ['image/bmp', 'audio/wav', 'audio/wave', 'audio/x-wav']) assert.match((await stored({ 'Content-Type': type })).urlFile, /\.bin$/, type);
    assert.match((await stored({ 'Content-Type': 'video/mp4' })).urlFile, /\.mp4$/, 'listed types need no GA-Filename');

    emulator.set({ mimeTypes: [...emulator.config.mimeTypes, 'video/quicktime'] });
    const listed = await stored({ 'Content-Type': 'video/quicktime' });
    assert.match(listed.urlFile, /\.mov$/, 'the broad reading of the list');
    assert.equal(listed.type, 'video/quicktime');
    assert.throws(() => emulator.set({ mimeTypes: ['video/x-unheard-of'] }), /config\.mimeTypes has "video\/x-unheard-of"/);
  });

  it('refuses an empty body and a missing Content-Type with 400', async () => {
    const empty = await upload(emulator, new Uint8Array(0), { 'Content-Type': 'image/png' });
    assert.equal(empty.status, 400);
    assert.equal(await empty.text(), 'Validation failed. Details: file is empty');
    const untyped = await upload(emulator, PNG_BYTES, {});
    assert.equal(untyped.status, 400);
    assert.equal(await untyped.text(), "Validation failed. Details: 'Content-Type' header is required");
    assert.equal(emulator.uploads.length, 0);
  });

  it('answers more than 100 MB with the documented 500 text and stores nothing', async function () {
    this.timeout(60_000);
    const response = await upload(emulator, Buffer.alloc(MAX_UPLOAD_BYTES + 1), { 'Content-Type': 'video/mp4' });
    assert.equal(response.status, 500);
    assert.equal(await response.text(), 'File from url exceeded max upload size. Size: 101mb Limit: 100mb');
    assert.equal(emulator.uploads.length, 0);
  });

  it('stores nothing when the client sends less than its Content-Length and hangs up', async () => {
    const url = new URL(methodUrl(emulator, 'uploadFile', { host: 'media' }));
    const socket = connect(Number(url.port), url.hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: image/png\r\nContent-Length: 1000\r\n\r\n`);
    socket.write(PNG_BYTES.subarray(0, 100));
    await until(() => emulator.requests[0]?.bodyBytes === 100);
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(emulator.uploads.length, 0);
    assert.equal(emulator.requests[0].status, 0);
  });

  it('reads uploads at uploadBytesPerSecond, so a client can cancel midway and nothing is stored', async () => {
    emulator.set({ uploadBytesPerSecond: 200_000 });
    const bytes = Buffer.alloc(20_000_000, 1);
    const cancelled = await fetch(methodUrl(emulator, 'uploadFile', { host: 'media' }), {
      method: 'POST',
      headers: { 'Content-Type': 'video/mp4' },
      body: bytes,
      signal: AbortSignal.timeout(500),
    }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    assert.equal(cancelled, 'TimeoutError');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const read = emulator.requests[0].bodyBytes;
    assert.ok(read > 0 && read < 1_000_000, `read ${read} bytes`);
    assert.equal(emulator.uploads.length, 0);

    const small = Buffer.alloc(60_000, 2);
    const timed = Date.now();
    assert.equal(
      (await fetch(methodUrl(emulator, 'uploadFile', { host: 'media' }), { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: small })).status,
      200,
    );
    assert.ok(Date.now() - timed >= 250, `took ${Date.now() - timed} ms`);
  });
});
