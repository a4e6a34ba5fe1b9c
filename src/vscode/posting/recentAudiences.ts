import type * as vscode from 'vscode';
import { STORAGE_KEY } from '../platform/ids';

/** Audiences remembered for the picker's "Recently used" section, newest first. */
const RECENT_AUDIENCES_MAX = 5;

/** The recently used audiences (chat ids each), newest first. */
export function recentAudiences(globalState: vscode.Memento): string[][] {
  return globalState.get<string[][]>(STORAGE_KEY.recentAudiences, []);
}

/** Puts an audience first among the recent ones (once), keeping the newest few. */
export async function rememberAudience(globalState: vscode.Memento, ids: string[]): Promise<void> {
  const key = ids.join(',');
  const recent = recentAudiences(globalState).filter((entry) => entry.join(',') !== key);
  await globalState.update(STORAGE_KEY.recentAudiences, [ids, ...recent].slice(0, RECENT_AUDIENCES_MAX));
}
