import * as vscode from 'vscode';
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
import { CredentialStore } from './vscode/platform/credentials';
import { createFollower, registerFollowUp } from './vscode/views/followUp';
import { registerHistoryView } from './vscode/views/history/historyView';
import { HostLog } from './vscode/platform/log';
import { createVscodePrompts } from './vscode/posting/prompts';
import { createVscodeNotifier } from './vscode/platform/notifier';
import { activationPart, firstTime } from './vscode/platform/activationMarks';
import { seedSandboxCredentials } from './vscode/platform/sandbox';
import type { HostServices } from './vscode/platform/services';
import { registerStatusBar } from './vscode/views/statusBar';

/** What activate() exposes, and only to the extension's own tests: other extensions must never reach the credentials. */
export interface TestApi {
  readonly services: HostServices;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const credentials = new CredentialStore(context);
  const log = new HostLog(() => credentials.lastKnown ?? {});
  // Kept for the session (the picker offers a refresh): a post after the first costs exactly two requests.
  const contactsByInstance = new Map<string, ContactsCache>();
  const started = seedSandboxCredentials(credentials).then(
    (seeded) => {
      if (seeded) log.info('Sandbox: emulator credentials stored');
    },
    () => log.warn('Sandbox: the emulator credentials could not be stored'),
  );
  const services: HostServices = {
    context,
    log,
    credentials,
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
  context.subscriptions.push(
    log,
    credentials,
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
    activationPart('view', () => registerHistoryView(services)),
    registerHistoryRefresh(services),
    registerHistoryStatistics(services),
    registerHistoryDelete(services),
    registerHistoryCopyId(services),
    registerHistoryPostAgain(services),
    registerHistoryEnableStatistics(services),
    activationPart('statusBar', () => registerStatusBar(services)),
    activationPart('followUp', () => registerFollowUp(services)),
  );
  void started.then(() => credentials.get()).then(() => firstTime('activate/credentialsRead'));
  log.info(`Activated in ${vscode.env.appName} ${vscode.version}`);
  return context.extensionMode === vscode.ExtensionMode.Test ? { services } : undefined;
}

export function deactivate(): void {}
