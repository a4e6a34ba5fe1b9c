import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PostSummary } from '../../src/core/statuses/postWorkflow';
import type { StatusDetails } from '../../src/vscode/platform/services';
import { createVscodePrompts } from '../../src/vscode/posting/prompts';
import type { Emulator, StoredUpload } from '../emulator';
import { SECRETS, phoneJpeg } from '../fixtures/metadata';
import { runPost, usePostingSuite, workspaceFile, type Harness } from './support';

const REMOVED_LINE = 'Location and camera details removed';

describe('whatsappStatus.keepMetadata: what a phone photo is uploaded with', () => {
  let h: Harness;
  let emulator: Emulator;
  const jpeg = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'media', 'landscape-160x90.jpg'));

  usePostingSuite((harness, emu) => ((h = harness), (emulator = emu)));

  /** The uploaded bytes, as anyone with the status's link gets them. */
  async function downloaded(upload: StoredUpload): Promise<Buffer> {
    return Buffer.from(await (await fetch(upload.urlFile)).arrayBuffer());
  }

  /** The confirmation dialog's text for what the post was confirmed with, from the product's real prompts. */
  async function confirmationText(summary: PostSummary<StatusDetails>): Promise<string> {
    const window = vscode.window as unknown as { showInformationMessage: (message: string, options: vscode.MessageOptions) => Thenable<undefined> };
    const original = window.showInformationMessage;
    let shown = '';
    window.showInformationMessage = async (message, options) => void (shown = `${message}\n${options.detail ?? ''}`);
    try {
      await createVscodePrompts(h.services.context.globalState).confirm(summary, new AbortController().signal);
    } finally {
      window.showInformationMessage = original;
    }
    return shown;
  }

  it('off (the default): the upload has no GPS, camera or XMP but keeps the orientation, and the confirmation says so', async () => {
    const photo = phoneJpeg(jpeg, 6);
    h.script = { caption: 'Canal', participants: [] };
    await runPost(workspaceFile('private/canal.jpg', photo));
    assert.equal(emulator.statuses.length, 1, JSON.stringify(h.notifications));
    const [upload] = emulator.uploads;
    assert.deepEqual(upload.location, { present: false, orientation: 6 });
    const sent = await downloaded(upload);
    for (const secret of SECRETS) assert.equal(sent.indexOf(secret, 0, 'latin1'), -1, `"${secret}" was uploaded`);
    assert.ok(sent.length < photo.length);
    const [summary] = h.summaries;
    assert.equal(summary.targets[0].metadata?.location, true);
    assert.ok((await confirmationText(summary)).includes(REMOVED_LINE));
  });

  it('on: the file is uploaded byte for byte, GPS included, and the confirmation removes nothing', async () => {
    await vscode.workspace.getConfiguration('whatsappStatus').update('keepMetadata', true, vscode.ConfigurationTarget.Global);
    try {
      // Another orientation than the first test's photo: stripped, the two would still differ, so no upload is reused.
      const photo = phoneJpeg(jpeg, 8);
      h.script = { caption: 'Canal, as it is', participants: [] };
      await runPost(workspaceFile('private/canal-kept.jpg', photo));
      assert.equal(emulator.statuses.length, 1, JSON.stringify(h.notifications));
      const [upload] = emulator.uploads;
      assert.equal(upload.sha256, crypto.createHash('sha256').update(photo).digest('hex'));
      assert.ok((await downloaded(upload)).equals(photo));
      assert.deepEqual(upload.location, { present: true, orientation: 8 });
      const [summary] = h.summaries;
      assert.equal(summary.targets[0].metadata, undefined);
      assert.doesNotMatch(await confirmationText(summary), /removed/);
    } finally {
      await vscode.workspace.getConfiguration('whatsappStatus').update('keepMetadata', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
