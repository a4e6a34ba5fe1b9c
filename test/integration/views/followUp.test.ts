import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { HISTORY_KEY } from '../../../src/core/store/history';
import type { HistoryView } from '../../../src/vscode/views/history/historyView';
import type { Emulator } from '../../emulator';
import { pngBytes, runPost, usePostingSuite, workspaceFile, type Harness } from '../support';

/** The Statuses view following posted statuses: live states without a click, and what it says when one is stuck. */
describe('Following posted statuses', () => {
  let h: Harness;
  let emulator: Emulator;
  let view: HistoryView;
  usePostingSuite((harness, started) => {
    h = harness;
    emulator = started;
    // The services declare the view's port; the tests also read its provider and tree.
    const registered = h.services.historyView as HistoryView | undefined;
    assert.ok(registered, 'the history view is registered');
    view = registered;
  });
  beforeEach(async () => {
    await h.services.context.globalState.update(HISTORY_KEY, undefined);
    emulator.set({ deliverySchedule: null });
  });
  after(() => h.services.context.globalState.update(HISTORY_KEY, undefined));

  const item = async (idMessage: string) => {
    const entry = (await view.provider.load()).find((candidate) => candidate.idMessage === idMessage);
    assert.ok(entry, `${idMessage} is listed`);
    return { entry, item: view.provider.getTreeItem(entry) };
  };
  const iconOf = (treeItem: vscode.TreeItem) => treeItem.iconPath as vscode.ThemeIcon;

  /** Posts a picture to `participants` through the post command; returns the status id. */
  let pictures = 0;
  async function post(name: string, participants: string[]): Promise<string> {
    h.script = { caption: name, participants };
    // Bytes of its own: the upload cache would reuse the link of a file the emulator's reset deleted.
    pictures += 1;
    await runPost(workspaceFile(`follow/${name}.png`, pngBytes(9 * pictures, 16 * pictures)));
    const posted = emulator.statuses.at(-1);
    assert.ok(posted, 'the post reached the emulator');
    return posted.idMessage;
  }

  it('shows Queued at once, then Sent and Read by 2 as the journal advances, announcing it once', async () => {
    const idMessage = await post('sunrise', ['79001112233@c.us', '447700900123@c.us']);
    let shown = await item(idMessage);
    assert.match(String(shown.item.description), /· Queued$/);
    assert.deepEqual([iconOf(shown.item).id, (iconOf(shown.item).color as vscode.ThemeColor).id], ['clock', 'charts.yellow']);

    emulator.advance({ idMessage, to: 'sent' });
    await h.services.follower.lookNow();
    shown = await item(idMessage);
    assert.match(String(shown.item.description), /· Sent$/);
    assert.equal(iconOf(shown.item).id, 'check');
    const published = h.notifications.filter((notification) => notification.message.startsWith('Status published'));
    assert.deepEqual(
      published.map((notification) => notification.message),
      ['Status published: “sunrise”.'],
    );

    emulator.advance({ idMessage, to: 'read', readers: 2 });
    await h.services.follower.lookNow();
    shown = await item(idMessage);
    assert.match(String(shown.item.description), /· Read by 2$/);
    assert.deepEqual([iconOf(shown.item).id, (iconOf(shown.item).color as vscode.ThemeColor).id], ['eye', 'charts.green']);
    assert.match(String(shown.item.tooltip), /Read by 2: Queued .+ → sent .+ → first read .+/);
    assert.equal(shown.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const viewers = await view.provider.getChildren(shown.entry);
    assert.deepEqual(viewers.map((viewer) => view.provider.getTreeItem(viewer).label).sort(), ['+447700900123', '+79001112233']);
    assert.equal(h.notifications.filter((notification) => notification.message.startsWith('Status published')).length, 1, 'announced once');
  });

  it('keeps quiet about publishing when whatsappStatus.notifyWhenPublished is off', async () => {
    await vscode.workspace.getConfiguration('whatsappStatus').update('notifyWhenPublished', false, vscode.ConfigurationTarget.Global);
    try {
      const idMessage = await post('quiet', ['79001112233@c.us']);
      emulator.advance({ idMessage, to: 'delivered' });
      await h.services.follower.lookNow();
      assert.match(String((await item(idMessage)).item.description), /· Delivered to 1$/);
      assert.ok(!h.notifications.some((notification) => notification.message.startsWith('Status published')));
    } finally {
      await vscode.workspace.getConfiguration('whatsappStatus').update('notifyWhenPublished', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('says a status to all contacts is stuck on an iPhone, and posts it again to a list', async () => {
    emulator.set({ mainDevice: 'iphone' });
    const idMessage = await post('stuck', []);
    // Two minutes later, as the history sees it.
    const [record] = h.services.history.list();
    await h.services.history.add({ ...record, postedAt: record.postedAt - 3 * 60_000 });
    h.clicks = [{ match: /still queued after 2 minutes/, action: 'Post Again to Chosen Contacts' }];
    h.script = { caption: 'stuck again', participants: [] };
    await h.services.follower.lookNow();

    const stuck = h.notifications.find((notification) => notification.message.includes('still queued'));
    assert.ok(stuck, 'the stuck notification is shown');
    assert.match(stuck.message, /all your contacts without a list.*iPhone/);
    assert.deepEqual(stuck.actions, ['Post Again to Chosen Contacts', 'Always List Contacts…']);
    await waitFor(() => emulator.statuses.length === 2);
    const again = emulator.statuses[1];
    assert.equal(again.idMessage === idMessage, false);
    assert.ok(Array.isArray(again.body.participants) && again.body.participants.length > 0, 'posted again with an explicit list');
    assert.deepEqual(again.problems, []);

    await h.services.follower.lookNow();
    assert.equal(h.notifications.filter((notification) => notification.message.includes('still queued')).length, 1, 'said once');
  });

  it('says once that live states need the journal, in the view and with the fix', async () => {
    emulator.set({ outgoingWebhook: 'no' });
    h.clicks = [{ match: /Live states/, action: 'Turn On Status Statistics' }];
    h.script = { ask: true };
    const idMessage = await post('unseen', ['79001112233@c.us']);
    h.script = { ask: true };
    await h.services.follower.lookNow();
    assert.match(String(view.treeView.message), /Live states \(queued, sent, read\) need GREEN-API’s “notifications about sent messages”/);
    assert.match(String((await item(idMessage)).item.description), /· Queued$/, 'the state GREEN-API answered, nothing invented');
    const off = h.notifications.filter((notification) => notification.message.startsWith('Live states'));
    assert.deepEqual(
      off.map((notification) => notification.actions),
      [['Turn On Status Statistics']],
    );
    await waitFor(() => emulator.apiRequests('setSettings').length === 1);
    assert.equal(emulator.config.outgoingWebhook, 'yes');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
