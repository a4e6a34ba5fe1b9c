import * as vscode from 'vscode';
import { MEDIA_EXTENSION_PATTERN, checkMediaFile, extensionOf, type MediaFile } from '../../core/media/media';
import { mediaStatusWarnings } from '../../core/media/preflight';
import { sendMediaStatusWith, type MediaDetails } from '../../core/statuses/postWorkflow';
import { BACK } from '../../core/common/steps';
import { registerFilePosting, type FileStatusKind } from '../posting/publish';
import type { HostServices } from '../platform/services';
import { COMMAND } from '../platform/ids';

/** Pictures and videos: sendMediaStatus with a caption. */
export const MEDIA_STATUS: FileStatusKind<MediaFile, MediaDetails> = {
  kind: 'media',
  rules: (facts) => {
    const checked = checkMediaFile(facts);
    return checked.ok ? { ok: true, file: checked.media } : checked;
  },
  warnings: mediaStatusWarnings,
  details: async (services, targets, signal, placement, previous) => {
    const caption = await services.prompts.caption(targets, signal, placement.first, previous?.caption);
    return caption === undefined || caption === BACK ? caption : { caption };
  },
  send: sendMediaStatusWith,
  caption: (details) => details.caption,
};

/** "Post as Status": from the Explorer (one or many files), an editor tab, or the palette. */
export function registerPostFile(services: HostServices): vscode.Disposable {
  return registerFilePosting(services, COMMAND.postFile, MEDIA_STATUS, async () => activeMediaResource() ?? services.prompts.pickFiles('media'));
}

/** From the palette: the media file in the active editor tab (images and videos open in custom editors). */
function activeMediaResource(): vscode.Uri[] | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
  return uri && MEDIA_EXTENSION_PATTERN.test(extensionOf(uri.path)) ? [uri] : undefined;
}
