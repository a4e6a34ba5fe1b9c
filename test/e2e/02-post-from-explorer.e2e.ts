// Journey 2: right-click a picture in the Explorer, caption it, choose who may see it, confirm, and see the status id
// GREEN-API answered.
import assert from 'node:assert/strict';
import { emulator, sha256Of } from './context';
import { PHOTO } from './media';
import * as ui from './ui';

const CAPTION = 'Sunset from the office window, day 3';
const TYPED_NUMBERS = '+7 900 111-22-33, 447700900123';
const CHAT_IDS = ['79001112233@c.us', '447700900123@c.us'];

describe('2. Post from the Explorer context menu', () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
  });

  it('posts photo.png with a caption to two typed numbers and shows the id GREEN-API returned', async () => {
    // Open first, as a person looking at the picture would; the post still starts from the Explorer's menu.
    await ui.openFromExplorer(PHOTO);
    await ui.waitForMediaPreview('img');
    const reopen = () => ui.openExplorerContextMenu(PHOTO);
    await reopen();
    const item = await ui.waitForMenuItem('Post as Status', reopen);
    await item.hover();
    await ui.screenshot('02-context-menu');
    await ui.clickMenuItem('Post as Status');

    await ui.waitForQuickInput(`Caption for ${PHOTO}`);
    await ui.typeInQuickInput(CAPTION);
    await ui
      .quickInputMessage()
      .filter({ hasText: `${CAPTION.length} / 1024 characters` })
      .waitFor();
    await ui.screenshot('02-caption');
    await ui.acceptQuickInput();

    await ui.waitForQuickInput('Who may see this status?');
    await ui.typeInQuickInput(TYPED_NUMBERS);
    const only = `Only: ${CHAT_IDS.map((id) => `+${id.replace('@c.us', '')}`).join(', ')}`;
    await ui.quickPickRow(only).waitFor();
    await ui.screenshot('02-participants');
    await ui.readmeScreenshot('participants', { x: 330, y: 0, width: 620, height: 105 });
    await ui.pickQuickPickRow(only);

    const confirm = await ui.waitForDialog(`Post ${PHOTO}`);
    const text = await confirm.innerText();
    assert.match(text, new RegExp(`Post ${PHOTO} \\([\\d.]+ kB\\) as a WhatsApp status\\?`));
    assert.ok(text.includes(`Caption: ${CAPTION}`), text);
    assert.ok(text.includes('Audience: +79001112233, +447700900123'), text);
    await ui.screenshot('02-confirm');
    assert.equal(emulator().apiRequests('sendMediaStatus').length, 0, 'nothing is sent before "Post"');
    await ui.clickDialogButton('Post');

    const toast = await ui.waitForToast(/Status queued — id /);
    await ui.waitForToastGone(/WhatsApp status: /);
    const message = await ui.toastMessage(toast);
    const shownId = /^Status queued — id (\S+)$/.exec(message)?.[1];
    assert.ok(shownId, `unexpected notification: ${message}`);
    await ui.screenshot('02-notification');

    const statuses = emulator().statuses;
    assert.equal(statuses.length, 1, 'exactly one status');
    assert.equal(emulator().apiRequests('sendMediaStatus').length, 1, 'exactly one sendMediaStatus');
    const [status] = statuses;
    assert.equal(status.idMessage, shownId, 'the notification shows the id GREEN-API returned');
    assert.equal(status.kind, 'media');
    assert.equal(status.body.caption, CAPTION);
    assert.deepEqual(status.body.participants, CHAT_IDS);
    assert.equal(status.body.fileName, 'status.png', 'named by its type, not by the file');
    assert.deepEqual(status.problems, [], 'the status would show on those phones');
    const [upload] = emulator().uploads;
    assert.equal(emulator().uploads.length, 1);
    assert.equal(status.body.urlFile, upload.urlFile);
    assert.equal(upload.sha256, sha256Of(PHOTO), 'the uploaded bytes are the file');
  });
});
