import * as vscode from 'vscode';
import type { Startup } from './startup';
import { activationPart, afterActivationPart, firstTime } from './vscode/platform/activationMarks';
import { bundleLoader } from './vscode/platform/bundles';
import { COMMANDS_WITH_STAND_INS } from './vscode/platform/ids';
import type { HostServices } from './vscode/platform/services';

type StartupModule = typeof import('./startup');

/** What activate() exposes, and only to the extension's own tests: other extensions must never reach the credentials. */
export interface TestApi {
  readonly services: HostServices;
}

/**
 * Registers a stand-in for every command a person can reach, which VS Code may run as soon as activate() returns, and
 * nothing else: this file is all that activation compiles and runs. The rest of the setup (src/startup.ts, the view's
 * tree and the credentials) is its own bundle, dist/startup.js, loaded once activate() has returned; everything else
 * (src/features.ts) is dist/features.js, loaded by the first command or the view being drawn, and otherwise a little
 * after activation. A stand-in loads both, gives way to the real command and runs it.
 */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const activatedAt = Date.now();
  let startup: Startup | undefined;
  const bundles = bundleLoader(__dirname, {
    cacheDir: context.globalStorageUri.scheme === 'file' ? context.globalStorageUri.fsPath : undefined,
    onLoad: (name, cache, ms) => firstTime(`bundle/${name}`, { cache, ms }),
    onSave: (name, error) => error && startup?.log.infoWhenOpened(`The code cache of ${name}.js could not be written (${String(error)})`),
  });
  const start = (): Startup => {
    if (!startup) {
      startup = afterActivationPart('startup', () => bundles.load<StartupModule>('startup').startUp({ context, bundles, activatedAt, standIns }));
      context.subscriptions.push(startup);
    }
    return startup;
  };
  const standIns = activationPart('commands', () =>
    vscode.Disposable.from(
      ...COMMANDS_WITH_STAND_INS.map((command) =>
        vscode.commands.registerCommand(command, (...args: unknown[]) => {
          start().features();
          // Now the real command's: executeCommand runs a command of this host directly, with these same arguments.
          return vscode.commands.executeCommand(command, ...args);
        }),
      ),
    ),
  );
  // Disposed in this order: the bundles write their code caches before startup's log closes.
  context.subscriptions.push(standIns, bundles);
  setImmediate(start);
  firstTime('activate/returned');
  // The extension's tests drive the services, which they reach through this.
  return context.extensionMode === vscode.ExtensionMode.Test
    ? {
        get services() {
          return start().features().services;
        },
      }
    : undefined;
}

export function deactivate(): void {}
