import * as vscode from 'vscode';
import { GreenApiError } from '../../core/greenApi/errors';
import { checkTextStatus } from '../../core/statuses/textStatus';
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

/** "Post text as WhatsApp status": the editor selection (or typed text) on a coloured background. */
export function registerPostText(services: HostServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.postText, () => exclusively(services, () => postText(services)));
}

async function postText(services: HostServices): Promise<void> {
  // Signed out: say so before the person types a whole status.
  const client = await connect(services);
  if (!client) return;
  const editor = vscode.window.activeTextEditor;
  const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  const message = await services.prompts.statusText(selection);
  if (message === undefined) return;
  const backgroundColor = await services.prompts.backgroundColor();
  if (backgroundColor === undefined) return;
  const font = await services.prompts.font();
  if (font === undefined) return;
  const checked = checkTextStatus({ message, backgroundColor, font });
  if (!checked.ok) {
    void services.notifier.error(vscode.l10n.t('Cannot post this text: {0}', describeTextProblem(checked.problem)));
    return;
  }
  for (const warning of checked.warnings) {
    const go = await services.prompts.ask(
      vscode.l10n.t('The font {0} draws Latin letters only, and the text has "{1}".', warning.font, warning.letter),
      vscode.l10n.t('Post anyway?'),
      vscode.l10n.t('Post Anyway'),
    );
    if (!go) return;
  }

  // Checked while the audience is chosen, and only for text that can be posted: bad input sends no request.
  const ready = startInstanceCheck(services, client);
  const abort = new AbortController();
  const participants = await askAudience(services, client)(abort.signal);
  if (participants === undefined) {
    void services.notifier.info(vscode.l10n.t('Cancelled; nothing was posted.'));
    return;
  }
  const status = checked.status;
  if (readSettings().confirmBeforePosting && !(await services.prompts.confirm({ targets: [], details: status, participants }, abort.signal))) {
    void services.notifier.info(vscode.l10n.t('Cancelled; nothing was posted.'));
    return;
  }
  if (!(await ready())) return;

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
