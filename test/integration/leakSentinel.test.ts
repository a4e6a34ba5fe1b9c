// The token-leak sentinel (docs/reliability.md §7 item 8), in the real extension host.
//
// 1. Root hooks (they apply to every test of every integration file, so the whole fault matrix in faults.test.ts,
//    the bad inputs, cancellations and credential flows all run under them): console.*, VS Code's message and progress
//    functions, the Harness's notifier and unhandled rejections are captured for the whole run; after each test the
//    new captures and that test's notifications are checked, and at the very end every log file of the extension
//    host (the log channel and exthost.log) is. A leak fails the run in the root "after all" hook, naming the test.
// 2. Tests of their own: the capture is proven to see what it must (so the checks are not vacuous), and the happy
//    path, every bad input, credential flows and servers that echo the token are run and checked on the spot.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../emulator';
import { WRONG_INSTANCE, WRONG_TOKEN, closedPort, uniquePng, waitFor, withUserSetting } from './hostProbes';
import { LeakCapture, leakReport, secretsIn } from './leakCapture';
import { SENTINEL_TOKEN, TEST_INSTANCE, extensionLogText, getHarness, runPost, usePostingSuite, workspaceFile, workspaceRoot, type Harness } from './support';

const capture = new LeakCapture();
const leaks: string[] = [];
let checkedEntries = 0;
let rootHarness: Harness | undefined;

/** What the Harness recorded of this test: notifications with their buttons, and the questions put to the person. */
function notificationTexts(h: Harness): Array<{ where: string; text: string }> {
  return [
    ...h.notifications.map((n) => ({ where: `notification (${n.severity})`, text: [n.message, ...n.actions].join(' | ') })),
    ...h.asked.map((question) => ({ where: 'prompt', text: question })),
  ];
}

/** Writes a marker through the extension's own log and waits until it is on disk: everything before it is too. */
async function flushedLogText(h: Harness): Promise<string> {
  const marker = `leak-sentinel flush ${Date.now()}`;
  h.services.log.info(marker);
  let text = '';
  await waitFor(() => (text = extensionLogText(h.services.context)).includes(marker), 'the log channel to reach the disk');
  return text;
}

before(async () => {
  rootHarness = await getHarness();
  capture.install(rootHarness);
});

afterEach(function () {
  if (!rootHarness) return;
  const title = this.currentTest?.fullTitle() ?? '(unknown test)';
  const found = [...capture.leaksSince(checkedEntries), ...leakReport(notificationTexts(rootHarness))];
  checkedEntries = capture.entries.length;
  for (const line of new Set(found)) leaks.push(`${title} — ${line}`);
});

after(async function () {
  this.timeout(20_000);
  capture.restore();
  if (!rootHarness) return;
  leaks.push(...leakReport([{ where: 'extension host log files', text: await flushedLogText(rootHarness) }]));
  assert.deepEqual(leaks, [], 'a secret reached a console, notification, progress or log');
});

describe('token-leak sentinel', () => {
  let h: Harness;
  let emulator: Emulator;

  usePostingSuite((harness, started) => ((h = harness), (emulator = started)));
  beforeEach(() => (h.script = { caption: 'sentinel', participants: [] }));

  /** Everything this test produced so far, as texts to check. */
  function producedSince(entry: number, log?: string): Array<{ where: string; text: string }> {
    return [
      ...capture.entries.slice(entry).map((e) => ({ where: e.channel, text: e.text })),
      ...notificationTexts(h),
      ...(log === undefined ? [] : [{ where: 'log files', text: log }]),
    ];
  }

  it('the capture sees console output, notifications and progress (so the checks below are not vacuous)', async () => {
    const from = capture.entries.length;
    const marker = `leak-sentinel canary ${Date.now()}`;
    console.warn(marker);
    void h.services.notifier.info(`${marker} ${TEST_INSTANCE}`);
    const canaries = capture.entries.slice(from);
    assert.deepEqual(
      canaries.map((entry) => [entry.channel, entry.text.includes(marker), secretsIn(entry.text)]),
      [
        ['console.warn', true, []],
        ['notification.info', true, ['instance id', 'instance id beyond its last four digits']],
      ],
    );
    assert.deepEqual(secretsIn(`/waInstance${TEST_INSTANCE}/uploadFile/${encodeURIComponent(SENTINEL_TOKEN)}`), [
      'token',
      'token (URL-encoded)',
      'instance id',
      'instance id beyond its last four digits',
    ]);
    // Forget the canaries, or the root check would rightly report them.
    capture.entries.splice(from);
    h.reset();

    h.script = { caption: 'canary', participants: [] };
    await runPost(workspaceFile('leak-canary.png', uniquePng()));
    assert.equal(emulator.statuses.length, 1);
    const channels = new Set(capture.entries.slice(from).map((entry) => entry.channel));
    assert.ok(channels.has('progress.title') && channels.has('progress.message'), `the extension's progress was not captured: ${[...channels].join(', ')}`);
    assert.ok(channels.has('notification.info'), 'the outcome notification was not captured');
  });

  it('the happy path: nothing secret in notifications, progress, console or the log, which does record the requests', async () => {
    const from = capture.entries.length;
    await runPost(workspaceFile('leak-happy.png', uniquePng()));
    assert.equal(emulator.statuses.length, 1);
    const log = await flushedLogText(h);
    assert.match(log, /POST sendMediaStatus → 200/, 'the log holds the requests, so its check means something');
    assert.deepEqual(leakReport(producedSince(from, log)), []);
  });

  const badInputs: Array<[string, () => Thenable<unknown>]> = [
    [
      'a folder',
      async () => (
        fs.mkdirSync(path.join(workspaceRoot(), 'leak-dir.png'), { recursive: true }),
        runPost(vscode.Uri.file(path.join(workspaceRoot(), 'leak-dir.png')))
      ),
    ],
    ['an empty file', () => runPost(workspaceFile('leak-empty.png', ''))],
    ['an unsupported type', () => runPost(workspaceFile('leak.gif', 'GIF89a'))],
    ['no extension', () => runPost(workspaceFile('LEAKFILE', 'x'))],
    ['audio', () => runPost(workspaceFile('leak.mp3', 'ID3'))],
    ['a missing file', () => runPost(vscode.Uri.file(path.join(workspaceRoot(), 'leak-missing.png')))],
    ['an unsaved editor', async () => runPost((await vscode.workspace.openTextDocument({ content: 'draft' })).uri)],
    ['an apiUrl that is not https', () => withUserSetting('apiUrl', 'http://api.example.com', () => runPost(workspaceFile('leak-http.png', uniquePng())))],
    ['a mediaUrl that is not a URL', () => withUserSetting('mediaUrl', 'not a url', () => runPost(workspaceFile('leak-badurl.png', uniquePng())))],
    [
      'corrupt stored credentials',
      async () => (
        await h.services.context.secrets.store(
          'whatsappStatus.credentials.v1',
          `{"version":1,"idInstance":"${TEST_INSTANCE}","apiTokenInstance":"${SENTINEL_TOKEN} with spaces"}`,
        ),
        runPost(workspaceFile('leak-corrupt.png', uniquePng()))
      ),
    ],
    ['no stored credentials', async () => (await h.services.credentials.forget(), runPost(workspaceFile('leak-nocreds.png', uniquePng())))],
  ];
  for (const [name, run] of badInputs) {
    it(`bad input: ${name}`, async () => {
      const from = capture.entries.length;
      await run();
      assert.ok(h.notifications.length >= 1, 'the bad input was reported');
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
      assert.deepEqual(leakReport(producedSince(from)), []);
    });
  }

  const credentialFlows: Array<[string, { idInstance: string; apiToken: string }, () => Promise<void> | void]> = [
    ['accepted credentials (the confirmation shows the id masked)', { idInstance: TEST_INSTANCE, apiToken: SENTINEL_TOKEN }, () => undefined],
    ['a token GREEN-API rejects (401)', { idInstance: TEST_INSTANCE, apiToken: WRONG_TOKEN }, () => undefined],
    ['an instance id GREEN-API refuses (403)', { idInstance: WRONG_INSTANCE, apiToken: SENTINEL_TOKEN }, () => undefined],
    [
      'an unreachable apiUrl',
      { idInstance: TEST_INSTANCE, apiToken: SENTINEL_TOKEN },
      async () => {
        await vscode.workspace.getConfiguration('whatsappStatus').update('apiUrl', `http://127.0.0.1:${await closedPort()}`, vscode.ConfigurationTarget.Global);
      },
    ],
  ];
  for (const [name, answers, setup] of credentialFlows) {
    it(`set credentials: ${name}`, async () => {
      const from = capture.entries.length;
      try {
        await setup();
        h.script = answers;
        await vscode.commands.executeCommand('whatsappStatus.setCredentials');
      } finally {
        await vscode.workspace.getConfiguration('whatsappStatus').update('apiUrl', emulator.apiUrl, vscode.ConfigurationTarget.Global);
      }
      // The outcome is a notification, or (when the check could not run) a "Save anyway?" question.
      assert.equal(h.notifications.length + h.asked.filter((question) => question.startsWith('ask:')).length, 1);
      assert.deepEqual(leakReport(producedSince(from, await flushedLogText(h))), []);
    });
  }

  // A server that repeats the request path or the token in its error body must not get them shown or logged.
  const echoes: Array<[string, () => void]> = [
    [
      'a 400 whose body holds the request path, the token and its URL-encoded form',
      () =>
        emulator.fault({
          method: 'sendMediaStatus',
          status: 400,
          body: `Validation failed. Details: bad request to /waInstance${TEST_INSTANCE}/sendMediaStatus/${SENTINEL_TOKEN} (token ${encodeURIComponent(SENTINEL_TOKEN)}, instance ${TEST_INSTANCE})`,
        }),
    ],
    [
      'a 466 whose quota description holds the token',
      () =>
        emulator.fault({
          method: 'sendMediaStatus',
          status: 466,
          body: { invokeStatus: { status: 'QUOTE_EXCEEDED', description: `Quota of ${TEST_INSTANCE} with token ${SENTINEL_TOKEN} used up` } },
        }),
    ],
    [
      'a 500 whose body holds the token',
      () => emulator.fault({ method: 'uploadFile', status: 500, body: `crash at /waInstance${TEST_INSTANCE}/uploadFile/${SENTINEL_TOKEN}` }),
    ],
    ['an HTML 502 page', () => emulator.fault({ method: 'uploadFile', action: 'html', times: 3 })],
    ['a 302 whose Location holds the token', () => emulator.fault({ method: 'sendMediaStatus', action: 'redirect' })],
    [
      'a 429 whose body holds the token',
      () => emulator.fault({ method: 'sendMediaStatus', status: 429, body: `slow down ${SENTINEL_TOKEN}`, headers: { 'Retry-After': '600' } }),
    ],
  ];
  for (const [name, setup] of echoes) {
    it(`a server echoing secrets: ${name}`, async () => {
      const from = capture.entries.length;
      setup();
      await runPost(workspaceFile('leak-echo.png', uniquePng()));
      const [notification] = h.notifications;
      assert.equal(notification?.severity, 'error');
      assert.deepEqual(leakReport(producedSince(from, await flushedLogText(h))), []);
    });
  }
});
