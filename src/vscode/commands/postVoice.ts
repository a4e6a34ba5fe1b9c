import * as vscode from 'vscode';
import { voiceStatusWarnings } from '../../core/preflight';
import { sendVoiceStatusWith, type VoiceDetails } from '../../core/postWorkflow';
import { selectedResources } from '../../core/selection';
import { checkVoiceFile, type VoiceFile } from '../../core/voiceStatus';
import { exclusively } from '../busy';
import { postFileStatuses, type FileStatusKind } from '../publish';
import type { HostServices } from '../services';

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

/** "Post as WhatsApp voice status": .mp3 and .wav from the Explorer or the palette (then a file picker). */
export function registerPostVoice(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand('whatsappStatus.postVoice', (clicked?: vscode.Uri, selected?: vscode.Uri[]) =>
    exclusively(services, async () => {
      const picked = selectedResources(clicked instanceof vscode.Uri ? clicked : undefined, Array.isArray(selected) ? selected : undefined);
      const uris = picked.length ? picked : await services.prompts.pickFiles('voice');
      if (uris?.length) await postFileStatuses(services, uris, VOICE_STATUS);
    }),
  );
}
