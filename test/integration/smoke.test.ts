import * as assert from 'assert';
import * as vscode from 'vscode';

describe('smoke', () => {
  it('opens the fixture workspace', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1);
    const notes = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folders[0].uri, 'notes.txt'));
    assert.strictEqual(notes.type, vscode.FileType.File);
  });

  it('activates the extension and registers its commands', async () => {
    const extension = vscode.extensions.getExtension('whatsapp-status-dev.whatsapp-status');
    assert.ok(extension, 'extension under development not found');
    await extension.activate();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('whatsappStatus.postFile'));
  });
});
