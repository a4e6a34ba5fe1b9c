// Journey 17: a landscape picture. The caption box comes first, with no question before it; the ratio advice is part
// of the confirmation, which then says "Post Anyway", and nothing is sent before that click.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { drawnPng } from '../fixtures/png';
import { emulator, workspaceFile } from './context';
import * as ui from './ui';

// Written here rather than with the other media: only this journey wants a picture the extension warns about.
const PANORAMA = 'panorama.png';

describe('17. Pre-flight advice in the confirmation', () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
    fs.writeFileSync(
      workspaceFile(PANORAMA),
      drawnPng(320, 180, (x, y) => [40 + (x % 200), 90 + (y % 120), 160]),
    );
  });

  it('asks for the caption first, then shows the 16:9 warning in the confirmation and posts on "Post Anyway"', async () => {
    await ui.runExplorerCommand(PANORAMA, 'Post as Status');
    await ui.waitForQuickInput(`Caption for ${PANORAMA}`);
    assert.equal(await ui.dialog().count(), 0, 'no question before the caption');
    await ui.typeInQuickInput('Wide view');
    await ui.acceptQuickInput();
    await ui.waitForQuickInput('Who may see this status?');
    await ui.pickQuickPickRow('All my contacts');

    const confirm = await ui.waitForDialog(`Post ${PANORAMA}`);
    const text = await confirm.innerText();
    assert.ok(text.includes('Caption: Wide view'), text);
    assert.ok(text.includes(`${PANORAMA} is 16:9 (320×180)`), text);
    await ui.screenshot('17-confirm-with-warning');
    assert.equal(emulator().apiRequests('sendMediaStatus').length, 0, 'nothing is sent before "Post Anyway"');
    await ui.clickDialogButton('Post Anyway');

    await ui.waitForToast(/Status queued — id /);
    assert.equal(emulator().apiRequests('sendMediaStatus').length, 1, 'exactly one sendMediaStatus');
    assert.equal(emulator().statuses[0].body.caption, 'Wide view');
  });
});
