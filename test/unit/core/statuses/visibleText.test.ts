import assert from 'node:assert/strict';
import { FILE_LABEL_MAX_BYTES, displayFileName, showInvisible } from '../../../../src/core/statuses/visibleText';

describe('core/visibleText', () => {
  it('drops bidi overrides and isolates, so a name cannot show its letters in another order', () => {
    assert.equal(displayFileName('invoice\u202Egnp.exe.png'), 'invoicegnp.exe.png');
    assert.equal(displayFileName('\u2066abc\u2069\u200E\u200F\u061C.png'), 'abc.png');
  });

  it('drops zero-width characters (space, joiners, word joiner, byte-order mark)', () => {
    assert.equal(displayFileName('pho\u200Bto\u200C\u200D\u2060\uFEFF.png'), 'photo.png');
  });

  it('keeps the joiners inside an emoji sequence, so a family stays one picture, and drops any other', () => {
    assert.equal(displayFileName('🌅 sunrise 👨\u200D👩\u200D👧.png'), '🌅 sunrise 👨\u200D👩\u200D👧.png');
    assert.equal(displayFileName('👩🏽\u200D💻 at work.png'), '👩🏽\u200D💻 at work.png');
    assert.equal(displayFileName('a\u200D👧.png'), 'a👧.png');
    assert.equal(displayFileName('👨\u200D.png'), '👨.png');
  });

  it('turns line and paragraph separators and control characters into spaces', () => {
    assert.equal(displayFileName('one\u2028two\u2029three\u0085four\nfive\u0000.png'), 'one two three four five .png');
  });

  it('composes a decomposed name (as macOS hands it over) and replaces half of a surrogate pair', () => {
    assert.equal(displayFileName('cafe\u0301.png'), 'café.png');
    assert.equal(displayFileName('a\uD83D.png'), 'a\uFFFD.png');
  });

  it('keeps a folder path and an ordinary name as they are', () => {
    assert.equal(displayFileName('holiday/Фото 😀 2024.png'), 'holiday/Фото 😀 2024.png');
  });

  it(`cuts a label over ${FILE_LABEL_MAX_BYTES} UTF-8 bytes at its start, keeping the file name's end and extension`, () => {
    const label = displayFileName(`${'ж'.repeat(150)}/${'😀'.repeat(20)}end.png`);
    assert.ok(Buffer.byteLength(label) <= FILE_LABEL_MAX_BYTES, `${Buffer.byteLength(label)} bytes`);
    assert.ok(label.startsWith('…'));
    assert.ok(label.endsWith('😀end.png'));
  });

  it('keeps a name whose base is all invisible a name with an extension', () => {
    assert.equal(displayFileName('\u202E\u200B.png'), '\uFFFD.png');
  });

  it('never shows an empty name', () => {
    assert.equal(displayFileName(''), '\uFFFD');
    assert.equal(displayFileName('\u202E\u200B'), '\uFFFD');
  });
});

describe('core/visibleText showInvisible', () => {
  it('writes each invisible character of an extension as its code, so a message names it exactly', () => {
    assert.equal(showInvisible('.p\u202Eng'), '.p<U+202E>ng');
    assert.equal(showInvisible('.png\u200B\u0085\uD83D'), '.png<U+200B><U+0085><U+D83D>');
    assert.equal(showInvisible('.webp'), '.webp');
  });
});
