import * as vscode from 'vscode';
import { GreenApiError } from '../../core/greenApi/errors';
import { BACK, runSteps, type Step, type StepAnswer } from '../../core/common/steps';
import { checkTextStatus, type TextStatusFont, type TextStatusWarning } from '../../core/statuses/textStatus';
import { askAudience } from '../posting/audience';
import { exclusively } from '../platform/busy';
import { connect, startInstanceCheck } from '../posting/connection';
import { rememberPosted } from '../views/followUp';
import { describeTextProblem } from '../platform/messages';
import { showGreenApiError } from '../platform/notify';
import { refreshHistory } from '../views/history/historyView';
import { notifyQueued } from '../posting/publish';
import type { HostServices } from '../platform/services';
import { readSettings } from '../platform/settings';
import { COMMAND } from '../platform/ids';

/** "Post Text as Status": the editor selection (or typed text) on a coloured background. */
export function registerPostText(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.postText, () => exclusively(services, () => postText(services)));
}

/** What the text status's steps have answered so far. */
interface TextDraft {
  readonly message: string;
  readonly backgroundColor?: string;
  readonly font?: TextStatusFont;
  readonly participants?: string[];
}

async function postText(services: HostServices): Promise<void> {
  // Signed out: say so before the person types a whole status.
  const client = await connect(services);
  if (!client) return;
  const editor = vscode.window.activeTextEditor;
  const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  // Checked while the person answers, and only for text that can be posted: bad input sends no request.
  let ready: (() => Promise<boolean>) | undefined;
  // Set once the person was told why the text cannot be posted: no "Cancelled" after it.
  let refused = false;
  const abort = new AbortController();
  const audience = askAudience(services, client);
  const confirming = readSettings().confirmBeforePosting;
  const totalSteps = confirming ? 5 : 4;
  const steps: Array<Step<TextDraft>> = [
    async (draft, position) => answer(draft, { message: await services.prompts.statusText(draft.message, position) }),
    async (draft, position) => answer(draft, { backgroundColor: await services.prompts.backgroundColor(position, draft.backgroundColor) }),
    async (draft, position) => answer(draft, { font: await services.prompts.font(position, draft.font) }),
    async (draft, position) => {
      if (!check(services, draft)) {
        refused = true;
        return undefined;
      }
      ready ??= startInstanceCheck(services, client);
      return answer(draft, { participants: await audience(abort.signal, position) });
    },
  ];
  if (confirming) {
    steps.push(async (draft, position) => {
      const checked = check(services, draft);
      if (!checked) {
        refused = true;
        return undefined;
      }
      const summary = { targets: [], details: checked.status, participants: draft.participants ?? [], warnings: describeFontWarnings(checked.warnings) };
      const confirmed = await services.prompts.confirm(summary, abort.signal, position);
      return confirmed === true ? draft : confirmed === BACK ? BACK : undefined;
    });
  }
  const draft = await runSteps(steps, { message: selection }, { first: { step: 1, totalSteps } });
  // The questions are over: the audience picker's reads still under way (the account's country) are not needed.
  abort.abort();
  if (draft === undefined || draft === BACK) {
    if (!refused) void services.notifier.info(vscode.l10n.t('Cancelled; nothing was posted.'));
    return;
  }
  const checked = check(services, draft);
  if (!checked) return;
  // Without a confirmation, the font warnings are a question of their own.
  const warnings = describeFontWarnings(checked.warnings);
  if (!confirming && warnings.length && !(await services.prompts.ask(warnings.join('\n'), vscode.l10n.t('Post anyway?'), vscode.l10n.t('Post Anyway')))) return;
  if (!(await (ready ?? startInstanceCheck(services, client))())) return;

  const status = checked.status;
  const participants = draft.participants ?? [];
  try {
    const { idMessage } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Posting text status…') },
      () => client.sendTextStatus({ ...status, participants }),
    );
    await rememberPosted(services, {
      idMessage,
      instance: client.idInstance,
      postedAt: services.clock.now(),
      kind: 'text',
      caption: status.message,
      participants,
    });
    refreshHistory(services);
    notifyQueued(services, idMessage);
  } catch (error) {
    if (!(error instanceof GreenApiError)) throw error;
    showGreenApiError(services, error, { instance: client.idInstance, retry: () => vscode.commands.executeCommand(COMMAND.postText) });
  }
}

/** The draft with one step's answer, or that step's Back or dismissal. */
function answer<K extends keyof TextDraft>(draft: TextDraft, answered: { [key in K]: StepAnswer<NonNullable<TextDraft[key]>> }): StepAnswer<TextDraft> {
  const [value] = Object.values<StepAnswer<unknown>>(answered);
  return value === undefined || value === BACK ? value : { ...draft, ...answered };
}

/** The whole status checked; undefined, after saying why, when it cannot be posted. */
function check(services: HostServices, draft: TextDraft) {
  const checked = checkTextStatus(draft);
  if (checked.ok) return checked;
  void services.notifier.error(vscode.l10n.t('Cannot post this text: {0}', describeTextProblem(checked.problem)));
  return undefined;
}

function describeFontWarnings(warnings: readonly TextStatusWarning[]): string[] {
  return warnings.map((warning) => vscode.l10n.t('The font {0} draws Latin letters only, and the text has "{1}".', warning.font, warning.letter));
}
