import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { withPostProgress } from '../../../src/vscode/posting/progress';
import { pressCancelOnProgress, sleep } from '../hostProbes';

/**
 * The post's progress notification, seen through the real workbench: a notification on screen has a Cancel button
 * that aborts the post's signal, so pressing Cancel tells whether it has opened.
 */
describe('the progress notification of a post', () => {
  beforeEach(() => vscode.commands.executeCommand('notifications.clearAll'));

  /** Starts a post that reports, then waits until `end()`; `signal` is its signal. */
  function startPost(started: (progress: { show(): void }) => void, delayMs: number) {
    let end: () => void = () => undefined;
    const post = { signal: undefined as AbortSignal | undefined, end: () => end(), done: Promise.resolve() };
    post.done = withPostProgress(
      'WhatsApp status',
      async (progress, signal) => {
        post.signal = signal;
        progress.report({ message: 'Uploading 10%', increment: 10 });
        started(progress);
        await new Promise<void>((resolve) => (end = resolve));
      },
      delayMs,
    );
    return post;
  }

  it('opens a moment after the post starts, so the first prompt is drawn alone, and then cancels the post', async () => {
    const delayMs = 1500;
    const post = startPost(() => undefined, delayMs);
    // Pressed again and again for two thirds of the delay: a notification opened at once would have been cancelled.
    for (const started = Date.now(); Date.now() - started < (delayMs * 2) / 3;) {
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      await sleep(100);
    }
    assert.equal(post.signal?.aborted, false, 'no notification to cancel in the first moment');
    await pressCancelOnProgress(() => post.signal?.aborted === true);
    post.end();
    await post.done;
  });

  it('opens at once when a status is being sent', async () => {
    // A delay no test waits for: only show() can open this one.
    const post = startPost((progress) => progress.show(), 60_000);
    await pressCancelOnProgress(() => post.signal?.aborted === true);
    post.end();
    await post.done;
  });
});
