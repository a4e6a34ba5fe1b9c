// Journey 6: instead of typing numbers, a person picks who may see the status by name, from their WhatsApp contacts:
// "Choose contacts…" opens a multi-select list; they filter it by name and tick with Space, as its placeholder says.
import assert from 'node:assert/strict';
import { emulator, sha256Of } from './context';
import { HARBOUR } from './media';
import * as ui from './ui';

const CAPTION = 'Boats are back in the harbour';
// The emulator's phone book: Alice Smith and Carol (UK) (test/emulator/instance.ts).
const CHOSEN = [
  { filter: 'Alice', name: 'Alice Smith', id: '79001112233@c.us' },
  { filter: 'Carol', name: 'Carol (UK)', id: '447700900123@c.us' },
];

describe('6. Post to contacts picked by name', () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
  });

  it('ticks Alice and Carol in "Choose contacts" and posts harbour.png to exactly those two', async () => {
    await ui.runExplorerCommand(HARBOUR, 'Post as Status');
    await ui.waitForQuickInput(`Caption for ${HARBOUR}`);
    await ui.typeInQuickInput(CAPTION);
    await ui.acceptQuickInput();

    await ui.waitForQuickInput('Who may see this status?');
    await ui.pickQuickPickRow('Choose contacts…');
    await ui.waitForQuickInput('Choose contacts');
    for (const contact of CHOSEN) await ui.tickQuickPickRow(contact.filter, contact.name);

    // With the filter cleared, the whole phone book shows with exactly the two people ticked (and the count says so).
    await ui.typeInQuickInput('');
    await ui.quickPickRow('Dieter Müller').waitFor();
    assert.deepEqual(
      await ui.checkedQuickPickLabels(),
      CHOSEN.map((contact) => contact.name),
    );
    await ui.page().locator('.quick-input-widget').getByText('2 Selected', { exact: true }).waitFor();
    await ui.screenshot('06-contacts');
    await ui.readmeScreenshot('contacts', { x: 330, y: 0, width: 620, height: 215 });
    await ui.acceptQuickInput();

    const confirm = await ui.waitForDialog(`Post ${HARBOUR}`);
    const text = await confirm.innerText();
    assert.ok(text.includes(`Caption: ${CAPTION}`), text);
    assert.ok(text.includes('Audience: +79001112233, +447700900123'), text);
    await ui.screenshot('06-confirm');
    assert.equal(emulator().apiRequests('sendMediaStatus').length, 0, 'nothing is sent before "Post"');
    await ui.clickDialogButton('Post');

    const toast = await ui.waitForToast(/Status queued — id /);
    const shownId = /^Status queued — id (\S+)$/.exec(await ui.toastMessage(toast))?.[1];
    assert.ok(shownId, 'the notification shows the status id');

    assert.equal(emulator().apiRequests('sendMediaStatus').length, 1, 'exactly one sendMediaStatus');
    const [status] = emulator().statuses;
    assert.equal(status.idMessage, shownId);
    assert.equal(status.body.fileName, 'status.png', 'named by its type, not by the file');
    assert.equal(status.body.caption, CAPTION);
    assert.ok(Array.isArray(status.body.participants), `participants: ${JSON.stringify(status.body.participants)}`);
    assert.deepEqual([...(status.body.participants as string[])].sort(), CHOSEN.map((contact) => contact.id).sort(), 'exactly Alice and Carol');
    assert.deepEqual(status.problems, [], 'both are saved contacts: the status would show on their phones');
    const upload = emulator().uploads.find((stored) => stored.urlFile === status.body.urlFile);
    assert.equal(upload?.sha256, sha256Of(HARBOUR), 'the uploaded bytes are the file');
  });
});
