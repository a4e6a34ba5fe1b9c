import assert from 'node:assert/strict';
import { checkMediaFile } from '../../../../src/core/media/media';
import { extensionsOfType, linkExtension, linkMatchesType, statusFileName } from '../../../../src/core/media/statusFileTypes';
import { checkVoiceFile } from '../../../../src/core/statuses/voiceStatus';

/** Every type a status file can have, with the name it goes to GREEN-API under. */
const NAMES: Array<[string, string]> = [
  ['image/jpeg', 'status.jpg'],
  ['image/png', 'status.png'],
  ['image/bmp', 'status.bmp'],
  ['video/mp4', 'status.mp4'],
  ['video/quicktime', 'status.mov'],
  ['audio/mpeg', 'status.mp3'],
  ['audio/wav', 'status.wav'],
];

describe('core/statusFileTypes', () => {
  describe('statusFileName', () => {
    for (const [type, name] of NAMES) {
      it(`${type} → ${name}`, () => assert.equal(statusFileName(type), name));
    }

    it('reads the type as a server would: any case, parameters ignored', () => {
      assert.equal(statusFileName('Image/PNG; charset=binary'), 'status.png');
    });

    it('names every type the media and voice rules accept, in plain ASCII', () => {
      for (const name of ['a.jpg', 'a.jpeg', 'a.png', 'a.bmp', 'a.mp4', 'a.mov']) {
        const checked = checkMediaFile({ name, size: 1, isDirectory: false });
        assert.ok(checked.ok);
        assert.match(statusFileName(checked.media.mimeType), /^status\.[a-z0-9]+$/, name);
      }
      for (const name of ['a.mp3', 'a.wav']) {
        const checked = checkVoiceFile({ name, size: 1, isDirectory: false });
        assert.ok(checked.ok);
        assert.match(statusFileName(checked.voice.mimeType), /^status\.[a-z0-9]+$/, name);
      }
    });

    it('refuses a type no status takes', () => {
      for (const type of ['application/octet-stream', 'image/gif', 'audio/ogg', '']) assert.throws(() => statusFileName(type), TypeError, type);
    });
  });

  describe('extensionsOfType', () => {
    it('lists every extension of a type, the preferred one first', () => {
      assert.deepEqual(extensionsOfType('image/jpeg'), ['.jpg', '.jpeg']);
      assert.deepEqual(extensionsOfType('video/quicktime'), ['.mov']);
      assert.deepEqual(extensionsOfType('audio/wav'), ['.wav']);
      assert.deepEqual(extensionsOfType('text/plain'), []);
    });
  });

  describe('linkExtension and linkMatchesType', () => {
    const link = (file: string) => `https://sw-media.storage.greenapi.net/1101000000/${file}`;

    it('accepts a link to a file of the uploaded type, in any case, jpg and jpeg alike', () => {
      assert.ok(linkMatchesType(link('537157f6-aa.png'), 'image/png'));
      assert.ok(linkMatchesType(link('537157f6-aa.JPG'), 'image/jpeg'));
      assert.ok(linkMatchesType(link('537157f6-aa.jpeg'), 'image/jpeg'));
      assert.ok(linkMatchesType(`${link('x.mov')}?sig=abc.bin`, 'video/quicktime'), 'only the path counts');
    });

    it('refuses .bin, another type, no extension and a link that is not a URL', () => {
      assert.equal(linkMatchesType(link('537157f6-aa.bin'), 'video/quicktime'), false);
      assert.equal(linkMatchesType(link('537157f6-aa.png'), 'image/jpeg'), false);
      assert.equal(linkMatchesType(link('537157f6-aa'), 'image/png'), false);
      assert.equal(linkMatchesType('537157f6-aa.png', 'image/png'), false);
    });

    it('reads a short extension only, so nothing else of the link can reach a message', () => {
      assert.equal(linkExtension(link('a.BIN')), '.bin');
      assert.equal(linkExtension(link('a')), '');
      assert.equal(linkExtension(link('a.SentinelTokenMustNeverAppear_0000')), '');
      assert.equal(linkExtension('not a url.bin'), '');
    });
  });
});
