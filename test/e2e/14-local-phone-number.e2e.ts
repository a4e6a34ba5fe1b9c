// Journey 14: a person types a number the way they dial it at home, with the trunk prefix and no country code. The
// account's own number (+7, the emulator's) says which country that is: the picker shows how it read the number, and
// the status goes to that number, not to the +89… the digits would spell as an international number.
import assert from 'node:assert/strict';
import { emulator, sha256Of } from './context';
import { DUSK } from './media';
import * as ui from './ui';

const CAPTION = 'Dusk on the beach';
const OWN_NUMBER = '79001234567';
const TYPED = '8 (900) 111-22-33';
const READ_AS = '+7 900 111-22-33';
const CHAT_ID = '79001112233@c.us';

describe("14. A local phone number, read in the account's country", () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
    emulator().set({ phone: OWN_NUMBER });
  });

  it(`reads ${TYPED} as ${READ_AS} for a +7 account and posts dusk.png to ${CHAT_ID}`, async () => {
    await ui.runExplorerCommand(DUSK, 'Post as Status');
    await ui.waitForQuickInput(`Caption for ${DUSK}`);
    await ui.typeInQuickInput(CAPTION);
    await ui.acceptQuickInput();

    await ui.waitForQuickInput('Who may see this status?');
    await ui.typeInQuickInput(TYPED);
    const only = 'Only: +79001112233';
    // The row shows the number as it was read, under the audience it stands for.
    await ui
      .quickPickRow(only)
      .filter({ hasText: `${TYPED} → ${READ_AS}` })
      .waitFor();
    await ui.screenshot('14-local-number');
    await ui.pickQuickPickRow(only);

    const confirm = await ui.waitForDialog(`Post ${DUSK}`);
    const text = await confirm.innerText();
    assert.ok(text.includes('Audience: +79001112233'), text);
    assert.equal(emulator().apiRequests('sendMediaStatus').length, 0, 'nothing is sent before "Post"');
    await ui.clickDialogButton('Post');

    const toast = await ui.waitForToast(/Status queued — id /);
    const shownId = /^Status queued — id (\S+)$/.exec(await ui.toastMessage(toast))?.[1];
    assert.ok(shownId, 'the notification shows the status id');

    assert.equal(emulator().apiRequests('sendMediaStatus').length, 1, 'exactly one sendMediaStatus');
    const [status] = emulator().statuses;
    assert.equal(status.idMessage, shownId);
    assert.deepEqual(status.body.participants, [CHAT_ID]);
    assert.equal(status.body.caption, CAPTION);
    const upload = emulator().uploads.find((stored) => stored.urlFile === status.body.urlFile);
    assert.equal(upload?.sha256, sha256Of(DUSK), 'the uploaded bytes are the file');
  });
});
