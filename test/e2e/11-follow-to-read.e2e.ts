// Journey 11: a status is followed from "queued" to "read" without a click. Posted to Alice and Carol, it shows as
// Queued in the WhatsApp Statuses view; once GREEN-API's journal says both read it, the item reads "Read by 2" and a
// notification says it is published.
import assert from 'node:assert/strict';
import { emulator } from './context';
import { SUNRISE } from './media';
import * as ui from './ui';

const CAPTION = 'First light over the bay';

describe('11. A status followed from Queued to Read by 2', () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
    // Nothing moves until the journey says so.
    emulator().set({ deliverySchedule: null });
  });

  it('shows Queued, then Read by 2 and "Status published", with no click in between', async () => {
    await ui.runExplorerCommand(SUNRISE, 'Post as Status');
    await ui.answerPostPrompts(SUNRISE, CAPTION, [
      { filter: 'Alice', name: 'Alice Smith' },
      { filter: 'Carol', name: 'Carol (UK)' },
    ]);
    const [status] = emulator().statuses;
    assert.ok(status, 'the status reached GREEN-API');

    await ui.showHistoryView();
    const item = ui.historyItem(CAPTION);
    await item.waitFor({ state: 'visible' });
    assert.match((await item.getAttribute('aria-label')) ?? '', / · 2 people · Queued$/);
    await ui.movePointerAway();
    await ui.screenshot('11-queued');

    const looksBefore = emulator().apiRequests('getOutgoingStatuses').length;
    emulator().advance({ idMessage: status.idMessage, to: 'read', readers: 2 });
    const published = await ui.waitForToast(/^Status published/, 45_000);
    assert.equal(await ui.toastMessage(published), `Status published: “${CAPTION}”, read by 2.`);
    await ui
      .historyTree()
      .getByRole('treeitem', { name: new RegExp(`^${CAPTION}, .* · Read by 2$`) })
      .waitFor({ timeout: 15_000 });
    assert.ok(emulator().apiRequests('getOutgoingStatuses').length > looksBefore, 'the extension asked the journal by itself');
    await ui.movePointerAway();
    await ui.screenshot('11-read-by-2');
    if (ui.readmeScreenshotsWanted()) {
      const width = await ui.setSideBarWidth(520);
      await ui.movePointerAway();
      await ui.readmeScreenshot('history-live', await ui.historyViewArea());
      await ui.setSideBarWidth(width);
    }
  });
});
