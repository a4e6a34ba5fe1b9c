import * as vscode from 'vscode';
import { CAPTION_MAX, checkCaption, normalizeCaption } from '../../core/statuses/caption';
import { formatBytes } from '../../core/common/format';
import { previewText } from '../../core/store/history';
import { MEDIA_STATUS_EXTENSIONS } from '../../core/media/media';
import type { PostTarget } from '../../core/statuses/postWorkflow';
import { STATUS_SWATCHES, checkBackgroundColor, type SwatchId } from '../../core/statuses/statusColor';
import { TEXT_STATUS_FONTS, TEXT_STATUS_MAX, checkStatusText, type TextStatusFont } from '../../core/statuses/textStatus';
import { VOICE_STATUS_EXTENSIONS } from '../../core/statuses/voiceStatus';
import { checkApiToken, checkIdInstance } from '../platform/credentials';
import { describeCaptionProblem, describeColorProblem, describeRemovedMetadata, describeTextProblem } from '../platform/messages';
import type { AudienceChoices, ConfirmSummary, HostPrompts } from '../platform/services';
import { inputStep, pickStep } from '../platform/quickInput';
import { audienceLabel, pickAudienceIds } from './audiencePicker';
import { BACK, type StepPosition } from '../../core/common/steps';

const PREVIEW_CHARS = 120;

/** The real prompts: InputBoxes, QuickPicks and modal dialogs. */
export function createVscodePrompts(globalState: vscode.Memento): HostPrompts {
  return {
    async caption(targets: readonly PostTarget[], signal: AbortSignal, position?: StepPosition, previous?: string) {
      const caption = await inputStep(
        {
          title: targets.length === 1 ? vscode.l10n.t('Caption for {0}', targets[0].label) : vscode.l10n.t('Caption for {0} statuses', targets.length),
          position,
          value: previous,
          prompt: vscode.l10n.t('Optional. Press Enter to continue, Escape to cancel.'),
          placeholder: vscode.l10n.t('Write a caption (up to {0} characters)', CAPTION_MAX),
          validate: (value) => {
            const problem = checkCaption(value);
            if (problem) return { message: describeCaptionProblem(problem), severity: vscode.InputBoxValidationSeverity.Error };
            return {
              message: vscode.l10n.t('{0} / {1} characters', normalizeCaption(value).length, CAPTION_MAX),
              severity: vscode.InputBoxValidationSeverity.Info,
            };
          },
        },
        signal,
      );
      return typeof caption === 'string' ? normalizeCaption(caption) : caption;
    },

    async participants(signal: AbortSignal, choices?: AudienceChoices, position?: StepPosition) {
      return pickAudienceIds(globalState, signal, choices, position);
    },

    async confirm(summary: ConfirmSummary, _signal?: AbortSignal, position?: StepPosition) {
      const { targets, details, participants, warnings = [] } = summary;
      const size = formatBytes(targets.reduce((total, target) => total + target.file.size, 0));
      const message =
        targets.length === 0
          ? vscode.l10n.t('Post this text as a WhatsApp status?')
          : targets.length === 1
            ? vscode.l10n.t('Post {0} ({1}) as a WhatsApp status?', targets[0].label, size)
            : vscode.l10n.t('Post {0} files ({1}) as WhatsApp statuses?', targets.length, size);
      const lines = [
        details.message !== undefined ? vscode.l10n.t('Text: {0}', previewText(details.message, PREVIEW_CHARS)) : undefined,
        details.caption !== undefined
          ? details.caption
            ? vscode.l10n.t('Caption: {0}', previewText(details.caption, PREVIEW_CHARS))
            : vscode.l10n.t('No caption')
          : undefined,
        details.backgroundColor ? vscode.l10n.t('Background: {0}', details.backgroundColor) : undefined,
        details.font ? vscode.l10n.t('Font: {0}', details.font) : undefined,
        vscode.l10n.t('Audience: {0}', audienceLabel(participants)),
        describeRemovedMetadata(targets),
      ].filter(Boolean);
      // Pre-flight advice, after the summary: accepting the post accepts it.
      const detail = [...lines, ...(warnings.length ? ['', ...warnings] : [])].join('\n');
      // The last of the steps: Back returns to the audience, Cancel (or Escape) cancels the post.
      const back = position && position.step > 1 ? [vscode.l10n.t('Back')] : [];
      const post = warnings.length ? vscode.l10n.t('Post Anyway') : vscode.l10n.t('Post');
      const show = warnings.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      const choice = await show(message, { modal: true, detail }, post, ...back);
      return choice === post || (choice !== undefined && back.includes(choice) ? BACK : false);
    },

    statusText(initial: string, position?: StepPosition) {
      return inputStep({
        title: vscode.l10n.t('Text status'),
        position,
        value: initial,
        prompt: vscode.l10n.t('White text on a coloured background, up to {0} characters.', TEXT_STATUS_MAX),
        validate: (value) => {
          const checked = checkStatusText(value);
          if (!checked.ok) return { message: describeTextProblem(checked.problem), severity: vscode.InputBoxValidationSeverity.Error };
          return { message: vscode.l10n.t('{0} / {1} characters', checked.message.length, TEXT_STATUS_MAX), severity: vscode.InputBoxValidationSeverity.Info };
        },
      });
    },

    async backgroundColor(position?: StepPosition, previous?: string) {
      const custom = vscode.l10n.t('Custom colour…');
      const items = [
        ...STATUS_SWATCHES.map((swatch) => ({ label: swatchName(swatch.id), description: swatch.color, color: swatch.color })),
        { label: `$(edit) ${custom}`, description: '#RRGGBB', color: undefined },
      ];
      for (;;) {
        const active = items.find((item) => item.color === previous);
        const picked = await pickStep(items, { title: vscode.l10n.t('Background colour (the text is always white)'), position, active });
        if (picked === undefined || picked === BACK || picked.color) return picked === undefined || picked === BACK ? picked : picked.color;
        // Back from the typed colour returns to the swatches.
        const typed = await inputStep({
          title: vscode.l10n.t('Background colour'),
          position,
          back: true,
          placeholder: '#075E54',
          value: previous,
          validate: (value) => {
            const checked = checkBackgroundColor(value);
            return checked.ok ? undefined : { message: describeColorProblem(checked.problem), severity: vscode.InputBoxValidationSeverity.Error };
          },
        });
        if (typed === undefined) return undefined;
        if (typed !== BACK) return (checkBackgroundColor(typed) as { color: string }).color;
      }
    },

    async font(position?: StepPosition, previous?: TextStatusFont) {
      const items = TEXT_STATUS_FONTS.map((font) => ({ label: font, font }));
      const picked = await pickStep(items, { title: vscode.l10n.t('Font'), position, active: items.find((item) => item.font === previous) });
      return picked === undefined || picked === BACK ? picked : picked.font;
    },

    async batchMode(count: number) {
      const shared = { label: vscode.l10n.t('Same caption and audience for all {0}', count), mode: 'shared' as const };
      const perFile = { label: vscode.l10n.t('Ask for each file'), mode: 'per-file' as const };
      return (await vscode.window.showQuickPick([shared, perFile], { title: vscode.l10n.t('Posting {0} files', count), ignoreFocusOut: true }))?.mode;
    },

    idInstance(position?: StepPosition, previous?: string) {
      return inputStep({
        title: vscode.l10n.t('GREEN-API credentials'),
        position,
        value: previous,
        prompt: vscode.l10n.t('idInstance: the instance number shown in your GREEN-API console'),
        placeholder: '1101123456',
        validate: (value) =>
          checkIdInstance(value)
            ? undefined
            : { message: vscode.l10n.t('idInstance is a number, for example 1101123456'), severity: vscode.InputBoxValidationSeverity.Error },
      });
    },

    apiToken(position?: StepPosition) {
      return inputStep({
        title: vscode.l10n.t('GREEN-API credentials'),
        position,
        prompt: vscode.l10n.t('apiTokenInstance: the token shown next to it. It is kept in VS Code secret storage only.'),
        password: true,
        validate: (value) =>
          checkApiToken(value)
            ? undefined
            : { message: vscode.l10n.t('Paste the whole apiTokenInstance, without spaces'), severity: vscode.InputBoxValidationSeverity.Error },
      });
    },

    async pickFiles(kind: 'media' | 'voice') {
      const extensions = Object.keys(kind === 'media' ? MEDIA_STATUS_EXTENSIONS : VOICE_STATUS_EXTENSIONS).map((extension) => extension.slice(1));
      return vscode.window.showOpenDialog({
        canSelectMany: true,
        openLabel: kind === 'media' ? vscode.l10n.t('Post as status') : vscode.l10n.t('Post as voice status'),
        filters: { [kind === 'media' ? vscode.l10n.t('Images and videos') : vscode.l10n.t('Audio')]: extensions },
      });
    },

    async ask(message: string, detail: string, confirmLabel: string) {
      return (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirmLabel)) === confirmLabel;
    },
  };
}

function swatchName(id: SwatchId): string {
  const names: Record<SwatchId, string> = {
    teal: vscode.l10n.t('WhatsApp teal'),
    black: vscode.l10n.t('Black'),
    blue: vscode.l10n.t('Blue'),
    purple: vscode.l10n.t('Purple'),
    berry: vscode.l10n.t('Berry'),
    red: vscode.l10n.t('Red'),
    forest: vscode.l10n.t('Forest green'),
    slate: vscode.l10n.t('Slate'),
  };
  return names[id];
}
