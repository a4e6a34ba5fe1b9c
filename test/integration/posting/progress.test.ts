import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PROGRESS_NOTIFICATION_DELAY_MS, withPostProgress } from '../../../src/vscode/posting/progress';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs VS Code's own "press the newest notification's first button": a cancellable progress's Cancel, if one shows. */
const pressCancel = () => vscode.commands.executeCommand('notification.acceptPrimaryAction');

/**
 * The post's progress notification, seen through the real workbench: a notification that is on screen has a Cancel
 * button that aborts the post's signal, so pressing Cancel tells whether it has opened.
 */
describe('the progress notification of a post', () => {
  beforeEach(() => vscode.commands.executeCommand('notifications.clearAll'));

  it('opens a moment after the post starts, so the first prompt is drawn alone, and then cancels the post', async () => {
    let signal: AbortSignal | undefined;
    let end: () => void = () => undefined;
    const post = withPostProgress(async (progress, postSignal) => {
      signal = postSignal;
      progress.report({ message: 'Uploading 10%', increment: 10 });
      await new Promise<void>((resolve) => (end = resolve));
    });
    // Long enough for a notification opened at once to be on screen; too short for the delay to have passed.
    await sleep(PROGRESS_NOTIFICATION_DELAY_MS / 3);
    await pressCancel();
    await sleep(50);
    assert.equal(signal?.aborted, false, 'no notification to cancel in the first moment');
    await sleep(PROGRESS_NOTIFICATION_DELAY_MS);
    await pressCancel();
    await sleep(50);
    assert.equal(signal?.aborted, true, 'the notification opened and its Cancel aborted the post');
    end();
    await post;
  });

  it('opens at once when a status is being sent', async () => {
    let signal: AbortSignal | undefined;
    let end: () => void = () => undefined;
    const post = withPostProgress(async (progress, postSignal) => {
      signal = postSignal;
      progress.show();
      await new Promise<void>((resolve) => (end = resolve));
    });
    await sleep(50);
    await pressCancel();
    await sleep(50);
    assert.equal(signal?.aborted, true);
    end();
    await post;
  });
});
