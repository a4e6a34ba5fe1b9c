import * as vscode from 'vscode';
import { BACK, runSteps, withAnswer, type Step, type StepAnswer, type StepsPlacement } from '../../core/common/steps';
import { sendTextStatusWith, type PostAnswers, type ProgressUpdate } from '../../core/statuses/postWorkflow';
import { publishText, type StatusHost, type TextStatusKind } from '../../core/statuses/publish';
import { checkTextStatus, fontWarnings, type TextStatus, type TextStatusWarning } from '../../core/statuses/textStatus';
import { askAudience } from '../posting/audience';
import { exclusively } from '../platform/busy';
import { describeTextProblem } from '../platform/messages';
import { showGreenApiError } from '../platform/notify';
import { notifyCancelled, notifyQueued } from '../posting/outcome';
import { askPostAnyway, sharedPorts } from '../posting/publish';
import { withPostProgress } from '../posting/progress';
import type { HostServices } from '../platform/services';
import { COMMAND } from '../platform/ids';

/** A text status: the message on a coloured background; a font that lacks the text's letters is a warning. */
const TEXT_STATUS: TextStatusKind<TextStatus, TextStatusWarning> = {
  kind: 'text',
  send: sendTextStatusWith,
  caption: (status) => status.message,
  warnings: (status) => fontWarnings(status.message, status.font),
};

/** "Post Text as Status": the editor selection (or typed text) on a coloured background. */
export function registerPostText(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.postText, () => exclusively(services, () => postText(services)));
}

/**
 * Posts a text status through the core's workflow ({@link publishText}), answering it with VS Code's prompts. The
 * credentials are checked before the person types anything. `answers` (Retry) sends the same text again unasked.
 */
function postText(services: HostServices, answers?: PostAnswers<TextStatus>): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  // Set once the person was told why the text cannot be posted: no "Cancelled" after that.
  let refused = false;
  const shared = sharedPorts(services);
  const host: StatusHost<TextStatus, TextStatusWarning> = {
    ...shared,
    prompts: (client) => ({
      batchMode: async () => 'shared',
      detailSteps: TEXT_STEPS,
      details: async (_targets, _signal, placement, previous) => {
        const status = await askText(services, previous ?? { message: selection }, placement);
        if (status === 'refused') refused = true;
        return status === 'refused' ? undefined : status;
      },
      participants: askAudience(services, client),
      confirm: (summary, warnings, signal, position) =>
        services.prompts.confirm({ ...summary, targets: [], warnings: describeFontWarnings(warnings) }, signal, position),
      acceptWarnings: (warnings) => askPostAnyway(services, describeFontWarnings(warnings)),
    }),
    withProgress: sendingProgress,
    cancelled: () => {
      if (!refused) notifyCancelled(services);
    },
    report: ([result], sent) => {
      if (result?.status === 'posted') notifyQueued(services, result.idMessage);
      if (result?.status === 'failed') {
        showGreenApiError(services, result.error, { instance: shared.instance(), retry: () => exclusively(services, () => postText(services, sent)) });
      }
    },
  };
  return publishText(host, TEXT_STATUS, answers);
}

/** The text, its background and its font: three of the post's numbered steps. */
const TEXT_STEPS = 3;

type TextDraft = Partial<TextStatus> & { readonly message: string };

/**
 * Asks for the text, the colour and the font as steps with Back between them, starting from `draft`, then checks the
 * whole. 'refused' after saying why the text cannot be posted.
 */
async function askText(services: HostServices, draft: TextDraft, placement: StepsPlacement): Promise<StepAnswer<TextStatus> | 'refused'> {
  const steps: Array<Step<TextDraft>> = [
    async (text, position) => withAnswer(text, 'message', await services.prompts.statusText(text.message, position)),
    async (text, position) => withAnswer(text, 'backgroundColor', await services.prompts.backgroundColor(position, text.backgroundColor)),
    async (text, position) => withAnswer(text, 'font', await services.prompts.font(position, text.font)),
  ];
  const answered = await runSteps(steps, draft, placement);
  if (answered === undefined || answered === BACK) return answered;
  const checked = checkTextStatus(answered);
  if (checked.ok) return checked.status;
  void services.notifier.error(vscode.l10n.t('Cannot post this text: {0}', describeTextProblem(checked.problem)));
  return 'refused';
}

function describeFontWarnings(warnings: readonly TextStatusWarning[]): string[] {
  return warnings.map((warning) => vscode.l10n.t('The font {0} draws Latin letters only, and the text has "{1}".', warning.font, warning.letter));
}

/**
 * A text status has nothing to upload, so no progress shows while the person answers: the notification appears when
 * the status is being sent, and cancelling it stops the send (the status may still be queued, and is reported so).
 */
function sendingProgress<T>(task: (progress: { report(update: ProgressUpdate): void }, signal: AbortSignal) => Promise<T>): Promise<T> {
  return withPostProgress(
    vscode.l10n.t('Posting text status…'),
    (progress, signal) =>
      task(
        {
          report: (update) => {
            if (update.phase === 'posting') progress.show();
          },
        },
        signal,
      ),
    undefined,
  );
}
