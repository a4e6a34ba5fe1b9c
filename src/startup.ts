// What the extension sets up once activate() has returned, bundled apart as dist/startup.js: src/extension.ts loads it
// right after activation, or sooner if a command or the extension's tests need it first.
import * as vscode from 'vscode';
import type { Features } from './features';
import { afterActivationPart, firstTime } from './vscode/platform/activationMarks';
import { afterActivation } from './vscode/platform/afterActivation';
import type { Bundles } from './vscode/platform/bundles';
import { CredentialStore } from './vscode/platform/credentials';
import { HostLog } from './vscode/platform/log';
import { seedSandboxCredentials } from './vscode/platform/sandbox';
import { createHistoryTree, type HistoryTree } from './vscode/views/history/historyTree';

type FeaturesModule = typeof import('./features');

export interface StartupInput {
  readonly context: vscode.ExtensionContext;
  readonly bundles: Bundles;
  /** When activate() ran (Date.now() ms). */
  readonly activatedAt: number;
  /** The commands' stand-ins, which give way to the real commands once dist/features.js is loaded. */
  readonly standIns: vscode.Disposable;
}

export interface Startup extends vscode.Disposable {
  readonly log: HostLog;
  /** Everything else (src/features.ts), loaded the first time it is asked for. */
  features(): Features;
}

/**
 * Registers the Statuses view's tree, starts the sandbox seed and then the first read of the credentials, which sets
 * the menus' `signedIn` key (a session's first post shares that read), and loads dist/features.js a little after
 * activation for the status bar's first check and following statuses, unless a command or the view loads it first.
 */
export function startUp({ context, bundles, activatedAt, standIns }: StartupInput): Startup {
  const credentials = new CredentialStore(context);
  const log = new HostLog(() => credentials.lastKnown ?? {});
  const started = seedSandboxCredentials(credentials).then(
    (seeded) => {
      if (seeded) log.info('Sandbox: emulator credentials stored');
    },
    () => log.warn('Sandbox: the emulator credentials could not be stored'),
  );
  let features: Features | undefined;
  const load = (): Features => {
    if (!features) {
      const module = bundles.load<FeaturesModule>('features');
      // A command id has one handler at a time: the stand-ins give way to the real commands.
      standIns.dispose();
      features = module.loadFeatures({ context, log, credentials, started, historyTree, activatedAt, bundles });
    }
    return features;
  };
  // VS Code asks for the view's contents only once its tree is registered; the tree loads the rest when it does.
  const historyTree: HistoryTree = afterActivationPart('view', () => createHistoryTree(load));
  const later = afterActivation(load, activatedAt);
  void started.then(() => credentials.get()).then(() => firstTime('activate/credentialsRead'));
  log.infoWhenOpened(`Activated in ${vscode.env.appName} ${vscode.version}`);
  return {
    log,
    features: load,
    dispose() {
      later.dispose();
      features?.dispose();
      historyTree.dispose();
      credentials.dispose();
      log.dispose();
    },
  };
}
