// Journey 3: "Post as Status" is offered only where it can work. Its absence is checked only after the same
// item was seen on a picture, so a menu drawn before the extension's contribution loaded cannot make this pass.
import assert from 'node:assert/strict';
import { emulator } from './context';
import { IMAGE_NAMED_FOLDER, NOTES, PHOTO, PLAIN_FOLDER } from './media';
import * as ui from './ui';

const ITEM = 'Post as Status';
// A built-in item of every Explorer context menu: once it is drawn, the whole menu is.
const ANCHOR = 'Copy Path';

describe('3. The Explorer menu item only on images and videos', () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
  });

  it('shows the item on photo.png but not on a .txt file or a folder', async () => {
    const reopen = () => ui.openExplorerContextMenu(PHOTO);
    await reopen();
    await ui.waitForMenuItem(ITEM, reopen);
    const labels = await ui.contextMenuLabels();
    assert.ok(labels.includes(ANCHOR) && labels.includes(ITEM), `the png's menu: ${labels.join(' | ')}`);
    await ui.closeContextMenu();

    for (const [name, picture] of [
      [NOTES, '03-menu-txt'],
      [PLAIN_FOLDER, '03-menu-folder'],
      [IMAGE_NAMED_FOLDER, '03-menu-folder-named-png'],
    ]) {
      const labels = await ui.explorerContextMenuLabels(name, ANCHOR);
      await ui.screenshot(picture);
      assert.ok(!labels.includes(ITEM), `"${ITEM}" must not be offered on ${name}; menu: ${labels.join(' | ')}`);
      await ui.closeContextMenu();
    }
    assert.equal(emulator().apiRequests().length, 0, 'opening menus sends nothing');
  });
});
