import assert from 'node:assert/strict';
import { MAX_PNG_BASE64_LENGTH, parseFromPreview, parseToPreview, type PreviewContent } from '../../../../src/core/codeImage/protocol';

const CONTENT: PreviewContent = {
  fileName: 'greeter.ts',
  language: 'typescript',
  firstLine: 3,
  fontFamily: "Menlo, 'Courier New'",
  options: { theme: 'current', lineNumbers: true, wrap: false },
  code: {
    lines: [
      [
        { text: 'const', color: '#569cd6' },
        { text: ' x = 1;', color: '#d4d4d4cc', bold: true },
      ],
      [],
    ],
    palette: { kind: 'dark', background: '#1f1f1f', foreground: '#cccccc', lineNumber: '#6e7681', header: '#9d9d9d', frame: '#181818' },
    themeName: 'Dark Modern',
    highlighted: true,
    problems: ['a grammar could not be read'],
  },
};

describe('code image preview messages', () => {
  describe('from the preview (what the extension accepts)', () => {
    it('accepts each message of the right shape', () => {
      assert.deepEqual(parseFromPreview({ type: 'ready' }), { type: 'ready' });
      assert.deepEqual(parseFromPreview({ type: 'close', extra: 1 }), { type: 'close' });
      assert.deepEqual(parseFromPreview({ type: 'shown', shownLines: 3, totalLines: 5, fits: false, drawMs: 12.5 }), {
        type: 'shown',
        shownLines: 3,
        totalLines: 5,
        fits: false,
        drawMs: 12.5,
      });
      assert.deepEqual(parseFromPreview({ type: 'options', options: { theme: 'light', lineNumbers: false, wrap: true } }), {
        type: 'options',
        options: { theme: 'light', lineNumbers: false, wrap: true },
      });
      assert.deepEqual(parseFromPreview({ type: 'post', png: 'iVBORw0KGgo=', shownLines: 15 }), { type: 'post', png: 'iVBORw0KGgo=', shownLines: 15 });
    });

    it('drops anything else: unknown types, wrong fields, impossible counts, a picture that is not base64 or too large', () => {
      const refused: unknown[] = [
        null,
        'ready',
        [],
        { type: 'eval', code: 'x' },
        { type: 'shown', shownLines: 6, totalLines: 5, fits: true },
        { type: 'shown', shownLines: -1, totalLines: 5, fits: true },
        { type: 'shown', shownLines: 1.5, totalLines: 5, fits: true },
        { type: 'shown', shownLines: 1, totalLines: 5, fits: 'yes' },
        { type: 'options', options: { theme: 'solarized', lineNumbers: true, wrap: true } },
        { type: 'options', options: { theme: 'dark', lineNumbers: 1, wrap: true } },
        { type: 'post', png: '', shownLines: 1 },
        { type: 'post', png: 'data:image/png;base64,AAAA', shownLines: 1 },
        { type: 'post', png: '<script>', shownLines: 1 },
        { type: 'post', png: 'AAAA', shownLines: 0 },
        { type: 'post', png: 'A'.repeat(MAX_PNG_BASE64_LENGTH + 1), shownLines: 1 },
      ];
      for (const message of refused) assert.equal(parseFromPreview(message), undefined, JSON.stringify(message)?.slice(0, 80));
    });

    it('reads a missing or impossible drawing time as 0', () => {
      assert.equal((parseFromPreview({ type: 'shown', shownLines: 1, totalLines: 1, fits: true, drawMs: -3 }) as { drawMs: number }).drawMs, 0);
      assert.equal((parseFromPreview({ type: 'shown', shownLines: 1, totalLines: 1, fits: true }) as { drawMs: number }).drawMs, 0);
    });
  });

  describe('to the preview (what the page accepts)', () => {
    it('accepts show, capture and posting, keeping the content as sent', () => {
      assert.deepEqual(parseToPreview({ type: 'capture' }), { type: 'capture' });
      assert.deepEqual(parseToPreview({ type: 'posting', busy: true }), { type: 'posting', busy: true });
      const shown = parseToPreview({ type: 'show', content: CONTENT });
      assert.ok(shown?.type === 'show');
      assert.equal(shown.content.code.lines[0][1].bold, true);
      assert.equal(shown.content.code.lines[0][1].color, '#d4d4d4cc');
      assert.deepEqual(shown.content.code.lines[1], []);
      assert.deepEqual(shown.content.options, CONTENT.options);
      assert.equal(shown.content.firstLine, 3);
      assert.deepEqual(shown.content.code.problems, [], 'the log keeps the problems; the page does not get them');
    });

    it('drops content with a colour that is not #rrggbb(aa), a token without text, or a palette colour missing', () => {
      const withToken = (token: unknown) => ({ type: 'show', content: { ...CONTENT, code: { ...CONTENT.code, lines: [[token]] } } });
      assert.equal(parseToPreview(withToken({ text: 'x', color: 'red' })), undefined);
      assert.equal(parseToPreview(withToken({ text: 'x', color: 'url(javascript:1)' })), undefined);
      assert.equal(parseToPreview(withToken({ text: 'x', color: '#ffffff; font: 900px x' })), undefined);
      assert.equal(parseToPreview(withToken({ color: '#ffffff' })), undefined);
      const { frame: _frame, ...palette } = CONTENT.code.palette;
      assert.equal(parseToPreview({ type: 'show', content: { ...CONTENT, code: { ...CONTENT.code, palette } } }), undefined);
      assert.equal(parseToPreview({ type: 'show', content: { ...CONTENT, firstLine: 0 } }), undefined);
      assert.equal(parseToPreview({ type: 'posting' }), undefined);
      assert.equal(parseToPreview({ type: 'show' }), undefined);
    });
  });
});
