import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { startEmulator, type Emulator } from '../../emulator';
import { phoneJpeg } from '../../fixtures/metadata';
import { fixture } from '../core/support';
import { postJson, uploadedUrl } from './helpers';

describe('GREEN-API emulator: a stored picture that still tells where it was taken', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  it('marks an upload with GPS on the status page, and keeps the orientation it read', async () => {
    const plain = fs.readFileSync(fixture('landscape-160x90.jpg'));
    for (const [bytes, caption] of [
      [phoneJpeg(plain, 6), 'with GPS'],
      [plain, 'without'],
    ] as const) {
      const urlFile = await uploadedUrl(emulator, bytes, 'image/jpeg');
      await postJson(emulator, 'sendMediaStatus', { urlFile, fileName: 'a.jpg', caption });
    }
    assert.deepEqual(
      emulator.uploads.map((upload) => upload.location),
      [{ present: true, orientation: 6 }, { present: false }],
    );
    const html = await (await fetch(`${emulator.apiUrl}/`)).text();
    const articles = html.split('<article').slice(1);
    const marked = articles.filter((article) => article.includes('GPS present — would be public'));
    assert.equal(marked.length, 1);
    assert.ok(marked[0].includes('with GPS'));
  });
});
