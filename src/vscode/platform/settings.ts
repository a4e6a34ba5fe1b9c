import * as vscode from 'vscode';
import type { Logger } from '../../core/common/log';
import { REQUEST_TIMEOUT_SECONDS, numericSetting, type NumericSettingRange } from '../../core/common/numericSetting';

export interface Settings {
  readonly apiUrl: string;
  readonly mediaUrl: string;
  readonly confirmBeforePosting: boolean;
  readonly requestTimeoutSeconds: number;
  /** Saved audiences as the person wrote them (validated where used). */
  readonly audiences: unknown;
  readonly requireExplicitParticipants: boolean;
  readonly notifyWhenPublished: boolean;
  /** Send files with their location and camera metadata instead of without. */
  readonly keepMetadata: boolean;
}

const SECTION = 'whatsappStatus';
/** Wrong numeric values already logged: settings are read for every request, and each value is worth one line. */
const reportedProblems = new Set<string>();

/**
 * Reads the settings from user scope only. They are declared `application`, which VS Code already keeps out of
 * workspaces; reading `globalValue` makes sure a workspace value can never steer where the token goes. Numeric
 * settings are brought into their declared range; `log` is told once about each wrong value.
 */
export function readSettings(log?: Logger): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const user = <T>(key: string, fallback: T): T => {
    const inspected = config.inspect<T>(key);
    return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
  };
  const numeric = (key: string, range: NumericSettingRange): number => {
    const { value, problem } = numericSetting(config.inspect(key)?.globalValue, range);
    const line = problem && `${SECTION}.${key}: ${problem}`;
    if (line && log && !reportedProblems.has(line)) {
      reportedProblems.add(line);
      log.warn(line);
    }
    return value;
  };
  return {
    apiUrl: user('apiUrl', ''),
    mediaUrl: user('mediaUrl', ''),
    confirmBeforePosting: user('confirmBeforePosting', true),
    requestTimeoutSeconds: numeric('requestTimeoutSeconds', REQUEST_TIMEOUT_SECONDS),
    audiences: user<unknown>('audiences', {}),
    requireExplicitParticipants: user('requireExplicitParticipants', false),
    notifyWhenPublished: user('notifyWhenPublished', true),
    keepMetadata: user('keepMetadata', false),
  };
}

/** The Settings editor at this extension's settings, or at one of them. */
export function openSettings(setting?: string): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', setting ?? `@ext:whatsapp-status-dev.whatsapp-status`);
}
