// Journey 10: the getting-started walkthrough, opened as the README says: "Welcome: Open Walkthrough…" → "Get started
// with WhatsApp Status". Its heading, description and four steps show, in order, on screen.
import assert from 'node:assert/strict';
import * as ui from './ui';

const WALKTHROUGH_ID = 'whatsapp-status-dev.whatsapp-status#whatsappStatus.gettingStarted';
const TITLE = 'Get started with WhatsApp Status';
// package.nls.json: walkthrough.*.title
const STEPS = ['Get an instance and link your phone', 'Set your credentials', 'Post your first status', 'Watch your status go out'];

describe('10. The getting-started walkthrough', () => {
  before(async () => {
    await ui.resetWorkbench();
  });

  it('opens from "Welcome: Open Walkthrough..." with its heading and four steps', async () => {
    const walkthrough = await ui.openWalkthrough(TITLE);
    const heading = walkthrough.locator('h2.category-title').filter({ hasText: TITLE });
    assert.ok(await ui.inViewport(heading), 'the heading is on screen');
    await walkthrough
      .getByText('Connect a GREEN-API instance to VS Code and post your first WhatsApp status from the Explorer.', { exact: true })
      .waitFor({ state: 'visible' });

    const steps = ui.walkthroughSteps(WALKTHROUGH_ID);
    const titles = steps.locator('.step-title');
    await titles.nth(STEPS.length - 1).waitFor({ state: 'visible' });
    assert.deepEqual(
      (await titles.allInnerTexts()).map((text) => text.trim()),
      STEPS,
    );
    for (let index = 0; index < STEPS.length; index++) assert.ok(await ui.inViewport(titles.nth(index)), `step "${STEPS[index]}" is on screen`);
    // The first step is open, with its link to the GREEN-API console.
    await walkthrough.getByRole('button', { name: 'Open the GREEN-API Console', exact: true }).waitFor({ state: 'visible' });

    // Below the steps: the usual spot (800, 600) is on the last step, which would show highlighted.
    await ui.movePointerAway(1200, 740);
    await ui.screenshot('10-walkthrough');
    await ui.readmeScreenshot('walkthrough', [heading, steps], 20);
  });
});
