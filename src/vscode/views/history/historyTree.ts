import * as vscode from 'vscode';
import type { HistoryNode } from './historyProvider';
import { VIEW } from '../../platform/ids';

/**
 * The "WhatsApp Statuses" tree as activation registers it: VS Code must find the view's provider once the extension is
 * active, but nothing it shows is needed before the view is drawn. The tree asks a stand-in, which loads the real
 * provider (`load`, which must {@link HistoryTree.attach} it) the first time VS Code asks for anything.
 */
export interface HistoryTree extends vscode.Disposable {
  readonly treeView: vscode.TreeView<HistoryNode>;
  /** From now on the tree shows what `provider` gives, and redraws when it says so. */
  attach(provider: vscode.TreeDataProvider<HistoryNode>): vscode.Disposable;
}

export function createHistoryTree(load: () => void): HistoryTree {
  const changed = new vscode.EventEmitter<HistoryNode | HistoryNode[] | undefined | null | void>();
  let provider: vscode.TreeDataProvider<HistoryNode> | undefined;
  const real = (): vscode.TreeDataProvider<HistoryNode> => {
    if (!provider) load();
    if (!provider) throw new Error('the WhatsApp Statuses view has no provider');
    return provider;
  };
  const standIn: vscode.TreeDataProvider<HistoryNode> = {
    onDidChangeTreeData: changed.event,
    getTreeItem: (node) => real().getTreeItem(node),
    getChildren: (node) => real().getChildren(node),
    getParent: (node) => real().getParent?.(node),
  };
  const treeView = vscode.window.createTreeView(VIEW.history, { treeDataProvider: standIn });
  return {
    treeView,
    attach(attached) {
      provider = attached;
      return vscode.Disposable.from(attached.onDidChangeTreeData?.((node) => changed.fire(node)) ?? { dispose() {} }, {
        dispose() {
          if (provider === attached) provider = undefined;
        },
      });
    },
    dispose() {
      treeView.dispose();
      changed.dispose();
    },
  };
}
