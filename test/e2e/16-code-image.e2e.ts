// Journey 16: a developer shares code. They select 15 lines of a TypeScript file, right-click → "Post Selection as
// Code Image", see the picture in the preview beside the editor, press Post, answer the usual questions, and GREEN-API
// holds a 1080 × 1920 PNG that the emulator's page shows.
import assert from 'node:assert/strict';
import { imageSize } from 'image-size';
import type { FrameLocator } from 'playwright-core';
import { emulator } from './context';
import { GREETER } from './media';
import * as ui from './ui';

const CAPTION = 'How the greeter says hello';
const PICTURE_NAME = `${GREETER} lines 4–18.png`;

/** The preview's page: a webview, so two iframes deep. */
function preview(): FrameLocator {
  return ui.page().frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

describe('16. Post a selection as a code image', () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
  });

  it('selects 15 lines, previews them as a picture, posts it, and GREEN-API holds a 1080 × 1920 PNG', async () => {
    await ui.openFromExplorer(GREETER);
    await ui.selectEditorLines(4, 18);
    await ui.openEditorContextMenu();
    await ui.clickMenuItem('Post Selection as Code Image', () => ui.openEditorContextMenu());

    const post = preview().locator('button#post');
    await preview().locator('canvas#picture').waitFor({ state: 'visible' });
    await ui.eventuallyEnabled(post);
    await ui.screenshot('16-preview');
    if (ui.readmeScreenshotsWanted()) await ui.readmeScreenshot('code-image', ui.page().locator('iframe.webview.ready'), 0);
    assert.deepEqual([...emulator().apiRequests('uploadFile'), ...emulator().apiRequests('sendMediaStatus')], [], 'the preview sends nothing');

    await post.click();
    const toast = await ui.answerPostPrompts(PICTURE_NAME, CAPTION, 'All my contacts');
    const shownId = /^Status queued — id (\S+)$/.exec(await ui.toastMessage(toast))?.[1];
    assert.ok(shownId, 'the notification shows the status id');

    const [status] = emulator().statuses;
    assert.equal(status.idMessage, shownId);
    assert.equal(status.body.caption, CAPTION);
    const upload = emulator().uploads.find((stored) => stored.urlFile === status.body.urlFile);
    assert.ok(upload, `no stored upload for ${String(status.body.urlFile)}`);
    assert.equal(upload.contentType, 'image/png');
    const sent = Buffer.from(await (await fetch(upload.urlFile)).arrayBuffer());
    assert.deepEqual(imageSize(sent), { type: 'png', width: 1080, height: 1920 });

    const statusPage = await ui.page().context().browser()!.newPage();
    try {
      await statusPage.goto(`${emulator().apiUrl}/`);
      const article = statusPage.locator('article').filter({ hasText: shownId });
      await article.locator('img').waitFor({ state: 'visible' });
    } finally {
      await statusPage.close();
    }
  });

  it('redraws the picture without line numbers, then in the other theme, keeping the line numbers off', async () => {
    const canvas = preview().locator('canvas#picture');
    // The page's own pixels; the tests compile without the DOM library, hence the structural type.
    const picture = () => canvas.evaluate((element) => (element as unknown as { toDataURL(): string }).toDataURL());
    const redrawnAfter = async (change: () => Promise<unknown>) => {
      const before = await picture();
      await change();
      for (const deadline = Date.now() + 10_000; (await picture()) === before; await new Promise((resolve) => setTimeout(resolve, 100))) {
        if (Date.now() > deadline) throw new Error('the preview did not redraw');
      }
    };
    const lineNumbers = preview().locator('input#lineNumbers');
    await redrawnAfter(() => lineNumbers.setChecked(false));
    const theme = preview().locator('select#theme');
    const otherTheme = (await theme.inputValue()) === 'dark' ? 'light' : 'dark';
    await redrawnAfter(() => theme.selectOption(otherTheme));
    assert.equal(await lineNumbers.isChecked(), false);
  });

  it('closes the preview on Escape, with nothing more posted', async () => {
    const posted = emulator().statuses.length;
    await preview().locator('button#post').press('Escape');
    await ui.page().locator('iframe.webview.ready').waitFor({ state: 'detached' });
    assert.equal(emulator().statuses.length, posted, 'closing the preview posts nothing');
  });
});
