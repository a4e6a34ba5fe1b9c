import * as vscode from 'vscode';
import { formatBytes } from '../../core/common/format';
import type { ProgressUpdate } from '../../core/statuses/postWorkflow';

/** How long after a post starts its progress notification opens, unless a status is being sent before. */
export const PROGRESS_NOTIFICATION_DELAY_MS = 300;

/** A post's progress notification, which opens late (see {@link withPostProgress}). */
export type PostProgress = vscode.Progress<{ message?: string; increment?: number }> & {
  /** Opens the notification now, if it is not open yet. */
  show(): void;
};

/**
 * Runs a post under its cancellable progress notification titled `title`, which opens `delayMs` after the start (never,
 * when undefined) or when `show()` is called as a status is being sent, whichever comes first: drawn in the same moment
 * as the caption box, it delayed the box by 25–50 ms in the workbench bench. What was reported before it opened shows
 * when it opens; until then the prompts' Escape cancels.
 */
export function withPostProgress<T>(
  title: string,
  task: (progress: PostProgress, signal: AbortSignal) => Promise<T>,
  delayMs: number | undefined = PROGRESS_NOTIFICATION_DELAY_MS,
): Promise<T> {
  const abort = new AbortController();
  let open: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  let opened = false;
  let message: string | undefined;
  let increment = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const show = (): void => {
    if (opened) return;
    opened = true;
    clearTimeout(timer);
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      token.onCancellationRequested(() => abort.abort());
      open = progress;
      if (message !== undefined || increment > 0) progress.report({ message, increment });
      return finished;
    });
  };
  const timer = delayMs === undefined ? undefined : setTimeout(show, delayMs);
  const progress: PostProgress = {
    report: (value) => {
      if (open) return open.report(value);
      message = value.message ?? message;
      increment += value.increment ?? 0;
    },
    show,
  };
  return task(progress, abort.signal).finally(() => {
    clearTimeout(timer);
    finish();
  });
}

/**
 * Turns the workflow's phases into the notification's text and bar: "Uploading 42% — 4.2 MB of 10 MB". In a batch the
 * next file uploads while one is being posted: the text follows that upload while it moves, then the post again.
 */
export function progressReporter(progress: PostProgress): { report(update: ProgressUpdate): void } {
  let uploadIndex = 0;
  let uploadedPercent = 0;
  // The text of the latest send; none before the answers are in.
  let posting: string | undefined;
  return {
    report(update) {
      const ofBatch = update.count > 1 ? ` (${vscode.l10n.t('{0} of {1}', update.index + 1, update.count)})` : '';
      if (update.phase === 'posting') {
        posting = `${vscode.l10n.t('Posting status…')}${ofBatch}`;
        progress.show();
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
