import assert from 'node:assert/strict';
import fc from 'fast-check';
import { textWidth } from '../../../../src/core/codeImage/code';
import { FRAME, LAYOUT, layoutCode, type CodeLayout, type LayoutRow } from '../../../../src/core/codeImage/layout';
import type { CodeLine } from '../../../../src/core/codeImage/model';
import { propertyParameters } from '../../properties';

// Pieces of code text, including what is measured differently: spaces to wrap at, punctuation, wide characters,
// surrogate pairs, emoji sequences and a combining mark.
const piece = fc.constantFrom('a', 'b', 'x', '_', '1', ' ', '  ', '(', ')', ',', '.', '=', 'word', 'identifier', '漢', 'ｱ', '😀', 'e\u0301', '👨‍👩‍👧', '\u200b');
const token = fc.record({
  text: fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')),
  color: fc.constantFrom('#111111', '#222222', '#33333380'),
  italic: fc.boolean(),
});
const codeLine: fc.Arbitrary<CodeLine> = fc.array(token, { maxLength: 8 });
const codeLines = fc.array(codeLine, { maxLength: 90 });
const metrics = fc.record({ charWidth: fc.double({ min: 0.45, max: 1, noNaN: true }), lineHeight: fc.double({ min: 1, max: 2.2, noNaN: true }) });
const options = fc.record(
  {
    lineNumbers: fc.boolean(),
    wrap: fc.boolean(),
    maxLines: fc.integer({ min: 1, max: 100 }),
    firstLineNumber: fc.integer({ min: 1, max: 100_000 }),
  },
  { requiredKeys: ['lineNumbers', 'wrap'] },
);

const text = (line: CodeLine | LayoutRow['tokens']): string => line.map((part) => part.text).join('');
const EPSILON = 1e-6;

function assertGeometry(layout: CodeLayout): void {
  const { panel, code } = layout;
  assert.ok(layout.fontSize >= LAYOUT.minFontSize && layout.fontSize <= LAYOUT.maxFontSize);
  assert.ok(panel.x >= 0 && panel.y >= 0 && panel.x + panel.width <= FRAME.width && panel.y + panel.height <= FRAME.height);
  assert.ok(code.x >= panel.x && code.y >= panel.y && code.x + code.width <= panel.x + panel.width && code.y + code.height <= panel.y + panel.height + EPSILON);
  assert.ok(code.height <= LAYOUT.maxCodeHeight + EPSILON);
  assert.ok(layout.rows.length * layout.lineHeight <= code.height + EPSILON);
  for (const row of layout.rows) {
    let column = row.tokens[0]?.column ?? 0;
    for (const placed of row.tokens) {
      assert.ok(placed.text.length > 0, 'an empty token');
      assert.equal(placed.column, column, 'tokens overlap or leave a gap');
      column += textWidth(placed.text);
    }
    assert.ok(column <= layout.columns, `row of ${column} columns in ${layout.columns}`);
    assert.ok(layout.gutterWidth + column * layout.columnWidth <= code.width + EPSILON);
  }
}

describe('core/codeImage/layout properties', () => {
  it('keeps every row inside the code area and the code area inside the frame', () => {
    fc.assert(
      fc.property(codeLines, options, metrics, (lines, layoutOptions, fontMetrics) => {
        assertGeometry(layoutCode(lines, layoutOptions, fontMetrics));
      }),
      propertyParameters(),
    );
  });

  it('shows the text of every shown line exactly, split into rows at most, when it is not clipped', () => {
    fc.assert(
      fc.property(codeLines, options, metrics, (lines, layoutOptions, fontMetrics) => {
        const layout = layoutCode(lines, { ...layoutOptions, lineNumbers: true }, fontMetrics);
        fc.pre(!layout.clipped && layout.shownLines > 0);
        const byLine: string[] = [];
        for (const row of layout.rows) {
          if (row.lineNumber !== undefined) byLine.push('');
          byLine[byLine.length - 1] += text(row.tokens);
        }
        assert.deepEqual(
          byLine,
          lines.slice(0, layout.shownLines).map((line) => text(line)),
        );
      }),
      propertyParameters(),
    );
  });

  it('agrees with itself on how many lines fit: the first linesThatFit fit, one more does not', () => {
    fc.assert(
      fc.property(codeLines, fc.boolean(), metrics, (lines, wrap, fontMetrics) => {
        const layout = layoutCode(lines, { lineNumbers: true, wrap }, fontMetrics);
        assert.equal(layout.fits, layout.linesThatFit >= lines.length);
        if (layout.linesThatFit > 0) assert.ok(layoutCode(lines, { lineNumbers: true, wrap, maxLines: layout.linesThatFit }, fontMetrics).fits);
        if (layout.linesThatFit < lines.length) assert.ok(!layoutCode(lines, { lineNumbers: true, wrap, maxLines: layout.linesThatFit + 1 }, fontMetrics).fits);
      }),
      propertyParameters(),
    );
  });
});
