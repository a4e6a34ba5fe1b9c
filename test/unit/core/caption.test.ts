import assert from 'node:assert/strict';
import { CAPTION_MAX, checkCaption, normalizeCaption } from '../../../src/core/caption';

describe('core/caption', () => {
  it('accepts exactly 1024 UTF-16 units', () => {
    assert.equal(CAPTION_MAX, 1024);
    assert.equal(checkCaption('a'.repeat(1024)), undefined);
  });

  it('refuses 1025 UTF-16 units', () => {
    assert.deepEqual(checkCaption('a'.repeat(1025)), { code: 'too-long', length: 1025, max: 1024 });
  });

  it('counts emoji as two units: 512 emoji pass, 513 do not', () => {
    assert.equal(checkCaption('😀'.repeat(512)), undefined);
    const caption = '😀'.repeat(513);
    assert.ok(Array.from(caption).length < 1024, 'fewer than 1024 code points');
    assert.deepEqual(checkCaption(caption), { code: 'too-long', length: 1026, max: 1024 });
  });

  it('counts the caption after normalising: BOMs and trailing white space are free', () => {
    assert.equal(checkCaption(`\uFEFF${'a'.repeat(1024)}  \n`), undefined);
  });

  it('strips leading and inner byte-order marks', () => {
    assert.equal(normalizeCaption('\uFEFFhello\uFEFF world'), 'hello world');
  });

  it('trims trailing white space but keeps leading white space and inner new lines', () => {
    assert.equal(normalizeCaption('  line one\nline two \t\n  '), '  line one\nline two');
  });

  it('refuses control characters', () => {
    for (const ch of ['\u0000', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f']) {
      assert.deepEqual(checkCaption(`a${ch}b`), { code: 'control-characters' }, JSON.stringify(ch));
    }
  });

  it('allows tab and new line', () => {
    assert.equal(checkCaption('Title\n\tindented line\nlast'), undefined);
  });

  it('accepts an empty caption', () => {
    assert.equal(checkCaption(''), undefined);
  });
});

describe('core/caption line breaks', () => {
  it('turns Windows line breaks into new lines instead of refusing them as control characters', () => {
    assert.equal(checkCaption('line one\r\nline two'), undefined);
    assert.equal(normalizeCaption('line one\r\nline two\rthree'), 'line one\nline two\nthree');
  });
});
