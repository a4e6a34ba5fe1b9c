import assert from 'node:assert/strict';
import * as util from 'node:util';
import { GreenApiError, isStatusMethod, kindForStatus, summariseServerText, type ErrorKind } from '../../../../src/core/greenApi/errors';

const ID = '1101000001';
const SENTINELS = ['SENTINEL_tok-9f8e7d', 'feedfacecafebeef00112233445566778899aabbccddeeff'];

describe('core/errors', () => {
  describe('GreenApiError never carries the token', () => {
    for (const token of SENTINELS) {
      it(`no form of the error contains the sentinel (${token.length} chars)`, () => {
        const body = JSON.stringify({
          message: `Unauthorized for https://1101.api.green-api.com/waInstance${ID}/sendMediaStatus/${token}`,
          apiTokenInstance: token,
          id: ID,
        });
        const serverMessage = summariseServerText(body, 'application/json', { idInstance: ID, apiTokenInstance: token });
        assert.ok(serverMessage, 'precondition: a message was produced');
        const error = new GreenApiError({
          kind: 'credentials',
          apiMethod: 'sendMediaStatus',
          outcome: 'rejected',
          httpStatus: 401,
          serverMessage,
          causeCode: 'ECONNRESET',
        });
        const forms = [
          error.message,
          String(error.stack),
          String(error),
          util.inspect(error),
          util.inspect(error, { depth: 10, showHidden: true }),
          JSON.stringify(error),
        ];
        for (const form of forms) {
          assert.ok(!form.includes(token), `token leaked in: ${form}`);
          assert.ok(!form.includes(ID), `full instance id leaked in: ${form}`);
        }
        assert.ok(serverMessage.includes('••••0001'));
      });
    }

    it('builds its message from the fixed template', () => {
      const error = new GreenApiError({ kind: 'quota', apiMethod: 'sendMediaStatus', outcome: 'rejected', httpStatus: 466, serverMessage: 'upgrade' });
      assert.equal(error.message, 'sendMediaStatus: plan quota exceeded (HTTP 466)');
      assert.equal(String(error), 'GreenApiError: sendMediaStatus: plan quota exceeded (HTTP 466)');
      assert.ok(error.stack?.includes(error.message));
      assert.ok(!error.message.includes('upgrade'), 'the server text stays out of the message');
      const noStatus = new GreenApiError({ kind: 'timeout', apiMethod: 'uploadFile', outcome: 'unknown' });
      assert.equal(noStatus.message, 'uploadFile: timed out');
    });

    it('is an Error and keeps no cause', () => {
      const error = new GreenApiError({ kind: 'network', apiMethod: 'uploadFile', outcome: 'not-sent', causeCode: 'ECONNREFUSED' });
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'GreenApiError');
      assert.ok(!('cause' in error));
      assert.ok(!Object.getOwnPropertyNames(error).includes('cause'));
    });

    it('toJSON lists exactly the documented fields', () => {
      const error = new GreenApiError({
        kind: 'rate-limited',
        apiMethod: 'sendMediaStatus',
        outcome: 'rejected',
        httpStatus: 429,
        serverMessage: 'Too Many Requests',
        causeCode: 'X',
        retryAfterMs: 2000,
      });
      assert.deepEqual(JSON.parse(JSON.stringify(error)), {
        name: 'GreenApiError',
        message: 'sendMediaStatus: rate limited (HTTP 429)',
        kind: 'rate-limited',
        apiMethod: 'sendMediaStatus',
        outcome: 'rejected',
        httpStatus: 429,
        serverMessage: 'Too Many Requests',
        causeCode: 'X',
        retryAfterMs: 2000,
      });
      const minimal = new GreenApiError({ kind: 'cancelled', apiMethod: 'uploadFile', outcome: 'not-sent' });
      assert.deepEqual(JSON.parse(JSON.stringify(minimal)), {
        name: 'GreenApiError',
        message: 'uploadFile: cancelled',
        kind: 'cancelled',
        apiMethod: 'uploadFile',
        outcome: 'not-sent',
      });
    });
  });

  describe('kindForStatus (docs/greenapi.md §5.1)', () => {
    const rows: Array<[number, string, ErrorKind]> = [
      [400, 'instance in starting process try later', 'instance-starting'],
      [400, 'instance account not authorized', 'instance-not-authorized'],
      [400, 'instance is starting or not authorized', 'instance-not-authorized'],
      [400, 'Instance account is expired. Renew your instance from personal area', 'instance-expired'],
      [400, 'Instance is deleted', 'instance-expired'],
      [400, 'bad request data', 'bad-request'],
      [400, 'Bad Request', 'bad-request'],
      [400, "Validation failed. Details: 'chatId' is required", 'bad-request'],
      [400, 'Unexpected token _ in JSON at position 12', 'bad-request'],
      [401, 'Unauthorized', 'credentials'],
      [403, 'Forbidden', 'forbidden'],
      [404, 'Not Found', 'not-found'],
      [429, 'Too Many Requests', 'rate-limited'],
      [466, '{"correspondentsStatus":{"status":"CORRESPONDENTS_QUOTE_EXCEEDED"}}', 'quota'],
      [499, 'Client Closed Request', 'server'],
      [500, 'File from url exceeded max upload size. Size: 120mb Limit: 100mb Url: x', 'server'],
      [502, 'Bad Gateway', 'server'],
      [503, '', 'server'],
      [302, '', 'unexpected-response'],
    ];
    for (const [status, body, kind] of rows) {
      it(`${status} ${JSON.stringify(body.slice(0, 40))} → ${kind}`, () => {
        assert.equal(kindForStatus(status, body), kind);
      });
    }

    it('only reads the body for 400', () => {
      assert.equal(kindForStatus(500, 'instance in starting process'), 'server');
      assert.equal(kindForStatus(403, 'instance account not authorized'), 'forbidden');
    });
  });

  describe('isStatusMethod', () => {
    it('names every status method, whose 403 may mean no beta access, and nothing else', () => {
      for (const method of [
        'sendMediaStatus',
        'sendTextStatus',
        'sendVoiceStatus',
        'deleteStatus',
        'getStatusStatistic',
        'getOutgoingStatuses',
        'getIncomingStatuses',
      ]) {
        assert.ok(isStatusMethod(method), method);
      }
      for (const method of ['uploadFile', 'getStateInstance', 'getSettings', 'setSettings', 'getContacts', 'getWaSettings', 'sendMessage'])
        assert.ok(!isStatusMethod(method), method);
    });
  });

  describe('summariseServerText', () => {
    it('summarises an HTML page by its body or by its content type', () => {
      assert.equal(summariseServerText('<!DOCTYPE html><html><body>502 Bad Gateway</body></html>', null, {}), 'HTML error page');
      assert.equal(summariseServerText('  <html><head></head></html>', 'text/plain', {}), 'HTML error page');
      assert.equal(summariseServerText('Bad Gateway', 'text/html; charset=utf-8', {}), 'HTML error page');
    });

    it('truncates long text to 300 characters ending in an ellipsis', () => {
      const out = summariseServerText('x'.repeat(1000), 'text/plain', {});
      assert.equal(out?.length, 300);
      assert.equal(out, `${'x'.repeat(299)}…`);
    });

    it('keeps text of exactly 300 characters whole', () => {
      const text = 'y'.repeat(300);
      assert.equal(summariseServerText(text, 'text/plain', {}), text);
    });

    // BUG (reported): the cut at 299 UTF-16 units can fall inside a surrogate pair and leave a lone surrogate.
    it('never leaves half of a surrogate pair at the cut', () => {
      const out = summariseServerText(`${'x'.repeat(298)}😀${'y'.repeat(20)}`, 'text/plain', {});
      assert.ok(out);
      assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(out), 'lone surrogate in output');
    });

    it('folds white space into single spaces', () => {
      assert.equal(
        summariseServerText("  Validation failed.\n\tDetails:   'caption'\r\n is too long  ", null, {}),
        "Validation failed. Details: 'caption' is too long",
      );
    });

    it('returns undefined for an empty or blank body', () => {
      assert.equal(summariseServerText('', null, {}), undefined);
      assert.equal(summariseServerText(' \n\t ', 'application/json', {}), undefined);
    });

    it('redacts the secrets it is given', () => {
      const out = summariseServerText(`bad token SENTINEL_tok for ${ID}`, null, { idInstance: ID, apiTokenInstance: 'SENTINEL_tok' });
      assert.equal(out, 'bad token *** for ••••0001');
    });
  });
});
