// Journey 7: three pictures selected in the Explorer are posted with one caption and audience; GREEN-API rejects one
// upload (a 400, which the client does not retry), the summary says so and offers "Retry Failed", which posts the
// failed file with the same answers and without asking anything again.
import assert from 'node:assert/strict';
import { emulator, eventually, sha256Of } from './context';
import { BEACHES } from './media';
import * as ui from './ui';

const CAPTION = 'Three beaches, one afternoon';
// What a rejected upload's body could say; the summary quotes it after the file's name.
const REJECTION = 'Validation failed. Details: file could not be stored';

/** Which beach a status shows, by the bytes behind its link: the status names no file (fileName is neutral). */
function beachOf(status: { body: Record<string, unknown> }): string | undefined {
  const upload = emulator().uploads.find((stored) => stored.urlFile === status.body.urlFile);
  return BEACHES.find((name) => sha256Of(name) === upload?.sha256);
}

describe('7. A batch of three with one failed upload, then Retry Failed', () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
  });

  it('says "2 of 3 statuses queued." and Retry Failed posts the third with the same caption and audience', async () => {
    await ui.selectExplorerRows(BEACHES);
    await ui.runExplorerCommand(BEACHES[2], 'Post as Status');

    await ui.waitForQuickInput('Posting 3 files');
    await ui.pickQuickPickRow(`Same caption and audience for all ${BEACHES.length}`);
    await ui.waitForQuickInput(`Caption for ${BEACHES.length} statuses`);
    await ui.typeInQuickInput(CAPTION);
    // The first file uploads while the person types; the others only after "Post". Rejecting the next upload fails
    // one file after the answers are given (a failed first upload would instead end the post at the prompts).
    await eventually('the first upload to be stored', () => (emulator().uploads.length === 1 ? true : undefined));
    emulator().fault({ method: 'uploadFile', status: 400, body: REJECTION, times: 1 });
    await ui.acceptQuickInput();

    await ui.waitForQuickInput('Who may see this status?');
    await ui.pickQuickPickRow('All my contacts');
    const confirm = await ui.waitForDialog(`Post ${BEACHES.length} files`);
    const text = await confirm.innerText();
    assert.match(text, /Post 3 files \([\d.]+ kB\) as WhatsApp statuses\?/);
    assert.ok(text.includes(`Caption: ${CAPTION}`), text);
    assert.ok(text.includes('Audience: All my contacts'), text);
    await ui.clickDialogButton('Post');

    const summary = await ui.waitForToast(/ of 3 statuses queued\./);
    await ui.waitForToastGone(/WhatsApp status: /);
    await ui.expandToast(summary);
    const message = await ui.toastMessage(summary);
    const failed = /^2 of 3 statuses queued\. (\S+): GREEN-API rejected the request: (.+)$/.exec(message);
    assert.ok(failed, `unexpected summary: ${message}`);
    const [, failedName, reason] = failed;
    assert.ok((BEACHES as readonly string[]).includes(failedName), `the failed file is one of the three: ${failedName}`);
    assert.equal(reason, REJECTION, 'the reason is what GREEN-API answered');
    await summary.getByRole('button', { name: 'Retry Failed', exact: true }).waitFor();
    await ui.movePointerAway();
    await ui.screenshot('07-batch-summary');
    await ui.readmeScreenshot('batch-summary', summary);

    // What GREEN-API saw so far: three uploads, one rejected, and two statuses for the other files.
    const uploads = emulator().apiRequests('uploadFile');
    assert.deepEqual(uploads.map((request) => request.status).sort(), [200, 200, 400]);
    const firstTwo = emulator().statuses.map(beachOf);
    assert.deepEqual([...firstTwo].sort(), BEACHES.filter((name) => name !== failedName).sort());

    await ui.clickToastButton(summary, 'Retry Failed');
    const queued = await ui.waitForNotificationWithoutPrompts(/Status queued — id /);
    const shownId = /^Status queued — id (\S+)$/.exec(await ui.toastMessage(queued))?.[1];
    await ui.screenshot('07-retried');

    const statuses = emulator().statuses;
    assert.equal(emulator().apiRequests('sendMediaStatus').length, 3, 'three sendMediaStatus in all');
    assert.equal(statuses.length, 3);
    assert.equal(statuses[2].idMessage, shownId, 'the retry posted the status whose id is shown');
    assert.equal(beachOf(statuses[2]), failedName, 'the retry posted the failed file');
    assert.deepEqual(statuses.map(beachOf).sort(), [...BEACHES].sort(), 'three distinct files, each with its own bytes');
    for (const status of statuses) {
      assert.equal(status.body.fileName, 'status.png', `${beachOf(status)}: named by its type only`);
      assert.equal(status.body.caption, CAPTION, `${beachOf(status)}: the same caption`);
      assert.equal(status.body.participants, undefined, `${beachOf(status)}: all contacts`);
      assert.deepEqual(status.problems, []);
    }
    assert.equal(emulator().apiRequests('uploadFile').length, 4, 'the retry uploaded the failed file once more');
  });
});
