// Journey 5: cancelling while a slow upload is under way posts nothing. The emulator reads uploads at a set pace, so the
// 40 MB picture would take about 20 s: the journeys cancel a few seconds in, from the progress notification's Cancel
// after confirming, or with Escape on the caption prompt (the upload starts as soon as the command runs).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { emulator, eventually, workspaceFile } from './context';
import { BIG_PICTURE } from './media';
import * as ui from './ui';

// Fast enough that the emulator drains what the socket buffers already hold (~4-6 MB) within a few seconds of the cancel.
const BYTES_PER_SECOND = 2_000_000;

/** Starts posting the big picture from the Explorer and waits for its caption prompt. */
async function startPosting(): Promise<void> {
  const reopen = () => ui.openExplorerContextMenu(BIG_PICTURE);
  await reopen();
  await ui.clickMenuItem('Post as Status', reopen);
  await ui.waitForQuickInput(`Caption for ${BIG_PICTURE}`);
}

/** The upload the emulator is reading, once it has started. */
function uploadUnderWay() {
  return eventually('the upload to start', () =>
    emulator()
      .apiRequests('uploadFile')
      .find((request) => request.bodyBytes > 0),
  );
}

/**
 * Nothing reached GREEN-API: the emulator stopped reading the upload part-way (the extension hung up), stored no
 * file, and received no sendMediaStatus.
 */
async function assertNothingPosted(): Promise<void> {
  const size = fs.statSync(workspaceFile(BIG_PICTURE)).size;
  const [upload] = emulator().apiRequests('uploadFile');
  // After the hang-up the emulator still reads what the socket buffers held (a few seconds at this pace); throttled reads
  // add ~100 KB every 50 ms while there is any, so a second without growth means it has all it will ever get.
  let last = -1;
  let stableSince = Date.now();
  await eventually('the emulator to stop reading the upload', () => {
    if (upload.bodyBytes !== last) {
      last = upload.bodyBytes;
      stableSince = Date.now();
      return undefined;
    }
    return Date.now() - stableSince >= 1_000 ? true : undefined;
  });
  assert.ok(upload.bodyBytes < size, `the upload broke off (${upload.bodyBytes} of ${size} bytes read)`);
  assert.equal(upload.status, 0, 'the upload was never answered');
  assert.equal(emulator().apiRequests('uploadFile').length, 1, 'no retried upload');
  assert.deepEqual(emulator().uploads, [], 'no stored upload');
  assert.equal(emulator().apiRequests('sendMediaStatus').length, 0, 'no sendMediaStatus');
  assert.deepEqual(emulator().statuses, []);
}

describe('5. Cancel during a slow upload', () => {
  beforeEach(async () => {
    await ui.resetWorkbench();
    emulator().reset();
    emulator().set({ uploadBytesPerSecond: BYTES_PER_SECOND });
  });

  it('cancels from the progress notification after confirming: nothing is posted', async () => {
    await startPosting();
    await ui.typeInQuickInput('A night of stars, full resolution');
    await ui.acceptQuickInput();
    await ui.waitForQuickInput('Who may see this status?');
    await ui.pickQuickPickRow('All my contacts');
    await ui.waitForDialog(`Post ${BIG_PICTURE}`);
    await ui.clickDialogButton('Post');

    // The confirmed post now waits for the upload; its notification shows how far it got and offers Cancel.
    const progress = await ui.waitForToast(/Uploading \d+% — /);
    const percent = Number(/Uploading (\d+)%/.exec(await progress.innerText())?.[1]);
    assert.ok(percent < 100, `the upload is still under way (${percent}%)`);
    await ui.screenshot('05-uploading');
    await ui.clickToastButton(progress, 'Cancel');

    const cancelled = await ui.waitForToast(/Cancelled; nothing was posted\./);
    assert.equal(await ui.toastMessage(cancelled), 'Cancelled; nothing was posted.');
    await ui.waitForToastGone(/WhatsApp status: /);
    await ui.movePointerAway();
    await ui.screenshot('05-cancelled');
    await assertNothingPosted();
  });

  it('cancels with Escape on the caption prompt while the upload runs: nothing is posted', async () => {
    await startPosting();
    await uploadUnderWay();
    await ui.waitForToast(/Uploading \d+% — /);
    await ui.screenshot('05-caption-while-uploading');
    await ui.dismissQuickInput();

    const cancelled = await ui.waitForToast(/Cancelled; nothing was posted\./);
    assert.equal(await ui.toastMessage(cancelled), 'Cancelled; nothing was posted.');
    await assertNothingPosted();
  });
});
