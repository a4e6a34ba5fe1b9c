import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../emulator';
import { SENTINEL_TOKEN, TEST_INSTANCE, extensionLogText, pngBytes, runPost, usePostingSuite, workspaceFile, workspaceRoot, type Harness } from './support';

describe('token safety in the host', () => {
  let h: Harness;
  let emulator: Emulator;

  usePostingSuite((harness, emu) => ((h = harness), (emulator = emu)));

  it('ignores a workspace settings.json that points apiUrl and mediaUrl at another server', async () => {
    const attacker = await startEmulator({ idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN });
    const settingsFile = path.join(workspaceRoot(), '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ 'whatsappStatus.apiUrl': attacker.apiUrl, 'whatsappStatus.mediaUrl': attacker.mediaUrl }));
    try {
      // Give the configuration service time to read the new file, as it would for a cloned repository.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      h.script = { caption: '', participants: [] };
      await runPost(workspaceFile('redirected.png', pngBytes(9, 16)));
      assert.equal(attacker.requests.length, 0, 'the workspace value reached nothing');
      assert.equal(emulator.statuses.length, 1, 'the user-level hosts were used');
    } finally {
      fs.rmSync(settingsFile);
      await attacker.close();
    }
  });

  it('keeps the token and the full instance id out of the log and notifications after failing posts', async () => {
    emulator.fault({ method: 'uploadFile', action: 'reset-immediately', times: 3 });
    h.script = { caption: 'x', participants: [] };
    await runPost(workspaceFile('leak1.png', pngBytes(9, 16)));
    emulator.fault({
      method: 'sendMediaStatus',
      status: 400,
      body: `Validation failed. Details: /waInstance${TEST_INSTANCE}/sendMediaStatus/${SENTINEL_TOKEN}`,
    });
    await runPost(workspaceFile('leak2.png', pngBytes(9, 16)));
    // The log channel writes asynchronously; wait until our lines are on disk.
    const deadline = Date.now() + 5000;
    while (!/sendMediaStatus/.test(extensionLogText(h.services.context)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const log = extensionLogText(h.services.context);
    assert.match(log, /sendMediaStatus → 400/, 'the log holds the failing request');
    assert.ok(!log.includes(SENTINEL_TOKEN), 'the token is in the log');
    assert.ok(!log.includes(TEST_INSTANCE), 'the full instance id is in the log');
    assert.equal(h.notifications.length, 2);
    for (const { message } of h.notifications) {
      assert.ok(!message.includes(SENTINEL_TOKEN));
      assert.ok(!message.includes(TEST_INSTANCE));
    }
  });

  it('declares the workspace-only extension kind and both workspace capabilities', () => {
    type Manifest = {
      extensionKind: string[];
      capabilities: { untrustedWorkspaces: unknown; virtualWorkspaces: unknown };
      contributes: { configuration: { properties: Record<string, { scope: string }> } };
    };
    const manifest = vscode.extensions.getExtension('whatsapp-status-dev.whatsapp-status')?.packageJSON as Manifest;
    assert.deepEqual(manifest.extensionKind, ['workspace']);
    assert.ok(manifest.capabilities.untrustedWorkspaces);
    assert.ok(manifest.capabilities.virtualWorkspaces);
    for (const key of ['whatsappStatus.apiUrl', 'whatsappStatus.mediaUrl'])
      assert.equal(manifest.contributes.configuration.properties[key].scope, 'application');
  });
});
