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

/** The window's code image session, its bundle (dist/codeImage.js) loaded on first use. */
export function codeImage(services: HostServices): CodeImageSession {
  return services.bundles
    .load<CodeImageModule>('codeImage')
    .codeImageSession(services, (uri) => exclusively(services, () => postFileStatuses(services, [uri], CODE_IMAGE_STATUS)));
}

/**
 * "Post Selection as Code Image": the selection (or the lines on screen) as a 1080 × 1920 picture in the person's
 * colour theme, previewed beside the editor; its Post continues into the normal post flow.
 */
export function registerPostCodeImage(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.postCodeImage, () => codeImage(services).open(vscode.window.activeTextEditor));
}
