import * as vscode from 'vscode';
import type { Features } from './features';
import { activationPart, afterActivationPart, firstTime } from './vscode/platform/activationMarks';
import { afterActivation } from './vscode/platform/afterActivation';
import { bundleLoader } from './vscode/platform/bundles';
import { CredentialStore } from './vscode/platform/credentials';
import { COMMAND, COMMANDS_OF_OWN_VIEWS } from './vscode/platform/ids';
import { HostLog } from './vscode/platform/log';
import { seedSandboxCredentials } from './vscode/platform/sandbox';
import type { HostServices } from './vscode/platform/services';
import { createHistoryTree, type HistoryTree } from './vscode/views/history/historyTree';

type FeaturesModule = typeof import('./features');

/** What activate() exposes, and only to the extension's own tests: other extensions must never reach the credentials. */
export interface TestApi {
  readonly services: HostServices;
}

/**
 * Registers every command, which VS Code may run as soon as activate() returns; once it has returned, the Statuses
 * view's tree and the first read of the credentials for the menus' `signedIn` key. The rest (src/features.ts) is its own bundle,
 * dist/features.js, loaded by the first command or the view being drawn, and otherwise a little after activation for
 * the status bar's first check and following statuses. Until then each command is a stand-in that loads it, gives way
 * to the real command and runs it.
 */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const activatedAt = Date.now();
  const credentials = new CredentialStore(context);
  const log = new HostLog(() => credentials.lastKnown ?? {});
  // Once activate() has returned: the sandbox seed, then the first read of the credentials, which sets the menus'
  // `signedIn` key (a session's first post shares that read).
  const started = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => seedSandboxCredentials(credentials))
    .then(
      (seeded) => {
        if (seeded) log.info('Sandbox: emulator credentials stored');
      },
      () => log.warn('Sandbox: the emulator credentials could not be stored'),
    );
  const storage = context.globalStorageUri;
  const bundles = bundleLoader(__dirname, {
    cacheDir: storage.scheme === 'file' ? storage.fsPath : undefined,
    onLoad: (name, cache, ms) => firstTime(`bundle/${name}`, { cache, ms }),
    onSave: (name, error) => error && log.infoWhenOpened(`The code cache of ${name}.js could not be written (${String(error)})`),
  });
  let historyTree: HistoryTree | undefined;
  const tree = (): HistoryTree => {
    if (!historyTree) {
      historyTree = afterActivationPart('view', () => createHistoryTree(load));
      context.subscriptions.push(historyTree);
    }
    return historyTree;
  };
  let features: Features | undefined;
  const load = (): Features => {
    if (!features) {
      const module = bundles.load<FeaturesModule>('features');
      // A command id has one handler at a time: the stand-ins give way to the real commands.
      standIns.dispose();
      features = module.loadFeatures({ context, log, credentials, started, historyTree: tree(), activatedAt, bundles });
      context.subscriptions.push(features);
    }
    return features;
  };
  // The view's tree can wait until activate() has returned: VS Code asks for its contents only once it is registered.
  // The command that activated the extension runs first.
  setImmediate(tree);
  const standIns = activationPart('commands', () =>
    vscode.Disposable.from(
      ...Object.values(COMMAND)
        .filter((command) => !COMMANDS_OF_OWN_VIEWS.has(command))
        .map((command) =>
          vscode.commands.registerCommand(command, (...args: unknown[]) => {
            load();
            // Now the real command's: executeCommand runs a command of this host directly, with these same arguments.
            return vscode.commands.executeCommand(command, ...args);
          }),
        ),
    ),
  );
  context.subscriptions.push(log, credentials, standIns, bundles, afterActivation(load, activatedAt));
  void started.then(() => credentials.get()).then(() => firstTime('activate/credentialsRead'));
  log.infoWhenOpened(`Activated in ${vscode.env.appName} ${vscode.version}`);
  // The extension's tests drive the services: they are built at once.
  return context.extensionMode === vscode.ExtensionMode.Test ? { services: load().services } : undefined;
}

export function deactivate(): void {}
