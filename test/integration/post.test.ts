import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator } from '../emulator';
import { assertFirstPostRequests, mp4Bytes, pngBytes, runPost, usePostingSuite, workspaceFile, type Harness } from './support';

describe('posting a status from the workspace', () => {
  let h: Harness;
  let emulator: Emulator;

  usePostingSuite((harness, emu) => ((h = harness), (emulator = emu)));

  it('posts a PNG: one upload, one sendMediaStatus with the typed caption and audience, and the id in the notification', async () => {
    const uri = workspaceFile('photo.png', pngBytes(90, 160));
    h.script = { caption: 'Sunset', participants: ['79001112233@c.us', '447700900123@c.us'] };
    await runPost(uri);
    assert.equal(emulator.statuses.length, 1);
    const [status] = emulator.statuses;
    assert.deepEqual(status.body, {
      urlFile: emulator.uploads[0].urlFile,
      fileName: 'status.png',
      caption: 'Sunset',
      participants: ['79001112233@c.us', '447700900123@c.us'],
    });
    assert.equal(emulator.uploads[0].contentType, 'image/png');
    const { severity, message, actions } = h.only();
    assert.equal(severity, 'info');
    assert.equal(message, `Status queued — id ${status.idMessage}`);
    assert.deepEqual(actions, ['Copy ID', 'Show Log']);
  });

  it('posts an MP4 to all contacts, leaving participants out of the request', async () => {
    const uri = workspaceFile('clip.mp4', mp4Bytes(300_000));
    h.script = { caption: '', participants: [] };
    await runPost(uri);
    assert.equal(emulator.statuses.length, 1);
    assert.deepEqual(emulator.statuses[0].body, { urlFile: emulator.uploads[0].urlFile, fileName: 'status.mp4' });
    assert.equal(emulator.uploads[0].contentType, 'video/mp4');
  });

  it('checks the instance once, then needs exactly two requests per post', async () => {
    h.script = { caption: 'one', participants: [] };
    await runPost(workspaceFile('first.png', pngBytes(9, 16)));
    assertFirstPostRequests(emulator);
    emulator.reset();
    h.script = { caption: 'two', participants: [] };
    await runPost(workspaceFile('second.png', pngBytes(10, 16)));
    assert.deepEqual(
      emulator.apiRequests().map((r) => r.apiMethod),
      ['uploadFile', 'sendMediaStatus'],
    );
  });

  it('re-posting the same, unchanged file reuses its uploaded link; a copy under another name is a new file', async () => {
    const bytes = pngBytes(18, 32);
    const file = workspaceFile('reuse-a.png', bytes);
    h.script = { caption: 'once', participants: [] };
    await runPost(file);
    h.script = { caption: 'again', participants: [] };
    await runPost(file);
    assert.equal(emulator.apiRequests('uploadFile').length, 1);
    assert.equal(emulator.statuses.length, 2);
    assert.equal(emulator.statuses[1].body.urlFile, emulator.statuses[0].body.urlFile);
    assert.equal(emulator.statuses[1].body.fileName, 'status.png');
    // Known by where it is, its size and time: a new file is read once, while it uploads, never hashed first.
    h.script = { caption: 'a copy', participants: [] };
    await runPost(workspaceFile('reuse-b.png', bytes));
    assert.equal(emulator.apiRequests('uploadFile').length, 2);
  });

  it('copies the status id when the person clicks Copy ID', async () => {
    h.script = { caption: '', participants: [] };
    h.clicks = [{ match: /Status queued/, action: 'Copy ID' }];
    await runPost(workspaceFile('copy.png', pngBytes(9, 16)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(await vscode.env.clipboard.readText(), emulator.statuses[0].idMessage);
  });

  it('shows the confirmation with file, caption and audience, and posts nothing when declined', async () => {
    h.script = { caption: 'not today', participants: ['79001112233@c.us'], confirm: false };
    await runPost(workspaceFile('declined.png', pngBytes(9, 16)));
    assert.equal(h.summaries[0].details.caption, 'not today');
    assert.deepEqual(h.summaries[0].participants, ['79001112233@c.us']);
    assert.equal(h.summaries[0].targets[0].label, 'declined.png');
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
    assert.equal(h.only().message, 'Cancelled; nothing was posted.');
  });

  it('posts nothing when the caption prompt is dismissed', async () => {
    h.script = { caption: undefined };
    await runPost(workspaceFile('dismissed.png', pngBytes(9, 16)));
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
    assert.equal(h.only().message, 'Cancelled; nothing was posted.');
  });

  it('skips the confirmation when whatsappStatus.confirmBeforePosting is off', async () => {
    await vscode.workspace.getConfiguration('whatsappStatus').update('confirmBeforePosting', false, vscode.ConfigurationTarget.Global);
    try {
      h.script = { caption: '', participants: [] };
      await runPost(workspaceFile('noconfirm.png', pngBytes(9, 16)));
      assert.ok(!h.asked.includes('confirm'));
      assert.equal(emulator.statuses.length, 1);
    } finally {
      await vscode.workspace.getConfiguration('whatsappStatus').update('confirmBeforePosting', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('posts every file of an Explorer multi-selection with one caption and audience', async () => {
    const a = workspaceFile('batch/a.png', pngBytes(9, 16));
    const b = workspaceFile('batch/b.mp4', mp4Bytes(50_000));
    h.script = { caption: 'both', participants: [], batchMode: 'shared' };
    await runPost(a, [a, b]);
    assert.deepEqual(
      emulator.statuses.map((s) => s.body.fileName),
      ['status.png', 'status.mp4'],
    );
    assert.equal(h.asked.filter((q) => q === 'caption').length, 1);
    assert.match(h.only().message, /2 of 2 statuses queued/);
  });

  it('from the palette, opens the file picker when no media file is active', async () => {
    const uri = workspaceFile('picked.png', pngBytes(9, 16));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    h.script = { pickFiles: [uri], caption: '', participants: [] };
    await runPost();
    assert.ok(h.asked.includes('pickFiles:media'));
    assert.equal(emulator.statuses[0].body.fileName, 'status.png');
  });

  it('refuses a second post while one is running, and posts once', async () => {
    const uri = workspaceFile('double.png', pngBytes(9, 16));
    let release!: () => void;
    const typing = new Promise<void>((resolve) => (release = resolve));
    h.script = { caption: async () => (await typing, 'once'), participants: [] };
    const first = runPost(uri);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await runPost(uri);
    release();
    await first;
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 1);
    assert.ok(h.notifications.some((n) => /already being posted/.test(n.message)));
  });

  it('says the instance lacks beta access when a status method answers 403 after the state check passed', async () => {
    emulator.set({ betaAccess: false });
    h.script = { caption: '', participants: [] };
    await runPost(workspaceFile('beta.png', pngBytes(9, 16)));
    const { severity, message } = h.only();
    assert.equal(severity, 'error');
    assert.match(message, /beta/);
    assert.match(message, /support/);
  });

  it('asks, once the answers are in, before posting to an instance that is not authorized, and posts nothing when declined', async () => {
    emulator.set({ stateInstance: 'notAuthorized' });
    h.script = { caption: '', participants: [], ask: false };
    await runPost(workspaceFile('queued.png', pngBytes(9, 16)));
    const question = h.asked.findIndex((q) => /not authorized/.test(q) && /24 hours/.test(q));
    assert.ok(question >= 0, JSON.stringify(h.asked));
    // The check ran while the caption was typed: the question comes after the answers, before anything is sent.
    assert.deepEqual(h.asked.slice(0, question), ['caption', 'participants', 'confirm']);
    assert.equal(emulator.apiRequests('getStateInstance').length, 1);
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
    assert.equal(emulator.statuses.length, 0);
    assert.deepEqual(h.notifications, [], 'declining is answer enough');
  });

  it('shows the quota description of a 466', async () => {
    emulator.set({ quota: { method: 'sendMediaStatus', used: 3, total: 3, description: 'Monthly limit reached: upgrade your plan.' } });
    h.script = { caption: '', participants: [] };
    await runPost(workspaceFile('quota.png', pngBytes(9, 16)));
    assert.match(h.only().message, /upgrade your plan/);
  });

  it('never resends an ambiguous failure and says the status may be queued', async () => {
    emulator.fault({ method: 'sendMediaStatus', action: 'reset-before-response', times: 3 });
    h.script = { caption: '', participants: [] };
    await runPost(workspaceFile('ambiguous.png', pngBytes(9, 16)));
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 1);
    const { message, actions } = h.only();
    assert.match(message, /may already be queued/);
    assert.ok(!actions.includes('Retry'));
  });
});
