// Journey 15: a photo straight from a phone tells where it was taken, and a status's link is public. Posted from the
// Explorer, the confirmation says the location was removed; what GREEN-API stored has no GPS and still shows upright
// (its Orientation kept), and the emulator's page, which marks a public status that tells a location, marks nothing.
import assert from 'node:assert/strict';
import { imageSize } from 'image-size';
import { SECRETS } from '../fixtures/metadata';
import { emulator, sha256Of } from './context';
import { CANAL } from './media';
import * as ui from './ui';

const CAPTION = 'Along the canal this morning';

describe('15. Post a phone photo without its location', () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
  });

  it('posts canal.jpg from the Explorer: the confirmation says the location was removed, and the upload has no GPS and stays upright', async () => {
    await ui.runExplorerCommand(CANAL, 'Post as Status');
    const toast = await ui.answerPostPrompts(CANAL, CAPTION, 'All my contacts', async (confirmation) => {
      const text = await confirmation.innerText();
      assert.ok(text.includes('Location and camera details removed'), text);
      await ui.screenshot('15-confirm');
      assert.equal(emulator().apiRequests('sendMediaStatus').length, 0, 'nothing is sent before "Post"');
    });
    const shownId = /^Status queued — id (\S+)$/.exec(await ui.toastMessage(toast))?.[1];
    assert.ok(shownId, 'the notification shows the status id');

    const [status] = emulator().statuses;
    assert.equal(status.idMessage, shownId);
    const upload = emulator().uploads.find((stored) => stored.urlFile === status.body.urlFile);
    assert.ok(upload, `no stored upload for ${String(status.body.urlFile)}`);
    assert.notEqual(upload.sha256, sha256Of(CANAL), 'what was sent is not the file as it is on disk');
    // The emulator read the stored file with the extension's own scanner.
    assert.deepEqual(upload.location, { present: false, orientation: 6 });

    // The bytes anyone with the link gets.
    const response = await fetch(upload.urlFile);
    assert.equal(response.status, 200);
    const sent = Buffer.from(await response.arrayBuffer());
    for (const secret of SECRETS) assert.equal(sent.indexOf(secret, 0, 'latin1'), -1, `"${secret}" is in the uploaded file`);
    // Stored 160×90 and turned a quarter on screen: the 9:16 portrait the phone took.
    assert.deepEqual(imageSize(sent), { type: 'jpg', width: 160, height: 90, orientation: 6 });

    // A page of its own: the workbench's context was opened by browser.newPage() and takes no second page.
    const statusPage = await ui.page().context().browser()!.newPage();
    try {
      await statusPage.goto(`${emulator().apiUrl}/`);
      const article = statusPage.locator('article').filter({ hasText: shownId });
      await article.waitFor({ state: 'visible' });
      await article.locator('img').waitFor({ state: 'visible' });
      assert.doesNotMatch(await article.innerText(), /GPS present/);
    } finally {
      await statusPage.close();
    }
  });
});
