import * as vscode from 'vscode';
import { voiceStatusWarnings } from '../../core/media/preflight';
import { sendVoiceStatusWith, type VoiceDetails } from '../../core/statuses/postWorkflow';
import { checkVoiceFile, type VoiceFile } from '../../core/statuses/voiceStatus';
import { BACK } from '../../core/common/steps';
import { registerFilePosting, type FileStatusKind } from '../posting/publish';
import type { HostServices } from '../platform/services';
import { COMMAND } from '../platform/ids';

/** Audio: sendVoiceStatus with a background colour. */
const VOICE_STATUS: FileStatusKind<VoiceFile, VoiceDetails> = {
  kind: 'voice',
  rules: (facts) => {
    const checked = checkVoiceFile(facts);
    return checked.ok ? { ok: true, file: checked.voice } : checked;
  },
  warnings: voiceStatusWarnings,
  details: async (services, _targets, _signal, placement, previous) => {
    const backgroundColor = await services.prompts.backgroundColor(placement.first, previous?.backgroundColor);
    return backgroundColor === undefined || backgroundColor === BACK ? backgroundColor : { backgroundColor };
  },
  send: sendVoiceStatusWith,
  caption: () => undefined,
};

/** "Post as Voice Status": .mp3 and .wav from the Explorer or an editor tab, or picked from the palette. */
export function registerPostVoice(services: HostServices): vscode.Disposable {
  return registerFilePosting(services, COMMAND.postVoice, VOICE_STATUS, () => services.prompts.pickFiles('voice'));
}
