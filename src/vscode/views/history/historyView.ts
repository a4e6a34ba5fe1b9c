import * as vscode from 'vscode';
import type { HistoryEntry } from '../../../core/store/history';
import { isRecord } from '../../../core/common/json';
import type { HostServices } from '../../platform/services';
import { HistoryTreeProvider, isViewerNode, type HistoryNode } from './historyProvider';
import { VIEW } from '../../platform/ids';

/** The history view of one window: the provider (for its entries) and the tree (for its selection). */
export interface HistoryView {
  readonly provider: HistoryTreeProvider;
  readonly treeView: vscode.TreeView<HistoryNode>;
  /** Reloads the list; call after posting or deleting a status. */
  refresh(): void;
  /** Why live states cannot be shown, in the view's message area (undefined clears it). */
  setFollowProblem(message: string | undefined): void;
}

/**
 * Where the view is kept: a plain property on the services object, so the post command (and the extension's own
 * tests, which load a second copy of these modules) reach the same view through the services they already hold.
 * HostServices may later declare it as `historyView?: HistoryView`.
 */
type WithHistoryView = { historyView?: HistoryView };

export function historyViewOf(services: HostServices): HistoryView | undefined {
  return (services as HostServices & WithHistoryView).historyView;
}

/** Reloads the history view, if there is one; the post command calls this after `services.history.add(...)`. */
export function refreshHistory(services: HostServices): void {
  historyViewOf(services)?.refresh();
}

/** Creates the "WhatsApp Statuses" view and keeps it current: on credential changes and when it is shown again. */
export function registerHistoryView(services: HostServices): vscode.Disposable {
  const provider = new HistoryTreeProvider(services);
  const treeView = vscode.window.createTreeView(VIEW.history, { treeDataProvider: provider });
  let followProblem: string | undefined;
  const showMessage = () => {
    treeView.message = provider.journalProblem ?? followProblem;
  };
  const view: HistoryView = {
    provider,
    treeView,
    refresh: () => provider.refresh(),
    setFollowProblem(message) {
      followProblem = message;
      showMessage();
    },
  };
  (services as HostServices & WithHistoryView).historyView = view;
  let shownBefore = treeView.visible;
  return vscode.Disposable.from(
    provider,
    treeView,
    services.credentials.onDidChange(() => provider.refresh()),
    // Relative times and the journal go stale while the view is hidden; VS Code loads it on its own the first time.
    treeView.onDidChangeVisibility(({ visible }) => {
      if (visible && shownBefore) provider.refresh();
      shownBefore ||= visible;
    }),
    provider.onDidLoad(showMessage),
    {
      dispose() {
        const holder = services as HostServices & WithHistoryView;
        if (holder.historyView === view) holder.historyView = undefined;
      },
    },
  );
}

/**
 * The status an item command is about: the clicked item (menus pass the element), an id (from code), or else the
 * view's selection (a key binding). Undefined after saying what to do.
 */
export async function targetEntry(services: HostServices, argument: unknown): Promise<HistoryEntry | undefined> {
  const view = historyViewOf(services);
  let entry: HistoryEntry | undefined;
  if (typeof argument === 'string') entry = view?.provider.entry(argument) ?? { idMessage: argument, postedAt: 0, local: false, inJournal: false };
  else if (isRecord(argument) && typeof argument.idMessage === 'string')
    entry = view?.provider.entry(argument.idMessage) ?? (argument as unknown as HistoryEntry);
  else {
    const selected = view?.treeView.selection[0];
    entry = selected && isViewerNode(selected) ? view?.provider.entry(selected.viewerOf) : selected;
  }
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
