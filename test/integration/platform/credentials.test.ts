import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator } from '../../emulator';
import { BACK } from '../../../src/core/common/steps';
import { SANDBOX_ENV, seedSandboxCredentials } from '../../../src/vscode/platform/sandbox';
import { SENTINEL_TOKEN, TEST_INSTANCE, pngBytes, pointSettingsAt, runPost, usePostingSuite, workspaceFile, type Harness } from '../support';

describe('credentials in SecretStorage', () => {
  let h: Harness;
  let emulator: Emulator;

  usePostingSuite((harness, emu) => ((h = harness), (emulator = emu)), { signedIn: false });

  it('checks new credentials with getStateInstance, stores them, and shows the state and phone', async () => {
    h.script = { idInstance: ` ${TEST_INSTANCE} `, apiToken: SENTINEL_TOKEN };
    await vscode.commands.executeCommand('whatsappStatus.setCredentials');
    const stored = await h.services.credentials.get();
    assert.deepEqual(stored, { status: 'ok', credentials: { idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN } });
    // getSettings: whether live states will work (they do: the emulator's outgoingWebhook is on, so nothing is offered).
    assert.deepEqual(
      emulator.apiRequests().map((r) => r.apiMethod),
      ['getStateInstance', 'getWaSettings', 'getSettings'],
    );
    const { severity, message } = h.only();
    assert.equal(severity, 'info');
    assert.match(message, /authorized/);
    assert.match(message, /\+79001234567/);
    assert.match(message, /••••0001/);
    assert.ok(!message.includes(SENTINEL_TOKEN));
  });

  it('offers to turn on live states when the instance has the journal off, saying it restarts', async () => {
    emulator.set({ outgoingWebhook: 'no' });
    h.script = { idInstance: TEST_INSTANCE, apiToken: SENTINEL_TOKEN, ask: true };
    h.clicks = [{ match: /notifications about sent messages/, action: 'Turn On…' }];
    await vscode.commands.executeCommand('whatsappStatus.setCredentials');
    const offer = h.notifications.find((notification) => notification.message.includes('notifications about sent messages'));
    assert.ok(offer, `offered: ${JSON.stringify(h.notifications)}`);
    assert.match(offer.message, /restarts the instance \(up to 5 minutes\)/);
    assert.deepEqual(offer.actions, ['Turn On…']);
    for (let waited = 0; emulator.apiRequests('setSettings').length === 0 && waited < 5000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(emulator.config.outgoingWebhook, 'yes', 'turned on after the person agreed');
  });

  it('Post Text while signed out says so before asking for any text', async () => {
    h.script = { statusText: 'Typed for nothing', backgroundColor: '#075E54' };
    await vscode.commands.executeCommand('whatsappStatus.postText');
    assert.deepEqual(h.asked, [], 'no prompt before the credentials check');
    assert.match(h.only().message, /Set your GREEN-API credentials/);
    assert.equal(emulator.apiRequests().length, 0);
  });

  it('does not store credentials GREEN-API rejects', async () => {
    h.script = { idInstance: TEST_INSTANCE, apiToken: 'wrong-token-00000000' };
    await vscode.commands.executeCommand('whatsappStatus.setCredentials');
    assert.equal((await h.services.credentials.get()).status, 'missing');
    const { severity, message } = h.only();
    assert.equal(severity, 'error');
    assert.match(message, /401/);
    assert.match(message, /not saved/);
  });

  it('warns, but stores, when the instance is not authorized', async () => {
    emulator.set({ stateInstance: 'notAuthorized' });
    h.script = { idInstance: TEST_INSTANCE, apiToken: SENTINEL_TOKEN };
    await vscode.commands.executeCommand('whatsappStatus.setCredentials');
    assert.equal((await h.services.credentials.get()).status, 'ok');
    const { severity, message } = h.only();
    assert.equal(severity, 'warn');
    assert.match(message, /not authorized/);
    assert.match(message, /24 hours/);
  });

  it('asks for the id and the token as steps 1/2 and 2/2; Back from the token shows the id typed before', async () => {
    const seen: string[] = [];
    const ids = ['1101000999', TEST_INSTANCE];
    const tokens: Array<string | typeof BACK> = [BACK, SENTINEL_TOKEN];
    h.script = {
      idInstance: async (position, previous) => (seen.push(`id ${position?.step}/${position?.totalSteps} (${previous ?? '-'})`), ids.shift()),
      apiToken: async (position) => (seen.push(`token ${position?.step}/${position?.totalSteps}`), tokens.shift()),
    };
    await vscode.commands.executeCommand('whatsappStatus.setCredentials');
    assert.deepEqual(seen, ['id 1/2 (-)', 'token 2/2', 'id 1/2 (1101000999)', 'token 2/2']);
    assert.deepEqual(await h.services.credentials.get(), { status: 'ok', credentials: { idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN } });
  });

  it('stops without a request when the person dismisses the idInstance prompt', async () => {
    h.script = {};
    await vscode.commands.executeCommand('whatsappStatus.setCredentials');
    assert.deepEqual(h.asked, ['idInstance']);
    assert.equal(emulator.requests.length, 0);
    assert.equal((await h.services.credentials.get()).status, 'missing');
  });

  it('forgets credentials on command, so the next post asks for them', async () => {
    await h.services.credentials.store({ idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN });
    await vscode.commands.executeCommand('whatsappStatus.forgetCredentials');
    assert.equal((await h.services.credentials.get()).status, 'missing');
    h.reset();
    h.script = { caption: '', participants: [] };
    await runPost(workspaceFile('after-forget.png', pngBytes(9, 16)));
    const { severity, message, actions } = h.only();
    assert.equal(severity, 'error');
    assert.match(message, /credentials/);
    assert.ok(actions.includes('Set Credentials'));
    assert.equal(emulator.requests.length, 0);
  });

  it('offers to set credentials again when the stored entry is corrupt, with no request', async () => {
    await h.services.context.secrets.store('whatsappStatus.credentials.v1', '{not json');
    h.script = { caption: '', participants: [] };
    await runPost(workspaceFile('corrupt.png', pngBytes(9, 16)));
    const { message, actions } = h.only();
    assert.match(message, /unreadable/);
    assert.ok(actions.includes('Set Credentials'));
    assert.equal(emulator.requests.length, 0);
  });

  it('notices a sign-out from another window through SecretStorage.onDidChange', async () => {
    await h.services.credentials.store({ idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN });
    h.services.session.verifiedInstance = TEST_INSTANCE;
    const changed = new Promise<void>((resolve) => h.services.credentials.onDidChange(() => resolve()));
    await h.services.context.secrets.delete('whatsappStatus.credentials.v1');
    await changed;
    assert.equal(h.services.session.verifiedInstance, undefined);
    assert.equal((await h.services.credentials.get()).status, 'missing');
  });

  it('keeps the token out of every setting', () => {
    const config = vscode.workspace.getConfiguration('whatsappStatus');
    for (const key of ['apiUrl', 'mediaUrl', 'confirmBeforePosting', 'requestTimeoutSeconds']) {
      assert.ok(!JSON.stringify(config.inspect(key)).includes(SENTINEL_TOKEN));
    }
    const globalState = h.services.context.globalState;
    for (const key of globalState.keys()) assert.ok(!JSON.stringify(globalState.get(key)).includes(SENTINEL_TOKEN), `globalState ${key} holds the token`);
  });

  describe('sandbox seeding', () => {
    const env = { [SANDBOX_ENV]: `${TEST_INSTANCE}:${SENTINEL_TOKEN}` };

    it('stores the emulator credentials when both hosts are loopback and nothing is stored', async () => {
      assert.equal(await seedSandboxCredentials(h.services.credentials, env), true);
      assert.deepEqual(await h.services.credentials.get(), { status: 'ok', credentials: { idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN } });
    });

    it('never replaces credentials the person set', async () => {
      await h.services.credentials.store({ idInstance: '7105000000', apiTokenInstance: 'the-persons-own-token' });
      assert.equal(await seedSandboxCredentials(h.services.credentials, env), false);
      const stored = await h.services.credentials.get();
      assert.ok(stored.status === 'ok' && stored.credentials.apiTokenInstance === 'the-persons-own-token');
    });

    it('is ignored when a host is not loopback', async () => {
      await vscode.workspace.getConfiguration('whatsappStatus').update('mediaUrl', 'https://1101.media.green-api.com', vscode.ConfigurationTarget.Global);
      try {
        assert.equal(await seedSandboxCredentials(h.services.credentials, env), false);
        assert.equal((await h.services.credentials.get()).status, 'missing');
      } finally {
        await pointSettingsAt(emulator);
      }
    });
  });
});
