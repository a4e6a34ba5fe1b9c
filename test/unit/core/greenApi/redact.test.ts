import assert from 'node:assert/strict';
import * as util from 'node:util';
import { maskInstanceId, redact } from '../../../../src/core/greenApi/redact';

// A 50-character hex token, the shape GREEN-API hands out (docs/greenapi.md §1.2).
const HEX_TOKEN = '0123456789abcdef0123456789abcdef0123456789abcdef01';
// A token that is not hex-shaped, so only the explicit secret or the path rule can hide it.
const ODD_TOKEN = 'Zq9_secret-TOKEN~x';
const ID = '1101000001';
const BASE = 'https://1101.api.green-api.com';

describe('core/redact', () => {
  describe('maskInstanceId', () => {
    it('keeps only the last four digits', () => {
      assert.equal(maskInstanceId(ID), '••••0001');
      assert.equal(maskInstanceId('110112345678'), '••••5678');
    });

    it('shows nothing of an id of four digits or fewer', () => {
      assert.equal(maskInstanceId('1234'), '••••');
    });
  });

  describe('explicit token', () => {
    it('masks the raw token wherever it appears', () => {
      const out = redact(`token=${ODD_TOKEN}; again ${ODD_TOKEN}.`, { apiTokenInstance: ODD_TOKEN });
      assert.equal(out, 'token=***; again ***.');
    });

    it('masks the URL-encoded form of the token', () => {
      const token = 'a+b/c=d e';
      const encoded = encodeURIComponent(token);
      assert.notEqual(encoded, token);
      const out = redact(`raw ${token} and encoded ${encoded}`, { apiTokenInstance: token });
      assert.equal(out, 'raw *** and encoded ***');
    });
  });

  describe('the token as a body echoes it', () => {
    // Quote, backslash, slash, percent, ampersand, space and non-ASCII: each is written differently by some encoder.
    const TOKEN = 'Tok"en\\x/y%z&w é';
    const secrets = { apiTokenInstance: TOKEN };
    const echoed: Array<[string, string]> = [
      ['JSON-escaped', JSON.stringify({ error: `bad token ${TOKEN}` })],
      ['PHP-escaped (json_encode: \\/ and \\u00e9)', '{"error":"bad token Tok\\"en\\\\x\\/y%z&w \\u00e9"}'],
      ['JSON-escaped with upper-case \\u escapes', '{"error":"Tok\\u0022en\\u005Cx\\u002Fy%z\\u0026w \\u00E9"}'],
      ['percent-encoded in lower case', `path=${encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())}`],
      ['percent-encoded as a URL leaves it', `url=https://h/${encodeURI(TOKEN)}`],
      ['form-encoded', `token=${new URLSearchParams({ t: TOKEN }).toString().slice(2)}`],
      ['HTML-escaped', '<p>Tok&quot;en\\x/y%z&amp;w &#233;</p>'],
      ['mixed, one character in each form', 'Tok\\"en%5cx\\/y%25z&#38;w+\\u00e9'],
      ['with its white space reflowed', 'Tok"en\\x/y%z&w\n  é'],
    ];
    for (const [form, body] of echoed) {
      it(`masks the token ${form}`, () => {
        const out = redact(body, secrets);
        assert.ok(out.includes('***'), `${form}: nothing masked in ${out}`);
        for (const fragment of ['Tok', 'en\\x', '%z']) assert.ok(!out.includes(fragment), `${form}: ${JSON.stringify(fragment)} left in ${out}`);
      });
    }

    it('does not rebuild the token from the text around a mask', () => {
      // Text next to a mask can join it into the token again: masking must go on until the token is gone.
      const token = '***abc***';
      const out = redact(`***abc${token}***`, { apiTokenInstance: token });
      assert.ok(!out.includes(token), out);
    });
  });

  describe('/waInstance<id>/<method>/<token> paths', () => {
    it('masks the token segment and the id of a request URL without being told the secrets', () => {
      const out = redact(`POST ${BASE}/waInstance${ID}/sendMediaStatus/${ODD_TOKEN}`);
      assert.equal(out, `POST ${BASE}/waInstance••••0001/sendMediaStatus/***`);
    });

    it('stops at the query string and keeps it', () => {
      const out = redact(`${BASE}/waInstance${ID}/getOutgoingStatuses/${ODD_TOKEN}?minutes=5`);
      assert.equal(out, `${BASE}/waInstance••••0001/getOutgoingStatuses/***?minutes=5`);
    });

    it('masks a path in free text, such as an error message', () => {
      const out = redact(`request to /waInstance${ID}/uploadFile/${ODD_TOKEN} failed, reason: socket hang up`);
      assert.equal(out, 'request to /waInstance••••0001/uploadFile/*** failed, reason: socket hang up');
    });

    it('masks a path inside a JSON string and leaves valid JSON', () => {
      const json = JSON.stringify({ url: `${BASE}/waInstance${ID}/sendMessage/${ODD_TOKEN}`, status: 401 });
      const out = redact(json);
      assert.ok(!out.includes(ODD_TOKEN));
      assert.ok(!out.includes(ID));
      assert.deepEqual(JSON.parse(out), { url: `${BASE}/waInstance••••0001/sendMessage/***`, status: 401 });
    });

    it('masks a path in util.inspect output of an object and of an error', () => {
      const url = `${BASE}/waInstance${ID}/sendMediaStatus/${ODD_TOKEN}`;
      const inspectedObject = util.inspect({ request: { url, method: 'POST' } }, { depth: 5 });
      const inspectedError = util.inspect(new TypeError(`fetch failed: ${url}`));
      for (const inspected of [inspectedObject, inspectedError]) {
        assert.ok(inspected.includes(ODD_TOKEN), 'precondition: inspect output carries the token');
        const out = redact(inspected);
        assert.ok(!out.includes(ODD_TOKEN), out);
        assert.ok(!out.includes(ID), out);
        assert.ok(out.includes('/waInstance••••0001/sendMediaStatus/***'), out);
      }
    });
  });

  describe('instance id', () => {
    it('masks the id to its last four digits in free text', () => {
      const out = redact(`instance ${ID} is starting`, { idInstance: ID });
      assert.equal(out, 'instance ••••0001 is starting');
    });

    it('leaves a short id untouched, since it cannot be told from ordinary numbers', () => {
      assert.equal(redact('retry 1234 of 1234', { idInstance: '1234' }), 'retry 1234 of 1234');
    });
  });

  describe('token-shaped hex', () => {
    it('masks a hex run of 40+ characters even when it was not passed', () => {
      assert.equal(redact(`{"apiTokenInstance":"${HEX_TOKEN}"}`), '{"apiTokenInstance":"***"}');
      assert.equal(redact(`key ${'A'.repeat(40)} end`), 'key *** end');
      assert.equal(redact(`x ${HEX_TOKEN.toUpperCase()}`), 'x ***');
    });

    it('leaves a 39-character hex run alone', () => {
      const short = 'f'.repeat(39);
      assert.equal(redact(`sha ${short}`), `sha ${short}`);
    });
  });

  describe('text without secrets', () => {
    it('is returned unchanged', () => {
      const samples = [
        '',
        'POST sendMediaStatus → 200 (412 ms)',
        `${BASE}/ is reachable; idMessage BAE5F4886AD1A1D7`,
        'Привет 😀, uploaded 4.2 MB of photo.jpg',
        'commit 3f2a9c1 at 12:00:01',
      ];
      for (const text of samples) assert.equal(redact(text, { idInstance: ID, apiTokenInstance: HEX_TOKEN }), text);
    });
  });

  describe('idempotence', () => {
    it('redacting twice gives the same text as redacting once', () => {
      const secrets = { idInstance: ID, apiTokenInstance: ODD_TOKEN };
      const text = [
        `GET ${BASE}/waInstance${ID}/getStateInstance/${ODD_TOKEN}`,
        `token ${ODD_TOKEN} encoded ${encodeURIComponent(ODD_TOKEN)}`,
        `hex ${HEX_TOKEN}`,
        `id ${ID}`,
        util.inspect({ url: `${BASE}/waInstance${ID}/uploadFile/${HEX_TOKEN}` }),
      ].join('\n');
      const once = redact(text, secrets);
      assert.notEqual(once, text);
      assert.equal(redact(once, secrets), once);
      assert.equal(redact(once), once);
    });
  });
});
