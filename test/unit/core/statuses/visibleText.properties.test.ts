import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extensionOf } from '../../../../src/core/media/media';
import { FILE_LABEL_MAX_BYTES, displayFileName } from '../../../../src/core/statuses/visibleText';
import { propertyParameters } from '../../properties';

// Control, format (bidi, zero-width), line and paragraph separators, and half of a surrogate pair; a joiner between
// two emoji is part of one picture and is taken out before the check.
const UNSHOWABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const EMOJI_JOINERS = /(?<=\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)\u200D(?=\p{Extended_Pictographic})/gu;
const shown = (label: string) => label.replace(EMOJI_JOINERS, '');
const hostile = fc.constantFrom(
  '\u202E',
  '\u202D',
  '\u202A',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u2028',
  '\u2029',
  '\u0000',
  '\n',
  '\u0085',
  '\u009B',
  '\uD83D',
  '\uDE00',
  'e\u0301',
  '/',
  '.',
  ' ',
  '😀',
  'Ж',
  '👨‍👩‍👧',
);
const base = fc.string({
  unit: fc.oneof({ weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }, { weight: 2, arbitrary: hostile }),
  maxLength: 260,
});
const extension = fc.constantFrom('.png', '.jpg', '.JPEG', '.bmp', '.mp4', '.mov', '.mp3', '.wav');

describe('core/visibleText properties', () => {
  it('a file label is never empty, keeps its extension, fits 200 UTF-8 bytes and holds no control, bidi or zero-width character', () => {
    fc.assert(
      fc.property(base, extension, (name, ext) => {
        const label = displayFileName(name + ext);
        assert.ok(label.trim(), 'not empty');
        assert.ok(label.endsWith(ext), `keeps ${ext}: ${JSON.stringify(label)}`);
        assert.equal(extensionOf(label), extensionOf(name + ext));
        assert.ok(Buffer.byteLength(label) <= FILE_LABEL_MAX_BYTES, `${Buffer.byteLength(label)} bytes`);
        assert.doesNotMatch(shown(label), UNSHOWABLE);
      }),
      propertyParameters(),
    );
  });

  it('any text shown as a file label is never empty, fits 200 UTF-8 bytes and holds nothing invisible', () => {
    fc.assert(
      fc.property(base, (name) => {
        const label = displayFileName(name);
        assert.ok(label.trim());
        assert.ok(Buffer.byteLength(label) <= FILE_LABEL_MAX_BYTES);
        assert.doesNotMatch(shown(label), UNSHOWABLE);
      }),
      propertyParameters(),
    );
  });
});
