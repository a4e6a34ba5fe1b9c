import * as vscode from 'vscode';

export interface Settings {
  readonly apiUrl: string;
  readonly mediaUrl: string;
  readonly confirmBeforePosting: boolean;
  readonly requestTimeoutSeconds: number;
  /** Saved audiences as the person wrote them (validated where used). */
  readonly audiences: unknown;
  readonly requireExplicitParticipants: boolean;
  readonly notifyWhenPublished: boolean;
}

const SECTION = 'whatsappStatus';

/**
 * Reads the settings from user scope only. They are declared `application`, which VS Code already keeps out of
 * workspaces; reading `globalValue` makes sure a workspace value can never steer where the token goes.
 */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const user = <T>(key: string, fallback: T): T => {
    const inspected = config.inspect<T>(key);
    return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
  };
  return {
    apiUrl: user('apiUrl', ''),
    mediaUrl: user('mediaUrl', ''),
    confirmBeforePosting: user('confirmBeforePosting', true),
    requestTimeoutSeconds: user('requestTimeoutSeconds', 30),
    audiences: user<unknown>('audiences', {}),
    requireExplicitParticipants: user('requireExplicitParticipants', false),
    notifyWhenPublished: user('notifyWhenPublished', true),
  };
}

/** The Settings editor at this extension's settings, or at one of them. */
export function openSettings(setting?: string): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', setting ?? `@ext:whatsapp-status-dev.whatsapp-status`);
}
