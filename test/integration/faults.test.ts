// The fault matrix (docs/reliability.md §7 items 10, 11, 13–16, 24, 25) in the real extension host: each row makes the
// emulator (or the network) misbehave during a real "Post as Status" run through the Harness, then asserts
// the one notification the person sees — severity, exact text, exact buttons — and how many requests of each method
// reached the server. Every row runs with the Harness's sentinel credentials under leakSentinel.test.ts's root hooks,
// which check that no secret reaches a notification, the console or the log.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../emulator';
import { WRONG_INSTANCE, WRONG_TOKEN, closedPort, expectClosed, uniqueMp4, uniquePng } from './hostProbes';
import { SENTINEL_TOKEN, TEST_INSTANCE, pointSettingsAt, runPost, usePostingSuite, workspaceFile, type Harness } from './support';

const QUEUED = 'The status may already be queued: check WhatsApp before posting again.';
const NOT_REACHED = (code: string) => `Could not reach GREEN-API (${code}). Check your connection and the apiUrl/mediaUrl settings.`;
const SERVER_ERROR = (status: number) => `GREEN-API had a server error (${status}).`;
const UNEXPECTED = (method: string) => `GREEN-API sent an unexpected answer to ${method} (a redirect or a malformed body).`;

interface Context {
  readonly h: Harness;
  readonly emulator: Emulator;
  readonly file: vscode.Uri;
  /** The workspace-relative name the product shows for the file. */
  readonly label: string;
}

type Method = 'getStateInstance' | 'uploadFile' | 'sendMediaStatus';

interface Row {
  readonly name: string;
  /** Faults, emulator config, settings; may return an undo step. */
  readonly arrange?: (ctx: Context) => void | (() => unknown) | Promise<void | (() => unknown)>;
  /** The file posted [a small PNG]. */
  readonly media?: () => Buffer;
  /** A user-level whatsappStatus.requestTimeoutSeconds for this row. */
  readonly requestTimeoutSeconds?: number;
  readonly expect: {
    readonly severity: 'info' | 'error';
    readonly message: string | ((ctx: Context) => string);
    readonly actions: readonly string[];
  };
  /** Requests per method that reached the emulator; methods left out are not checked. */
  readonly requests: Partial<Record<Method | 'redirect target', number>>;
  /** Statuses the emulator queued (a lost answer can still have queued one) [0 unless the post succeeded]. */
  readonly queued?: number;
  /** Bounds on how long the command took, ms. */
  readonly elapsed?: { readonly min?: number; readonly max?: number };
  readonly check?: (ctx: Context) => void | Promise<void>;
  readonly timeoutMs?: number;
}

const posted = (ctx: Context) => `Status queued — id ${ctx.emulator.statuses[0]?.idMessage}`;

/**
 * For credentials the state check refuses: the upload starts with the caption box and the check a moment later (or
 * when sending asks), so the upload may reach the server first. With the same credentials it is refused too, stores nothing and is not repeated.
 */
const refusedUploadAtMost =
  (status: number) =>
  ({ emulator }: Context): void => {
    const uploads = emulator.apiRequests('uploadFile');
    assert.ok(uploads.length <= 1, `${uploads.length} uploads`);
    assert.ok(
      uploads.every((request) => request.status === status),
      `upload answered ${uploads.map((request) => request.status).join()}`,
    );
    assert.deepEqual(emulator.uploads, []);
  };
const POSTED_ACTIONS = ['Copy ID', 'Show Log'];
const ONE_POST = { uploadFile: 1, sendMediaStatus: 1 };

/** A Retry-After HTTP-date `seconds` from now, on a whole second so the shown wait is predictable. */
const httpDate = (seconds: number) => new Date(Math.ceil(Date.now() / 1000) * 1000 + seconds * 1000).toUTCString();

const ROWS: Row[] = [
  {
    name: '200: posts, shows the id with Copy ID',
    expect: { severity: 'info', message: posted, actions: POSTED_ACTIONS },
    requests: { getStateInstance: 1, ...ONE_POST },
    queued: 1,
  },
  {
    name: '200 after a slow (1.5 s) sendMediaStatus: still posts',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', delayMs: 1500 }),
    expect: { severity: 'info', message: posted, actions: POSTED_ACTIONS },
    requests: ONE_POST,
    queued: 1,
    elapsed: { min: 1400 },
  },
  {
    name: "400 validation: shows GREEN-API's own words, no Retry",
    arrange: ({ emulator }) =>
      emulator.fault({ method: 'sendMediaStatus', status: 400, body: "Validation failed. Details: 'fileName' must contain the file extension, e.g. test.jpg" }),
    expect: {
      severity: 'error',
      message: "GREEN-API rejected the request: Validation failed. Details: 'fileName' must contain the file extension, e.g. test.jpg",
      actions: ['Show Log'],
    },
    requests: ONE_POST,
  },
  {
    name: '400 malformed JSON',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 400, body: 'Unexpected token } in JSON at position 16' }),
    expect: { severity: 'error', message: 'GREEN-API rejected the request: Unexpected token } in JSON at position 16', actions: ['Show Log'] },
    requests: ONE_POST,
  },
  {
    name: '400 "instance in starting process" once: sends again on its own, posts',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 400, body: 'instance in starting process try later' }),
    expect: { severity: 'info', message: posted, actions: POSTED_ACTIONS },
    requests: { uploadFile: 1, sendMediaStatus: 2 },
    queued: 1,
  },
  {
    name: '400 "instance in starting process" three times: try again, with Retry',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 400, body: 'instance in starting process try later', times: 3 }),
    expect: { severity: 'error', message: 'The GREEN-API instance is starting; try again in a few minutes.', actions: ['Retry', 'Show Log'] },
    requests: { uploadFile: 1, sendMediaStatus: 3 },
  },
  {
    name: '400 "not authorized": link the phone',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 400, body: 'instance account not authorized' }),
    expect: {
      severity: 'error',
      message: 'The GREEN-API instance is not authorized: link your phone by scanning the QR code in the GREEN-API console.',
      actions: ['Show Log'],
    },
    requests: ONE_POST,
  },
  {
    name: '400 "expired": renew, with Set Credentials',
    arrange: ({ emulator }) =>
      emulator.fault({ method: 'sendMediaStatus', status: 400, body: 'Instance account is expired. Renew your instance from personal area' }),
    expect: {
      severity: 'error',
      message: 'The GREEN-API instance has expired or was deleted: renew it in the GREEN-API console.',
      actions: ['Set Credentials', 'Show Log'],
    },
    requests: ONE_POST,
  },
  {
    name: '401 at the state check (a wrong stored token): Set Credentials, nothing stored or sent',
    arrange: ({ h }) => h.services.credentials.store({ idInstance: TEST_INSTANCE, apiTokenInstance: WRONG_TOKEN }),
    expect: {
      severity: 'error',
      message: 'GREEN-API rejected the credentials (401): the apiTokenInstance is wrong or was regenerated.',
      actions: ['Set Credentials', 'Show Log'],
    },
    requests: { getStateInstance: 1, sendMediaStatus: 0 },
    check: refusedUploadAtMost(401),
  },
  {
    name: '401 on sendMediaStatus after the state check passed',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 401, body: 'Unauthorized' }),
    expect: {
      severity: 'error',
      message: 'GREEN-API rejected the credentials (401): the apiTokenInstance is wrong or was regenerated.',
      actions: ['Set Credentials', 'Show Log'],
    },
    requests: ONE_POST,
  },
  {
    name: '403 on sendMediaStatus after the state check passed: no beta access, ask support',
    arrange: ({ emulator }) => emulator.set({ betaAccess: false }),
    expect: {
      severity: 'error',
      message: 'This instance has no access to the status methods, which GREEN-API still treats as beta (403). Ask GREEN-API support to enable them.',
      actions: ['Show Log'],
    },
    requests: { getStateInstance: 1, ...ONE_POST },
  },
  {
    name: '403 at the state check (another instance id): check id and hosts, nothing stored or sent',
    arrange: ({ h }) => h.services.credentials.store({ idInstance: WRONG_INSTANCE, apiTokenInstance: SENTINEL_TOKEN }),
    expect: {
      severity: 'error',
      message: 'GREEN-API refused access (403): check the idInstance, and that apiUrl and mediaUrl are the hosts your GREEN-API console shows.',
      actions: ['Set Credentials', 'Open Settings', 'Show Log'],
    },
    requests: { getStateInstance: 1, sendMediaStatus: 0 },
    check: refusedUploadAtMost(403),
  },
  {
    name: '404 on uploadFile (mediaUrl set to the API host): check the hosts',
    arrange: async ({ emulator }) => pointSettingsAt({ apiUrl: emulator.apiUrl, mediaUrl: emulator.apiUrl }),
    expect: {
      severity: 'error',
      message: 'GREEN-API answered 404 to uploadFile: check the apiUrl and mediaUrl settings.',
      actions: ['Open Settings', 'Show Log'],
    },
    requests: { uploadFile: 1, sendMediaStatus: 0 },
  },
  {
    name: '429 with Retry-After: 1 (seconds): waits, sends again, posts',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 429, body: 'Too Many Requests', headers: { 'Retry-After': '1' } }),
    expect: { severity: 'info', message: posted, actions: POSTED_ACTIONS },
    requests: { uploadFile: 1, sendMediaStatus: 2 },
    queued: 1,
    elapsed: { min: 950 },
  },
  {
    name: '429 with Retry-After as an HTTP-date 2 s ahead: waits, sends again, posts',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 429, body: 'Too Many Requests', headers: { 'Retry-After': httpDate(2) } }),
    expect: { severity: 'info', message: posted, actions: POSTED_ACTIONS },
    requests: { uploadFile: 1, sendMediaStatus: 2 },
    queued: 1,
    elapsed: { min: 900 },
  },
  {
    name: '429 with Retry-After: 120 (over the 60 s cap): gives up at once and says when',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 429, body: 'Too Many Requests', headers: { 'Retry-After': '120' } }),
    expect: { severity: 'error', message: 'GREEN-API is limiting requests; try again in 120 s.', actions: ['Show Log'] },
    requests: ONE_POST,
    elapsed: { max: 5000 },
  },
  {
    name: '429 with an HTTP-date 5 minutes ahead: gives up at once and says when',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 429, body: 'Too Many Requests', headers: { 'Retry-After': httpDate(300) } }),
    // The date has whole seconds and a little time passes before it is read: 300 s, or 301 when read early in a second.
    expect: {
      severity: 'error',
      message: ({ h }) =>
        oneOf(h.notifications[0]?.message, ['GREEN-API is limiting requests; try again in 300 s.', 'GREEN-API is limiting requests; try again in 301 s.']),
      actions: ['Show Log'],
    },
    requests: ONE_POST,
    elapsed: { max: 5000 },
  },
  {
    name: '429 without Retry-After, three times: backs off, tries 3 times, then offers Retry',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 429, body: 'Too Many Requests', times: 3 }),
    expect: { severity: 'error', message: 'GREEN-API is limiting requests; try again in a moment.', actions: ['Retry', 'Show Log'] },
    requests: { uploadFile: 1, sendMediaStatus: 3 },
  },
  {
    name: "466 quota: shows the exceeded quota's description",
    arrange: ({ emulator }) =>
      emulator.set({ quota: { method: 'sendMediaStatus', used: 3, total: 3, description: 'Monthly limit of statuses reached. Upgrade your plan.' } }),
    expect: {
      severity: 'error',
      message: 'Your GREEN-API plan quota is used up: Monthly limit of statuses reached. Upgrade your plan.',
      actions: ['Show Log'],
    },
    requests: ONE_POST,
  },
  {
    name: '500 on uploadFile: not retried (not a gateway error), Retry offered',
    arrange: ({ emulator }) => emulator.fault({ method: 'uploadFile', status: 500, body: 'Internal Server Error', times: 3 }),
    expect: { severity: 'error', message: SERVER_ERROR(500), actions: ['Retry', 'Show Log'] },
    requests: { uploadFile: 1, sendMediaStatus: 0 },
  },
  {
    name: '500 on sendMediaStatus: sent once, may be queued, no Retry',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 500, body: 'Internal Server Error', times: 3 }),
    expect: { severity: 'error', message: `${SERVER_ERROR(500)} ${QUEUED}`, actions: ['Show Log'] },
    requests: ONE_POST,
  },
  {
    name: '502 on uploadFile, three times: tried 3 times, then Retry offered',
    arrange: ({ emulator }) => emulator.fault({ method: 'uploadFile', status: 502, body: 'Bad Gateway', times: 3 }),
    expect: { severity: 'error', message: SERVER_ERROR(502), actions: ['Retry', 'Show Log'] },
    requests: { uploadFile: 3, sendMediaStatus: 0 },
  },
  {
    name: '502 on uploadFile, twice: the third try uploads and the status is posted',
    arrange: ({ emulator }) => emulator.fault({ method: 'uploadFile', status: 502, body: 'Bad Gateway', times: 2 }),
    expect: { severity: 'info', message: posted, actions: POSTED_ACTIONS },
    requests: { uploadFile: 3, sendMediaStatus: 1 },
    queued: 1,
  },
  {
    name: '502 on sendMediaStatus: sent once, may be queued, no Retry',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 502, body: 'Bad Gateway', times: 3 }),
    expect: { severity: 'error', message: `${SERVER_ERROR(502)} ${QUEUED}`, actions: ['Show Log'] },
    requests: ONE_POST,
  },
  {
    name: '503 on uploadFile once: retried, posted',
    arrange: ({ emulator }) => emulator.fault({ method: 'uploadFile', status: 503, body: 'Service Unavailable' }),
    expect: { severity: 'info', message: posted, actions: POSTED_ACTIONS },
    requests: { uploadFile: 2, sendMediaStatus: 1 },
    queued: 1,
  },
  {
    name: '503 on sendMediaStatus: sent once, may be queued, no Retry',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 503, body: 'Service Unavailable', times: 3 }),
    expect: { severity: 'error', message: `${SERVER_ERROR(503)} ${QUEUED}`, actions: ['Show Log'] },
    requests: ONE_POST,
  },
  {
    name: '504 on sendMediaStatus: sent once, may be queued, no Retry',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', status: 504, body: 'Gateway Timeout', times: 3 }),
    expect: { severity: 'error', message: `${SERVER_ERROR(504)} ${QUEUED}`, actions: ['Show Log'] },
    requests: ONE_POST,
  },
  {
    name: '504 on uploadFile once: retried, posted',
    arrange: ({ emulator }) => emulator.fault({ method: 'uploadFile', status: 504, body: 'Gateway Timeout' }),
    expect: { severity: 'info', message: posted, actions: POSTED_ACTIONS },
    requests: { uploadFile: 2, sendMediaStatus: 1 },
    queued: 1,
  },
  {
    name: 'connection reset before the upload body was read, three times: tried 3 times, Retry offered',
    arrange: ({ emulator }) => emulator.fault({ method: 'uploadFile', action: 'reset-immediately', times: 3 }),
    expect: { severity: 'error', message: NOT_REACHED('ECONNRESET'), actions: ['Retry', 'Open Settings', 'Show Log'] },
    requests: { uploadFile: 3, sendMediaStatus: 0 },
  },
  {
    name: 'connection reset after the upload body was sent, once: the upload is repeated and the status posted',
    arrange: ({ emulator }) => emulator.fault({ method: 'uploadFile', action: 'reset-before-response' }),
    expect: { severity: 'info', message: posted, actions: POSTED_ACTIONS },
    requests: { uploadFile: 2, sendMediaStatus: 1 },
    queued: 1,
  },
  {
    name: 'connection reset after the sendMediaStatus body was sent: sent once, may be queued, no Retry',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', action: 'reset-before-response', times: 3 }),
    expect: { severity: 'error', message: `${NOT_REACHED('ECONNRESET')} ${QUEUED}`, actions: ['Open Settings', 'Show Log'] },
    requests: ONE_POST,
    queued: 1,
  },
  {
    name: 'connection reset before the sendMediaStatus answer (body unread): sent once, may be queued, no Retry',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', action: 'reset-immediately', times: 3 }),
    expect: { severity: 'error', message: `${NOT_REACHED('ECONNRESET')} ${QUEUED}`, actions: ['Open Settings', 'Show Log'] },
    requests: ONE_POST,
  },
  {
    name: 'stalled headers on sendMediaStatus (requestTimeoutSeconds 5): times out within budget + 2 s, may be queued, no Retry',
    requestTimeoutSeconds: 5,
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', action: 'stall-headers' }),
    expect: { severity: 'error', message: `GREEN-API did not answer in time (sendMediaStatus). ${QUEUED}`, actions: ['Show Log'] },
    requests: ONE_POST,
    queued: 1,
    elapsed: { min: 4900, max: 7000 },
    timeoutMs: 20_000,
  },
  {
    // The upload has an idle deadline of its own (60 s, not a setting): this row takes a minute.
    name: 'stalled body mid-upload (16 MB, the server stops reading): idle timeout after 60 s, not repeated, file closed',
    media: () => uniqueMp4(16 * 1024 * 1024),
    arrange: ({ emulator }) => emulator.fault({ method: 'uploadFile', action: 'stall-body', times: 3 }),
    expect: { severity: 'error', message: 'GREEN-API did not answer in time (uploadFile).', actions: ['Retry', 'Show Log'] },
    requests: { uploadFile: 1, sendMediaStatus: 0 },
    elapsed: { min: 59_000, max: 62_000 },
    timeoutMs: 90_000,
  },
  {
    name: 'invalid JSON in the uploadFile answer: unexpected answer, not repeated',
    arrange: ({ emulator }) => emulator.fault({ method: 'uploadFile', action: 'invalid-json' }),
    expect: { severity: 'error', message: UNEXPECTED('uploadFile'), actions: ['Open Settings', 'Show Log'] },
    requests: { uploadFile: 1, sendMediaStatus: 0 },
  },
  {
    name: 'invalid JSON in the sendMediaStatus answer: may be queued, no Retry',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', action: 'invalid-json' }),
    expect: { severity: 'error', message: `${UNEXPECTED('sendMediaStatus')} ${QUEUED}`, actions: ['Open Settings', 'Show Log'] },
    requests: ONE_POST,
    queued: 1,
  },
  {
    name: 'an HTML error page (nginx 502) on uploadFile: summarised, never shown, tried 3 times',
    arrange: ({ emulator }) => emulator.fault({ method: 'uploadFile', action: 'html', times: 3 }),
    expect: { severity: 'error', message: SERVER_ERROR(502), actions: ['Retry', 'Show Log'] },
    requests: { uploadFile: 3, sendMediaStatus: 0 },
  },
  {
    name: '302 to another host on uploadFile: not followed, nothing reaches the target',
    arrange: ({ emulator }) => emulator.fault({ method: 'uploadFile', action: 'redirect' }),
    expect: { severity: 'error', message: UNEXPECTED('uploadFile'), actions: ['Open Settings', 'Show Log'] },
    requests: { uploadFile: 1, sendMediaStatus: 0, 'redirect target': 0 },
  },
  {
    name: '302 to another host on sendMediaStatus: not followed, nothing reaches the target',
    arrange: ({ emulator }) => emulator.fault({ method: 'sendMediaStatus', action: 'redirect' }),
    expect: { severity: 'error', message: UNEXPECTED('sendMediaStatus'), actions: ['Open Settings', 'Show Log'] },
    requests: { ...ONE_POST, 'redirect target': 0 },
  },
  {
    // The instance check runs while the person types, beside the upload; its failure is told before anything is sent.
    name: 'connection refused on the API host: tried 3 times, nothing sent, check the settings',
    arrange: async ({ emulator }) => pointSettingsAt({ apiUrl: `http://127.0.0.1:${await closedPort()}`, mediaUrl: emulator.mediaUrl }),
    expect: { severity: 'error', message: NOT_REACHED('ECONNREFUSED'), actions: ['Open Settings', 'Show Log'] },
    requests: { getStateInstance: 0, uploadFile: 1, sendMediaStatus: 0 },
  },
  {
    name: 'connection refused on the media host: tried 3 times, Retry offered',
    arrange: async ({ emulator }) => pointSettingsAt({ apiUrl: emulator.apiUrl, mediaUrl: `http://127.0.0.1:${await closedPort()}` }),
    expect: { severity: 'error', message: NOT_REACHED('ECONNREFUSED'), actions: ['Retry', 'Open Settings', 'Show Log'] },
    requests: { getStateInstance: 1, uploadFile: 0, sendMediaStatus: 0 },
  },
  {
    name: 'TLS failure (self-signed certificate): certificate guidance, no request gets through',
    arrange: async () => {
      const tls = await startEmulator({ tls: true, idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN });
      await pointSettingsAt(tls);
      tlsEmulator = tls;
      return () => tls.close();
    },
    expect: {
      severity: 'error',
      message:
        'The TLS certificate of the GREEN-API host was not trusted (DEPTH_ZERO_SELF_SIGNED_CERT). Behind a corporate proxy? Check the http.systemCertificates setting or your system trust store.',
      actions: ['Open Settings', 'Show Log'],
    },
    requests: { getStateInstance: 0, uploadFile: 0, sendMediaStatus: 0 },
    check: () => assert.equal(tlsEmulator?.requests.length, 0, 'a request got through the failed handshake'),
  },
];

let tlsEmulator: Emulator | undefined;

/** `actual` when it is one of `allowed`, else the first allowed (so the exact comparison fails and shows both). */
function oneOf(actual: string | undefined, allowed: readonly string[]): string {
  return actual !== undefined && allowed.includes(actual) ? actual : allowed[0];
}

describe('fault matrix: what the person sees for each server behaviour', () => {
  let h: Harness;
  let emulator: Emulator;

  usePostingSuite((harness, started) => ((h = harness), (emulator = started)));
  beforeEach(async () => {
    // Rows point the hosts elsewhere (a closed port, a TLS emulator): every row starts from this emulator.
    await pointSettingsAt(emulator);
    h.script = { caption: 'fault matrix', participants: [] };
  });

  ROWS.forEach((row, index) => {
    const run = async () => {
      const file = workspaceFile(`fault-${String(index + 1).padStart(2, '0')}.${row.media ? 'mp4' : 'png'}`, (row.media ?? uniquePng)());
      const ctx: Context = { h, emulator, file, label: vscode.workspace.asRelativePath(file, false) };
      const config = vscode.workspace.getConfiguration('whatsappStatus');
      if (row.requestTimeoutSeconds !== undefined) await config.update('requestTimeoutSeconds', row.requestTimeoutSeconds, vscode.ConfigurationTarget.Global);
      const undo = await row.arrange?.(ctx);
      let elapsed: number;
      try {
        const started = Date.now();
        await runPost(file);
        elapsed = Date.now() - started;
      } finally {
        if (typeof undo === 'function') await undo();
        await config.update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
      }

      const seen = h.only();
      assert.equal(seen.severity, row.expect.severity, seen.message);
      const message = typeof row.expect.message === 'function' ? row.expect.message(ctx) : row.expect.message;
      assert.equal(seen.message, message);
      assert.deepEqual(seen.actions, row.expect.actions);
      for (const [method, count] of Object.entries(row.requests)) {
        const actual = method === 'redirect target' ? emulator.requests.filter((r) => r.host === 'redirect').length : emulator.apiRequests(method).length;
        assert.equal(actual, count, `${method} requests`);
      }
      assert.equal(emulator.statuses.length, row.queued ?? 0, 'statuses queued at the emulator');
      if (row.elapsed?.min !== undefined) assert.ok(elapsed >= row.elapsed.min, `took ${elapsed} ms, expected at least ${row.elapsed.min}`);
      if (row.elapsed?.max !== undefined) assert.ok(elapsed <= row.elapsed.max, `took ${elapsed} ms, expected at most ${row.elapsed.max}`);
      await expectClosed(file.fsPath);
      await row.check?.(ctx);
      tlsEmulator = undefined;
    };

    it(row.name, async function () {
      if (row.timeoutMs) this.timeout(row.timeoutMs);
      await run();
    });
  });

  it('has at least 20 distinct server behaviours', () => assert.ok(ROWS.length >= 20, String(ROWS.length)));
});
