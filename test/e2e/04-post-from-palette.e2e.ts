// Journey 4: with a video open in an editor tab, "Post as Status" from the Command Palette posts that file.
import assert from 'node:assert/strict';
import { emulator, sha256Of } from './context';
import { CLIP } from './media';
import * as ui from './ui';

const CAPTION = 'Two seconds of fame';

describe('4. Post the open video from the Command Palette', () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
  });

  it('posts clip.mp4 to all contacts after the caption, audience and confirmation', async () => {
    await ui.openFromExplorer(CLIP);
    await ui.waitForMediaPreview('video');
    await ui.screenshot('04-video-open');
    await ui.runPaletteCommand('WhatsApp Status: Post as Status');

    await ui.waitForQuickInput(`Caption for ${CLIP}`);
    await ui.typeInQuickInput(CAPTION);
    await ui.screenshot('04-caption');
    await ui.acceptQuickInput();

    await ui.waitForQuickInput('Who may see this status?');
    await ui.screenshot('04-audience');
    await ui.pickQuickPickRow('All my contacts');

    const confirm = await ui.waitForDialog(`Post ${CLIP}`);
    const text = await confirm.innerText();
    assert.ok(text.includes(`Caption: ${CAPTION}`), text);
    assert.ok(text.includes('Audience: All my contacts'), text);
    await ui.screenshot('04-confirm');
    await ui.clickDialogButton('Post');

    const toast = await ui.waitForToast(/Status queued — id /);
    await ui.waitForToastGone(/WhatsApp status: /);
    const shownId = /^Status queued — id (\S+)$/.exec(await ui.toastMessage(toast))?.[1];
    await ui.screenshot('04-notification');

    assert.equal(emulator().apiRequests('sendMediaStatus').length, 1, 'exactly one sendMediaStatus');
    const [status] = emulator().statuses;
    assert.equal(status.idMessage, shownId);
    assert.equal(status.body.fileName, 'status.mp4', 'named by its type, not by the file');
    assert.equal(status.body.caption, CAPTION);
    assert.equal(status.body.participants, undefined, 'all contacts: no participants list');
    assert.deepEqual(status.problems, []);
    const [upload] = emulator().uploads;
    assert.equal(upload.contentType, 'video/mp4');
    assert.equal(status.body.urlFile, upload.urlFile);
    assert.equal(upload.sha256, sha256Of(CLIP), 'the uploaded bytes are the open video');
  });
});
