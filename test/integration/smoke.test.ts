// The short suite that also runs on the oldest VS Code engines.vscode admits (npm run test:floor): the host and workspace,
// activation, every contributed command, one credential round trip through the host's SecretStorage and one post.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator } from '../emulator';
import {
  EXTENSION_ID,
  assertFirstPostRequests,
  SENTINEL_TOKEN,
  TEST_INSTANCE,
  getHarness,
  pngBytes,
  runPost,
  signIn,
  startConfiguredEmulator,
  workspaceFile,
  type Harness,
} from './support';

const SECRET_KEY = 'whatsappStatus.credentials.v1';

describe('smoke', () => {
  let h: Harness;
  let emulator: Emulator;

  before(async () => (emulator = await startConfiguredEmulator()));
  after(() => emulator?.close());

  it('runs in the VS Code the harness chose, with the fixture workspace open', async () => {
    // Set by runTest.ts whenever it knows which VS Code it started (always in code-server).
    const expected = process.env.WHATSAPP_STATUS_EXPECT_VSCODE;
    if (expected) assert.equal(vscode.version, expected);
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    const notes = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folders[0].uri, 'notes.txt'));
    assert.equal(notes.type, vscode.FileType.File);
  });

  it('activates the extension and registers every command it contributes', async () => {
    h = await getHarness();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive, 'not active');
    const contributed = (extension.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
    assert.ok(contributed.includes('whatsappStatus.postFile'), 'read the contributed commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((command) => !registered.has(command)),
      [],
    );
  });

  it('stores checked credentials in SecretStorage, and forgets them', async () => {
    h.reset();
    emulator.reset();
    await h.services.credentials.forget();
    h.script = { idInstance: TEST_INSTANCE, apiToken: SENTINEL_TOKEN };
    await vscode.commands.executeCommand('whatsappStatus.setCredentials');
    assert.equal(emulator.apiRequests('getStateInstance').length, 1, 'checked with GREEN-API before saving');
    assert.deepEqual(await h.services.credentials.get(), { status: 'ok', credentials: { idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN } });
    // The host's own SecretStorage holds them, not only the extension's memory.
    assert.match((await h.services.context.secrets.get(SECRET_KEY)) ?? '', new RegExp(TEST_INSTANCE));

    await vscode.commands.executeCommand('whatsappStatus.forgetCredentials');
    assert.equal(await h.services.context.secrets.get(SECRET_KEY), undefined);
    assert.equal((await h.services.credentials.get()).status, 'missing');
  });

  it('posts a PNG: one upload, one sendMediaStatus, and the id in the notification', async () => {
    h.reset();
    emulator.reset();
    await signIn(h);
    h.script = { caption: 'Smoke', participants: [] };
    await runPost(workspaceFile('smoke.png', pngBytes(90, 160)));
    assertFirstPostRequests(emulator);
    const [status] = emulator.statuses;
    assert.deepEqual(status.body, { urlFile: emulator.uploads[0].urlFile, fileName: 'status.png', caption: 'Smoke' });
    assert.equal(h.only().message, `Status queued — id ${status.idMessage}`);
  });
});
