// Journey 12: the main phone is an iPhone, which does not publish a status sent to all contacts without a list.
// GREEN-API answers 200 and the status stays queued; after "2 minutes" (12 s: the e2e run follows statuses ten times
// faster) the extension says so, and "Post Again to Chosen Contacts" posts it once more with an explicit list.
import assert from 'node:assert/strict';
import { emulator } from './context';
import { LIGHTHOUSE } from './media';
import * as ui from './ui';

const CAPTION = 'The lighthouse at dusk';

describe('12. A status stuck on an iPhone, posted again to a list', () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
    emulator().set({ mainDevice: 'iphone' });
  });

  it('names the cause and "Post Again to Chosen Contacts" posts exactly once more, with every contact listed', async () => {
    await ui.runExplorerCommand(LIGHTHOUSE, 'Post as Status');
    await ui.answerPostPrompts(LIGHTHOUSE, CAPTION, 'All my contacts');
    const [first] = emulator().statuses;
    assert.equal(first.body.participants, undefined, 'sent without a list');
    assert.ok(
      first.problems.some((problem) => problem.startsWith('iPhone main device')),
      'the emulator will never publish it',
    );

    const stuck = await ui.waitForToast(/is still queued after 2 minutes/, 45_000);
    await ui.expandToast(stuck);
    const message = await ui.toastMessage(stuck);
    assert.ok(message.startsWith(`“${CAPTION}” is still queued after 2 minutes.`), message);
    assert.match(message, /all your contacts without a list, which GREEN-API does not publish when your main phone is an iPhone/);
    await ui.movePointerAway();
    await ui.screenshot('12-stuck');
    assert.equal(emulator().apiRequests('sendMediaStatus').length, 1);

    // The same questions again; "All my contacts" is now sent as the list of contacts.
    await ui.clickToastButton(stuck, 'Post Again to Chosen Contacts');
    await ui.answerPostPrompts(LIGHTHOUSE, CAPTION, 'All my contacts');

    assert.equal(emulator().apiRequests('sendMediaStatus').length, 2, 'posted exactly once more');
    const again = emulator().statuses[1];
    const participants = again.body.participants as string[];
    assert.ok(Array.isArray(participants) && participants.length > 0, `an explicit list: ${JSON.stringify(again.body.participants)}`);
    assert.ok(participants.includes('79001112233@c.us'), 'Alice is on the list');
    assert.deepEqual(again.problems, [], 'this one an iPhone publishes');
  });
});
