import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GreenApiClient } from '../../../../src/core/greenApi/client';
import { HISTORY_KEY, type HistoryEntry, type HistoryRecord } from '../../../../src/core/store/history';
import type { HistoryView } from '../../../../src/vscode/views/history/historyView';
import type { Emulator } from '../../../emulator';
import {
  EXTENSION_ID,
  SENTINEL_TOKEN,
  TEST_INSTANCE,
  getHarness,
  pngBytes,
  runPost,
  signIn,
  startConfiguredEmulator,
  workspaceFile,
  type Harness,
} from '../../support';

const HOUR = 60 * 60 * 1000;

describe('the WhatsApp Statuses view', () => {
  let h: Harness;
  let emulator: Emulator;
  let view: HistoryView;
  /** Posts "from the phone": straight to the emulator, so only its journal knows the status. */
  let phone: GreenApiClient;

  const clearHistory = () => h.services.context.globalState.update(HISTORY_KEY, undefined);
  const record = (idMessage: string, fields: Partial<HistoryRecord> = {}) =>
    h.services.history.add({ idMessage, instance: TEST_INSTANCE, postedAt: Date.now(), kind: 'text', audienceSize: 0, ...fields });
  const listed = async () => {
    const entries = await view.provider.load();
    return entries.map((entry) => ({ entry, item: view.provider.getTreeItem(entry) }));
  };
  const find = async (idMessage: string) => (await listed()).find(({ entry }) => entry.idMessage === idMessage);
  /** A text status the emulator holds, posted to all contacts unless participants are given. */
  const postText = async (message: string, participants?: string[]) =>
    (await phone.sendTextStatus({ message, backgroundColor: '#228B22', participants })).idMessage;
  const run = (command: string, entry: HistoryEntry) => vscode.commands.executeCommand(`whatsappStatus.history.${command}`, entry);

  before(async () => {
    h = await getHarness();
    emulator = await startConfiguredEmulator();
    // The services declare the view's port; the tests also read its provider and tree.
    const registered = h.services.historyView as HistoryView | undefined;
    assert.ok(registered, 'the extension registers the history view on activation');
    view = registered;
    phone = new GreenApiClient({ idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN, apiUrl: emulator.apiUrl, mediaUrl: emulator.mediaUrl });
  });
  after(async () => {
    await clearHistory();
    await emulator.close();
  });
  beforeEach(async () => {
    h.reset();
    emulator.reset();
    await signIn(h);
    await clearHistory();
  });

  it('lists a status posted with the post command: caption, time, kind, audience and icon', async () => {
    h.script = { caption: 'Sunset', participants: ['79001112233@c.us', '447700900123@c.us'] };
    await runPost(workspaceFile('history/sunset.png', pngBytes(9, 16)));
    assert.equal(emulator.statuses.length, 1);
    const { idMessage } = emulator.statuses[0];
    // Recording the post is the post command's job; add it here if it did not, so this test is about the view.
    if (!h.services.history.list().some((stored) => stored.idMessage === idMessage)) {
      await record(idMessage, { kind: 'media', fileName: 'history/sunset.png', caption: 'Sunset', audienceSize: 2 });
    }
    const shown = await find(idMessage);
    assert.ok(shown, 'the posted status is listed');
    assert.equal(shown.item.label, 'Sunset');
    // The post command records it as queued; the follower takes it from there.
    assert.equal(shown.item.description, 'just now · image · 2 people · Queued');
    assert.equal((shown.item.iconPath as vscode.ThemeIcon).id, 'clock');
    assert.match(String(shown.item.contextValue), /\bpostable\b/);
    assert.match(String(shown.item.tooltip), new RegExp(idMessage));
    assert.equal(shown.entry.local, true);
    assert.equal(shown.entry.inJournal, true);
  });

  it('lists newest first, keeping statuses of this machine that the journal no longer has', async () => {
    const fresh = await postText('Fresh news');
    await record(fresh, { caption: 'Fresh news' });
    await record('3EB0000000000000OLD1', { caption: 'Old news', postedAt: Date.now() - 2 * HOUR - 60_000, audienceSize: 1 });
    const shown = await listed();
    assert.deepEqual(
      shown.map(({ item }) => item.label),
      ['Fresh news', 'Old news'],
    );
    assert.equal(shown[0].item.description, 'just now · text · all contacts');
    assert.equal(shown[1].item.description, '2 h ago · text · 1 person');
    assert.equal((shown[1].item.iconPath as vscode.ThemeIcon).id, 'comment');
  });

  it('leaves out statuses this machine posted with another instance', async () => {
    await record('3EB0000000000000MINE', { caption: 'This instance' });
    await record('3EB000000000000OTHER', { caption: 'Another instance', instance: '1101999999' });
    const shown = await listed();
    assert.deepEqual(
      shown.map(({ item }) => item.label),
      ['This instance'],
    );
  });

  it('lists statuses from the server journal that were posted elsewhere', async () => {
    const elsewhere = await postText('Posted from my phone');
    const shown = await find(elsewhere);
    assert.ok(shown, 'the journal-only status is listed');
    assert.equal(shown.entry.local, false);
    assert.equal(shown.item.label, 'Posted from my phone');
    assert.equal(shown.item.description, 'just now · text');
    assert.match(String(shown.item.tooltip), /phone or another app/);
    assert.ok(emulator.apiRequests('getOutgoingStatuses').length >= 1);
  });

  it('lists nothing and asks the server nothing while signed out, so the welcome text shows', async () => {
    await record('3EB0000000000000LOC1', { caption: 'Mine' });
    await h.services.credentials.forget();
    emulator.reset();
    assert.deepEqual(await view.provider.getChildren(), []);
    assert.equal(emulator.apiRequests().length, 0);
  });

  it('says why only this machine’s statuses are listed when the journal cannot be read', async () => {
    emulator.set({ betaAccess: false });
    await record('3EB0000000000000LOC2', { caption: 'Still here' });
    assert.deepEqual(
      (await listed()).map(({ item }) => item.label),
      ['Still here'],
    );
    assert.match(String(view.treeView.message), /only the statuses posted from this machine/);
    emulator.set({ betaAccess: true });
    await listed();
    assert.equal(view.treeView.message, undefined);
  });

  it('Delete asks first, calls deleteStatus once and removes the status', async () => {
    const id = await postText('Bye');
    await record(id, { caption: 'Bye' });
    const shown = await find(id);
    assert.ok(shown);
    h.script = { ask: true };
    await run('delete', shown.entry);
    assert.ok(
      h.asked.some((question) => question === 'ask:Delete the status “Bye”?'),
      JSON.stringify(h.asked),
    );
    assert.equal(emulator.apiRequests('deleteStatus').length, 1);
    assert.equal(emulator.statuses[0].deleted, true);
    assert.ok(!h.services.history.list().some((stored) => stored.idMessage === id));
    assert.equal(await find(id), undefined);
    assert.match(h.only().message, /deleted/);
  });

  it('deletes nothing when the person declines', async () => {
    const id = await postText('Keep me');
    await record(id, { caption: 'Keep me' });
    const shown = await find(id);
    assert.ok(shown);
    h.script = { ask: false };
    await run('delete', shown.entry);
    assert.equal(h.asked.filter((question) => question.startsWith('ask:')).length, 1);
    assert.equal(emulator.apiRequests('deleteStatus').length, 0);
    assert.equal(emulator.statuses[0].deleted, false);
    assert.ok(h.services.history.list().some((stored) => stored.idMessage === id));
    assert.ok(await find(id));
    assert.equal(h.notifications.length, 0);
  });

  it('removes a status the server no longer knows, saying it was already gone', async () => {
    await record('3EB00000000000000GONE', { caption: 'Expired' });
    const shown = await find('3EB00000000000000GONE');
    assert.ok(shown);
    h.script = { ask: true };
    await run('delete', shown.entry);
    assert.equal(emulator.apiRequests('deleteStatus').length, 1);
    assert.match(h.only().message, /already gone/);
    assert.equal(h.services.history.list().length, 0);
  });

  it('Statistics shows who received and read the status, and keeps the counts in its tooltip', async () => {
    const id = await postText('Counted');
    await record(id, { caption: 'Counted' });
    const shown = await find(id);
    assert.ok(shown);
    await run('statistics', shown.entry);
    assert.equal(emulator.apiRequests('getStatusStatistic').length, 1);
    // The emulator's four saved contacts: the first read it, the others have it delivered.
    const { severity, message, actions } = h.only();
    assert.equal(severity, 'info');
    assert.equal(message, 'Statistics for “Counted”: 1 read · 3 delivered.');
    assert.deepEqual(actions, ['Show Viewers']);
    assert.match(String(view.provider.getTreeItem(shown.entry).tooltip), /Statistics: 1 read · 3 delivered/);
  });

  it('offers to turn on notifications about sent messages when statistics are empty, and changes nothing without consent', async () => {
    emulator.set({ outgoingWebhook: 'no' });
    const id = await postText('Uncounted');
    await record(id, { caption: 'Uncounted' });
    const shown = await find(id);
    assert.ok(shown);

    await run('statistics', shown.entry);
    const offer = h.only();
    assert.equal(offer.severity, 'warn');
    assert.match(offer.message, /notifications about sent messages/);
    assert.deepEqual(offer.actions, ['Turn On…']);
    assert.ok(!h.asked.some((question) => question.startsWith('ask:')), 'no question before the offer is taken');

    h.reset();
    h.clicks = [{ match: /notifications about sent messages/, action: 'Turn On…' }];
    h.script = { ask: false };
    await run('statistics', shown.entry);
    assert.ok(
      h.asked.some((question) => /^ask:Turn on notifications about sent messages/.test(question)),
      JSON.stringify(h.asked),
    );
    assert.equal(emulator.apiRequests('setSettings').length, 0);
    assert.equal(emulator.config.outgoingWebhook, 'no');
  });

  it('turns on notifications about sent messages with setSettings once the person agrees to the restart', async () => {
    emulator.set({ outgoingWebhook: 'no' });
    const id = await postText('Soon counted');
    await record(id, { caption: 'Soon counted' });
    const shown = await find(id);
    assert.ok(shown);
    h.clicks = [{ match: /notifications about sent messages/, action: 'Turn On…' }];
    h.script = { ask: true };
    await run('statistics', shown.entry);
    assert.equal(emulator.apiRequests('setSettings').length, 1);
    assert.equal(emulator.config.outgoingWebhook, 'yes');
    assert.match(h.notifications.at(-1)?.message ?? '', /are on\. The instance is restarting/);
  });

  it('says there are no statistics yet, offering nothing, when the setting is already on', async () => {
    await record('3EB0000000000000NONE', { caption: 'Nobody yet' });
    const shown = await find('3EB0000000000000NONE');
    assert.ok(shown);
    await run('statistics', shown.entry);
    const { severity, message, actions } = h.only();
    assert.equal(severity, 'info');
    assert.match(message, /No statistics for “Nobody yet” yet/);
    assert.deepEqual(actions, []);
    assert.equal(emulator.apiRequests('setSettings').length, 0);
  });

  it('Copy ID puts the status id on the clipboard', async () => {
    await vscode.env.clipboard.writeText('something else');
    await record('3EB0000000000000C0FY', { caption: 'Copy me' });
    const shown = await find('3EB0000000000000C0FY');
    assert.ok(shown);
    await run('copyId', shown.entry);
    assert.equal(await vscode.env.clipboard.readText(), '3EB0000000000000C0FY');
  });

  it('Post Again posts the same file again when the workspace still has it', async () => {
    workspaceFile('again/repost.png', pngBytes(9, 16));
    await record('3EB0000000000000AGN1', { kind: 'media', fileName: 'again/repost.png', caption: 'Again' });
    const shown = await find('3EB0000000000000AGN1');
    assert.ok(shown);
    h.script = { caption: '', participants: [] };
    await run('postAgain', shown.entry);
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 1);
    assert.equal(emulator.statuses[0].body.fileName, 'status.png');
  });

  it('Post Again says so when the file is no longer in the workspace, and posts nothing', async () => {
    await record('3EB0000000000000AGN2', { kind: 'media', fileName: 'nowhere/vanished.png' });
    const shown = await find('3EB0000000000000AGN2');
    assert.ok(shown);
    await run('postAgain', shown.entry);
    const { message, actions } = h.only();
    assert.match(message, /nowhere\/vanished\.png is not in this workspace/);
    assert.deepEqual(actions, ['Choose File…']);
    assert.equal(emulator.apiRequests('uploadFile').length + emulator.apiRequests('sendMediaStatus').length, 0);
  });

  it('reloads on the Refresh command and when the credentials change', async () => {
    let changes = 0;
    const listener = view.provider.onDidChangeTreeData(() => changes++);
    try {
      await vscode.commands.executeCommand('whatsappStatus.history.refresh');
      assert.equal(changes, 1);
      await h.services.credentials.forget();
      const deadline = Date.now() + 3000;
      while (changes < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(changes >= 2, 'signing out reloaded the view');
    } finally {
      listener.dispose();
    }
  });

  it('contributes its own activity-bar view, item menus and palette rules', () => {
    type Entry = { id: string; icon: string; view: string; when: string; group: string; command: string };
    type Manifest = {
      contributes: { viewsContainers: { activitybar: Entry[] }; views: Record<string, Entry[]>; viewsWelcome: Entry[]; menus: Record<string, Entry[]> };
    };
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest;
    const container = manifest.contributes.viewsContainers.activitybar.find((entry: { id: string }) => entry.id === 'whatsappStatus');
    assert.ok(container?.icon.endsWith('.svg'));
    assert.deepEqual(
      manifest.contributes.views.whatsappStatus.map((entry: { id: string }) => entry.id),
      ['whatsappStatus.history'],
    );
    const welcome = manifest.contributes.viewsWelcome.filter((entry: { view: string }) => entry.view === 'whatsappStatus.history');
    assert.deepEqual(welcome.map((entry: { when: string }) => entry.when).sort(), ['!whatsappStatus.signedIn', 'whatsappStatus.signedIn']);
    const inline = manifest.contributes.menus['view/item/context'].filter((entry: { group: string }) => entry.group.startsWith('inline'));
    assert.deepEqual(inline.map((entry: { command: string }) => entry.command).sort(), ['whatsappStatus.history.delete', 'whatsappStatus.history.statistics']);
    const hidden = manifest.contributes.menus.commandPalette
      .filter((entry: { when: string }) => entry.when === 'false')
      .map((entry: { command: string }) => entry.command);
    for (const command of ['statistics', 'delete', 'copyId', 'postAgain']) assert.ok(hidden.includes(`whatsappStatus.history.${command}`), command);
  });
});
