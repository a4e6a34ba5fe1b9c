import * as vscode from 'vscode';
import { formatBytes } from '../../core/common/format';
import type { ProgressUpdate } from '../../core/statuses/postWorkflow';

/**
 * Turns the workflow's phases into the notification's text and bar: "Uploading 42% — 4.2 MB of 10 MB". In a batch the
 * next file uploads while one is being posted: the text follows that upload while it moves, then the post again.
 */
export function progressReporter(progress: vscode.Progress<{ message?: string; increment?: number }>): { report(update: ProgressUpdate): void } {
  let uploadIndex = 0;
  let uploadedPercent = 0;
  // The text of the latest send; none before the answers are in.
  let posting: string | undefined;
  return {
    report(update) {
      const ofBatch = update.count > 1 ? ` (${vscode.l10n.t('{0} of {1}', update.index + 1, update.count)})` : '';
      if (update.phase === 'posting') {
        posting = `${vscode.l10n.t('Posting status…')}${ofBatch}`;
        progress.report({ message: posting });
        return;
      }
      if (update.index !== uploadIndex) {
        uploadIndex = update.index;
        uploadedPercent = 0;
      }
      const percent = Math.floor((update.sentBytes / update.totalBytes) * 100);
      // The bar spans the whole batch, so each file moves it by its share; an upload that starts over never moves it back.
      const increment = Math.max(0, percent - uploadedPercent) / update.count;
      uploadedPercent = Math.max(uploadedPercent, percent);
      const message =
        update.sentBytes < update.totalBytes
          ? `${vscode.l10n.t('Uploading {0}% — {1} of {2}', percent, formatBytes(update.sentBytes), formatBytes(update.totalBytes))}${ofBatch}`
          : // A file uploaded ahead waits for the send before it, which is what is happening now.
            (posting ?? `${vscode.l10n.t('Uploaded {0}; posting once you have answered', formatBytes(update.totalBytes))}${ofBatch}`);
      progress.report({ message, increment });
    },
  };
}
