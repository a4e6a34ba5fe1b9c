import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redact } from '../../../../src/core/greenApi/redact';
import type { Emulator } from '../../../emulator';
import { TEST_INSTANCE, emulatorClient, errorForms, useEmulatorSuite } from '../../helpers';
import { propertyParameters } from '../../properties';

// Every form in which a server's answer has been seen to echo the token, or could.
const ENCODINGS: ReadonlyArray<readonly [string, (token: string) => string]> = [
  ['raw', (token) => token],
  ['percent-encoded', encodeURIComponent],
  ['percent-encoded in lower case', (token) => encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())],
  ['percent-encoded as in a URL', encodeURI],
  ['form-encoded', (token) => new URLSearchParams({ t: token }).toString().slice('t='.length)],
  ['JSON-escaped', (token) => JSON.stringify(token).slice(1, -1)],
  ['JSON-escaped, ASCII only', (token) => asciiJson(token, (hex) => hex.toUpperCase())],
  ['PHP json_encode', (token) => asciiJson(token, (hex) => hex).replace(/\//g, '\\/')],
  ['HTML-escaped', (token) => token.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char])],
  ['HTML character references', (token) => Array.from(token, (char) => `&#x${(char.codePointAt(0) as number).toString(16)};`).join('')],
];

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** JSON string contents with every non-ASCII unit escaped, as Python and PHP write them by default. */
function asciiJson(token: string, hexCase: (hex: string) => string): string {
  return JSON.stringify(token)
    .slice(1, -1)
    .replace(/[^\x20-\x7e]/g, (unit) => `\\u${hexCase(unit.charCodeAt(0).toString(16).padStart(4, '0'))}`);
}

const URL_SPECIAL = [...' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
// Any printable code point: no control, format, private-use or unassigned ones.
const printable = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((char) => /^\P{C}$/u.test(char));
const token = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: printable },
    { weight: 3, arbitrary: fc.constantFrom(...URL_SPECIAL) },
    { weight: 2, arbitrary: fc.constantFrom(...'0123456789abcdefABCDEF') },
    { weight: 1, arbitrary: fc.constantFrom('é', 'ß', 'Ж', '中', '😀', '\u00a0') },
  ),
  // Set Credentials takes 8 characters or more.
  minLength: 8,
  maxLength: 40,
});
const encoding = fc.constantFrom(...ENCODINGS);
/** Text around the echo: anything, or a piece of the token itself, which masking must not join back into it. */
const around = (secret: string) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.nat({ max: secret.length }).map((cut) => secret.slice(0, cut)),
    fc.nat({ max: secret.length }).map((cut) => secret.slice(cut)),
  );

function assertNoForm(texts: readonly string[], secret: string): void {
  for (const text of texts) {
    for (const [name, encode] of ENCODINGS) assert.ok(!text.includes(encode(secret)), `${name} token in ${JSON.stringify(text)}`);
    assert.ok(!text.includes(TEST_INSTANCE), `instance id in ${JSON.stringify(text)}`);
  }
}

describe('core/redact properties', () => {
  it('no output of redact holds the token in any form, whatever the token and the text around it', () => {
    fc.assert(
      fc.property(
        token.chain((secret) => fc.tuple(fc.constant(secret), encoding, around(secret), around(secret), fc.array(encoding, { maxLength: 2 }))),
        ([secret, [, encode], before, after, more]) => {
          const text = `${before}${encode(secret)}${after} ${more.map(([, again]) => again(secret)).join(' ')} instance ${TEST_INSTANCE}`;
          assertNoForm([redact(text, { idInstance: TEST_INSTANCE, apiTokenInstance: secret })], secret);
        },
      ),
      propertyParameters(),
    );
  });

  describe('GreenApiError from a server that echoes the token', () => {
    let emulator: Emulator;
    useEmulatorSuite((emu) => (emulator = emu));

    const statuses = fc.constantFrom(400, 401, 403, 404, 466, 499, 500, 502, 503, 504);
    const body = (echo: string) =>
      fc.constantFrom(
        `Unauthorized: ${echo}`,
        JSON.stringify({ message: 'bad token', token: '<echo>' }).replace('<echo>', () => echo),
        JSON.stringify({ invokeStatus: { status: 'QUOTE_EXCEEDED', description: '<echo>' } }).replace('<echo>', () => echo),
        `Validation failed. Details: 'apiTokenInstance' ${echo} is invalid`,
      );

    it('no form of the error (message, stack, String, util.inspect, JSON) holds the token', async () => {
      await fc.assert(
        fc.asyncProperty(
          token.chain((secret) =>
            fc.tuple(
              fc.constant(secret),
              statuses,
              encoding.chain(([, encode]) => body(encode(secret))),
            ),
          ),
          async ([secret, status, answer]) => {
            emulator.reset();
            emulator.fault({ method: 'sendMediaStatus', status, body: answer });
            const client = emulatorClient(emulator, { apiTokenInstance: secret, maxAttempts: 1 });
            const error = await client.sendMediaStatus({ urlFile: 'https://x.invalid/a.png', fileName: 'a.png' }).then(
              () => assert.fail('expected the send to fail'),
              (failure: unknown) => failure,
            );
            assertNoForm(errorForms(error), secret);
          },
        ),
        propertyParameters(),
      );
    });
  });
});
