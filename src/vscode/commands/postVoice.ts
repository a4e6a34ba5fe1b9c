import * as vscode from 'vscode';
import { voiceStatusWarnings } from '../../core/media/preflight';
import { sendVoiceStatusWith, type VoiceDetails } from '../../core/statuses/postWorkflow';
import { checkVoiceFile, type VoiceFile } from '../../core/statuses/voiceStatus';
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
  details: async (services) => {
    const backgroundColor = await services.prompts.backgroundColor();
    return backgroundColor === undefined ? undefined : { backgroundColor };
  },
  send: sendVoiceStatusWith,
};

/** "Post as WhatsApp voice status": .mp3 and .wav from the Explorer or an editor tab, or picked from the palette. */
export function registerPostVoice(services: HostServices): vscode.Disposable {
  return registerFilePosting(services, COMMAND.postVoice, VOICE_STATUS, () => services.prompts.pickFiles('voice'));
}
