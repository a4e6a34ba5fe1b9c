import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MEDIA_EXTENSION_PATTERN } from '../../src/core/media/media';
import { EXTENSION_ID, getHarness } from './support';

const COMMANDS = [
  'whatsappStatus.postFile',
  'whatsappStatus.postText',
  'whatsappStatus.postVoice',
  'whatsappStatus.setCredentials',
  'whatsappStatus.forgetCredentials',
  'whatsappStatus.showLog',
];
const manifest = () => vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: Array<{ command: string; category: string }> } };

describe('extension in the VS Code host', () => {
  it('activates and exposes its services only in test mode', async () => {
    const harness = await getHarness();
    assert.equal(harness.services.context.extensionMode, vscode.ExtensionMode.Test);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('registers every contributed command', async () => {
    await getHarness();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest().contributes.commands.map((c) => c.command);
    for (const command of [...COMMANDS, ...contributed]) assert.ok(registered.has(command), `${command} is not registered`);
  });

  it('contributes the main commands, each with the "WhatsApp Status" category', () => {
    const contributed = manifest().contributes.commands;
    for (const command of COMMANDS)
      assert.ok(
        contributed.some((c) => c.command === command),
        `${command} is not contributed`,
      );
    assert.ok(contributed.every((c) => c.category === '%category%' || c.category === 'WhatsApp Status'));
  });

  it('offers "Post as Status" in the Explorer only for media files, never folders', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { menus: Record<string, Array<{ command: string; when: string }>> };
    };
    const entry = manifest.contributes.menus['explorer/context'].find((item) => item.command === 'whatsappStatus.postFile');
    assert.ok(entry);
    assert.match(entry.when, /!explorerResourceIsFolder/);
    const regex = /resourceExtname =~ \/(.*)\/i/.exec(entry.when)?.[1];
    assert.equal(regex, MEDIA_EXTENSION_PATTERN.source);
  });

  it('shows the log channel', async () => {
    await getHarness();
    await vscode.commands.executeCommand('whatsappStatus.showLog');
  });
});
