import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as net from 'node:net';
import * as path from 'node:path';
import { mayHaveBeenQueued } from '../../../../src/core/greenApi/errors';
import { bytesUploadReader, openFileForUpload } from '../../../../src/core/media/fileSource';
import type { GreenApiClientConfig } from '../../../../src/core/greenApi/types';
import { UPLOAD_CHUNK_BYTES } from '../../../../src/core/greenApi/uploadRequest';
import { startEmulator, type Emulator } from '../../../emulator';
import {
  SENTINEL_TOKEN,
  TEST_INSTANCE,
  assertNoSecret,
  emulatorClient,
  expectGreenApiError,
  fileSource,
  randomFile,
  recordingLog,
  stalledOpen,
  useEmulatorSuite,
} from '../../helpers';

describe('GreenApiClient against the emulator', () => {
  let emulator: Emulator;
  let dir: string;
  let log: ReturnType<typeof recordingLog>;

  const client = (overrides: Partial<GreenApiClientConfig> = {}) => emulatorClient(emulator, { log, ...overrides });

  useEmulatorSuite((emu, tmp) => ((emulator = emu), (dir = tmp)));
  beforeEach(() => {
    log = recordingLog();
  });
  afterEach(() => assertNoSecret(log.lines));

  describe('uploadFile', () => {
    it('streams the bytes unchanged to the media host, with Content-Type, Content-Length and a neutral GA-Filename', async () => {
      const { file, sha256 } = randomFile(dir, 'фото 1.png', 3 * 1024 * 1024 + 17);
      const { urlFile } = await client().uploadFile(fileSource(file, 'image/png'));
      const [upload] = emulator.uploads;
      assert.equal(upload.sha256, sha256);
      assert.equal(upload.urlFile, urlFile);
      const [request] = emulator.apiRequests('uploadFile');
      assert.equal(request.host, 'media');
      assert.equal(request.headers['content-type'], 'image/png');
      assert.equal(request.headers['content-length'], String(3 * 1024 * 1024 + 17));
      assert.equal(request.headers['ga-filename'], 'status.png');
    });

    it("gets a link in the type's own extension for every status file type, those off the server's MIME list too", async () => {
      const types: Array<[string, string]> = [
        ['image/jpeg', '.jpg'],
        ['image/png', '.png'],
        ['image/bmp', '.bmp'],
        ['video/mp4', '.mp4'],
        ['video/quicktime', '.mov'],
        ['audio/mpeg', '.mp3'],
        ['audio/wav', '.wav'],
      ];
      for (const [type, extension] of types) {
        const { file } = randomFile(dir, `any name${extension}`, 4096);
        const { urlFile } = await client().uploadFile(fileSource(file, type));
        assert.ok(urlFile.endsWith(extension), `${type}: ${urlFile}`);
      }
      assert.deepEqual(
        emulator.apiRequests('uploadFile').map((request) => request.headers['ga-filename']),
        types.map(([, extension]) => `status${extension}`),
      );
    });

    it('reports progress that ends exactly at the file size', async () => {
      const { file } = randomFile(dir, 'progress.mp4', 1_000_003);
      const reports: number[] = [];
      await client().uploadFile(fileSource(file, 'video/mp4'), { onProgress: (sent, total) => (assert.equal(total, 1_000_003), reports.push(sent)) });
      assert.ok(reports.length > 1);
      assert.deepEqual(
        [...reports].sort((a, b) => a - b),
        reports,
      );
      assert.equal(reports.at(-1), 1_000_003);
    });

    it('keeps uploading when the progress callback throws, and logs that once', async () => {
      const { file, sha256 } = randomFile(dir, 'throwing-progress.mp4', 3 * UPLOAD_CHUNK_BYTES + 1);
      let calls = 0;
      const onProgress = () => {
        calls++;
        throw new Error('progress reporter broke');
      };
      // A short idle timeout, so a stalled upload fails here instead of after a minute.
      await client({ uploadIdleTimeoutMs: 2000 }).uploadFile(fileSource(file, 'video/mp4'), { onProgress });
      assert.equal(emulator.uploads[0]?.sha256, sha256);
      assert.ok(calls > 1, 'progress was still reported after the first failure');
      assert.equal(log.lines.filter((line) => /progress/i.test(line)).length, 1, log.lines.join('\n'));
    });

    it('refuses a file that grows while uploading, and no upload is stored', async () => {
      const { file } = randomFile(dir, 'grows.png', 200_000);
      const error = await expectGreenApiError(client().uploadFile(fileSource(file, 'image/png', 100_000)));
      assert.equal(error.kind, 'file-changed');
      assert.equal(emulator.uploads.length, 0);
    });

    it('keeps every byte in order when the server reads slowly, though only two buffers take turns', async () => {
      const { file, sha256 } = randomFile(dir, 'slow.mp4', 5 * UPLOAD_CHUNK_BYTES + 3);
      emulator.set({ uploadBytesPerSecond: 8 * 1024 * 1024 });
      await client().uploadFile(fileSource(file, 'video/mp4'));
      assert.equal(emulator.uploads[0]?.sha256, sha256);
    });

    it('uploads bytes already in memory (a file from a virtual file system) exactly as a file', async () => {
      const bytes = crypto.randomBytes(2 * UPLOAD_CHUNK_BYTES + 5);
      await client().uploadFile({ size: bytes.length, contentType: 'image/png', open: async () => bytesUploadReader(bytes) });
      assert.equal(emulator.uploads[0]?.sha256, crypto.createHash('sha256').update(bytes).digest('hex'));
    });

    it('refuses a file that grows at exactly a chunk boundary, before its last chunk goes out', async () => {
      const { file } = randomFile(dir, 'boundary.mp4', 2 * UPLOAD_CHUNK_BYTES + 1);
      const error = await expectGreenApiError(client().uploadFile(fileSource(file, 'video/mp4', 2 * UPLOAD_CHUNK_BYTES)));
      assert.equal(error.kind, 'file-changed');
      assert.equal(emulator.uploads.length, 0);
      assert.ok((emulator.apiRequests('uploadFile')[0]?.bodyBytes ?? 0) < 2 * UPLOAD_CHUNK_BYTES);
    });

    it('stops sending when the server answers before the whole body arrived, and reports that answer', async () => {
      const size = 32 * 1024 * 1024;
      const { file } = randomFile(dir, 'refused.mp4', size);
      let sentBytes = 0;
      const refused = client({ apiTokenInstance: 'wrong-token' }).uploadFile(fileSource(file, 'video/mp4'), { onProgress: (sent) => (sentBytes = sent) });
      const error = await expectGreenApiError(refused);
      assert.deepEqual([error.kind, error.httpStatus], ['credentials', 401]);
      // The emulator drains whatever comes, so a client that went on sending would reach the end of the file by now.
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.ok(sentBytes < size / 2, `went on to send ${sentBytes} of ${size} bytes`);
    });

    it('reports a wrong token on a large upload as rejected credentials, once, however the refusal races the body', async () => {
      const { file } = randomFile(dir, 'wrong-token.mp4', 5 * 1024 * 1024);
      // The 401 comes before the body is sent and the server hangs up, so a write fails (EPIPE, ECONNRESET) while the
      // answer waits to be read. Twenty runs, as the order of the two varies from run to run.
      for (let run = 1; run <= 20; run++) {
        emulator.reset();
        emulator.set({ earlyAnswer: 'close' });
        const error = await expectGreenApiError(client({ apiTokenInstance: 'wrong-token' }).uploadFile(fileSource(file, 'video/mp4')));
        assert.deepEqual([error.kind, error.httpStatus, error.outcome], ['credentials', 401, 'rejected'], `run ${run}: ${error.kind} ${error.causeCode ?? ''}`);
        assert.equal(emulator.apiRequests('uploadFile').length, 1, `run ${run}: repeated`);
      }
    });

    it('refuses a file that shrinks while uploading', async () => {
      const { file } = randomFile(dir, 'shrinks.png', 50_000);
      const error = await expectGreenApiError(client().uploadFile(fileSource(file, 'image/png', 80_000)));
      assert.equal(error.kind, 'file-changed');
      assert.equal(emulator.uploads.length, 0);
    });

    it('sends nothing when the file vanished before upload', async () => {
      const missing = path.join(dir, 'gone.png');
      const source = { size: 10, contentType: 'image/png', open: () => openFileForUpload(missing) };
      const error = await expectGreenApiError(client().uploadFile(source));
      assert.equal(error.kind, 'file-unreadable');
      assert.equal(error.causeCode, 'ENOENT');
      assert.equal(error.outcome, 'not-sent');
      assert.equal(emulator.requests.length, 0);
    });

    it('retries an upload whose connection was reset, reopening the file', async () => {
      const { file, sha256 } = randomFile(dir, 'retry.png', 40_000);
      let opened = 0;
      const source = { size: 40_000, contentType: 'image/png', open: () => (opened++, openFileForUpload(file)) };
      emulator.fault({ method: 'uploadFile', action: 'reset-before-response' });
      await client().uploadFile(source);
      assert.equal(opened, 2);
      assert.equal(emulator.apiRequests('uploadFile').length, 2);
      assert.equal(emulator.uploads.at(-1)?.sha256, sha256);
    });

    it('gives up an upload the server stops reading, after the idle timeout', async () => {
      const { file } = randomFile(dir, 'stall.mp4', 4 * 1024 * 1024);
      emulator.fault({ method: 'uploadFile', action: 'stall-body', times: 3 });
      const started = Date.now();
      const error = await expectGreenApiError(client({ uploadIdleTimeoutMs: 300 }).uploadFile(fileSource(file, 'video/mp4')));
      assert.equal(error.kind, 'timeout');
      assert.ok(Date.now() - started < 5000);
      assert.equal(emulator.apiRequests('uploadFile').length, 1, 'a timed-out upload is not repeated');
    });

    it('aborts mid-upload when cancelled, and nothing is stored', async () => {
      const { file } = randomFile(dir, 'cancel.mp4', 2 * 1024 * 1024);
      emulator.set({ uploadBytesPerSecond: 256 * 1024 });
      const abort = new AbortController();
      const pending = client().uploadFile(fileSource(file, 'video/mp4'), { signal: abort.signal, onProgress: (sent) => sent > 300_000 && abort.abort() });
      const error = await expectGreenApiError(pending);
      assert.equal(error.kind, 'cancelled');
      assert.equal(emulator.uploads.length, 0);
    });

    it('stops at once when cancelled while the file is still opening, and closes it once it opens', async () => {
      const stalled = stalledOpen();
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 20);
      const started = Date.now();
      const error = await expectGreenApiError(client().uploadFile(stalled.source, { signal: abort.signal }));
      assert.deepEqual([error.kind, error.outcome], ['cancelled', 'not-sent']);
      assert.ok(Date.now() - started < 1000, 'waited for open()');
      assert.equal(emulator.requests.length, 0);
      await stalled.finishOpening();
      assert.equal(stalled.closed(), true, 'the file opened after the cancel was left open');
    });

    it('gives up an upload whose file never finishes opening, after the idle timeout, as not sent', async () => {
      const stalled = stalledOpen();
      const error = await expectGreenApiError(client({ uploadIdleTimeoutMs: 100, maxAttempts: 1 }).uploadFile(stalled.source));
      assert.deepEqual([error.kind, error.outcome], ['timeout', 'not-sent']);
      await stalled.finishOpening();
      assert.equal(stalled.closed(), true);
    });

    it('hits 404 when uploads are pointed at the API host', async () => {
      const { file } = randomFile(dir, 'wronghost.png', 1000);
      const error = await expectGreenApiError(client({ mediaUrl: emulator.apiUrl }).uploadFile(fileSource(file, 'image/png')));
      assert.equal(error.kind, 'not-found');
      assert.equal(error.httpStatus, 404);
    });
  });

  describe('sendMediaStatus', () => {
    async function uploaded(): Promise<string> {
      const { file } = randomFile(dir, 'status.png', 2048);
      return (await client().uploadFile(fileSource(file, 'image/png'))).urlFile;
    }

    it('sends exactly the documented body and returns the idMessage', async () => {
      const urlFile = await uploaded();
      // Two of the emulator's saved contacts, so the status would really appear.
      const participants = ['79001112233@c.us', '447700900123@c.us'];
      const { idMessage } = await client().sendMediaStatus({ urlFile, fileName: 'status.png', caption: 'Hello 👋', participants });
      const [status] = emulator.statuses;
      assert.equal(status.idMessage, idMessage);
      assert.deepEqual(status.body, { urlFile, fileName: 'status.png', caption: 'Hello 👋', participants });
      assert.deepEqual(status.problems, []);
    });

    it('omits caption and participants when empty (all contacts)', async () => {
      const urlFile = await uploaded();
      await client().sendMediaStatus({ urlFile, fileName: 'photo.png', caption: '', participants: [] });
      assert.deepEqual(Object.keys(emulator.statuses[0].body).sort(), ['fileName', 'urlFile']);
    });

    it('never repeats a send whose connection reset after the body went out, and says it may be queued', async () => {
      const urlFile = await uploaded();
      emulator.fault({ method: 'sendMediaStatus', action: 'reset-before-response', times: 3 });
      const error = await expectGreenApiError(client().sendMediaStatus({ urlFile, fileName: 'photo.png' }));
      assert.equal(error.kind, 'network');
      assert.equal(error.outcome, 'unknown');
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 1);
    });

    it('never repeats a send after a 502', async () => {
      const urlFile = await uploaded();
      emulator.fault({ method: 'sendMediaStatus', status: 502, body: 'Bad Gateway', times: 3 });
      const error = await expectGreenApiError(client().sendMediaStatus({ urlFile, fileName: 'photo.png' }));
      assert.equal(error.kind, 'server');
      assert.equal(error.httpStatus, 502);
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 1);
    });

    it('times out a send whose answer never comes, as possibly queued', async () => {
      const urlFile = await uploaded();
      emulator.fault({ method: 'sendMediaStatus', action: 'stall-headers' });
      const error = await expectGreenApiError(client({ requestTimeoutMs: 300 }).sendMediaStatus({ urlFile, fileName: 'photo.png' }));
      assert.equal(error.kind, 'timeout');
      assert.equal(error.outcome, 'unknown');
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 1);
    });

    it('reports 403 as forbidden when the instance lacks beta access', async () => {
      const urlFile = await uploaded();
      emulator.set({ betaAccess: false });
      const error = await expectGreenApiError(client().sendMediaStatus({ urlFile, fileName: 'photo.png' }));
      assert.equal(error.kind, 'forbidden');
      assert.equal(error.outcome, 'rejected');
    });

    it('shows the quota description of a 466', async () => {
      const urlFile = await uploaded();
      emulator.set({ quota: { method: 'sendMediaStatus', used: 3, total: 3, description: 'Monthly quota used up. Upgrade your plan.' } });
      const error = await expectGreenApiError(client().sendMediaStatus({ urlFile, fileName: 'photo.png' }));
      assert.equal(error.kind, 'quota');
      assert.equal(error.httpStatus, 466);
      assert.match(error.serverMessage ?? '', /quota|Upgrade/i);
    });

    it('passes on the validation message of a 400, redacted', async () => {
      const error = await expectGreenApiError(client().sendMediaStatus({ urlFile: 'https://example.invalid/x.png', fileName: 'noextension' }));
      assert.equal(error.kind, 'bad-request');
      assert.equal(error.httpStatus, 400);
      assert.ok(error.serverMessage);
    });

    it('recognises "instance starting", after trying three times', async () => {
      const urlFile = await uploaded();
      emulator.set({ stateInstance: 'starting' });
      const error = await expectGreenApiError(client().sendMediaStatus({ urlFile, fileName: 'photo.png' }));
      assert.deepEqual([error.kind, error.outcome], ['instance-starting', 'rejected']);
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 3);
      assert.equal(emulator.statuses.length, 0);
    });

    it('sends again on its own once the instance has started, posting once', async () => {
      const urlFile = await uploaded();
      emulator.fault({ method: 'sendMediaStatus', status: 400, body: 'instance in starting process try later' });
      await client().sendMediaStatus({ urlFile, fileName: 'photo.png' });
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 2);
      assert.equal(emulator.statuses.length, 1);
    });

    it('retries a 429 after the Retry-After seconds, then succeeds', async () => {
      const urlFile = await uploaded();
      emulator.fault({ method: 'sendMediaStatus', status: 429, body: 'Too Many Requests', headers: { 'Retry-After': '1' } });
      const started = Date.now();
      await client().sendMediaStatus({ urlFile, fileName: 'photo.png' });
      assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 2);
      assert.equal(emulator.statuses.length, 1);
    });

    it('gives up at once on a 429 that asks for more than a minute', async () => {
      const urlFile = await uploaded();
      const later = new Date(Date.now() + 5 * 60_000).toUTCString();
      emulator.fault({ method: 'sendMediaStatus', status: 429, body: 'Too Many Requests', headers: { 'Retry-After': later } });
      const error = await expectGreenApiError(client().sendMediaStatus({ urlFile, fileName: 'photo.png' }));
      assert.equal(error.kind, 'rate-limited');
      assert.ok((error.retryAfterMs ?? 0) > 60_000);
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 1);
    });

    it('does not follow a redirect, and nothing reaches the redirect target', async () => {
      emulator.fault({ method: 'sendMediaStatus', action: 'redirect' });
      const error = await expectGreenApiError(client().sendMediaStatus({ urlFile: 'https://x.invalid/a.png', fileName: 'a.png' }));
      assert.equal(error.kind, 'unexpected-response');
      assert.equal(emulator.requests.filter((request) => request.host === 'redirect').length, 0);
    });

    it('treats a truncated JSON answer as unexpected', async () => {
      emulator.fault({ method: 'sendMediaStatus', action: 'invalid-json' });
      const error = await expectGreenApiError(client().sendMediaStatus({ urlFile: 'https://x.invalid/a.png', fileName: 'a.png' }));
      assert.equal(error.kind, 'unexpected-response');
    });

    it('summarises an HTML error page instead of showing it', async () => {
      emulator.fault({ method: 'sendMediaStatus', action: 'html' });
      const error = await expectGreenApiError(client().sendMediaStatus({ urlFile: 'https://x.invalid/a.png', fileName: 'a.png' }));
      assert.equal(error.kind, 'server');
      assert.equal(error.serverMessage, 'HTML error page');
    });

    it('reports a TLS handshake refused by a plain-HTTP port (EPROTO) as not sent, never as possibly queued', async () => {
      const apiUrl = emulator.apiUrl.replace(/^http:/, 'https:');
      const error = await expectGreenApiError(client({ apiUrl }).sendMediaStatus({ urlFile: 'https://x.invalid/a.png', fileName: 'a.png' }));
      assert.deepEqual([error.kind, error.causeCode, error.outcome], ['tls', 'EPROTO', 'not-sent']);
      assert.equal(mayHaveBeenQueued(error), false);
      assert.equal(emulator.apiRequests().length, 0);
    });

    it('does not send when already cancelled', async () => {
      const abort = new AbortController();
      abort.abort();
      const error = await expectGreenApiError(client().sendMediaStatus({ urlFile: 'https://x.invalid/a.png', fileName: 'a.png' }, { signal: abort.signal }));
      assert.equal(error.kind, 'cancelled');
      assert.equal(error.outcome, 'not-sent');
      assert.equal(emulator.requests.length, 0);
    });
  });

  describe('account calls', () => {
    it('reads the instance state, and null while the instance is being created', async () => {
      assert.deepEqual(await client().getStateInstance(), { stateInstance: 'authorized' });
      emulator.set({ stateInstance: 'notAuthorized' });
      assert.deepEqual(await client().getStateInstance(), { stateInstance: 'notAuthorized' });
      emulator.set({ stateInstance: null });
      assert.deepEqual(await client().getStateInstance(), { stateInstance: null });
    });

    it('reads the phone from getWaSettings and the contacts list', async () => {
      emulator.set({ phone: '79005550000', contacts: [{ id: '79001112233@c.us', name: 'A', contactName: 'Ann', type: 'user' }] });
      assert.equal((await client().getWaSettings()).phone, '79005550000');
      assert.deepEqual(await client().getContacts(), [{ id: '79001112233@c.us', name: 'A', contactName: 'Ann', type: 'user' }]);
    });

    it('reports a wrong token as credentials (401), without retrying', async () => {
      const error = await expectGreenApiError(client({ apiTokenInstance: 'wrong-token-0000' }).getStateInstance());
      assert.equal(error.kind, 'credentials');
      assert.equal(error.httpStatus, 401);
      assert.equal(emulator.apiRequests('getStateInstance').length, 1);
    });

    it('reports another instance id as forbidden (403)', async () => {
      const error = await expectGreenApiError(client({ idInstance: '1101999999' }).getStateInstance());
      assert.equal(error.kind, 'forbidden');
    });

    it('retries a read on 502 up to three times', async () => {
      emulator.fault({ method: 'getStateInstance', status: 502, body: 'Bad Gateway', times: 2 });
      assert.deepEqual(await client().getStateInstance(), { stateInstance: 'authorized' });
      assert.equal(emulator.apiRequests('getStateInstance').length, 3);
    });

    it('stops after three attempts of a read that keeps failing', async () => {
      emulator.fault({ method: 'getStateInstance', status: 503, body: 'Service Unavailable', times: 5 });
      const error = await expectGreenApiError(client().getStateInstance());
      assert.equal(error.httpStatus, 503);
      assert.equal(emulator.apiRequests('getStateInstance').length, 3);
    });

    it('reports a refused connection as not sent, after retrying', async () => {
      const port = await closedPort();
      const error = await expectGreenApiError(client({ apiUrl: `http://127.0.0.1:${port}` }).getStateInstance());
      assert.equal(error.kind, 'network');
      assert.equal(error.causeCode, 'ECONNREFUSED');
      assert.equal(error.outcome, 'not-sent');
      assert.equal(log.lines.filter((line) => /retrying/.test(line)).length, 2);
    });

    it('reports an untrusted certificate as a TLS problem and never disables verification', async () => {
      const tls = await startEmulator({ tls: true, idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN });
      try {
        const error = await expectGreenApiError(client({ apiUrl: tls.apiUrl }).getStateInstance());
        assert.equal(error.kind, 'tls');
        assert.equal(error.outcome, 'not-sent');
        assert.equal(tls.apiRequests().length, 0);
      } finally {
        await tls.close();
      }
    });

    it('logs method, status and timing but never the URL', async () => {
      await client().getStateInstance();
      assert.equal(log.lines.length, 1);
      assert.match(log.lines[0], /^GET getStateInstance → 200 \(\d+ ms\)$/);
    });
  });
});

/** A port nothing listens on: bind, note it, close. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
