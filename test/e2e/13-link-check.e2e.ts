// Journey 13: the GREEN-API server recognises fewer types by Content-Type than the extension posts. A QuickTime video
// still posts fine, because every upload names its type with GA-Filename; and an upload that GREEN-API stores as a
// download (.bin) link, which WhatsApp would never show, ends the post with a clear error and no send.
import assert from 'node:assert/strict';
import { emulator } from './context';
import { EVENING, ROOFTOPS } from './media';
import * as ui from './ui';

describe('13. Uploads GREEN-API would store as downloads', () => {
  before(async () => {
    await ui.resetWorkbench();
    emulator().reset();
  });

  it('posts a .mov under the narrow MIME list, named by GA-Filename and not by the file', async () => {
    assert.ok(!emulator().config.mimeTypes.includes('video/quicktime'), 'the server does not know video/quicktime by itself');
    await ui.runExplorerCommand(EVENING, 'Post as Status');
    await ui.answerPostPrompts(EVENING, 'Evening, in QuickTime', 'All my contacts');

    const [upload] = emulator().apiRequests('uploadFile');
    assert.equal(upload.headers['content-type'], 'video/quicktime');
    assert.equal(upload.headers['ga-filename'], 'status.mov', "a neutral name: the file's own name never leaves the machine");
    const [status] = emulator().statuses;
    assert.match(String(status.body.urlFile), /\.mov$/);
    assert.deepEqual(status.problems, [], 'WhatsApp would show it');
  });

  it('refuses a .bin link with a clear error, and sends nothing', async () => {
    await ui.resetWorkbench();
    emulator().reset();
    emulator().fault({
      method: 'uploadFile',
      status: 200,
      body: { urlFile: `${emulator().mediaUrl}/files/${emulator().idInstance}/5d0f2c1e-7b1a-4f8e-9d3c-2a6b8e4f1c90.bin` },
    });
    // The upload starts with the caption box and fails while it is open, which closes it.
    await ui.runExplorerCommand(ROOFTOPS, 'Post as Status');
    const error = await ui.waitForToast(/stored the file as a download/);
    await ui.expandToast(error);
    await ui.movePointerAway();
    await ui.screenshot('13-download-link');
    assert.match(await ui.toastMessage(error), /WhatsApp would not show it/);
    assert.equal(emulator().apiRequests('uploadFile').length, 1);
    assert.equal(emulator().apiRequests('sendMediaStatus').length, 0, 'no send follows');
    assert.equal(emulator().statuses.length, 0);
  });
});
