import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { CAPTION_MAX, checkCaption, normalizeCaption } from '../../../../src/core/statuses/caption';

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

  it('refuses C1 control characters (U+0085 next line, U+009B control sequence introducer)', () => {
    for (const ch of ['\u0080', '\u0085', '\u009b', '\u009f']) {
      assert.deepEqual(checkCaption(`a${ch}b`), { code: 'control-characters' }, JSON.stringify(ch));
    }
  });

  it('refuses half of a surrogate pair, which has no UTF-8 form, and keeps whole pairs', () => {
    for (const caption of ['a\ud83d', '\ude00b', 'a\ude00\ud83db', '😀'.slice(0, 1)]) {
      assert.deepEqual(checkCaption(caption), { code: 'unpaired-surrogate' }, JSON.stringify(caption));
    }
    assert.equal(checkCaption('😀 👨‍👩‍👧'), undefined);
  });

  it('takes time in proportion to the caption, not its square, on a long run of inner spaces (checked on every keystroke)', () => {
    const fastest = (text: string) =>
      Math.min(
        ...[0, 1, 2].map(() => {
          const started = performance.now();
          checkCaption(text);
          return performance.now() - started;
        }),
      );
    const spaces = (count: number) => `a${' '.repeat(count)}b`;
    fastest(spaces(5000));
    const ratio = fastest(spaces(40_000)) / Math.max(fastest(spaces(5000)), 0.5);
    assert.ok(ratio < 24, `8× the spaces took ${ratio.toFixed(1)}× the time`);
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
