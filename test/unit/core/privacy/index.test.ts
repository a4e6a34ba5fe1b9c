import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { imageSize } from 'image-size';
import { parseBuffer } from 'music-metadata';
import { PNG } from 'pngjs';
import { bytesUploadReader } from '../../../../src/core/media/fileSource';
import type { UploadReader, UploadSource } from '../../../../src/core/greenApi/types';
import { MalformedMediaError, describeFindings, privateUploadSource } from '../../../../src/core/privacy';
import { UPLOAD_CACHE_KEY, UploadCache, withUploadCache } from '../../../../src/core/store/uploadCache';
import { postUpload } from '../../../../src/core/greenApi/uploadRequest';
import { APPLE_KEYS, SECRETS, iphoneMov, phoneJpeg, phonePng } from '../../../fixtures/metadata';
import { noisePng } from '../../../fixtures/png';
import type { Emulator } from '../../../emulator';
import { ensureDebianCommand } from '../../../harness/debian';
import { emulatorClient, useEmulatorSuite } from '../../helpers';
import { FakeClock, MemoryStore, fixture, pngBytes } from '../support';

const sha = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');
const BASE_JPEG = fs.readFileSync(fixture('landscape-160x90.jpg'));
const BASE_MOV = fs.readFileSync(fixture('clip-3s.mov'));
/** The minimal Exif the stripper writes back: APP1 "Exif", big-endian TIFF, one IFD holding only Orientation. */
const orientationExif = (orientation: number) =>
  Buffer.concat([
    Buffer.from('ffe10022457869660000', 'hex'),
    Buffer.from('4d4d002a000000080001011200030000000100', 'hex'),
    Buffer.from([orientation, 0, 0, 0, 0, 0, 0]),
  ]);

function bytesSource(bytes: Buffer, contentType: string): UploadSource & { opened: number } {
  const source = { size: bytes.length, contentType, opened: 0, open: async () => (source.opened++, bytesUploadReader(bytes)) };
  return source;
}

/** Everything a source produces, read `chunk` bytes at a time as the upload does. */
async function readAll(source: UploadSource, chunk = 512 * 1024): Promise<Buffer> {
  const reader = await source.open();
  const parts: Buffer[] = [];
  for (let position = 0; ;) {
    const buffer = Buffer.alloc(chunk);
    const bytes = await reader.read(buffer, position);
    if (!bytes) break;
    parts.push(buffer.subarray(0, bytes));
    position += bytes;
  }
  await reader.close();
  return Buffer.concat(parts);
}

async function strip(bytes: Buffer, contentType: string) {
  const { source, found } = await privateUploadSource(bytesSource(bytes, contentType));
  const sent = await readAll(source);
  assert.equal(sent.length, source.size, 'the size announced is the size streamed');
  return { source, found, sent };
}

function assertNoSecrets(sent: Buffer, except: readonly string[] = []): void {
  for (const secret of SECRETS) if (!except.includes(secret)) assert.equal(sent.indexOf(secret, 0, 'latin1'), -1, `"${secret}" was sent`);
}

describe('privacy: metadata left out of uploads', () => {
  describe('JPEG', () => {
    it('removes Exif, XMP, IPTC and the comment, keeps JFIF, and writes back only the orientation', async () => {
      const original = phoneJpeg(BASE_JPEG, 6);
      const { found, sent } = await strip(original, 'image/jpeg');
      assertNoSecrets(sent);
      // JFIF first, then the new Exif, then the original's tables and entropy-coded data byte for byte.
      const app0End = 4 + BASE_JPEG.readUInt16BE(4);
      assert.deepEqual(sent, Buffer.concat([BASE_JPEG.subarray(0, app0End), orientationExif(6), BASE_JPEG.subarray(app0End)]));
      assert.equal(imageSize(sent).orientation, 6, 'still upright on screen');
      assert.equal(found.location, true);
      assert.equal(found.orientation, 6);
      for (const field of ['Make', 'Model', 'Software', 'BodySerialNumber', 'CameraOwnerName', 'DateTimeOriginal', 'XMP', 'IPTC', 'Comment'])
        assert.ok(found.fields.has(field), field);
      assert.equal(describeFindings(found).includes('Amsterdam'), false, 'the log names fields, never values');
      // The sent picture, scanned again, holds nothing more to remove.
      const again = await strip(sent, 'image/jpeg');
      assert.equal(describeFindings(again.found), 'removed Exif; kept Orientation 6');
    });

    it('writes no Exif when the original had no orientation, and a file without metadata is sent unchanged', async () => {
      assert.deepEqual((await strip(phoneJpeg(BASE_JPEG, null), 'image/jpeg')).sent, BASE_JPEG);
      const plain = await strip(BASE_JPEG, 'image/jpeg');
      assert.deepEqual(plain.sent, BASE_JPEG);
      assert.equal(describeFindings(plain.found), 'nothing to remove');
    });

    it('streams the same bytes however the upload cuts its reads', async () => {
      const { source, sent } = await strip(phoneJpeg(BASE_JPEG, 3), 'image/jpeg');
      for (const chunk of [1, 5, 33, 4096]) assert.deepEqual(await readAll(source, chunk), sent, `reads of ${chunk}`);
    });
  });

  describe('PNG', () => {
    it('scans a picture written in 8 KB chunks, as libpng writes them, with a few reads of the file', async () => {
      const original = noisePng(1200, 800, 8 * 1024);
      let reads = 0;
      const source: UploadSource = {
        size: original.length,
        contentType: 'image/png',
        open: async () => {
          const reader = bytesUploadReader(original);
          return { read: (buffer, position) => (reads++, reader.read(buffer, position)), close: () => reader.close() };
        },
      };
      const { source: sent, found } = await privateUploadSource(source);
      assert.equal(describeFindings(found), 'nothing to remove');
      // 352 chunks: a read per header would be 350 and more; the scan reads 256 KB at a time.
      assert.ok(reads <= 20, `${reads} reads`);
      assert.deepEqual(await readAll(sent), original);
    });

    it('removes eXIf, iTXt, tEXt and tIME, keeps every other chunk, and keeps the orientation in a minimal eXIf', async () => {
      const base = pngBytes(9, 16);
      const { found, sent } = await strip(phonePng(base, 6), 'image/png');
      assertNoSecrets(sent);
      const afterIhdr = 8 + 12 + 13;
      const exif = Buffer.from(orientationExif(6).subarray(10));
      assert.deepEqual(sent.subarray(0, afterIhdr), base.subarray(0, afterIhdr));
      assert.equal(sent.toString('latin1', afterIhdr + 4, afterIhdr + 8), 'eXIf');
      assert.deepEqual(sent.subarray(afterIhdr + 8, afterIhdr + 8 + exif.length), exif);
      assert.deepEqual(sent.subarray(afterIhdr + 12 + exif.length), base.subarray(afterIhdr), 'IDAT and IEND byte for byte');
      assert.deepEqual(imageSize(sent), { height: 16, width: 9, type: 'png' });
      assert.equal(found.location, true);
      for (const field of ['Make', 'BodySerialNumber', 'XMP', 'tEXt Author', 'tIME']) assert.ok(found.fields.has(field), field);
    });
  });

  describe('MP4/MOV', () => {
    it('turns the location and device atoms into free boxes of the same size, keeping the creation date and the media data', async () => {
      const original = iphoneMov(BASE_MOV);
      const { found, sent } = await strip(original, 'video/quicktime');
      assert.equal(sent.length, original.length, 'no offset moves');
      assert.deepEqual(sent.subarray(0, BASE_MOV.length - 932), original.subarray(0, BASE_MOV.length - 932), 'ftyp, wide and mdat byte for byte');
      assertNoSecrets(sent);
      assert.equal(sent.indexOf('17.4.1', 0, 'latin1'), -1);
      assert.ok(sent.indexOf(APPLE_KEYS[4][1], 0, 'utf8') > 0, 'the creation date is kept');
      assert.equal(found.location, true);
      assert.deepEqual([...found.fields].sort(), ['make', 'model', 'software']);
      // A real parser still reads the movie as the original: one 3 s H.264 track.
      const tracks = async (bytes: Buffer) => (await parseBuffer(bytes, { mimeType: 'video/quicktime' })).format.trackInfo;
      assert.deepEqual(await tracks(sent), await tracks(original));
      assert.equal((await tracks(sent))[0].codecId, 'avc1');
    });
  });

  describe('damaged files are refused before anything is sent', () => {
    const refused = async (bytes: Buffer, contentType: string, truncated: boolean, reason: RegExp) => {
      const started = Date.now();
      await assert.rejects(
        privateUploadSource(bytesSource(bytes, contentType)),
        (error: unknown) => error instanceof MalformedMediaError && error.truncated === truncated && reason.test(error.message),
      );
      assert.ok(Date.now() - started < 200, 'refused at once');
    };

    it('a JPEG segment length past the end of the file', async () => {
      const jpeg = phoneJpeg(BASE_JPEG);
      await refused(jpeg.subarray(0, 60), 'image/jpeg', true, /segment runs past the end/);
      await refused(Buffer.from('not a jpeg'), 'image/jpeg', false, /start-of-image/);
    });

    it('a PNG cut short, and an MP4 box whose size would loop or overrun', async () => {
      const png = phonePng(pngBytes(9, 16));
      await refused(png.subarray(0, png.length - 20), 'image/png', true, /IDAT chunk runs past the end/);
      const mov = iphoneMov(BASE_MOV);
      const zeroSize = Buffer.from(mov);
      zeroSize.writeUInt32BE(0, mov.indexOf('udta', 0, 'latin1') - 4); // a size of 0 inside moov would never advance
      await refused(zeroSize, 'video/quicktime', false, /a box of 0 bytes/);
      await refused(mov.subarray(0, mov.length - 10), 'video/quicktime', true, /past the end of the file/);
    });
  });

  it('sends BMP and audio as they are', async () => {
    const bmp = bytesSource(Buffer.from('BM not parsed'), 'image/bmp');
    assert.equal((await privateUploadSource(bmp)).source, bmp);
  });

  it('announces as Content-Length exactly the bytes it streams, and a file that grew since the scan is refused', async () => {
    const received: Array<{ length: string | undefined; bytes: Buffer }> = [];
    const server = http.createServer((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        received.push({ length: request.headers['content-length'], bytes: Buffer.concat(parts) });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
      const post = (reader: UploadReader, size: number) =>
        postUpload({
          url,
          contentType: 'image/jpeg',
          fileName: 'status.jpg',
          size,
          reader,
          signal: new AbortController().signal,
          maxResponseBytes: 1000,
          onSent() {},
        });
      const original = phoneJpeg(BASE_JPEG);
      const { source, sent } = await strip(original, 'image/jpeg');
      await post(await source.open(), source.size);
      assert.equal(received[0].length, String(sent.length));
      assert.deepEqual(received[0].bytes, sent);
      // A file that grew by a byte after it was scanned: the upload stops as changed rather than send a cut file.
      let onDisk = original;
      const grown = await privateUploadSource({ size: original.length, contentType: 'image/jpeg', open: async () => bytesUploadReader(onDisk) });
      onDisk = Buffer.concat([original, Buffer.from([0])]);
      await assert.rejects(post(await grown.source.open(), grown.source.size), /changed/);
    } finally {
      server.close();
    }
  });

  describe('read back by an independent reader, exiftool, as the emulator stored them', () => {
    let emulator: Emulator;
    let dir: string;
    before(function () {
      this.timeout(300_000);
      ensureDebianCommand('exiftool', 'libimage-exiftool-perl');
    });
    useEmulatorSuite((emu, tmp) => ((emulator = emu), (dir = tmp)));

    /** exiftool's reading of `bytes`: every tag it finds, as "group:name", numbers as numbers. */
    function exiftool(bytes: Buffer, name: string): Record<string, unknown> {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      const read = spawnSync('exiftool', ['-json', '-n', '-G1', '-a', file], { encoding: 'utf8' });
      assert.equal(read.status, 0, read.stderr);
      return (JSON.parse(read.stdout) as Array<Record<string, unknown>>)[0];
    }

    /** The tags that place the picture or name its camera, software or owner. */
    const identifying = (tags: Record<string, unknown>) =>
      Object.keys(tags).filter((tag) => /GPS|Location|:(Make|Model|Software|SerialNumber|OwnerName|Author|City)$|^(XMP|IPTC)/.test(tag));

    /** Uploads `bytes` as a post does by default, without their metadata, and downloads what the emulator stored. */
    async function storedWithoutMetadata(bytes: Buffer, contentType: string): Promise<Buffer> {
      const { source } = await privateUploadSource(bytesSource(bytes, contentType));
      const { urlFile } = await emulatorClient(emulator).uploadFile(source);
      return Buffer.from(await (await fetch(urlFile)).arrayBuffer());
    }

    it('a JPEG: no location, camera or owner, the orientation kept, the picture byte for byte', async () => {
      const original = phoneJpeg(BASE_JPEG, 6);
      const before = exiftool(original, 'original.jpg');
      assert.deepEqual([before['GPS:GPSLatitude'], before['ExifIFD:SerialNumber'], before['XMP-photoshop:City']], [52.3731, 'SN-C39XK2', 'Amsterdam']);
      const stored = await storedWithoutMetadata(original, 'image/jpeg');
      const after = exiftool(stored, 'stored.jpg');
      assert.deepEqual(identifying(after), []);
      assert.equal(after['IFD0:Orientation'], 6);
      // After its JFIF header the fixture is all picture (tables, frame, scan data), identical bytes decoding alike.
      const picture = BASE_JPEG.subarray(4 + BASE_JPEG.readUInt16BE(4));
      assert.ok(stored.subarray(stored.length - picture.length).equals(picture), 'the picture data changed');
    });

    it('a PNG: no location, camera or author, the orientation kept, the same pixels', async () => {
      const original = phonePng(noisePng(48, 27), 6);
      const before = exiftool(original, 'original.png');
      assert.deepEqual([before['GPS:GPSLongitude'], before['IFD0:Model'], before['PNG:Author']], [4.8922, 'iPhone 15 Pro', 'Jane Doe']);
      const stored = await storedWithoutMetadata(original, 'image/png');
      const after = exiftool(stored, 'stored.png');
      assert.deepEqual(identifying(after), []);
      assert.equal(after['IFD0:Orientation'], 6);
      assert.ok(PNG.sync.read(stored).data.equals(PNG.sync.read(original).data), 'the pixels changed');
    });

    it('an iPhone movie: no location, make, model or software in either place, the creation date and media data kept', async () => {
      const original = iphoneMov(BASE_MOV);
      const before = exiftool(original, 'original.mov');
      assert.deepEqual(
        [before['UserData:GPSCoordinates'], before['Keys:GPSCoordinates'], before['Keys:Make']],
        ['52.3731 4.8922', '52.3731 4.8922 1', 'Apple'],
      );
      const stored = await storedWithoutMetadata(original, 'video/quicktime');
      const after = exiftool(stored, 'stored.mov');
      assert.deepEqual(identifying(after), []);
      assert.equal(after['Keys:CreationDate'], before['Keys:CreationDate']);
      assert.ok(topLevelBox(stored, 'mdat').equals(topLevelBox(original, 'mdat')), 'the media data changed');
    });
  });

  it('keys the upload cache on the bytes sent: two originals that strip alike are uploaded once', async () => {
    const store = new MemoryStore();
    const uploads: Buffer[] = [];
    const uploader = {
      uploadFile: async (source: UploadSource) => {
        uploads.push(await readAll(source));
        return { urlFile: 'https://media.example/1101000001/a.jpg' };
      },
    };
    const cached = withUploadCache(uploader, new UploadCache(store, new FakeClock()), 'scope');
    const withLocation = await privateUploadSource(bytesSource(phoneJpeg(BASE_JPEG, 6), 'image/jpeg'));
    assert.equal((await cached.uploadFile(withLocation.source)).reused, false);
    const stripped = uploads[0];
    assert.deepEqual(Object.keys(store.get<object>(UPLOAD_CACHE_KEY) ?? {}), [`scope ${sha(stripped)}`]);
    // Another copy of the photo with other metadata (no IPTC, other camera values) but the same picture and orientation.
    const sameBytes = await privateUploadSource(bytesSource(stripped, 'image/jpeg'));
    assert.equal((await cached.uploadFile(sameBytes.source)).reused, true);
    assert.equal(uploads.length, 1);
  });
});

/** A top-level box of an MP4/MOV file, header included. */
function topLevelBox(file: Buffer, type: string): Buffer {
  for (let position = 0; position + 8 <= file.length; position += file.readUInt32BE(position)) {
    if (file.toString('latin1', position + 4, position + 8) === type) return file.subarray(position, position + file.readUInt32BE(position));
  }
  throw new Error(`no ${type} box`);
}
