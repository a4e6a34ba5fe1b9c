import * as vscode from 'vscode';
import { CAPTION_MAX, checkCaption, normalizeCaption } from '../core/caption';
import { formatBytes } from '../core/format';
import { MEDIA_STATUS_EXTENSIONS } from '../core/media';
import { displayParticipant, parseParticipants } from '../core/participants';
import type { PostSummary, PostTarget } from '../core/postWorkflow';
import { checkApiToken, checkIdInstance } from './credentials';
import { describeCaptionProblem, describeParticipantProblem } from './messages';
import type { HostPrompts, Notifier } from './services';

const RECENT_AUDIENCES_KEY = 'whatsappStatus.recentAudiences';
const RECENT_AUDIENCES_MAX = 5;
const CAPTION_PREVIEW_CHARS = 120;

interface AudienceItem extends vscode.QuickPickItem {
  /** The chat ids this choice stands for ([] = all contacts); undefined for an entry that cannot be accepted. */
  readonly ids: string[] | undefined;
}

/** Bridges the core's AbortSignal to the CancellationToken VS Code's prompts take. */
function cancellationFrom(signal: AbortSignal): vscode.CancellationTokenSource {
  const source = new vscode.CancellationTokenSource();
  if (signal.aborted) source.cancel();
  else signal.addEventListener('abort', () => source.cancel(), { once: true });
  return source;
}

export function audienceLabel(ids: readonly string[]): string {
  return ids.length === 0 ? vscode.l10n.t('All my contacts') : ids.map(displayParticipant).join(', ');
}

/** The real prompts: InputBoxes, a QuickPick and modal dialogs. */
export function createVscodePrompts(globalState: vscode.Memento): HostPrompts {
  return {
    async caption(targets: readonly PostTarget[], signal: AbortSignal) {
      const cancellation = cancellationFrom(signal);
      try {
        const caption = await vscode.window.showInputBox(
          {
            title: targets.length === 1 ? vscode.l10n.t('Caption for {0}', targets[0].label) : vscode.l10n.t('Caption for {0} statuses', targets.length),
            prompt: vscode.l10n.t('Optional. Press Enter to continue, Escape to cancel.'),
            placeHolder: vscode.l10n.t('Write a caption (up to {0} characters)', CAPTION_MAX),
            ignoreFocusOut: true,
            validateInput: (value) => {
              const problem = checkCaption(value);
              if (problem) return { message: describeCaptionProblem(problem), severity: vscode.InputBoxValidationSeverity.Error };
              return { message: vscode.l10n.t('{0} / {1} characters', normalizeCaption(value).length, CAPTION_MAX), severity: vscode.InputBoxValidationSeverity.Info };
            },
          },
          cancellation.token,
        );
        return caption === undefined ? undefined : normalizeCaption(caption);
      } finally {
        cancellation.dispose();
      }
    },

    participants(signal: AbortSignal) {
      return new Promise<string[] | undefined>((resolve) => {
        const picker = vscode.window.createQuickPick<AudienceItem>();
        const recent = globalState.get<string[][]>(RECENT_AUDIENCES_KEY, []);
        const fixedItems: AudienceItem[] = [
          { label: `$(organization) ${vscode.l10n.t('All my contacts')}`, detail: vscode.l10n.t('Everyone in your phone book who saved your number (first 1024 contacts)'), ids: [] },
          ...recent.map((ids) => ({ label: `$(history) ${audienceLabel(ids)}`, description: vscode.l10n.t('recently used'), ids })),
        ];
        picker.title = vscode.l10n.t('Who may see this status?');
        picker.placeholder = vscode.l10n.t('Pick an audience, or type phone numbers with country code, separated by commas');
        picker.ignoreFocusOut = true;
        picker.items = fixedItems;
        picker.onDidChangeValue((value) => {
          picker.items = value.trim() ? [typedAudienceItem(value), ...fixedItems] : fixedItems;
        });
        let settled = false;
        const finish = (ids: string[] | undefined) => {
          if (settled) return;
          settled = true;
          picker.dispose();
          resolve(ids);
        };
        picker.onDidAccept(() => {
          const ids = picker.selectedItems[0]?.ids;
          if (ids === undefined) return;
          if (ids.length) void rememberAudience(globalState, ids);
          finish(ids);
        });
        picker.onDidHide(() => finish(undefined));
        signal.addEventListener('abort', () => finish(undefined), { once: true });
        if (signal.aborted) finish(undefined);
        else picker.show();
      });
    },

    async confirm(summary: PostSummary) {
      const { targets, caption, participants } = summary;
      const size = formatBytes(targets.reduce((total, target) => total + target.media.size, 0));
      const message = targets.length === 1 ? vscode.l10n.t('Post {0} ({1}) as a WhatsApp status?', targets[0].label, size) : vscode.l10n.t('Post {0} files ({1}) as WhatsApp statuses?', targets.length, size);
      const preview = caption.length > CAPTION_PREVIEW_CHARS ? `${caption.slice(0, CAPTION_PREVIEW_CHARS)}…` : caption;
      const detail = [
        caption ? vscode.l10n.t('Caption: {0}', preview) : vscode.l10n.t('No caption'),
        vscode.l10n.t('Audience: {0}', audienceLabel(participants)),
      ].join('\n');
      const post = vscode.l10n.t('Post');
      return (await vscode.window.showInformationMessage(message, { modal: true, detail }, post)) === post;
    },

    idInstance() {
      return vscode.window.showInputBox({
        title: vscode.l10n.t('GREEN-API credentials (1 of 2)'),
        prompt: vscode.l10n.t('idInstance: the instance number shown in your GREEN-API console'),
        placeHolder: '1101123456',
        ignoreFocusOut: true,
        validateInput: (value) => (checkIdInstance(value) ? undefined : vscode.l10n.t('idInstance is a number, for example 1101123456')),
      }) as Promise<string | undefined>;
    },

    apiToken() {
      return vscode.window.showInputBox({
        title: vscode.l10n.t('GREEN-API credentials (2 of 2)'),
        prompt: vscode.l10n.t('apiTokenInstance: the token shown next to it. It is kept in VS Code secret storage only.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (checkApiToken(value) ? undefined : vscode.l10n.t('Paste the whole apiTokenInstance, without spaces')),
      }) as Promise<string | undefined>;
    },

    async pickMediaFiles() {
      const extensions = Object.keys(MEDIA_STATUS_EXTENSIONS).map((extension) => extension.slice(1));
      return vscode.window.showOpenDialog({
        canSelectMany: true,
        openLabel: vscode.l10n.t('Post as status'),
        filters: { [vscode.l10n.t('Images and videos')]: extensions },
      });
    },

    async ask(message: string, detail: string, confirmLabel: string) {
      return (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirmLabel)) === confirmLabel;
    },
  };
}

/** The entry for what is typed into the audience picker: the parsed numbers, or what is wrong with them. */
function typedAudienceItem(value: string): AudienceItem {
  const parsed = parseParticipants(value);
  if (parsed.invalid.length) {
    const { entry, problem } = parsed.invalid[0];
    return { label: `$(error) ${entry}`, description: describeParticipantProblem(problem), alwaysShow: true, ids: undefined };
  }
  if (!parsed.ids.length) return { label: `$(error) ${value}`, description: describeParticipantProblem('not-a-number'), alwaysShow: true, ids: undefined };
  return {
    label: `$(person) ${vscode.l10n.t('Only: {0}', audienceLabel(parsed.ids))}`,
    description: parsed.duplicates ? vscode.l10n.t('{0} duplicate(s) removed', parsed.duplicates) : undefined,
    alwaysShow: true,
    ids: parsed.ids,
  };
}

async function rememberAudience(globalState: vscode.Memento, ids: string[]): Promise<void> {
  const key = ids.join(',');
  const recent = globalState.get<string[][]>(RECENT_AUDIENCES_KEY, []).filter((entry) => entry.join(',') !== key);
  await globalState.update(RECENT_AUDIENCES_KEY, [ids, ...recent].slice(0, RECENT_AUDIENCES_MAX));
}

export function createVscodeNotifier(): Notifier {
  return {
    info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
    warn: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
    error: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
  };
}
