import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { lookup as mimeOf } from 'mrmime';
import { GreenApiClient } from '../../../../src/core/greenApi/client';
import { silentLogger } from '../../../../src/core/common/log';
import { postStatuses, sendMediaStatusWith, type MediaDetails, type PostTarget } from '../../../../src/core/statuses/postWorkflow';
import { UPLOAD_CACHE_KEY, UploadCache, withUploadCache } from '../../../../src/core/store/uploadCache';
import { MemoryStore, FakeClock } from '../support';
import { SENTINEL_TOKEN, TEST_INSTANCE, assertNoSecret, expectGreenApiError, fileSource, randomFile, recordingLog, useTempDir } from '../../helpers';

/** Every Content-Type a status file goes up with, and a name a person might give such a file. */
const FILES: Array<[string, string]> = [
  ['image/jpeg', 'Отпуск 2024 (1).jpeg'],
  ['image/png', 'screen shot.png'],
  ['image/bmp', 'scan.bmp'],
  ['video/mp4', 'clip.mp4'],
  ['video/quicktime', 'IMG_0001.MOV'],
  ['audio/mpeg', 'voice memo.mp3'],
  ['audio/wav', 'take 2.wav'],
];

interface Seen {
  readonly method: string;
  readonly headers: http.IncomingHttpHeaders;
}

/**
 * A GREEN-API stand-in that is not the emulator: it records each request's method and headers and answers
 * uploadFile with a link whose extension `extension()` decides (`.bin`, as for a type the server did not recognise,
 * unless told otherwise), and any other method with an idMessage.
 */
async function startStandIn(extension: (contentType: string) => string = () => '.bin') {
  const seen: Seen[] = [];
  const server = http.createServer((request, response) => {
    const method = request.url?.split('/')[2] ?? '';
    seen.push({ method, headers: request.headers });
    request.resume();
    request.on('end', () => {
      const { port } = server.address() as AddressInfo;
      const body =
        method === 'uploadFile'
          ? { urlFile: `http://127.0.0.1:${port}/files/${TEST_INSTANCE}/${randomUUID()}${extension(request.headers['content-type'] ?? '')}` }
          : { idMessage: 'BAE5F4886F0F3B2B' };
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    seen,
    client: (log = recordingLog()) =>
      new GreenApiClient({ idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN, apiUrl: url, mediaUrl: url, random: () => 0, log }),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('uploads name the file for its type, and a download link is never sent (an independent stand-in server)', () => {
  const dir = useTempDir();
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  afterEach(() => standIn.close());

  it("every upload carries an ASCII GA-Filename whose extension is its Content-Type, never the file's own name", async () => {
    standIn = await startStandIn();
    for (const [type, name] of FILES) {
      const { file } = randomFile(dir(), name, 5000);
      await expectGreenApiError(standIn.client().uploadFile(fileSource(file, type)));
    }
    const uploads = standIn.seen.filter((request) => request.method === 'uploadFile');
    assert.deepEqual(
      uploads.map((request) => request.headers['content-type']),
      FILES.map(([type]) => type),
    );
    for (const { headers } of uploads) {
      const gaFilename = String(headers['ga-filename']);
      assert.match(gaFilename, /^[\x21-\x7e]+$/, 'printable ASCII');
      assert.equal(mimeOf(gaFilename), headers['content-type'], `${gaFilename} names a ${headers['content-type']} file`);
      const everyHeader = JSON.stringify(headers);
      for (const [, name] of FILES) assert.ok(!everyHeader.includes(name.split('.')[0]), `the name ${name} was sent`);
    }
  });

  it('refuses a .bin link as a download link: not retried, not an unknown outcome, and the log says why', async () => {
    standIn = await startStandIn();
    const log = recordingLog();
    const { file } = randomFile(dir(), 'IMG_0002.MOV', 5000);
    const error = await expectGreenApiError(standIn.client(log).uploadFile(fileSource(file, 'video/quicktime')));
    assert.deepEqual([error.kind, error.apiMethod, error.outcome, error.causeCode], ['download-link', 'uploadFile', 'rejected', '.bin']);
    assert.equal(error.message, 'uploadFile: file stored as a download');
    assert.equal(standIn.seen.length, 1);
    assert.ok(
      log.lines.some((line) => /stored as \.bin, not as video\/quicktime/.test(line)),
      log.lines.join('\n'),
    );
    assertNoSecret(log.lines);
  });

  it("accepts a link in the type's own extension, in any case, jpg for jpeg", async () => {
    standIn = await startStandIn((type) => (type === 'image/jpeg' ? '.JPG' : '.bin'));
    const { file } = randomFile(dir(), 'photo.jpeg', 5000);
    const { urlFile } = await standIn.client().uploadFile(fileSource(file, 'image/jpeg'));
    assert.match(urlFile, /\.JPG$/);
  });

  it('sends no status after a .bin answer when posting through postStatuses, for any file of a batch', async () => {
    standIn = await startStandIn();
    const client = standIn.client();
    const targets: PostTarget[] = FILES.filter(([type]) => type.startsWith('image/') || type.startsWith('video/')).map(([type, name]) => {
      const { file } = randomFile(dir(), name, 5000);
      return { label: name, file: { mimeType: type, size: 5000 }, source: fileSource(file, type) };
    });
    const result = await postStatuses<MediaDetails>(targets, {
      upload: client,
      send: sendMediaStatusWith(client),
      prompts: { details: async () => ({ caption: 'x' }), participants: async () => [], confirm: async () => true },
      progress: { report() {} },
      log: silentLogger,
      clock: Date,
      confirmBeforePosting: true,
      signal: new AbortController().signal,
    });
    assert.ok(result.status === 'finished');
    assert.deepEqual(
      result.results.map((item) => item.status === 'failed' && item.error.kind),
      targets.map(() => 'download-link'),
    );
    assert.deepEqual(
      standIn.seen.map((request) => request.method),
      targets.map(() => 'uploadFile'),
      'nothing but the uploads',
    );
  });

  it('leaves a .bin link out of the upload cache', async () => {
    standIn = await startStandIn();
    const store = new MemoryStore();
    const uploader = withUploadCache(standIn.client(), new UploadCache(store, new FakeClock()), 'scope');
    const { file } = randomFile(dir(), 'scan.bmp', 5000);
    assert.equal((await expectGreenApiError(uploader.uploadFile(fileSource(file, 'image/bmp')))).kind, 'download-link');
    assert.equal((await expectGreenApiError(uploader.uploadFile(fileSource(file, 'image/bmp')))).kind, 'download-link');
    assert.equal(standIn.seen.length, 2, 'uploaded again, not reused');
    assert.equal(store.get(UPLOAD_CACHE_KEY), undefined);
  });
});
