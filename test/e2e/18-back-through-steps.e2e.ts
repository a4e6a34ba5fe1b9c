// Journey 18: a post's questions are numbered steps. The person goes Back from the audience to fix the caption (which
// is still there), Back from the confirmation to change the audience, and posts once, with the last answers.
import assert from 'node:assert/strict';
import { emulator } from './context';
import { MEADOW } from './media';
import * as ui from './ui';

const FIRST_CAPTION = 'Meadow at noon';
const CAPTION = 'Meadow at noon, after the rain';
const TYPED_NUMBER = '447700900123';

describe('18. Back through the steps of a post', () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
  });

  it('numbers caption, audience and confirmation 1–3, goes Back to each earlier step with its answer kept, and posts once', async () => {
    await ui.runExplorerCommand(MEADOW, 'Post as Status');

    await ui.waitForQuickInput(`Caption for ${MEADOW}`);
    await ui.quickInputTitle().filter({ hasText: '1/3' }).waitFor();
    assert.equal(await ui.quickInputBackButton().count(), 0, 'the first step has no Back');
    await ui.typeInQuickInput(FIRST_CAPTION);
    await ui
      .quickInputMessage()
      .filter({ hasText: `${FIRST_CAPTION.length} / 1024 characters` })
      .waitFor();
    await ui.readmeScreenshot('steps-caption', ui.quickInputTitle().locator('..'));
    await ui.acceptQuickInput();

    await ui.waitForQuickInput('Who may see this status?');
    await ui.quickInputTitle().filter({ hasText: '2/3' }).waitFor();
    await ui.quickInputBackButton().waitFor();
    await ui.screenshot('18-audience-step');
    await ui.readmeScreenshot('steps-audience', ui.quickInputTitle().locator('..'));
    await ui.quickInputBackButton().click();

    await ui.waitForQuickInput(`Caption for ${MEADOW}`);
    await ui.quickInputTitle().filter({ hasText: '1/3' }).waitFor();
    assert.equal(await ui.quickInput().inputValue(), FIRST_CAPTION, 'Back shows the caption typed before');
    await ui.typeInQuickInput(CAPTION);
    await ui.acceptQuickInput();

    await ui.waitForQuickInput('Who may see this status?');
    await ui.pickQuickPickRow('All my contacts');
    const firstConfirmation = await ui.waitForDialog(`Post ${MEADOW}`);
    assert.ok((await firstConfirmation.innerText()).includes('Audience: All my contacts'));
    await ui.screenshot('18-confirm-with-back');
    await ui.clickDialogButton('Back');

    await ui.waitForQuickInput('Who may see this status?');
    await ui.quickInputTitle().filter({ hasText: '2/3' }).waitFor();
    await ui.typeInQuickInput(TYPED_NUMBER);
    await ui.pickQuickPickRow(`Only: +${TYPED_NUMBER}`);
    const confirmation = await ui.waitForDialog(`Post ${MEADOW}`);
    const text = await confirmation.innerText();
    assert.ok(text.includes(`Caption: ${CAPTION}`), text);
    assert.ok(text.includes(`Audience: +${TYPED_NUMBER}`), text);
    assert.equal(emulator().apiRequests('sendMediaStatus').length, 0, 'nothing is sent before "Post"');
    await ui.clickDialogButton('Post');

    await ui.waitForToast(/Status queued — id /);
    assert.equal(emulator().apiRequests('sendMediaStatus').length, 1, 'posted once');
    const [status] = emulator().statuses;
    assert.equal(status.body.caption, CAPTION);
    assert.deepEqual(status.body.participants, [`${TYPED_NUMBER}@c.us`]);
  });
});
