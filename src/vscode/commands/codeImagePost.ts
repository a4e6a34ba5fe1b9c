import * as vscode from 'vscode';
import type { HostServices } from '../platform/services';
import { codeImage } from './postCodeImage';
import { COMMAND } from '../platform/ids';

/** The code image preview's Post, in its title bar: the same as the Post button on the page. */
export function registerCodeImagePost(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.codeImagePost, () => codeImage(services).capture());
}
