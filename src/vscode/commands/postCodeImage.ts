import * as path from 'node:path';
import * as vscode from 'vscode';
import { exclusively } from '../platform/busy';
import type { CodeImageSession } from '../codeImage';
import { postFileStatuses } from '../posting/publish';
import type { HostServices } from '../platform/services';
import { MEDIA_STATUS } from './postFile';
import { COMMAND } from '../platform/ids';

/** Code images are sent as pictures are; the history names them as code. */
const CODE_IMAGE_STATUS: typeof MEDIA_STATUS = { ...MEDIA_STATUS, kind: 'code' };

type CodeImageModule = typeof import('../codeImage');
let loaded: CodeImageModule | undefined;

/** The window's code image session, its bundle (dist/codeImage.js) loaded on first use. */
export function codeImage(services: HostServices): CodeImageSession {
  // A computed path, so esbuild leaves the require alone and the module stays in its own file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an import() would be bundled into extension.js
  loaded ??= require(path.join(__dirname, 'codeImage.js')) as CodeImageModule;
  return loaded.codeImageSession(services, (uri) => exclusively(services, () => postFileStatuses(services, [uri], CODE_IMAGE_STATUS)));
}

/**
 * "Post Selection as Code Image": the selection (or the lines on screen) as a 1080 × 1920 picture in the person's
 * colour theme, previewed beside the editor; its Post continues into the normal post flow.
 */
export function registerPostCodeImage(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.postCodeImage, () => codeImage(services).open(vscode.window.activeTextEditor));
}
