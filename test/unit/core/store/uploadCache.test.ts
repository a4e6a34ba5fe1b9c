import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { bytesUploadReader } from '../../../../src/core/media/fileSource';
import type { UploadSource } from '../../../../src/core/greenApi/types';
import { UPLOAD_CACHE_KEY, UPLOAD_REUSE_MS, UploadCache, withUploadCache } from '../../../../src/core/store/uploadCache';
import { type Emulator } from '../../../emulator';
import { SENTINEL_TOKEN, emulatorClient, fileSource, randomFile, stalledOpen, useEmulatorSuite } from '../../helpers';
import { DAY_MS, FakeClock, MemoryStore, expectGreenApiError } from '../support';

const sha = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');
const URL_A = 'https://media.example/1101000001/a.png';

describe('core/uploadCache', () => {
  describe('UploadCache', () => {
    let store: MemoryStore;
    let clock: FakeClock;
    let cache: UploadCache;
    beforeEach(() => {
      store = new MemoryStore();
      clock = new FakeClock();
      cache = new UploadCache(store, clock);
    });

    it('finds a link for the same content, type and size, and keeps only link, time, size and type', async () => {
      await cache.remember('aa', { urlFile: URL_A, size: 10, contentType: 'image/png' });
      assert.equal((await cache.find('aa', 'image/png', 10))?.urlFile, URL_A);
      assert.equal(await cache.find('aa', 'image/jpeg', 10), undefined, 'the server names the file by its type');
      assert.equal(await cache.find('aa', 'image/png', 11), undefined);
      assert.equal(await cache.find('bb', 'image/png', 10), undefined);
      assert.deepEqual(store.get(UPLOAD_CACHE_KEY), { aa: { urlFile: URL_A, size: 10, contentType: 'image/png', uploadedAt: clock.time } });
    });

    it('reuses a link for just under 14 days, then drops it from storage on the next read', async () => {
      await cache.remember('aa', { urlFile: URL_A, size: 10, contentType: 'image/png' });
      clock.advance(UPLOAD_REUSE_MS - 1);
      assert.ok(await cache.find('aa', 'image/png', 10));
      clock.advance(1);
      assert.equal(await cache.find('aa', 'image/png', 10), undefined);
      assert.deepEqual(store.get(UPLOAD_CACHE_KEY), {});
    });

    it('prunes expired entries when writing and keeps at most 500, newest first', async () => {
      await cache.remember('old', { urlFile: URL_A, size: 1, contentType: 'image/png' });
      clock.advance(15 * DAY_MS);
      for (let i = 0; i < 505; i++) {
        clock.advance(1);
        await cache.remember(`h${i}`, { urlFile: URL_A, size: 1, contentType: 'image/png' });
      }
      const stored = store.get<Record<string, unknown>>(UPLOAD_CACHE_KEY) ?? {};
      assert.equal(Object.keys(stored).length, 500);
      assert.ok(!('old' in stored) && !('h4' in stored) && 'h5' in stored && 'h504' in stored);
    });

    it('ignores malformed stored entries and ones dated in the future', async () => {
      await store.update(UPLOAD_CACHE_KEY, {
        good: { urlFile: URL_A, size: 1, contentType: 'image/png', uploadedAt: clock.time - 1000 },
        future: { urlFile: URL_A, size: 1, contentType: 'image/png', uploadedAt: clock.time + DAY_MS },
        noUrl: { size: 1, contentType: 'image/png', uploadedAt: clock.time },
        notHttp: { urlFile: 'file:///etc/passwd', size: 1, contentType: 'image/png', uploadedAt: clock.time },
      });
      assert.ok(await cache.find('good', 'image/png', 1));
      for (const key of ['future', 'noUrl', 'notHttp']) assert.equal(await cache.find(key, 'image/png', 1), undefined, key);
      assert.deepEqual(Object.keys(store.get(UPLOAD_CACHE_KEY) ?? {}), ['good']);
      await store.update(UPLOAD_CACHE_KEY, 'garbage');
      assert.equal(await cache.find('good', 'image/png', 1), undefined);
    });
  });

  describe('withUploadCache against the emulator', () => {
    let emulator: Emulator;
    let dir: string;
    let store: MemoryStore;
    let clock: FakeClock;
    const client = () => emulatorClient(emulator);
    const uploader = () => withUploadCache(client(), new UploadCache(store, clock), 'scope');

    useEmulatorSuite((emu, tmp) => ((emulator = emu), (dir = tmp)));
    beforeEach(() => {
      store = new MemoryStore();
      clock = new FakeClock();
    });

    it('uploads a file once and reuses its link for the same bytes, reporting full progress', async () => {
      const { file, sha256 } = randomFile(dir, 'same.png', 300_000);
      const first = await uploader().uploadFile(fileSource(file, 'image/png'));
      const progress: number[] = [];
      const second = await uploader().uploadFile(fileSource(file, 'image/png'), { onProgress: (sent) => progress.push(sent) });
      assert.deepEqual([first.reused, second.reused], [false, true]);
      assert.equal(second.urlFile, first.urlFile);
      assert.deepEqual(progress, [300_000]);
      assert.equal(emulator.apiRequests('uploadFile').length, 1);
      assert.equal(emulator.uploads[0].sha256, sha256);
      const stored = JSON.stringify([...store.values]);
      assert.ok(stored.includes(sha256) && !stored.includes(SENTINEL_TOKEN));
    });

    it('reuses a link even when the progress callback throws', async () => {
      const { file } = randomFile(dir, 'reuse-throwing.png', 3000);
      const first = await uploader().uploadFile(fileSource(file, 'image/png'));
      const second = await uploader().uploadFile(fileSource(file, 'image/png'), {
        onProgress: () => {
          throw new Error('progress reporter broke');
        },
      });
      assert.deepEqual([second.reused, second.urlFile], [true, first.urlFile]);
    });

    it('never reuses a link made for another instance or media host', async () => {
      const { file } = randomFile(dir, 'scoped.png', 4000);
      const cache = new UploadCache(store, clock);
      await withUploadCache(client(), cache, 'https://1101.media.green-api.com 1101000001').uploadFile(fileSource(file, 'image/png'));
      const other = await withUploadCache(client(), cache, 'https://7103.media.greenapi.com 7103000002').uploadFile(fileSource(file, 'image/png'));
      assert.equal(other.reused, false);
      assert.equal(emulator.apiRequests('uploadFile').length, 2);
    });

    /** A file source that names itself, counting the bytes read from the file. */
    function namedSource(file: string, identity: string): UploadSource & { readBytes: number } {
      const plain = fileSource(file, 'image/png');
      const counted = {
        size: plain.size,
        contentType: plain.contentType,
        identity,
        readBytes: 0,
        async open() {
          const reader = await plain.open();
          return {
            read: async (buffer: Buffer, position: number) => {
              const bytes = await reader.read(buffer, position);
              counted.readBytes += bytes;
              return bytes;
            },
            close: () => reader.close(),
          };
        },
      };
      return counted;
    }

    it('reads a new file that names itself once, only to send it (it is known again by its identity, not its bytes)', async () => {
      const { file } = randomFile(dir, 'once.png', 300_000);
      const source = namedSource(file, `file:///once.png 300000 ${clock.time}`);
      assert.equal((await uploader().uploadFile(source)).reused, false);
      // The upload's one read, plus the one byte past the end that proves the file ended where it said.
      assert.ok(source.readBytes <= 300_000 + 1, `read ${source.readBytes} bytes`);
      assert.equal(emulator.apiRequests('uploadFile').length, 1);
    });

    it('knows a file again by its identity without reading it, and never stores the identity itself', async () => {
      const { file } = randomFile(dir, 'known.png', 50_000);
      const identity = `file:///home/someone/known.png 50000 ${clock.time}`;
      const first = await uploader().uploadFile(namedSource(file, identity));
      const again = namedSource(file, identity);
      const second = await uploader().uploadFile(again);
      assert.deepEqual([second.reused, second.urlFile], [true, first.urlFile]);
      assert.equal(again.readBytes, 0, 'not read at all');
      assert.equal(emulator.apiRequests('uploadFile').length, 1);
      assert.ok(!JSON.stringify(store.get(UPLOAD_CACHE_KEY)).includes('someone'), 'no path in the storage');
    });

    it('uploads again when the identity changed (the file was saved since)', async () => {
      const { file } = randomFile(dir, 'saved.png', 50_000);
      await uploader().uploadFile(namedSource(file, `file:///saved.png 50000 ${clock.time}`));
      const touched = namedSource(file, `file:///saved.png 50000 ${clock.time + 1000}`);
      assert.equal((await uploader().uploadFile(touched)).reused, false);
      assert.equal(emulator.apiRequests('uploadFile').length, 2);
    });

    it('uploads again when the content changed or the link is 14 days old', async () => {
      const { file } = randomFile(dir, 'changes.png', 5000);
      await uploader().uploadFile(fileSource(file, 'image/png'));
      fs.writeFileSync(file, crypto.randomBytes(5000));
      assert.equal((await uploader().uploadFile(fileSource(file, 'image/png'))).reused, false);
      clock.advance(14 * DAY_MS);
      assert.equal((await uploader().uploadFile(fileSource(file, 'image/png'))).reused, false);
      assert.equal(emulator.apiRequests('uploadFile').length, 3);
    });

    it('remembers the link under the bytes actually sent, even if the file changed after hashing', async () => {
      const before = crypto.randomBytes(4000);
      const sent = crypto.randomBytes(4000);
      let opened = 0;
      const source: UploadSource = { size: 4000, contentType: 'image/png', open: async () => bytesUploadReader(opened++ === 0 ? before : sent) };
      const { urlFile } = await uploader().uploadFile(source);
      const cache = new UploadCache(store, clock);
      assert.equal((await cache.find(`scope ${sha(sent)}`, 'image/png', 4000))?.urlFile, urlFile);
      assert.equal(await cache.find(`scope ${sha(before)}`, 'image/png', 4000), undefined);
    });

    it('remembers an upload that succeeded on a retry', async () => {
      const { file, sha256 } = randomFile(dir, 'retried.png', 20_000);
      emulator.fault({ method: 'uploadFile', action: 'reset-before-response' });
      const { urlFile } = await uploader().uploadFile(fileSource(file, 'image/png'));
      assert.equal((await new UploadCache(store, clock).find(`scope ${sha256}`, 'image/png', 20_000))?.urlFile, urlFile);
    });

    it('does not reuse a remembered link stored as another type, and remembers the new upload instead', async () => {
      const { file, sha256 } = randomFile(dir, 'was-bin.png', 3000);
      const cache = new UploadCache(store, clock);
      await cache.remember(`scope ${sha256}`, { urlFile: 'https://media.example/1101000001/old.bin', size: 3000, contentType: 'image/png' });
      const upload = await uploader().uploadFile(fileSource(file, 'image/png'));
      assert.equal(upload.reused, false);
      assert.equal(emulator.apiRequests('uploadFile').length, 1);
      assert.equal((await cache.find(`scope ${sha256}`, 'image/png', 3000))?.urlFile, upload.urlFile);
    });

    it('still uploads when the storage fails', async () => {
      const { file } = randomFile(dir, 'nostore.png', 1000);
      store.failUpdates = true;
      store.values.set(UPLOAD_CACHE_KEY, JSON.stringify({ stale: { urlFile: URL_A, size: 1, contentType: 'x', uploadedAt: 0 } }));
      assert.equal((await uploader().uploadFile(fileSource(file, 'image/png'))).reused, false);
      assert.equal(emulator.uploads.length, 1);
    });

    it('fails as the client would, sending nothing, for an unreadable file or a cancel', async () => {
      const missing = fileSource(`${dir}/missing.png`, 'image/png', 10);
      const unreadable = await expectGreenApiError(uploader().uploadFile(missing));
      assert.deepEqual([unreadable.kind, unreadable.causeCode, unreadable.outcome], ['file-unreadable', 'ENOENT', 'not-sent']);
      const { file } = randomFile(dir, 'cancel.png', 2_000_000);
      const abort = new AbortController();
      abort.abort();
      const cancelled = await expectGreenApiError(uploader().uploadFile(fileSource(file, 'image/png'), { signal: abort.signal }));
      assert.deepEqual([cancelled.kind, cancelled.outcome], ['cancelled', 'not-sent']);
      const midway = new AbortController();
      const stuck: UploadSource = { size: 10, contentType: 'image/png', open: async () => ({ read: () => new Promise(() => {}), close: async () => {} }) };
      setTimeout(() => midway.abort(), 20);
      assert.equal((await expectGreenApiError(uploader().uploadFile(stuck, { signal: midway.signal }))).kind, 'cancelled');
      assert.equal(emulator.requests.length, 0);
    });

    it('closes a file that finishes opening only after the cancel', async () => {
      const stalled = stalledOpen();
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 20);
      assert.equal((await expectGreenApiError(uploader().uploadFile(stalled.source, { signal: abort.signal }))).kind, 'cancelled');
      await stalled.finishOpening();
      assert.equal(stalled.closed(), true, 'left to the garbage collector');
      assert.equal(emulator.requests.length, 0);
    });
  });
});
