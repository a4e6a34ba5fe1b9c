import * as vscode from 'vscode';
import { GreenApiError } from '../../../core/greenApi/errors';
import type { OutgoingStatus } from '../../../core/greenApi/types';
import { mergeWithJournal, type HistoryEntry, type StatisticSummary } from '../../../core/store/history';
import { describeError } from '../../platform/messages';
import type { HostServices } from '../../platform/services';
import { backgroundClient } from '../../posting/connection';
import { historyTreeItem, viewerTreeItem, type ViewerNode } from './historyItem';

/** The view's elements: statuses, and under a followed status its viewers. */
export type HistoryNode = HistoryEntry | ViewerNode;

export function isViewerNode(node: HistoryNode): node is ViewerNode {
  return 'viewerOf' in node;
}

/**
 * The "WhatsApp Statuses" list: the statuses posted from this machine with the signed-in instance (StatusHistory)
 * joined with that instance's outgoing journal of the last 24 hours, newest first. Nothing is listed while signed out, so the view shows its
 * welcome text instead. The elements are the plain HistoryEntry objects, which is also what item commands receive.
 */
export class HistoryTreeProvider implements vscode.TreeDataProvider<HistoryNode>, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<HistoryNode | undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  readonly #loaded = new vscode.EventEmitter<void>();
  /** After every load of the list; `journalProblem` then says whether the server's journal was part of it. */
  readonly onDidLoad = this.#loaded.event;
  /** Statistics fetched in this session, shown in the tooltips. */
  readonly #statistics = new Map<string, StatisticSummary>();
  /** Deleted in this session: hidden even if the server's journal still lists them. */
  readonly #deleted = new Set<string>();
  #entries: HistoryEntry[] = [];
  #journalProblem: string | undefined;
  /** The journal of the last load, reused by the next load when only the follower's states changed. */
  #journal: OutgoingStatus[] | undefined;
  #reuseJournal = false;

  constructor(private readonly services: HostServices) {}

  /** Why the last load shows only this machine's statuses, if it had to. */
  get journalProblem(): string | undefined {
    return this.#journalProblem;
  }

  /** Reloads the list (VS Code asks again for the children if the view is showing). */
  refresh(): void {
    this.#reuseJournal = false;
    this.#changed.fire(undefined);
  }

  /** Redraws with the states the follower stored, without asking GREEN-API for the journal again. */
  redrawLive(): void {
    this.#reuseJournal = this.#journal !== undefined;
    this.#changed.fire(undefined);
  }

  getTreeItem(node: HistoryNode): vscode.TreeItem {
    if (isViewerNode(node)) return viewerTreeItem(node);
    return historyTreeItem(
      node,
      this.services.clock.now(),
      this.#statistics.get(node.idMessage),
      node.live ? this.services.follower.viewers(node.idMessage).length : 0,
    );
  }

  async getChildren(element?: HistoryNode): Promise<HistoryNode[]> {
    if (!element) return this.load();
    if (isViewerNode(element)) return [];
    return this.services.follower.viewers(element.idMessage).map((viewer) => ({ viewerOf: element.idMessage, viewer }));
  }

  getParent(node: HistoryNode): HistoryNode | undefined {
    return isViewerNode(node) ? this.entry(node.viewerOf) : undefined;
  }

  /** The entry the last load listed under this id. */
  entry(idMessage: string): HistoryEntry | undefined {
    return this.#entries.find((entry) => entry.idMessage === idMessage);
  }

  statistic(idMessage: string): StatisticSummary | undefined {
    return this.#statistics.get(idMessage);
  }

  /** Keeps fetched statistics for the tooltip and redraws that one item. */
  setStatistic(idMessage: string, summary: StatisticSummary): void {
    this.#statistics.set(idMessage, summary);
    const listed = this.entry(idMessage);
    if (listed) this.#changed.fire(listed);
  }

  /** After a deletion (or finding the status already gone): out of the history, out of the list. */
  async forget(idMessage: string): Promise<void> {
    this.#deleted.add(idMessage);
    this.#statistics.delete(idMessage);
    await this.services.history.remove(idMessage);
    this.#entries = this.#entries.filter((entry) => entry.idMessage !== idMessage);
    this.refresh();
  }

  async load(): Promise<HistoryEntry[]> {
    const stored = await this.services.credentials.get();
    if (stored.status !== 'ok') {
      this.#entries = [];
      this.#journalProblem = undefined;
      this.#loaded.fire();
      return [];
    }
    const reuse = this.#reuseJournal && this.#journal;
    this.#reuseJournal = false;
    const { journal, problem } = reuse ? { journal: reuse, problem: this.#journalProblem } : await this.#readJournal(stored.credentials);
    this.#journal = journal;
    this.#entries = mergeWithJournal(this.services.history.list(stored.credentials.idInstance), journal).filter((entry) => !this.#deleted.has(entry.idMessage));
    this.#journalProblem = problem;
    this.#loaded.fire();
    return this.#entries;
  }

  async #readJournal(credentials: { idInstance: string; apiTokenInstance: string }): Promise<{ journal: OutgoingStatus[]; problem?: string }> {
    const made = backgroundClient(this.services, credentials);
    if (!made.ok) return { journal: [], problem: vscode.l10n.t('Showing only the statuses posted from this machine: {0}', made.problem) };
    try {
      return { journal: await made.client.getOutgoingStatuses() };
    } catch (error) {
      if (!(error instanceof GreenApiError)) throw error;
      this.services.log.warn(`History: the outgoing journal could not be read (${error.message})`);
      const { message } = describeError(error, { instanceVerified: this.services.session.verifiedInstance === credentials.idInstance });
      return { journal: [], problem: vscode.l10n.t('Showing only the statuses posted from this machine: {0}', message) };
    }
  }

  dispose(): void {
    this.#changed.dispose();
    this.#loaded.dispose();
  }
}
