// Concurrency and cancellation in the real extension host (docs/reliability.md §3.4, §7 items 12 and 23). Cancelling
// presses the Cancel button of the post's real progress notification (VS Code's notification.acceptPrimaryAction);
// "the file is closed" is read from /proc/self/fd of the extension host, the process that reads it.
import assert from 'node:assert/strict';
import { GreenApiClient } from '../../src/core/greenApi/client';
import { checkMediaFile } from '../../src/core/media/media';
import { postStatuses, sendMediaStatusWith, type MediaDetails } from '../../src/core/statuses/postWorkflow';
import { withUploadCache } from '../../src/core/store/uploadCache';
import { resolveResource } from '../../src/vscode/posting/fileTargets';
import type { Emulator } from '../emulator';
import { expectClosed, openDescriptors, pressCancelOnProgress, settled, sleep, uniqueMp4, uniquePng, waitFor } from './hostProbes';
import { SENTINEL_TOKEN, TEST_INSTANCE, runPost, usePostingSuite, workspaceFile, type Harness } from './support';

const BIG = 16 * 1024 * 1024;

describe('concurrency and cancellation', () => {
  let h: Harness;
  let emulator: Emulator;

  usePostingSuite((harness, started) => ((h = harness), (emulator = started)));
  beforeEach(() => (h.script = { caption: 'cancel me', participants: [] }));

  const uploadInFlight = (minBytes: number) => () =>
    emulator.apiRequests('uploadFile').some((request) => request.bodyBytes >= minBytes && request.status === 0);

  it('two simultaneous invocations (a double click, no delay): one post, one "already being posted"', async () => {
    const uri = workspaceFile('double-now.png', uniquePng());
    await Promise.all([runPost(uri), runPost(uri)]);
    assert.equal(emulator.apiRequests('uploadFile').length, 1);
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 1);
    assert.deepEqual(
      h.notifications.map((n) => n.message).sort(),
      [`Status queued — id ${emulator.statuses[0].idMessage}`, 'A status is already being posted; wait for it to finish.'].sort(),
    );
  });

  it('three simultaneous invocations: still one post', async () => {
    const uri = workspaceFile('triple-now.png', uniquePng());
    await Promise.all([runPost(uri), runPost(uri), runPost(uri)]);
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 1);
    assert.equal(h.notifications.filter((n) => n.message === 'A status is already being posted; wait for it to finish.').length, 2);
  });

  it('a failed post releases the lock: the next one goes through', async () => {
    emulator.fault({ method: 'sendMediaStatus', status: 400, body: 'Validation failed. Details: nope' });
    await runPost(workspaceFile('after-failure-1.png', uniquePng()));
    h.reset();
    h.script = { caption: 'again', participants: [] };
    await runPost(workspaceFile('after-failure-2.png', uniquePng()));
    assert.equal(h.only().severity, 'info');
    assert.equal(emulator.statuses.length, 1);
  });

  // The command starts the upload in the same tick as its progress notification (the upload runs while the person
  // types), so no click can land before it: a cancel "before the upload" exists only as an already-aborted signal.
  // This runs the product's workflow, client and file target in this host with one.
  it('cancel before the upload starts (signal already aborted): no request, the file never opened, nothing posted', async () => {
    const uri = workspaceFile('cancel-before.png', uniquePng());
    const resolved = await resolveResource(uri, (facts) => {
      const checked = checkMediaFile(facts);
      return checked.ok ? { ok: true, file: checked.media } : checked;
    });
    assert.ok(resolved.ok);
    // Wired as the command wires it: uploads through the upload cache (which hashes the file first), sendMediaStatus.
    const client = new GreenApiClient({ idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN, apiUrl: emulator.apiUrl, mediaUrl: emulator.mediaUrl });
    const asked: string[] = [];
    const abort = new AbortController();
    abort.abort();
    const result = await postStatuses<MediaDetails>([resolved.target], {
      upload: withUploadCache(client, h.services.uploads, `${emulator.mediaUrl} ${TEST_INSTANCE}`, h.services.log),
      send: sendMediaStatusWith(client),
      prompts: {
        details: async (_targets, signal) => (asked.push('caption'), signal.aborted ? undefined : { caption: '' }),
        participants: async () => (asked.push('participants'), []),
        confirm: async () => (asked.push('confirm'), true),
      },
      progress: { report: () => undefined },
      log: h.services.log,
      clock: Date,
      confirmBeforePosting: true,
      signal: abort.signal,
    });
    assert.deepEqual(result, { status: 'cancelled' });
    assert.deepEqual(asked, ['caption'], 'the caption prompt was closed at once and nothing else was asked');
    assert.equal(emulator.requests.length, 0);
    assert.deepEqual(openDescriptors(uri.fsPath), []);
  });

  it('cancel mid-upload (throttled): the request is dropped, nothing stored or posted, the file closed', async () => {
    emulator.set({ uploadBytesPerSecond: 1024 * 1024 });
    const uri = workspaceFile('cancel-mid.mp4', uniqueMp4(BIG));
    const post = runPost(uri);
    await waitFor(uploadInFlight(256 * 1024), 'the upload to be under way');
    assert.notDeepEqual(openDescriptors(uri.fsPath), [], 'the file is open while it uploads (so the closed check below means something)');
    await pressCancelOnProgress(settled(post));
    await post;
    assert.deepEqual(h.only(), { severity: 'info', message: 'Cancelled; nothing was posted.', actions: [] });
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
    assert.equal(emulator.uploads.length, 0, 'a cancelled upload stores nothing');
    assert.ok(emulator.apiRequests('uploadFile')[0].bodyBytes < BIG, 'the body broke off');
    await expectClosed(uri.fsPath);
  });

  it('cancel during the prompts (upload still running): nothing posted, upload dropped, the file closed', async () => {
    emulator.set({ uploadBytesPerSecond: 1024 * 1024 });
    const uri = workspaceFile('cancel-prompt.mp4', uniqueMp4(BIG));
    let openWhilePrompting: string[] = [];
    h.script.caption = async (_targets, signal) => {
      await waitFor(uploadInFlight(128 * 1024), 'the upload to start while the caption is asked');
      openWhilePrompting = openDescriptors(uri.fsPath);
      await pressCancelOnProgress(() => signal.aborted);
      return undefined;
    };
    await runPost(uri);
    assert.notDeepEqual(openWhilePrompting, [], 'the file was open while the prompt showed');
    assert.deepEqual(h.only(), { severity: 'info', message: 'Cancelled; nothing was posted.', actions: [] });
    assert.ok(!h.asked.includes('participants') && !h.asked.includes('confirm'), 'no further question after the cancel');
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
    assert.equal(emulator.uploads.length, 0);
    await expectClosed(uri.fsPath);
  });

  it('cancel while sendMediaStatus is in flight: sent once, "may already be queued", no Retry', async () => {
    emulator.fault({ method: 'sendMediaStatus', delayMs: 3000 });
    const uri = workspaceFile('cancel-send.png', uniquePng());
    const post = runPost(uri);
    await waitFor(() => emulator.apiRequests('sendMediaStatus').length === 1, 'the send to reach the server');
    await sleep(100);
    await pressCancelOnProgress(settled(post));
    await post;
    assert.deepEqual(h.only(), {
      severity: 'error',
      message: 'Cancelled. The status may already be queued: check WhatsApp before posting again.',
      actions: ['Show Log'],
    });
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 1);
    // The emulator, like GREEN-API, had already queued it: the warning is the truth.
    assert.equal(emulator.statuses.length, 1);
    await expectClosed(uri.fsPath);
  });

  it('cancel while waiting out a 429 before sending again: nothing was posted (a 429 is never processed)', async () => {
    emulator.fault({ method: 'sendMediaStatus', status: 429, body: 'Too Many Requests', headers: { 'Retry-After': '20' } });
    const post = runPost(workspaceFile('cancel-429.png', uniquePng()));
    await waitFor(() => emulator.apiRequests('sendMediaStatus').some((request) => request.status === 429), 'the 429');
    await sleep(200);
    const started = Date.now();
    await pressCancelOnProgress(settled(post));
    await post;
    assert.ok(Date.now() - started < 5000, 'the wait ended with the cancel');
    assert.deepEqual(h.only(), { severity: 'info', message: 'Cancelled; nothing was posted.', actions: [] });
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 1);
    assert.equal(emulator.statuses.length, 0);
  });
});
