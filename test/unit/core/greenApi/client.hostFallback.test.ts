import assert from 'node:assert/strict';
import * as net from 'node:net';
import type { GreenApiClientConfig } from '../../../../src/core/greenApi/types';
import { type Emulator } from '../../../emulator';
import { assertNoSecret, emulatorClient, expectGreenApiError, fileSource, randomFile, recordingLog, useEmulatorSuite } from '../../helpers';

/**
 * Host names that exist only in the resolver injected here: nothing in these tests asks the system resolver, and every
 * name that resolves at all resolves to loopback, where the emulator listens.
 */
const DERIVED_API = '1101.api.example.invalid';
const DERIVED_MEDIA = '1101.media.example.invalid';
const FALLBACK_API = 'api.example.invalid';
const FALLBACK_MEDIA = 'media.example.invalid';

type Answer = string | 'ENOTFOUND' | 'EAI_AGAIN';

/** A `dns.lookup` stand-in: answers from `names`, ENOTFOUND for any other name, and records what it was asked. */
function injectedLookup(names: Record<string, Answer>): net.LookupFunction & { asked: string[] } {
  const asked: string[] = [];
  const lookup = (hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void): void => {
    asked.push(hostname);
    const answer = names[hostname] ?? 'ENOTFOUND';
    if (answer === 'ENOTFOUND' || answer === 'EAI_AGAIN') {
      const error = Object.assign(new Error(`getaddrinfo ${answer} ${hostname}`), { code: answer, hostname });
      process.nextTick(callback, error);
    } else if (options.all) process.nextTick(callback, null, [{ address: answer, family: 4 }]);
    else process.nextTick(callback, null, answer, 4);
  };
  return Object.assign(lookup as net.LookupFunction, { asked });
}

describe('GreenApiClient falls back from a derived host that does not resolve (injected resolver, loopback only)', () => {
  let emulator: Emulator;
  let dir: string;
  let log: ReturnType<typeof recordingLog>;
  let fallbacks: string[];

  useEmulatorSuite((emu, tmp) => ((emulator = emu), (dir = tmp)));
  beforeEach(() => {
    log = recordingLog();
    fallbacks = [];
  });
  afterEach(() => assertNoSecret(log.lines));

  /** The emulator's URL with its 127.0.0.1 replaced by a host name. */
  const named = (url: string, hostname: string) => url.replace('127.0.0.1', hostname);
  const derivedClient = (lookup: net.LookupFunction, overrides: Partial<GreenApiClientConfig> = {}) =>
    emulatorClient(emulator, {
      apiUrl: named(emulator.apiUrl, DERIVED_API),
      mediaUrl: named(emulator.mediaUrl, DERIVED_MEDIA),
      fallbackHosts: { apiUrl: named(emulator.apiUrl, FALLBACK_API), mediaUrl: named(emulator.mediaUrl, FALLBACK_MEDIA) },
      onHostFallback: (host) => fallbacks.push(host),
      lookup,
      log,
      ...overrides,
    });
  const loopbackFallbacks = { [FALLBACK_API]: '127.0.0.1', [FALLBACK_MEDIA]: '127.0.0.1' };

  it("switches a JSON call's host to its fallback at once, says so once, and keeps it for the client's life", async () => {
    const lookup = injectedLookup(loopbackFallbacks);
    const client = derivedClient(lookup);
    assert.deepEqual(await client.getStateInstance(), { stateInstance: 'authorized' });
    await client.getWaSettings();
    assert.deepEqual(lookup.asked, [DERIVED_API, FALLBACK_API, FALLBACK_API]);
    assert.deepEqual(fallbacks, ['api']);
    assert.equal(emulator.apiRequests().length, 2, 'only the two calls reached the server');
    assert.ok(!log.lines.some((line) => /retrying/.test(line)), 'no backoff before the fallback');
  });

  it('switches the upload host too, on EAI_AGAIN as on ENOTFOUND, and the file is stored once', async () => {
    const lookup = injectedLookup({ ...loopbackFallbacks, [DERIVED_MEDIA]: 'EAI_AGAIN' });
    const client = derivedClient(lookup);
    const { file, sha256 } = randomFile(dir, 'fallback.png', 200_000);
    const { urlFile } = await client.uploadFile(fileSource(file, 'image/png'));
    assert.equal(emulator.uploads.length, 1);
    assert.equal(emulator.uploads[0].sha256, sha256);
    assert.equal(emulator.uploads[0].urlFile, urlFile);
    assert.deepEqual(fallbacks, ['media']);
    assert.equal(client.mediaUrl, named(emulator.mediaUrl, FALLBACK_MEDIA));
    assert.deepEqual(lookup.asked, [DERIVED_MEDIA, FALLBACK_MEDIA]);
  });

  it('never replaces a host without a fallback (one the person set): the call fails as not sent', async () => {
    const lookup = injectedLookup(loopbackFallbacks);
    const client = derivedClient(lookup, { fallbackHosts: { mediaUrl: named(emulator.mediaUrl, FALLBACK_MEDIA) } });
    const error = await expectGreenApiError(client.getStateInstance());
    assert.deepEqual([error.kind, error.causeCode, error.outcome], ['network', 'ENOTFOUND', 'not-sent']);
    assert.deepEqual(lookup.asked, [DERIVED_API, DERIVED_API, DERIVED_API], 'three attempts, all at the set host');
    assert.deepEqual(fallbacks, []);
    assert.equal(emulator.requests.length, 0);
  });

  it('does not fall back on an error other than a name that does not resolve', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const lookup = injectedLookup({ ...loopbackFallbacks, [DERIVED_API]: '127.0.0.1' });
    const client = derivedClient(lookup, { apiUrl: `http://${DERIVED_API}:${port}`, maxAttempts: 1 });
    const error = await expectGreenApiError(client.getStateInstance());
    assert.deepEqual([error.kind, error.causeCode], ['network', 'ECONNREFUSED']);
    assert.deepEqual(lookup.asked, [DERIVED_API]);
    assert.deepEqual(fallbacks, []);
  });

  it('falls back only once: a fallback that does not resolve either fails the call with the usual retries', async () => {
    const lookup = injectedLookup({});
    const client = derivedClient(lookup);
    const error = await expectGreenApiError(client.getStateInstance());
    assert.deepEqual([error.kind, error.causeCode, error.outcome], ['network', 'ENOTFOUND', 'not-sent']);
    assert.deepEqual(lookup.asked, [DERIVED_API, FALLBACK_API, FALLBACK_API, FALLBACK_API]);
    assert.deepEqual(fallbacks, ['api']);
    assert.equal(emulator.requests.length, 0);
  });
});
