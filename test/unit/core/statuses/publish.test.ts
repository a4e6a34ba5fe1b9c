import assert from 'node:assert/strict';
import { silentLogger } from '../../../../src/core/common/log';
import { checkMediaFile, type MediaFile } from '../../../../src/core/media/media';
import { mediaStatusWarnings, type MediaFacts } from '../../../../src/core/media/preflight';
import type { PostedStatus } from '../../../../src/core/store/history';
import { UploadCache } from '../../../../src/core/store/uploadCache';
import { sendMediaStatusWith, sendTextStatusWith, type FileResult, type MediaDetails, type PostAnswers } from '../../../../src/core/statuses/postWorkflow';
import { fontWarnings, type TextStatus, type TextStatusWarning } from '../../../../src/core/statuses/textStatus';
import {
  AFTER_FIRST_PROMPT_MS,
  publishFiles,
  publishText,
  type FileHost,
  type FileStatusKind,
  type FileWarning,
  type ResolvedFile,
  type StatusHost,
  type TextStatusKind,
} from '../../../../src/core/statuses/publish';
import { type Emulator } from '../../../emulator';
import { emulatorClient, fileSource, randomFile, useEmulatorSuite } from '../../helpers';
import { FakeClock, MemoryStore } from '../support';

const MEDIA: FileStatusKind<MediaDetails> = {
  kind: 'media',
  warnings: mediaStatusWarnings,
  send: sendMediaStatusWith,
  caption: (details) => details.caption,
};

/** What the scripted host was asked and told, in order. */
interface Trace {
  readonly events: string[];
  readonly remembered: PostedStatus[];
  readonly reported: Array<{ results: readonly FileResult[]; answers?: PostAnswers<MediaDetails> }>;
  readonly confirmedWarnings: FileWarning[][];
}

describe('core/statuses/publish: a post of files end to end against the emulator', () => {
  let emulator: Emulator;
  let dir: string;

  useEmulatorSuite((emu, tmp) => ((emulator = emu), (dir = tmp)));

  function file(name: string): ResolvedFile<MediaFile, string> {
    const { file: path } = randomFile(dir, name, 32 * 1024);
    const checked = checkMediaFile({ name, size: 32 * 1024, isDirectory: false });
    assert.ok(checked.ok);
    return { ok: true, target: { label: name, file: checked.media, source: fileSource(path, checked.media.mimeType) } };
  }

  /** A host whose person answers `caption` and all contacts, confirms, and whose files have `facts`. */
  function host(
    files: Array<ResolvedFile<MediaFile, string>>,
    options: { caption?: string; batchMode?: 'shared' | 'per-file'; facts?: MediaFacts; ready?: boolean; connected?: boolean; typingMs?: number } = {},
  ): FileHost<MediaFile, MediaDetails, string> & { trace: Trace } {
    const trace: Trace = { events: [], remembered: [], reported: [], confirmedWarnings: [] };
    return {
      trace,
      log: silentLogger,
      clock: new FakeClock(),
      uploads: new UploadCache(new MemoryStore(), new FakeClock()),
      confirmBeforePosting: true,
      resolve: async () => (trace.events.push('resolve'), files),
      facts: async () => options.facts ?? { kind: 'image', width: 1080, height: 1920 },
      connect: async () => (trace.events.push('connect'), options.connected === false ? undefined : emulatorClient(emulator)),
      checkInstance: () => (trace.events.push('check started'), async () => (trace.events.push('ready'), options.ready ?? true)),
      prompts: () => ({
        batchMode: async (count) => (trace.events.push(`batchMode ${count}`), options.batchMode),
        details: async (targets) => {
          trace.events.push(`details ${targets.map((target) => target.label).join()}`);
          if (options.typingMs) await new Promise((resolve) => setTimeout(resolve, options.typingMs));
          return { caption: options.caption ?? '' };
        },
        participants: async () => (trace.events.push('participants'), []),
        confirm: async (_summary, warnings) => (trace.events.push('confirm'), trace.confirmedWarnings.push([...warnings]), true),
        acceptWarnings: async () => (trace.events.push('acceptWarnings'), true),
      }),
      withProgress: (task) => task({ report: () => undefined }, new AbortController().signal),
      remember: async (posted) => void trace.remembered.push(posted),
      refuse: (problems, total) => void trace.events.push(`refuse ${problems.map((item) => `${item.label}: ${item.problem}`).join()} of ${total}`),
      cancelled: () => void trace.events.push('cancelled'),
      report: (results, answers) => void trace.reported.push({ results, answers }),
    };
  }

  it('starts the instance check a moment after the caption box is out, while the person types, not before it', async () => {
    const typing = host([file('typed.png')], { typingMs: AFTER_FIRST_PROMPT_MS + 100 });
    await publishFiles(typing, MEDIA);
    assert.deepEqual(typing.trace.events, ['resolve', 'connect', 'details typed.png', 'check started', 'participants', 'confirm', 'ready']);
    assert.equal(emulator.statuses.length, 1);
  });

  it('leaves the moment the caption box is drawn to the box: a caption typed within it has the check start when sending asks', async () => {
    const quick = host([file('quick.png')], { typingMs: 50 });
    await publishFiles(quick, MEDIA);
    assert.deepEqual(quick.trace.events, ['resolve', 'connect', 'details quick.png', 'participants', 'confirm', 'check started', 'ready']);
  });

  /** A host whose caption box notes, as it opens and as it is answered, how many uploads the emulator has seen. */
  function countingUploads(typingMs: number) {
    const base = host([file('counted.png')]);
    const seen: string[] = [];
    const uploads = () => emulator.apiRequests('uploadFile').length;
    const counting: typeof base = {
      ...base,
      prompts: (client) => ({
        ...base.prompts(client),
        details: async () => {
          seen.push(`box out: ${uploads()}`);
          await new Promise((resolve) => setTimeout(resolve, Math.min(typingMs, 40)));
          seen.push(`typing: ${uploads()}`);
          await new Promise((resolve) => setTimeout(resolve, typingMs - Math.min(typingMs, 40)));
          seen.push(`answered: ${uploads()}`);
          return { caption: '' };
        },
      }),
    };
    return { host: counting, seen };
  }

  it('starts the first upload a moment after the caption box is out, while the person types, not before it', async () => {
    const { host: typing, seen } = countingUploads(AFTER_FIRST_PROMPT_MS + 200);
    await publishFiles(typing, MEDIA);
    assert.deepEqual(seen, ['box out: 0', 'typing: 0', 'answered: 1']);
    assert.equal(emulator.statuses.length, 1);
  });

  it('starts the first upload with the answer when the caption comes within that moment', async () => {
    const { host: quick, seen } = countingUploads(50);
    await publishFiles(quick, MEDIA);
    assert.deepEqual(seen, ['box out: 0', 'typing: 0', 'answered: 0']);
    assert.equal(emulator.apiRequests('uploadFile').length, 1);
    assert.equal(emulator.statuses.length, 1);
  });

  it('uploads nothing when the caption box is dismissed within that moment', async () => {
    const dismissed = host([file('dismissed.png')]);
    await publishFiles({ ...dismissed, prompts: (client) => ({ ...dismissed.prompts(client), details: async () => undefined }) }, MEDIA);
    await new Promise((resolve) => setTimeout(resolve, AFTER_FIRST_PROMPT_MS + 100));
    assert.equal(emulator.apiRequests('uploadFile').length, 0);
    assert.deepEqual(dismissed.trace.events, ['resolve', 'connect', 'cancelled']);
  });

  it('refuses the whole post when one file cannot be posted, before connecting or any request', async () => {
    const refused = host([file('good.png'), { ok: false, label: 'notes.txt', problem: 'not a picture' }]);
    await publishFiles(refused, MEDIA);
    assert.deepEqual(refused.trace.events, ['resolve', 'refuse notes.txt: not a picture of 2']);
    assert.equal(emulator.requests.length, 0);
  });

  it('connects, asks, posts, remembers the status with its caption, and reports once', async () => {
    const one = host([file('one.png')], { caption: 'Hello' });
    await publishFiles(one, MEDIA);
    assert.deepEqual(one.trace.events, ['resolve', 'connect', 'details one.png', 'participants', 'confirm', 'check started', 'ready']);
    assert.equal(emulator.statuses.length, 1);
    assert.deepEqual(
      one.trace.remembered.map(({ idMessage, kind, fileName, caption }) => ({ idMessage, kind, fileName, caption })),
      [{ idMessage: emulator.statuses[0].idMessage, kind: 'media', fileName: 'one.png', caption: 'Hello' }],
    );
    assert.equal(one.trace.reported.length, 1);
    assert.deepEqual(one.trace.reported[0].answers?.details, { caption: 'Hello' });
  });

  it('asks nothing and sends nothing when signed out (the host said why)', async () => {
    const signedOut = host([file('out.png')], { connected: false });
    await publishFiles(signedOut, MEDIA);
    assert.deepEqual(signedOut.trace.events, ['resolve', 'connect']);
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
  });

  it('shows the pre-flight warnings in the confirmation, about the files they concern', async () => {
    const square = host([file('square.png')], { facts: { kind: 'image', width: 1000, height: 1000 } });
    await publishFiles(square, MEDIA);
    assert.deepEqual(
      square.trace.confirmedWarnings.map((warnings) => warnings.map((item) => `${item.label} ${item.warning.code}`)),
      [['square.png not-portrait']],
    );
    assert.ok(!square.trace.events.includes('acceptWarnings'), 'accepted with the confirmation, not asked again');
  });

  it('asks per file when the person chooses so, and reports all the files together', async () => {
    const two = host([file('a.png'), file('b.png')], { batchMode: 'per-file' });
    await publishFiles(two, MEDIA);
    assert.deepEqual(
      two.trace.events.filter((event) => event.startsWith('details') || event.startsWith('batchMode')),
      ['batchMode 2', 'details a.png', 'details b.png'],
    );
    assert.equal(emulator.statuses.length, 2);
    assert.equal(two.trace.reported.length, 1);
    assert.deepEqual(
      two.trace.reported[0].results.map((result) => result.status),
      ['posted', 'posted'],
    );
  });

  it('with the answers of a Retry, asks nothing, confirms nothing and reads no pre-flight advice', async () => {
    const retry = host([file('again.png')]);
    let factsRead = false;
    retry.facts = async () => ((factsRead = true), {});
    await publishFiles(retry, MEDIA, { details: { caption: 'Again' }, participants: [] });
    assert.deepEqual(retry.trace.events, ['resolve', 'connect', 'check started', 'ready']);
    assert.equal(factsRead, false);
    assert.equal(emulator.statuses[0].body.caption, 'Again');
  });

  it('sends nothing when the instance check says no, and does not call that a cancel', async () => {
    const notReady = host([file('blocked.png')], { ready: false });
    await publishFiles(notReady, MEDIA);
    assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
    assert.ok(!notReady.trace.events.includes('cancelled'));
    assert.deepEqual(notReady.trace.reported, []);
  });
});

describe('core/statuses/publish: a text status through the same workflow', () => {
  let emulator: Emulator;

  useEmulatorSuite((emu) => (emulator = emu));

  const TEXT: TextStatusKind<TextStatus, TextStatusWarning> = {
    kind: 'text',
    send: sendTextStatusWith,
    caption: (status) => status.message,
    warnings: (status) => fontWarnings(status.message, status.font),
  };

  function textHost(status: TextStatus | undefined): StatusHost<TextStatus, TextStatusWarning> & { events: string[]; remembered: PostedStatus[] } {
    const events: string[] = [];
    const remembered: PostedStatus[] = [];
    return {
      events,
      remembered,
      log: silentLogger,
      clock: new FakeClock(),
      uploads: new UploadCache(new MemoryStore(), new FakeClock()),
      confirmBeforePosting: true,
      connect: async () => (events.push('connect'), emulatorClient(emulator)),
      checkInstance: (client) => {
        events.push(`check started after ${emulator.requests.length} request(s)`);
        const state = client.getStateInstance();
        return async () => (await state).stateInstance === 'authorized';
      },
      prompts: () => ({
        batchMode: async () => assert.fail('one text, no batch'),
        detailSteps: 3,
        details: async (_targets, _signal, placement) => (events.push(`text ${placement.first.step}/${placement.first.totalSteps}`), status),
        participants: async (_signal, position) => (events.push(`audience ${position.step}/${position.totalSteps}`), []),
        confirm: async (_summary, warnings, _signal, position) => (
          events.push(`confirm ${position.step}/${position.totalSteps} ${warnings.length} warning(s)`),
          true
        ),
        acceptWarnings: async () => true,
      }),
      withProgress: (task) => task({ report: (update) => void events.push(update.phase) }, new AbortController().signal),
      remember: async (posted) => void remembered.push(posted),
      cancelled: () => void events.push('cancelled'),
      report: ([result]) => void events.push(`report ${result.status}`),
    };
  }

  it('asks text, audience and confirmation as steps 1–3 of 5, starts the instance check only once the text is in, sends and records', async () => {
    const host = textHost({ message: 'Привет', backgroundColor: '#075E54', font: 'NORICAN_REGULAR' });
    await publishText(host, TEXT);
    assert.deepEqual(host.events, [
      'connect',
      'text 1/5',
      'check started after 0 request(s)',
      'audience 4/5',
      'confirm 5/5 1 warning(s)',
      'posting',
      'report posted',
    ]);
    assert.deepEqual(emulator.statuses[0].body, { message: 'Привет', backgroundColor: '#075E54', font: 'NORICAN_REGULAR' });
    assert.equal(emulator.apiRequests('uploadFile').length, 0, 'nothing to upload');
    assert.deepEqual(
      host.remembered.map(({ kind, fileName, caption }) => ({ kind, fileName, caption })),
      [{ kind: 'text', fileName: undefined, caption: 'Привет' }],
    );
  });

  it('sends no request at all when the text is refused or dismissed', async () => {
    const host = textHost(undefined);
    await publishText(host, TEXT);
    assert.deepEqual(host.events, ['connect', 'text 1/5', 'cancelled']);
    assert.equal(emulator.requests.length, 0);
  });
});
