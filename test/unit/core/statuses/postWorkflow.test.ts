import assert from 'node:assert/strict';
import { checkMediaFile } from '../../../../src/core/media/media';
import {
  postStatuses,
  sendMediaStatusWith,
  sendVoiceStatusWith,
  type MediaDetails,
  type VoiceDetails,
  type PostPrompts,
  type PostServices,
  type PostTarget,
  type ProgressUpdate,
} from '../../../../src/core/statuses/postWorkflow';
import { BACK } from '../../../../src/core/common/steps';
import { silentLogger } from '../../../../src/core/common/log';
import { type Emulator } from '../../../emulator';
import { emulatorClient, fileSource, randomFile, useEmulatorSuite, waitFor } from '../../helpers';

interface Answers {
  caption?: string | ((signal: AbortSignal) => Promise<string | undefined>);
  participants?: string[] | ((signal: AbortSignal) => Promise<string[] | undefined>);
  confirm?: boolean;
}

/** Prompts that answer from a script and record what was asked. */
function scriptedPrompts(answers: Answers): PostPrompts<MediaDetails> & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async details(_targets, signal) {
      asked.push('caption');
      const caption = typeof answers.caption === 'function' ? await answers.caption(signal) : answers.caption;
      return caption === undefined ? undefined : { caption };
    },
    async participants(signal) {
      asked.push('participants');
      return typeof answers.participants === 'function' ? answers.participants(signal) : answers.participants;
    },
    async confirm() {
      asked.push('confirm');
      return answers.confirm ?? true;
    },
  };
}

/** Resolves to undefined when the prompt is closed by the workflow (as VS Code's prompts do on cancellation). */
function untilAborted(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
}

describe('postMediaStatuses against the emulator', () => {
  let emulator: Emulator;
  let dir: string;

  useEmulatorSuite((emu, tmp) => ((emulator = emu), (dir = tmp)));

  function target(name: string, size = 64 * 1024): PostTarget {
    const { file } = randomFile(dir, name, size);
    const checked = checkMediaFile({ name, size, isDirectory: false });
    assert.ok(checked.ok);
    return { label: name, file: checked.media, source: fileSource(file, checked.media.mimeType) };
  }

  function services(
    prompts: PostPrompts<MediaDetails>,
    overrides: Partial<PostServices<MediaDetails>> = {},
  ): PostServices<MediaDetails> & { updates: ProgressUpdate[] } {
    const updates: ProgressUpdate[] = [];
    const client = emulatorClient(emulator);
    return {
      upload: client,
      send: sendMediaStatusWith(client),
      prompts,
      progress: { report: (update) => updates.push(update) },
      log: silentLogger,
      clock: Date,
      confirmBeforePosting: true,
      signal: new AbortController().signal,
      updates,
      ...overrides,
    };
  }

  it('uploads, asks, confirms and posts one status with the caption and audience typed', async () => {
    const prompts = scriptedPrompts({ caption: 'Sunset 🌅', participants: ['79001234567@c.us', '447700900123@c.us'] });
    const result = await postStatuses([target('photo.png')], services(prompts));
    assert.equal(result.status, 'finished');
    assert.ok(result.status === 'finished');
    const [posted] = result.results;
    assert.equal(posted.status, 'posted');
    assert.equal(emulator.statuses.length, 1);
    assert.equal(posted.status === 'posted' && posted.idMessage, emulator.statuses[0].idMessage);
    assert.deepEqual(emulator.statuses[0].body, {
      urlFile: emulator.uploads[0].urlFile,
      fileName: 'status.png',
      caption: 'Sunset 🌅',
      participants: ['79001234567@c.us', '447700900123@c.us'],
    });
    assert.deepEqual(prompts.asked, ['caption', 'participants', 'confirm']);
  });

  it('goes Back through the steps, numbered k of n, each shown its earlier answer, and posts what was answered last', async () => {
    const asked: string[] = [];
    const captions = ['first try', 'second try'];
    const audiences: Array<string[] | typeof BACK> = [BACK, ['79001234567@c.us'], ['447700900123@c.us']];
    const confirmations: Array<boolean | typeof BACK> = [BACK, true];
    const prompts: PostPrompts<MediaDetails> = {
      async details(_targets, _signal, placement, previous) {
        asked.push(`caption ${placement.first.step}/${placement.first.totalSteps} (${previous?.caption ?? '-'})`);
        return { caption: captions.shift()! };
      },
      async participants(_signal, position, previous) {
        asked.push(`audience ${position.step}/${position.totalSteps} (${previous?.join() ?? '-'})`);
        return audiences.shift();
      },
      async confirm(summary, _signal, position) {
        asked.push(`confirm ${position.step}/${position.totalSteps} (${summary.details.caption}; ${summary.participants.join()})`);
        return confirmations.shift()!;
      },
    };
    const result = await postStatuses([target('back.png')], services(prompts));
    assert.deepEqual(asked, [
      'caption 1/3 (-)',
      'audience 2/3 (-)',
      'caption 1/3 (first try)',
      'audience 2/3 (-)',
      'confirm 3/3 (second try; 79001234567@c.us)',
      'audience 2/3 (79001234567@c.us)',
      'confirm 3/3 (second try; 447700900123@c.us)',
    ]);
    assert.equal(result.status, 'finished');
    assert.equal(emulator.statuses.length, 1, 'posted once, after the last confirmation');
    assert.deepEqual(emulator.statuses[0].body, {
      urlFile: emulator.uploads[0].urlFile,
      fileName: 'status.png',
      caption: 'second try',
      participants: ['447700900123@c.us'],
    });
  });

  it('numbers two steps when the confirmation is off', async () => {
    const positions: string[] = [];
    const prompts: PostPrompts<MediaDetails> = {
      async details(_targets, _signal, { first }) {
        positions.push(`${first.step}/${first.totalSteps}`);
        return { caption: '' };
      },
      async participants(_signal, position) {
        positions.push(`${position.step}/${position.totalSteps}`);
        return [];
      },
      confirm: async () => assert.fail('no confirmation'),
    };
    await postStatuses([target('two-steps.png')], services(prompts, { confirmBeforePosting: false }));
    assert.deepEqual(positions, ['1/2', '2/2']);
  });

  it('uploads while the person is still typing the caption', async () => {
    const prompts = scriptedPrompts({
      caption: async () => {
        await waitFor(() => emulator.uploads.length === 1, 5000, 'the upload to finish during the caption prompt');
        return 'typed slowly';
      },
      participants: [],
    });
    const result = await postStatuses([target('early.png')], services(prompts));
    assert.equal(result.status, 'finished');
    assert.equal(emulator.statuses.length, 1);
  });

  it('posts nothing and aborts the upload when the caption prompt is dismissed', async () => {
    emulator.set({ uploadBytesPerSecond: 64 * 1024 });
    const prompts = scriptedPrompts({
      caption: async () => {
        await waitFor(() => emulator.apiRequests('uploadFile').length === 1, 5000, 'the upload to start');
        return undefined;
      },
    });
    const result = await postStatuses([target('dismissed.mp4', 1024 * 1024)], services(prompts));
    assert.deepEqual(result, { status: 'cancelled' });
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
    assert.equal(emulator.uploads.length, 0, 'the slow upload was aborted, not completed');
    assert.deepEqual(prompts.asked, ['caption']);
  });

  it('posts nothing when the audience prompt is dismissed', async () => {
    const prompts = scriptedPrompts({ caption: 'x', participants: undefined });
    assert.deepEqual(await postStatuses([target('noaudience.png')], services(prompts)), { status: 'cancelled' });
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
  });

  it('posts nothing when the confirmation is declined', async () => {
    const prompts = scriptedPrompts({ caption: 'x', participants: [], confirm: false });
    assert.deepEqual(await postStatuses([target('declined.png')], services(prompts)), { status: 'cancelled' });
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
  });

  it('asks whether the host is ready only once the answers are in, and sends nothing when it is not', async () => {
    const prompts = scriptedPrompts({ caption: 'x', participants: [] });
    const ready = async () => {
      prompts.asked.push('ready');
      return false;
    };
    const result = await postStatuses([target('not-ready.png')], services(prompts, { ready }));
    assert.deepEqual(result, { status: 'cancelled', explained: true });
    assert.deepEqual(prompts.asked, ['caption', 'participants', 'confirm', 'ready']);
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
  });

  it('sends once the host is ready, and asks before the first send even without a confirmation', async () => {
    const prompts = scriptedPrompts({ caption: 'x', participants: [] });
    let sendsWhenAsked = -1;
    const ready = async () => {
      sendsWhenAsked = emulator.apiRequests('sendMediaStatus').length;
      return true;
    };
    await postStatuses([target('ready.png')], services(prompts, { ready, confirmBeforePosting: false }));
    assert.equal(sendsWhenAsked, 0);
    assert.equal(emulator.statuses.length, 1);
  });

  it('does not ask for confirmation when it is turned off', async () => {
    const prompts = scriptedPrompts({ caption: '', participants: [] });
    await postStatuses([target('noconfirm.png')], services(prompts, { confirmBeforePosting: false }));
    assert.deepEqual(prompts.asked, ['caption', 'participants']);
    assert.equal(emulator.statuses.length, 1);
  });

  it('closes the open prompt when the upload fails, and reports that failure', async () => {
    emulator.fault({ method: 'uploadFile', status: 401, body: 'Unauthorized' });
    let promptClosed = false;
    const prompts = scriptedPrompts({ caption: (signal) => untilAborted(signal).then(() => ((promptClosed = true), undefined)) });
    const result = await postStatuses([target('unauthorized.png')], services(prompts));
    assert.ok(promptClosed);
    assert.equal(result.status, 'finished');
    assert.ok(result.status === 'finished' && result.results[0].status === 'failed' && result.results[0].error.kind === 'credentials');
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
  });

  it('posts a batch one after another with one caption and audience, asked once', async () => {
    const prompts = scriptedPrompts({ caption: 'batch', participants: ['79001234567@c.us'] });
    const run = services(prompts);
    const result = await postStatuses([target('a.png'), target('b.jpg'), target('c.mp4')], run);
    assert.ok(result.status === 'finished');
    assert.deepEqual(
      result.results.map((r) => r.status),
      ['posted', 'posted', 'posted'],
    );
    assert.deepEqual(
      emulator.statuses.map((s) => s.body.fileName),
      ['status.png', 'status.jpg', 'status.mp4'],
    );
    assert.ok(emulator.statuses.every((s) => s.body.caption === 'batch'));
    assert.deepEqual(prompts.asked, ['caption', 'participants', 'confirm']);
    assert.deepEqual(
      [...new Set(run.updates.map((u) => `${u.phase}:${u.index}/${u.count}`))],
      ['uploading:0/3', 'posting:0/3', 'uploading:1/3', 'posting:1/3', 'uploading:2/3', 'posting:2/3'],
    );
  });

  describe('a batch uploads the next file while the one before it is sent', () => {
    const SEND_DELAY_MS = 400;

    /**
     * The services of a batch, counting how many uploads and how many sends run at once, and the order sends start in.
     * `windDownMs`: each upload is over only that long after its answer or cancel, as behind an upload cache.
     */
    function pipelined(overrides: Partial<PostServices<MediaDetails>> = {}, windDownMs = 0) {
      const run = services(scriptedPrompts({ caption: 'batch', participants: [] }), overrides);
      const counts = { uploads: 0, sends: 0, mostUploads: 0, mostSends: 0 };
      const sent: string[] = [];
      const { upload, send } = run;
      const counted: Pick<PostServices<MediaDetails>, 'upload' | 'send'> = {
        upload: {
          async uploadFile(source, options) {
            counts.mostUploads = Math.max(counts.mostUploads, ++counts.uploads);
            try {
              return await upload.uploadFile(source, options);
            } finally {
              if (windDownMs) await new Promise((resolve) => setTimeout(resolve, windDownMs));
              counts.uploads--;
            }
          },
        },
        send: async (request, signal) => {
          counts.mostSends = Math.max(counts.mostSends, ++counts.sends);
          sent.push(request.target.label);
          try {
            return await send(request, signal);
          } finally {
            counts.sends--;
          }
        },
      };
      return { run: { ...run, ...counted }, counts, sent };
    }

    const arrivals = (method: string) => emulator.apiRequests(method).map((request) => request.at);

    it('starts the next upload during the send, one upload and one send at a time, sends in file order', async () => {
      emulator.fault({ method: 'sendMediaStatus', delayMs: SEND_DELAY_MS, times: 3 });
      let uploadsWhileTyping = 0;
      const { run, counts, sent } = pipelined({
        prompts: scriptedPrompts({
          caption: async () => {
            await waitFor(() => emulator.uploads.length === 1, 5000, 'the first upload');
            await new Promise((resolve) => setTimeout(resolve, 100));
            uploadsWhileTyping = emulator.apiRequests('uploadFile').length;
            return 'batch';
          },
          participants: [],
        }),
      });
      const result = await postStatuses([target('a.png', 256 * 1024), target('b.jpg', 256 * 1024), target('c.mp4', 256 * 1024)], run);
      assert.ok(result.status === 'finished');
      assert.deepEqual(
        result.results.map((r) => r.status),
        ['posted', 'posted', 'posted'],
      );
      assert.equal(uploadsWhileTyping, 1, 'only the first file uploads while the person types: one upload ahead of the sends');
      const [, upload2, upload3] = arrivals('uploadFile');
      const [send1, send2, send3] = arrivals('sendMediaStatus');
      // A send is answered no sooner than SEND_DELAY_MS after it arrives.
      assert.ok(upload2 < send1 + SEND_DELAY_MS, `upload 2 at +${upload2 - send1} ms: after send 1 had finished`);
      assert.ok(upload3 < send2 + SEND_DELAY_MS, `upload 3 at +${upload3 - send2} ms: after send 2 had finished`);
      assert.ok(send2 >= send1 + SEND_DELAY_MS && send3 >= send2 + SEND_DELAY_MS, 'a send started before the one before it was answered');
      assert.deepEqual(counts, { uploads: 0, sends: 0, mostUploads: 1, mostSends: 1 });
      assert.deepEqual(sent, ['a.png', 'b.jpg', 'c.mp4']);
      assert.deepEqual(
        emulator.statuses.map((s) => s.body.fileName),
        ['status.png', 'status.jpg', 'status.mp4'],
      );
    });

    it('fails only the file whose upload fails during the send before it; the next one is uploaded and sent', async () => {
      emulator.fault({ method: 'sendMediaStatus', delayMs: SEND_DELAY_MS, times: 3 });
      const { run } = pipelined({
        prompts: scriptedPrompts({
          caption: async () => {
            await waitFor(() => emulator.uploads.length === 1, 5000, 'the first upload');
            // Hits the next upload: the second file's.
            emulator.fault({ method: 'uploadFile', status: 400, body: 'Validation failed. Details: file is empty' });
            return 'batch';
          },
          participants: [],
        }),
      });
      const result = await postStatuses([target('a.png'), target('b.jpg'), target('c.mp4')], run);
      assert.ok(result.status === 'finished');
      assert.deepEqual(
        result.results.map((r) => r.status),
        ['posted', 'failed', 'posted'],
      );
      assert.ok(result.results[1].status === 'failed' && result.results[1].error.apiMethod === 'uploadFile');
      assert.ok(arrivals('uploadFile')[1] < arrivals('sendMediaStatus')[0] + SEND_DELAY_MS, 'the failed upload ran during send 1');
      assert.equal(emulator.apiRequests('uploadFile').length, 3);
      assert.deepEqual(
        emulator.statuses.map((s) => s.body.fileName),
        ['status.png', 'status.mp4'],
      );
    });

    it('goes on after a send in the middle fails ambiguously, and never sends that one again', async () => {
      emulator.fault({ method: 'sendMediaStatus', delayMs: SEND_DELAY_MS });
      emulator.fault({ method: 'sendMediaStatus', action: 'reset-before-response' });
      emulator.fault({ method: 'sendMediaStatus', delayMs: SEND_DELAY_MS });
      const { run, sent } = pipelined();
      const result = await postStatuses([target('a.png'), target('b.jpg'), target('c.mp4')], run);
      assert.ok(result.status === 'finished');
      assert.deepEqual(
        result.results.map((r) => r.status),
        ['posted', 'failed', 'posted'],
      );
      const failed = result.results[1];
      assert.ok(failed.status === 'failed' && failed.error.apiMethod === 'sendMediaStatus' && failed.error.outcome === 'unknown');
      assert.deepEqual(sent, ['a.png', 'b.jpg', 'c.mp4']);
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 3);
    });

    it('on a cancel during a send, skips the rest, starts no other upload or send, and returns once the upload ahead has stopped', async () => {
      // Uploads take about half a second each, so the third is under way when the second send is cancelled.
      emulator.set({ uploadBytesPerSecond: 512 * 1024 });
      emulator.fault({ method: 'sendMediaStatus', delayMs: SEND_DELAY_MS, times: 4 });
      const abort = new AbortController();
      let cancelledAt = Infinity;
      const { run, counts, sent } = pipelined(
        {
          signal: abort.signal,
          progress: {
            report: (update) =>
              update.phase === 'posting' &&
              update.index === 1 &&
              setTimeout(() => {
                cancelledAt = Date.now();
                abort.abort();
              }, 100),
          },
        },
        200,
      );
      const result = await postStatuses(
        ['a.png', 'b.jpg', 'c.mp4', 'd.png'].map((name) => target(name, 256 * 1024)),
        run,
      );
      assert.ok(result.status === 'finished');
      assert.deepEqual(
        result.results.map((r) => r.status),
        ['posted', 'failed', 'skipped', 'skipped'],
      );
      assert.ok(result.results[1].status === 'failed' && result.results[1].error.kind === 'cancelled');
      assert.deepEqual(sent, ['a.png', 'b.jpg']);
      assert.equal(emulator.apiRequests('uploadFile').length, 3, 'the third file was uploading ahead; the fourth never started');
      assert.ok(
        emulator.apiRequests().every((request) => request.at <= cancelledAt),
        'a request started after the cancel',
      );
      assert.equal(emulator.uploads.length, 2, 'the upload ahead was stopped, not completed');
      assert.equal(counts.uploads, 0, 'the post returned before the upload ahead was over');
    });
  });

  it('goes on with the batch when one file fails, and says which', async () => {
    const broken: PostTarget = {
      ...target('broken.png'),
      source: { size: 10, contentType: 'image/png', open: () => Promise.reject(Object.assign(new Error('gone'), { code: 'ENOENT' })) },
    };
    const prompts = scriptedPrompts({ caption: '', participants: [] });
    const result = await postStatuses([target('ok1.png'), broken, target('ok2.png')], services(prompts));
    assert.ok(result.status === 'finished');
    assert.deepEqual(
      result.results.map((r) => r.status),
      ['posted', 'failed', 'posted'],
    );
    assert.equal(emulator.statuses.length, 2);
  });

  it('does not send a file that changed on disk after it was uploaded', async () => {
    const changed: PostTarget = { ...target('changed.png'), unchanged: async () => false };
    const result = await postStatuses([changed], services(scriptedPrompts({ caption: '', participants: [] })));
    assert.ok(result.status === 'finished' && result.results[0].status === 'failed' && result.results[0].error.kind === 'file-changed');
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
  });

  it('reports a send that may have been queued without ever sending it twice', async () => {
    emulator.fault({ method: 'sendMediaStatus', action: 'reset-before-response', times: 3 });
    const result = await postStatuses([target('ambiguous.png')], services(scriptedPrompts({ caption: '', participants: [] })));
    assert.ok(result.status === 'finished');
    const [failed] = result.results;
    assert.ok(failed.status === 'failed' && failed.error.outcome === 'unknown' && failed.error.apiMethod === 'sendMediaStatus');
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 1);
  });

  it('reports a cancel during the send as possibly queued, not as "nothing posted"', async () => {
    emulator.fault({ method: 'sendMediaStatus', delayMs: 2000 });
    const abort = new AbortController();
    const run = services(scriptedPrompts({ caption: '', participants: [] }), {
      signal: abort.signal,
      progress: { report: (update) => update.phase === 'posting' && setTimeout(() => abort.abort(), 100) },
    });
    const result = await postStatuses([target('late-cancel.png')], run);
    assert.ok(result.status === 'finished');
    assert.ok(result.results[0].status === 'failed' && result.results[0].error.kind === 'cancelled' && result.results[0].error.outcome === 'unknown');
  });

  it('says nothing was posted when cancelled mid-upload, and skips the rest of the batch', async () => {
    emulator.set({ uploadBytesPerSecond: 128 * 1024 });
    const abort = new AbortController();
    const run = services(scriptedPrompts({ caption: '', participants: [] }), {
      signal: abort.signal,
      // Once the server is reading: the first chunks fit in the loopback socket's buffers before it has the request.
      progress: {
        report: (update) => update.phase === 'uploading' && void waitFor(() => emulator.apiRequests('uploadFile').length > 0).then(() => abort.abort()),
      },
    });
    const result = await postStatuses([target('big.mp4', 1024 * 1024), target('next.png')], run);
    assert.deepEqual(result, { status: 'cancelled' });
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
    assert.equal(emulator.apiRequests('uploadFile').length, 1);
  });

  it('throttles progress reports but always reports the last byte', async () => {
    const run = services(scriptedPrompts({ caption: '', participants: [] }));
    await postStatuses([target('progress.mp4', 3 * 1024 * 1024)], run);
    const uploads = run.updates.filter((u): u is Extract<ProgressUpdate, { phase: 'uploading' }> => u.phase === 'uploading');
    assert.ok(uploads.length < (3 * 1024) / 64, 'fewer reports than chunks');
    assert.equal(uploads.at(-1)?.sentBytes, 3 * 1024 * 1024);
  });

  it('posts with answers given earlier (Retry failed) without asking or confirming again', async () => {
    const prompts = scriptedPrompts({});
    const run = services(prompts, { answers: { details: { caption: 'same as before' }, participants: ['79001112233@c.us'] } });
    const result = await postStatuses([target('retried.png')], run);
    assert.ok(result.status === 'finished' && result.results[0].status === 'posted');
    assert.deepEqual(prompts.asked, []);
    assert.equal(emulator.statuses[0].body.caption, 'same as before');
    assert.deepEqual(emulator.statuses[0].body.participants, ['79001112233@c.us']);
  });

  it('sends a voice status through the same path with sendVoiceStatus', async () => {
    const client = emulatorClient(emulator);
    const { file } = randomFile(dir, 'memo.mp3', 4096);
    const voice: PostTarget = { label: 'memo.mp3', file: { mimeType: 'audio/mpeg', size: 4096 }, source: fileSource(file, 'audio/mpeg') };
    const prompts: PostPrompts<VoiceDetails> = {
      details: async () => ({ backgroundColor: '#0D47A1' }),
      participants: async () => [],
      confirm: async () => true,
    };
    const result = await postStatuses([voice], {
      upload: client,
      send: sendVoiceStatusWith(client),
      prompts,
      progress: { report() {} },
      log: silentLogger,
      clock: Date,
      confirmBeforePosting: true,
      signal: new AbortController().signal,
    });
    assert.ok(result.status === 'finished' && result.results[0].status === 'posted');
    assert.deepEqual(emulator.statuses[0].body, { urlFile: emulator.uploads[0].urlFile, fileName: 'status.mp3', backgroundColor: '#0D47A1' });
    assert.equal(emulator.statuses[0].kind, 'voice');
  });
});
