import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lookup, mimes } from 'mrmime';
import { MAX_UPLOAD_BYTES, MEDIA_EXTENSION_PATTERN, MEDIA_STATUS_EXTENSIONS, checkMediaFile, extensionOf, isAudioExtension } from '../../../../src/core/media/media';

/** Every extension the tests probe the pattern with: all mrmime knows, in both cases, plus near misses. */
function candidateExtensions(): string[] {
  const known = Object.keys(mimes).map((ext) => `.${ext}`);
  const nearMisses = [
    '.jpe',
    '.jpgg',
    '.jpeg2',
    '.jpg ',
    ' .jpg',
    'jpg',
    '.',
    '',
    '.png.txt',
    '.mp',
    '.mov4',
    '.jjpg',
    '..jpg',
    '.gif',
    '.webp',
    '.m4v',
    '.avif',
  ];
  return [...new Set([...known, ...known.map((ext) => ext.toUpperCase()), ...nearMisses, ...Object.keys(MEDIA_STATUS_EXTENSIONS)])];
}

function expectedMatch(ext: string): boolean {
  return Object.prototype.hasOwnProperty.call(MEDIA_STATUS_EXTENSIONS, ext.toLowerCase());
}

function findPackageJson(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate) && JSON.parse(fs.readFileSync(candidate, 'utf8')).name === 'whatsapp-status') return candidate;
    if (path.dirname(dir) === dir) throw new Error('package.json not found');
  }
}

/** The regex after `resourceExtname =~` in a when clause. */
function whenClauseRegex(when: string): RegExp {
  const match = /resourceExtname\s*=~\s*\/(.+?)\/([a-z]*)(?:\s|$)/.exec(when);
  assert.ok(match, `no resourceExtname regex in ${when}`);
  return new RegExp(match[1], match[2]);
}

describe('core/media', () => {
  describe('checkMediaFile accepts', () => {
    const accepted: Array<[string, string, 'image' | 'video', string]> = [
      ['photo.jpg', '.jpg', 'image', 'image/jpeg'],
      ['PHOTO.JPG', '.jpg', 'image', 'image/jpeg'],
      ['scan.jpeg', '.jpeg', 'image', 'image/jpeg'],
      ['Shot.Png', '.png', 'image', 'image/png'],
      ['old.bmp', '.bmp', 'image', 'image/bmp'],
      ['clip.mp4', '.mp4', 'video', 'video/mp4'],
      ['IMG_0001.MOV', '.mov', 'video', 'video/quicktime'],
    ];
    for (const [name, extension, kind, mimeType] of accepted) {
      it(`${name} as ${kind} ${mimeType}`, () => {
        const result = checkMediaFile({ name, size: 12_345, isDirectory: false });
        assert.ok(result.ok, JSON.stringify(result));
        assert.equal(result.media.extension, extension);
        assert.equal(result.media.kind, kind);
        assert.equal(result.media.mimeType, mimeType);
        assert.equal(result.media.size, 12_345);
      });
    }
  });

  describe('checkMediaFile refuses', () => {
    it('a directory, even one named like a picture', () => {
      assert.deepEqual(checkMediaFile({ name: 'holiday.jpg', size: 4096, isDirectory: true }), { ok: false, problem: { code: 'directory' } });
    });

    it('a name without an extension (Makefile, .bashrc)', () => {
      for (const name of ['Makefile', '.bashrc']) {
        assert.deepEqual(checkMediaFile({ name, size: 10, isDirectory: false }), { ok: false, problem: { code: 'no-extension' } }, name);
      }
    });

    it('unsupported types (.txt, .gif, .webp) naming the extension', () => {
      for (const [name, extension] of [
        ['notes.txt', '.txt'],
        ['anim.GIF', '.gif'],
        ['sticker.webp', '.webp'],
      ]) {
        assert.deepEqual(checkMediaFile({ name, size: 10, isDirectory: false }), { ok: false, problem: { code: 'unsupported-type', extension } }, name);
      }
    });

    it('audio (.mp3, .wav) with its own code', () => {
      for (const [name, extension] of [
        ['song.mp3', '.mp3'],
        ['voice.WAV', '.wav'],
      ]) {
        assert.deepEqual(checkMediaFile({ name, size: 10, isDirectory: false }), { ok: false, problem: { code: 'audio', extension } }, name);
      }
    });

    it('a name ending in spaces, dots or invisible characters after its extension (x.png , x.png.), naming the extension it would have', () => {
      for (const name of ['x.png ', 'x.png.', 'x.PNG. ', 'x.png\u200b', 'x.png\u00a0', 'x.png\u2028']) {
        assert.deepEqual(
          checkMediaFile({ name, size: 10, isDirectory: false }),
          { ok: false, problem: { code: 'trailing-characters', extension: '.png' } },
          JSON.stringify(name),
        );
      }
      assert.deepEqual(checkMediaFile({ name: 'notes. ', size: 10, isDirectory: false }), {
        ok: false,
        problem: { code: 'trailing-characters', extension: '' },
      });
    });

    it('an empty file', () => {
      assert.deepEqual(checkMediaFile({ name: 'a.png', size: 0, isDirectory: false }), { ok: false, problem: { code: 'empty' } });
    });

    it('passes exactly 100 000 000 bytes and refuses one more', () => {
      assert.equal(MAX_UPLOAD_BYTES, 100_000_000);
      assert.equal(checkMediaFile({ name: 'big.mp4', size: 100_000_000, isDirectory: false }).ok, true);
      assert.deepEqual(checkMediaFile({ name: 'big.mp4', size: 100_000_001, isDirectory: false }), {
        ok: false,
        problem: { code: 'too-large', size: 100_000_001, limit: 100_000_000 },
      });
    });
  });

  describe('MIME types without a MIME library in the bundle', () => {
    it('names every media status extension by its registered MIME type', () => {
      for (const [extension, mimeType] of Object.entries(MEDIA_STATUS_EXTENSIONS)) assert.equal(mimeType, lookup(extension), extension);
    });

    it('knows every audio extension with a registered MIME type, so audio is always sent to voice statuses', () => {
      const audio = Object.entries(mimes)
        .filter(([, type]) => type.startsWith('audio/'))
        .map(([extension]) => `.${extension}`);
      assert.deepEqual(
        audio.filter((extension) => !isAudioExtension(extension)),
        [],
      );
      assert.ok(isAudioExtension('.flac'), 'flac, which the registry lacks');
    });
  });

  describe('extensionOf', () => {
    it('returns the lower-cased last extension with its dot', () => {
      assert.equal(extensionOf('Photo.JPG'), '.jpg');
      assert.equal(extensionOf('archive.tar.GZ'), '.gz');
    });

    it('returns "" for no extension or a leading-dot name', () => {
      assert.equal(extensionOf('Makefile'), '');
      assert.equal(extensionOf('.bashrc'), '');
      assert.equal(extensionOf(''), '');
    });
  });

  describe('MEDIA_EXTENSION_PATTERN', () => {
    it('matches exactly the keys of MEDIA_STATUS_EXTENSIONS (any case)', () => {
      for (const ext of Object.keys(MEDIA_STATUS_EXTENSIONS)) {
        assert.ok(MEDIA_EXTENSION_PATTERN.test(ext), ext);
        assert.ok(MEDIA_EXTENSION_PATTERN.test(ext.toUpperCase()), ext.toUpperCase());
      }
      for (const ext of candidateExtensions()) assert.equal(MEDIA_EXTENSION_PATTERN.test(ext), expectedMatch(ext), JSON.stringify(ext));
    });

    it('agrees with checkMediaFile for every probed extension', () => {
      for (const ext of candidateExtensions()) {
        if (!ext.startsWith('.') || ext.trim() !== ext || ext.length < 2) continue;
        const accepted = checkMediaFile({ name: `f${ext}`, size: 1, isDirectory: false }).ok;
        assert.equal(MEDIA_EXTENSION_PATTERN.test(extensionOf(`f${ext}`)), accepted, ext);
      }
    });
  });

  describe('package.json menus', () => {
    const manifest = JSON.parse(fs.readFileSync(findPackageJson(), 'utf8'));
    const entries = (menu: string): Array<{ command: string; when?: string }> =>
      (manifest.contributes.menus[menu] ?? []).filter((entry: { command: string }) => entry.command === 'whatsappStatus.postFile');

    it('explorer/context shows postFile for files only, with the same extension rule as the code', () => {
      const [entry] = entries('explorer/context');
      assert.ok(entry?.when, 'postFile has a when clause in explorer/context');
      assert.match(entry.when, /(^|&&\s*)!explorerResourceIsFolder(\s*&&|$)/);
      const regex = whenClauseRegex(entry.when);
      assert.ok(regex.flags.includes('i'), 'case-insensitive like the code');
      for (const ext of candidateExtensions()) assert.equal(regex.test(ext), MEDIA_EXTENSION_PATTERN.test(ext), JSON.stringify(ext));
    });

    it('every postFile menu entry that filters by extension uses the same rule', () => {
      const menus = Object.keys(manifest.contributes.menus);
      for (const menu of menus) {
        for (const entry of entries(menu)) {
          if (!entry.when?.includes('resourceExtname')) continue;
          const regex = whenClauseRegex(entry.when);
          for (const ext of candidateExtensions()) assert.equal(regex.test(ext), MEDIA_EXTENSION_PATTERN.test(ext), `${menu} ${JSON.stringify(ext)}`);
        }
      }
    });
  });
});
