import * as vscode from 'vscode';
import type { HistoryEntry } from '../../core/store/history';
import { entryLabel } from '../views/history/historyItem';
import { targetEntry } from '../views/history/historyView';
import type { HostServices, PostOptions } from '../platform/services';
import { COMMAND } from '../platform/ids';

/** Characters that mean something in a VS Code glob; a name with any of them is matched by extension instead. */
const GLOB_SPECIAL = /[*?[\]{}!]/;
const MAX_MATCHES = 20;

/**
 * "Post Again" on an image or video status: runs "Post as Status" with the same file, found in the
 * workspace by the name the history kept (the history stores no paths). Caption and audience are asked again;
 * `options.explicitAudience` (from a status stuck on an iPhone) sends "all contacts" as a list.
 */
export function registerHistoryPostAgain(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.historyPostAgain, async (argument?: unknown, options?: PostOptions) => {
    const entry = await targetEntry(services, argument);
    if (!entry) return;
    if (entry.kind !== 'media' || !entry.fileName) {
      void services.notifier.info(vscode.l10n.t('Only image and video statuses can be posted again from here.'));
      return;
    }
    const found = await findInWorkspace(entry.fileName);
    const uri = found.length > 1 ? await pickOne(entry, found) : found[0];
    if (found.length > 1 && !uri) return;
    if (uri) {
      await vscode.commands.executeCommand(COMMAND.postFile, uri, [uri], options);
      return;
    }
    const choose = vscode.l10n.t('Choose File…');
    const choice = await services.notifier.info(vscode.l10n.t('{0} is not in this workspace any more. Choose the file to post again?', entry.fileName), choose);
    if (choice !== choose) return;
    const picked = await services.prompts.pickFiles('media');
    if (picked?.length) await vscode.commands.executeCommand(COMMAND.postFile, picked[0], picked, options);
  });
}

/** Files whose path ends with the recorded name: a bare file name, or a workspace-relative path if one was kept. */
async function findInWorkspace(fileName: string): Promise<vscode.Uri[]> {
  const name = fileName.replace(/\\/g, '/').replace(/^\/+/, '');
  if (!name || !vscode.workspace.workspaceFolders?.length) return [];
  const extension = name.slice(name.lastIndexOf('.'));
  const pattern = GLOB_SPECIAL.test(name) ? `**/*${GLOB_SPECIAL.test(extension) ? '' : extension}` : `**/${name}`;
  const candidates = await vscode.workspace.findFiles(pattern, undefined, GLOB_SPECIAL.test(name) ? 5000 : MAX_MATCHES);
  return candidates.filter((uri) => uri.path === `/${name}` || uri.path.endsWith(`/${name}`)).slice(0, MAX_MATCHES);
}

async function pickOne(entry: HistoryEntry, found: readonly vscode.Uri[]): Promise<vscode.Uri | undefined> {
  const items = found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Post “{0}” again', entryLabel(entry)),
    placeHolder: vscode.l10n.t('Several files are called {0}; pick one', entry.fileName ?? ''),
  });
  return picked?.uri;
}
