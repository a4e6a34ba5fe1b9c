import * as vscode from 'vscode';
import type { HistoryEntry } from '../../../core/store/history';
import { isRecord } from '../../../core/common/json';
import type { HostServices, StatusesView } from '../../platform/services';
import { HistoryTreeProvider, isViewerNode, type HistoryNode } from './historyProvider';
import type { HistoryTree } from './historyTree';
import { VIEW } from '../../platform/ids';

/** The history view of one window, as the host services hold it; the provider and tree are there for the tests. */
export interface HistoryView extends StatusesView {
  readonly provider: HistoryTreeProvider;
  readonly treeView: vscode.TreeView<HistoryNode>;
}

/**
 * Fills the "WhatsApp Statuses" view (its tree registered at activation) and keeps it current: on credential changes
 * and when it is shown again.
 */
export function registerHistoryView(services: HostServices, tree: HistoryTree): vscode.Disposable {
  const provider = new HistoryTreeProvider(services);
  const { treeView } = tree;
  let followProblem: string | undefined;
  const showMessage = () => {
    treeView.message = provider.journalProblem ?? followProblem;
  };
  const view: HistoryView = {
    provider,
    treeView,
    refresh: () => provider.refresh(),
    redrawLive: () => provider.redrawLive(),
    setStatistic: (idMessage, summary) => provider.setStatistic(idMessage, summary),
    forget: (idMessage) => provider.forget(idMessage),
    setFollowProblem(message) {
      followProblem = message;
      showMessage();
    },
    entryFor(argument) {
      if (typeof argument === 'string') return provider.entry(argument) ?? { idMessage: argument, postedAt: 0, local: false, inJournal: false };
      if (isRecord(argument) && typeof argument.idMessage === 'string') return provider.entry(argument.idMessage) ?? (argument as unknown as HistoryEntry);
      const selected = treeView.selection[0];
      return selected && isViewerNode(selected) ? provider.entry(selected.viewerOf) : selected;
    },
  };
  services.historyView = view;
  let shownBefore = treeView.visible;
  return vscode.Disposable.from(
    provider,
    tree.attach(provider),
    services.credentials.onDidChange(() => provider.refresh()),
    // Relative times and the journal go stale while the view is hidden; VS Code loads it on its own the first time.
    treeView.onDidChangeVisibility(({ visible }) => {
      if (visible && shownBefore) provider.refresh();
      shownBefore ||= visible;
    }),
    provider.onDidLoad(showMessage),
    {
      dispose() {
        if (services.historyView === view) services.historyView = undefined;
      },
    },
  );
}

/**
 * The status an item command is about: the clicked item (menus pass the element), an id (from code), or else the
 * view's selection (a key binding). Undefined after saying what to do.
 */
export async function targetEntry(services: HostServices, argument: unknown): Promise<HistoryEntry | undefined> {
  const entry =
    services.historyView?.entryFor(argument) ??
    (typeof argument === 'string' ? { idMessage: argument, postedAt: 0, local: false, inJournal: false } : undefined);
  if (!entry) {
    void services.notifier.info(vscode.l10n.t('Select a status in the WhatsApp Statuses view first.'));
    await vscode.commands.executeCommand(`${VIEW.history}.focus`);
  }
  return entry;
}

/** Runs a request with the progress bar of the history view (and its title), since the person started it there. */
export function withViewProgress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: { viewId: VIEW.history }, title }, task);
}
