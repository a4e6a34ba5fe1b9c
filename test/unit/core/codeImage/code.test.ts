import assert from 'node:assert/strict';
import { graphemes, graphemeWidth, prepareCode, textWidth } from '../../../../src/core/codeImage/code';

describe('core/codeImage/code', () => {
  describe('prepareCode', () => {
    it('expands tabs to the next tab stop, not to a fixed run of spaces', () => {
      assert.equal(prepareCode('\tx', 4), 'x');
      assert.equal(prepareCode('a\tb\n\tc', 4), 'a   b\n    c');
      assert.equal(prepareCode('ab\tc', 4), 'ab  c');
      assert.equal(prepareCode('abcd\te', 4), 'abcd    e');
      assert.equal(prepareCode('a\tb', 2), 'a b');
      assert.equal(prepareCode('x\n\ty', 8), 'x\n        y');
    });

    it('counts a wide character as two columns when finding the tab stop', () => {
      assert.equal(prepareCode('漢\tx', 4), '漢  x');
    });

    it('falls back to 4 for a tab size that is not a positive number', () => {
      assert.equal(prepareCode('a\tb', 0), 'a   b');
      assert.equal(prepareCode('a\tb', Number.NaN), 'a   b');
    });

    it('removes the indentation all non-blank lines share, ignoring blank and whitespace-only lines', () => {
      const text = ['        if (x) {', '', '            y();', '   ', '        }'].join('\n');
      assert.equal(prepareCode(text, 4), ['if (x) {', '', '    y();', '', '}'].join('\n'));
    });

    it('removes shared indentation made of tabs and spaces mixed', () => {
      assert.equal(prepareCode('\tfoo\n    bar\n\t  baz', 4), 'foo\nbar\n  baz');
    });

    it('keeps indentation when one line starts at column 0', () => {
      assert.equal(prepareCode('a\n  b', 4), 'a\n  b');
    });

    it('normalises CRLF and lone CR to LF', () => {
      assert.equal(prepareCode('a\r\nb\rc\n', 4), 'a\nb\nc');
    });

    it('drops blank lines before and after, and whitespace at line ends', () => {
      assert.equal(prepareCode('\n  \r\n  x = 1;  \n\n  y = 2;\t\n\n \n', 4), 'x = 1;\n\ny = 2;');
    });

    it('drops a byte-order mark', () => {
      assert.equal(prepareCode('\ufeffx', 4), 'x');
    });

    it('returns an empty string for a selection of only whitespace', () => {
      assert.equal(prepareCode(' \n\t\n', 4), '');
      assert.equal(prepareCode('', 4), '');
    });
  });

  describe('graphemes and widths', () => {
    it('keeps surrogate pairs, combining marks and emoji sequences whole', () => {
      assert.deepEqual(graphemes('a😀b'), ['a', '😀', 'b']);
      assert.deepEqual(graphemes('e\u0301x'), ['e\u0301', 'x']);
      assert.deepEqual(graphemes('👨‍👩‍👧'), ['👨‍👩‍👧']);
      assert.deepEqual(graphemes('🇩🇪'), ['🇩🇪']);
    });

    it('gives wide characters and emoji two columns, marks and format characters none', () => {
      assert.equal(graphemeWidth('a'), 1);
      assert.equal(graphemeWidth('漢'), 2);
      assert.equal(graphemeWidth('한'), 2);
      assert.equal(graphemeWidth('ｱ'), 1, 'halfwidth katakana');
      assert.equal(graphemeWidth('Ａ'), 2, 'fullwidth Latin');
      assert.equal(graphemeWidth('😀'), 2);
      assert.equal(graphemeWidth('❤️'), 2, 'a text pictograph with VS16');
      assert.equal(graphemeWidth('🇩🇪'), 2);
      assert.equal(graphemeWidth('👨‍👩‍👧'), 2);
      assert.equal(graphemeWidth('\u200b'), 0);
      assert.equal(graphemeWidth('é'), 1);
      assert.equal(graphemeWidth('→'), 1);
    });

    it('measures text in columns', () => {
      assert.equal(textWidth('hello'), 5);
      assert.equal(textWidth('日本語 ok'), 9);
      assert.equal(textWidth('a😀'), 3);
      assert.equal(textWidth(''), 0);
    });
  });
});
