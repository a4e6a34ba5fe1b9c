// Everything the extension does, bundled apart as dist/features.js: src/extension.ts loads it on first use (a command,
// the Statuses view drawn) or soon after activation (the status bar's first check, following statuses), so activation
// loads only what VS Code must find at once.
import type * as vscode from 'vscode';
import { ContactsCache } from './core/audience/audience';
import { StatusHistory } from './core/store/history';
import { UploadCache } from './core/store/uploadCache';
import { registerForgetCredentials } from './vscode/commands/forgetCredentials';
import { registerHistoryCopyId } from './vscode/commands/historyCopyId';
import { registerHistoryDelete } from './vscode/commands/historyDelete';
import { registerHistoryEnableStatistics } from './vscode/commands/historyEnableStatistics';
import { registerHistoryPostAgain } from './vscode/commands/historyPostAgain';
import { registerHistoryRefresh } from './vscode/commands/historyRefresh';
import { registerHistoryStatistics } from './vscode/commands/historyStatistics';
import { registerPostFile } from './vscode/commands/postFile';
import { registerCodeImagePost } from './vscode/commands/codeImagePost';
import { registerPostCodeImage } from './vscode/commands/postCodeImage';
import { registerPostText } from './vscode/commands/postText';
import { registerPostVoice } from './vscode/commands/postVoice';
import { registerSetCredentials } from './vscode/commands/setCredentials';
import { registerShowLog } from './vscode/commands/showLog';
import type { Bundles } from './vscode/platform/bundles';
import type { CredentialStore } from './vscode/platform/credentials';
import type { HostLog } from './vscode/platform/log';
import { createVscodePrompts } from './vscode/posting/prompts';
import { createVscodeNotifier } from './vscode/platform/notifier';
import type { HostServices } from './vscode/platform/services';
import { createFollower, registerFollowUp } from './vscode/views/followUp';
import type { HistoryTree } from './vscode/views/history/historyTree';
import { registerHistoryView } from './vscode/views/history/historyView';
import { registerStatusBar } from './vscode/views/statusBar';

/** What activation made and hands over. */
export interface Activated {
  readonly context: vscode.ExtensionContext;
  readonly log: HostLog;
  readonly credentials: CredentialStore;
  /** Settles when activation's own work on the credentials (the sandbox seed) is done. */
  readonly started: Promise<void>;
  /** The Statuses view's tree, registered at activation, which the real provider fills. */
  readonly historyTree: HistoryTree;
  /** When activate() ran (Date.now() ms): work that waits for "a little after activation" counts from there. */
  readonly activatedAt: number;
  /** Loads the extension's other bundles, with their code caches. */
  readonly bundles: Bundles;
}

export interface Features extends vscode.Disposable {
  readonly services: HostServices;
}

/** Builds the host services and registers the commands, fills the view, and sets up the status bar and the follower. */
export function loadFeatures({ context, log, credentials, started, historyTree, activatedAt, bundles }: Activated): Features {
  // Kept for the session (the picker offers a refresh): a post after the first costs exactly two requests.
  const contactsByInstance = new Map<string, ContactsCache>();
  const services: HostServices = {
    context,
    log,
    credentials,
    bundles,
    clock: Date,
    history: new StatusHistory(context.globalState),
    uploads: new UploadCache(context.globalState, Date),
    follower: createFollower(() => services),
    contacts(client) {
      let cache = contactsByInstance.get(client.idInstance);
      if (!cache) contactsByInstance.set(client.idInstance, (cache = new ContactsCache(() => client.getContacts(), { clock: Date, maxAgeMs: Infinity })));
      return cache;
    },
    prompts: createVscodePrompts(context.globalState),
    notifier: createVscodeNotifier(),
    started,
    session: { busy: false },
  };
  const registered: vscode.Disposable[] = [
    // Another window may have signed out or switched instance: forget what this session verified.
    credentials.onDidChange(() => {
      services.session.verifiedInstance = undefined;
      contactsByInstance.clear();
    }),
    registerPostFile(services),
    registerPostText(services),
    registerPostCodeImage(services),
    registerCodeImagePost(services),
    registerPostVoice(services),
    registerSetCredentials(services),
    registerForgetCredentials(services),
    registerShowLog(services),
    registerHistoryView(services, historyTree),
    registerHistoryRefresh(services),
    registerHistoryStatistics(services),
    registerHistoryDelete(services),
    registerHistoryCopyId(services),
    registerHistoryPostAgain(services),
    registerHistoryEnableStatistics(services),
    registerStatusBar(services, activatedAt),
    registerFollowUp(services, activatedAt),
  ];
  return {
    services,
    dispose() {
      for (const disposable of registered) disposable.dispose();
    },
  };
}
