import assert from 'node:assert/strict';
import {
  HostSettingError,
  UNIVERSAL_HOSTS,
  fallbackHosts,
  isLoopbackHost,
  normalizeHostUrl,
  resolveHosts,
  type HostProblem,
} from '../../../../src/core/greenApi/hosts';

function assertHostError(fn: () => unknown, setting: 'apiUrl' | 'mediaUrl', problem: HostProblem): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof HostSettingError, `expected HostSettingError, got ${String(error)}`);
    assert.equal(error.setting, setting);
    assert.equal(error.problem, problem);
    assert.equal(error.name, 'HostSettingError');
    return true;
  });
}

describe('core/hosts', () => {
  describe('normalizeHostUrl', () => {
    it('trims and strips trailing slashes', () => {
      assert.equal(normalizeHostUrl('  https://1101.api.green-api.com/  ', 'apiUrl'), 'https://1101.api.green-api.com');
      assert.equal(normalizeHostUrl('https://1101.api.green-api.com///', 'apiUrl'), 'https://1101.api.green-api.com');
      assert.equal(normalizeHostUrl('https://1101.api.green-api.com', 'apiUrl'), 'https://1101.api.green-api.com');
    });

    it('strips a pasted /waInstance… suffix', () => {
      assert.equal(normalizeHostUrl('https://1101.api.green-api.com/waInstance1101000001/sendMessage/abc123', 'apiUrl'), 'https://1101.api.green-api.com');
      assert.equal(normalizeHostUrl('https://1101.media.green-api.com/waInstance1101000001/', 'mediaUrl'), 'https://1101.media.green-api.com');
    });

    it('keeps a path prefix', () => {
      assert.equal(normalizeHostUrl('https://gw.example.com/green/api/', 'apiUrl'), 'https://gw.example.com/green/api');
      assert.equal(normalizeHostUrl('https://gw.example.com/green/waInstance1101000001/getSettings/tok', 'apiUrl'), 'https://gw.example.com/green');
    });

    it('keeps a non-default port and drops the default one', () => {
      assert.equal(normalizeHostUrl('https://gw.example.com:8443/', 'apiUrl'), 'https://gw.example.com:8443');
      assert.equal(normalizeHostUrl('https://gw.example.com:443/', 'apiUrl'), 'https://gw.example.com');
    });

    it('refuses http for a non-loopback host', () => {
      assertHostError(() => normalizeHostUrl('http://1101.api.green-api.com', 'apiUrl'), 'apiUrl', 'not-https');
      assertHostError(() => normalizeHostUrl('http://localhost.evil.example', 'mediaUrl'), 'mediaUrl', 'not-https');
      assertHostError(() => normalizeHostUrl('http://127.0.0.1.nip.io', 'apiUrl'), 'apiUrl', 'not-https');
      assertHostError(() => normalizeHostUrl('ftp://1101.api.green-api.com', 'apiUrl'), 'apiUrl', 'not-https');
    });

    it('accepts http for localhost, 127.x and [::1]', () => {
      assert.equal(normalizeHostUrl('http://localhost:8080/', 'apiUrl'), 'http://localhost:8080');
      assert.equal(normalizeHostUrl('http://127.0.0.1:3000', 'mediaUrl'), 'http://127.0.0.1:3000');
      assert.equal(normalizeHostUrl('http://127.1.2.3/emu/', 'apiUrl'), 'http://127.1.2.3/emu');
      assert.equal(normalizeHostUrl('http://[::1]:8443/', 'apiUrl'), 'http://[::1]:8443');
    });

    it('refuses garbage', () => {
      for (const raw of ['', '   ', 'not a url', '1101.api.green-api.com', 'https://']) {
        assertHostError(() => normalizeHostUrl(raw, 'apiUrl'), 'apiUrl', 'invalid-url');
      }
    });

    it('refuses credentials, query strings and fragments', () => {
      assertHostError(() => normalizeHostUrl('https://user:pw@1101.api.green-api.com', 'apiUrl'), 'apiUrl', 'invalid-url');
      assertHostError(() => normalizeHostUrl('https://user@1101.api.green-api.com', 'mediaUrl'), 'mediaUrl', 'invalid-url');
      assertHostError(() => normalizeHostUrl('https://1101.api.green-api.com/?token=abc', 'apiUrl'), 'apiUrl', 'invalid-url');
      assertHostError(() => normalizeHostUrl('https://1101.api.green-api.com/#x', 'apiUrl'), 'apiUrl', 'invalid-url');
    });

    it('does not echo the pasted value, which may hold the token, in its error', () => {
      const secret = 'SENTINEL_tok_42';
      assert.throws(
        () => normalizeHostUrl(`http://1101.api.green-api.com/waInstance1101000001/sendMessage/${secret}`, 'apiUrl'),
        (error: unknown) => error instanceof HostSettingError && error.message === 'apiUrl: not-https' && !String(error.stack).includes(secret),
      );
    });
  });

  describe('isLoopbackHost', () => {
    it('tells loopback hosts from others', () => {
      for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.255.0.9', '[::1]']) assert.equal(isLoopbackHost(host), true, host);
      for (const host of ['0.0.0.0', '128.0.0.1', '127.0.0', 'localhost.example', '::1', 'api.green-api.com']) assert.equal(isLoopbackHost(host), false, host);
    });
  });

  describe('resolveHosts', () => {
    const bothDerived = { apiUrl: true, mediaUrl: true };

    it('derives the shard hosts from a 10-digit id, and says so', () => {
      assert.deepEqual(resolveHosts('1101123456', {}), {
        apiUrl: 'https://1101.api.green-api.com',
        mediaUrl: 'https://1101.media.green-api.com',
        derived: bothDerived,
      });
    });

    it('derives the shard hosts from a 12-digit id', () => {
      assert.deepEqual(resolveHosts('710312345678', { apiUrl: '', mediaUrl: '' }), {
        apiUrl: 'https://7103.api.green-api.com',
        mediaUrl: 'https://7103.media.green-api.com',
        derived: bothDerived,
      });
    });

    it('uses the settings when given, normalised, and derives neither', () => {
      assert.deepEqual(
        resolveHosts('1101123456', { apiUrl: ' https://7103.api.greenapi.com/ ', mediaUrl: 'https://7103.media.greenapi.com/waInstance7103000001' }),
        {
          apiUrl: 'https://7103.api.greenapi.com',
          mediaUrl: 'https://7103.media.greenapi.com',
          derived: { apiUrl: false, mediaUrl: false },
        },
      );
    });

    it('treats a blank setting as absent, per host', () => {
      assert.deepEqual(resolveHosts('1101123456', { apiUrl: '   ', mediaUrl: 'http://127.0.0.1:9000' }), {
        apiUrl: 'https://1101.api.green-api.com',
        mediaUrl: 'http://127.0.0.1:9000',
        derived: { apiUrl: true, mediaUrl: false },
      });
    });

    it('names the faulty setting', () => {
      assertHostError(
        () => resolveHosts('1101123456', { apiUrl: 'https://1101.api.green-api.com', mediaUrl: 'http://media.example.com' }),
        'mediaUrl',
        'not-https',
      );
      assertHostError(() => resolveHosts('1101123456', { apiUrl: 'nonsense' }), 'apiUrl', 'invalid-url');
    });
  });

  describe('fallbackHosts', () => {
    it('offers the universal host for each derived host only, never for one the person set', () => {
      assert.deepEqual(UNIVERSAL_HOSTS, { apiUrl: 'https://api.green-api.com', mediaUrl: 'https://media.green-api.com' });
      assert.deepEqual(fallbackHosts(resolveHosts('1101123456', {})), UNIVERSAL_HOSTS);
      assert.deepEqual(fallbackHosts(resolveHosts('1101123456', { mediaUrl: 'https://7103.media.greenapi.com' })), { apiUrl: UNIVERSAL_HOSTS.apiUrl });
      assert.deepEqual(fallbackHosts(resolveHosts('1101123456', { apiUrl: 'https://7103.api.greenapi.com', mediaUrl: 'https://7103.media.greenapi.com' })), {});
    });
  });
});
