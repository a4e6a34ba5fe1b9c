// Journey 8: a status just posted shows in the "WhatsApp Statuses" view (the extension's own activity-bar container);
// its inline Delete button asks first, then deletes it on GREEN-API and takes it off the list.
import assert from 'node:assert/strict';
import { emulator } from './context';
import { GARDEN } from './media';
import * as ui from './ui';

const CAPTION = 'Garden after the rain';

describe('8. Delete a status from the history view', () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
  });

  it('lists the posted garden.png, and Delete (after the modal) deletes exactly that status', async () => {
    await ui.runExplorerCommand(GARDEN, 'Post as Status');
    await ui.waitForQuickInput(`Caption for ${GARDEN}`);
    await ui.typeInQuickInput(CAPTION);
    await ui.acceptQuickInput();
    await ui.waitForQuickInput('Who may see this status?');
    await ui.pickQuickPickRow('All my contacts');
    await ui.waitForDialog(`Post ${GARDEN}`);
    await ui.clickDialogButton('Post');
    const toast = await ui.waitForToast(/Status queued — id /);
    await ui.waitForToastGone(/WhatsApp status: /);
    const idMessage = /^Status queued — id (\S+)$/.exec(await ui.toastMessage(toast))?.[1];
    assert.ok(idMessage, 'the notification shows the status id');
    await ui.resetWorkbench();

    await ui.showHistoryView();
    const item = ui.historyItem(CAPTION);
    await item.waitFor({ state: 'visible' });
    // The live state depends on how far the extension has followed it by now (journey 11 is about that).
    assert.match(
      (await item.getAttribute('aria-label')) ?? '',
      new RegExp(`^${CAPTION}, just now · image · all contacts · (Queued|Sent|Delivered to \\d+|Read by \\d+)$`),
    );
    await ui.movePointerAway();
    await ui.screenshot('08-history-view');
    // The view with the journeys' statuses so far (newest first), as the README shows it: wide enough for the
    // descriptions, as a person would drag it.
    if (ui.readmeScreenshotsWanted()) {
      const width = await ui.setSideBarWidth(520);
      await ui.movePointerAway();
      await ui.readmeScreenshot('history-view', await ui.historyViewArea());
      await ui.setSideBarWidth(width);
    }
    assert.equal(emulator().apiRequests('deleteStatus').length, 0);

    const question = ui.dialog().filter({ hasText: `Delete the status “${CAPTION}”?` });
    await ui.clickHistoryItemButton(CAPTION, 'Delete Status…', question);
    assert.ok((await question.innerText()).includes('It disappears from the phones of everyone who can see it. This cannot be undone.'));
    await ui.screenshot('08-delete-question');
    assert.equal(emulator().apiRequests('deleteStatus').length, 0, 'nothing is deleted before the answer');
    await ui.clickDialogButton('Delete');

    const deleted = await ui.waitForToast(/deleted\.$/);
    assert.equal(await ui.toastMessage(deleted), `Status “${CAPTION}” deleted.`);
    await item.waitFor({ state: 'hidden' });
    await ui.screenshot('08-deleted');

    const deletes = emulator().apiRequests('deleteStatus');
    assert.equal(deletes.length, 1, 'exactly one deleteStatus');
    assert.equal(deletes[0].status, 200);
    const status = emulator().statuses.find((recorded) => recorded.idMessage === idMessage);
    assert.ok(status, `GREEN-API has the status ${idMessage}`);
    assert.equal(status.deleted, true, 'the deleteStatus was for the status shown in the notification');
    assert.deepEqual(
      emulator()
        .statuses.filter((recorded) => recorded.deleted)
        .map((recorded) => recorded.idMessage),
      [idMessage],
      'only that one',
    );
  });
});
