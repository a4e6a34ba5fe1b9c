import assert from 'node:assert/strict';
import { textWidth } from '../../../../src/core/codeImage/code';
import { FRAME, GUTTER_GAP_COLUMNS, LAYOUT, layoutCode, type CodeLayout, type LayoutOptions, type LayoutRow } from '../../../../src/core/codeImage/layout';
import type { CodeLine } from '../../../../src/core/codeImage/model';

const METRICS = { charWidth: 0.6, lineHeight: 1.5 };
const NUMBERED: LayoutOptions = { lineNumbers: true, wrap: false };
const WRAPPED: LayoutOptions = { lineNumbers: true, wrap: true };

const line = (text: string, color = '#ffffff'): CodeLine => (text ? [{ text, color }] : []);
const lines = (count: number, make: (index: number) => string = (index) => `line ${index + 1}`): CodeLine[] =>
  Array.from({ length: count }, (_, index) => line(make(index)));
const rowText = (row: LayoutRow): string => row.tokens.map((token) => token.text).join('');
const rowEnd = (row: LayoutRow): number => {
  const last = row.tokens.at(-1);
  return last ? last.column + textWidth(last.text) : 0;
};
/** The rows of each source line, by the line numbers that start them. */
const rowsByLine = (layout: CodeLayout): LayoutRow[][] => {
  const grouped: LayoutRow[][] = [];
  for (const row of layout.rows) {
    if (row.lineNumber !== undefined) grouped.push([]);
    grouped.at(-1)!.push(row);
  }
  return grouped;
};
/** Columns at `fontSize` with a gutter for `digits` digits, by the layout's own arithmetic. */
const columnsAt = (fontSize: number, digits: number): number => {
  const columnWidth = fontSize * METRICS.charWidth;
  return Math.floor((LAYOUT.codeWidth - (digits + GUTTER_GAP_COLUMNS) * columnWidth) / columnWidth + 1e-6);
};

function assertInside(layout: CodeLayout): void {
  const { panel, code, header } = layout;
  assert.ok(
    panel.x >= 0 && panel.y >= LAYOUT.marginY - 0.5 && panel.x + panel.width <= FRAME.width && panel.y + panel.height <= FRAME.height - LAYOUT.marginY + 0.5,
  );
  assert.ok(header.y >= panel.y && header.y + header.height <= code.y);
  assert.ok(code.x >= panel.x && code.y >= panel.y && code.x + code.width <= panel.x + panel.width && code.y + code.height <= panel.y + panel.height + 1e-6);
  assert.ok(layout.rows.length * layout.lineHeight <= code.height + 1e-6);
  for (const row of layout.rows) assert.ok(layout.gutterWidth + rowEnd(row) * layout.columnWidth <= code.width + 1e-6, `row "${rowText(row)}" is too wide`);
}

describe('core/codeImage/layout', () => {
  it('gives a short snippet the largest font size, in a panel that shrinks to it, centred in the frame', () => {
    const layout = layoutCode(
      lines(5, () => 'const answer = 42;'),
      NUMBERED,
      METRICS,
    );
    assert.equal(layout.fontSize, LAYOUT.maxFontSize);
    assert.equal(layout.lineHeight, LAYOUT.maxFontSize * METRICS.lineHeight);
    assert.ok(layout.fits);
    assert.equal(layout.shownLines, 5);
    assert.equal(layout.totalLines, 5);
    assert.deepEqual(
      layout.rows.map((row) => row.lineNumber),
      [1, 2, 3, 4, 5],
    );
    assert.equal(layout.code.height, 5 * layout.lineHeight);
    assert.equal(layout.panel.height, 2 * LAYOUT.padding + LAYOUT.headerHeight + LAYOUT.headerGap + layout.code.height);
    assert.ok(Math.abs(layout.panel.y + layout.panel.height / 2 - FRAME.height / 2) <= 0.5);
    assert.equal(layout.panel.width, FRAME.width - 2 * LAYOUT.marginX);
    assert.equal(layout.header.fontSize, LAYOUT.headerFontSize);
    assertInside(layout);
  });

  it('shrinks the font for many lines to the largest size at which they all fit the height', () => {
    const layout = layoutCode(lines(30), NUMBERED, METRICS);
    const fitsAt = (size: number): boolean => 30 * size * METRICS.lineHeight <= LAYOUT.maxCodeHeight;
    assert.ok(layout.fontSize < LAYOUT.maxFontSize);
    assert.ok(fitsAt(layout.fontSize));
    assert.ok(!fitsAt(layout.fontSize + 1));
    assert.ok(layout.fits);
    assert.equal(layout.rows.length, 30);
    assertInside(layout);
  });

  it('shrinks the font without wrap until the longest line fits the width', () => {
    const layout = layoutCode([line('x'.repeat(60)), line('short')], NUMBERED, METRICS);
    assert.ok(layout.columns >= 60);
    assert.ok(columnsAt(layout.fontSize + 1, 1) < 60);
    assert.equal(layout.columns, columnsAt(layout.fontSize, 1));
    assert.ok(!layout.clipped);
    assert.equal(rowText(layout.rows[0]), 'x'.repeat(60));
    assertInside(layout);
  });

  it('wraps long lines into continuation rows without numbers, none wider than the columns', () => {
    const long = Array.from({ length: 40 }, (_, index) => `word${index}`).join(' ');
    const layout = layoutCode([line(long), line('next')], WRAPPED, METRICS);
    // With wrap the font stays large: the rows fit the height.
    assert.equal(layout.fontSize, LAYOUT.maxFontSize);
    const [first, second] = rowsByLine(layout);
    assert.ok(first.length > 1);
    assert.equal(first[0].lineNumber, 1);
    for (const row of first.slice(1)) assert.equal(row.lineNumber, undefined);
    assert.equal(second[0].lineNumber, 2);
    assert.equal(first.map(rowText).join(''), long);
    for (const row of layout.rows) assert.ok(rowEnd(row) <= layout.columns);
    // Every row but the last breaks after a space: words are never cut when a space lies in the row's last 30%.
    for (const row of first.slice(0, -1)) assert.match(rowText(row), / $/);
    assertInside(layout);
  });

  it('breaks a line without spaces hard at the row width', () => {
    const layout = layoutCode([line('x'.repeat(100))], WRAPPED, METRICS);
    const rows = layout.rows.map(rowText);
    assert.equal(rows.join(''), 'x'.repeat(100));
    for (const row of rows.slice(0, -1)) assert.equal(row.length, layout.columns);
  });

  it('prefers a hard break to a space early in the row', () => {
    const text = 'ab ' + 'x'.repeat(100);
    const layout = layoutCode([line(text)], WRAPPED, METRICS);
    assert.equal(rowText(layout.rows[0]).length, layout.columns);
  });

  it('starts continuation rows at the line indentation', () => {
    const text = '    ' + 'y'.repeat(80);
    const layout = layoutCode([line(text)], WRAPPED, METRICS);
    assert.ok(layout.rows.length > 1);
    for (const row of layout.rows.slice(1)) assert.equal(row.tokens[0].column, 4);
    assert.equal(layout.rows.map(rowText).join(''), text);
  });

  it('splits a token across rows and keeps its style on both parts', () => {
    const tokens: CodeLine = [
      { text: 'a'.repeat(20), color: '#111111' },
      { text: 'b'.repeat(40), color: '#222222', italic: true },
    ];
    const layout = layoutCode([tokens], WRAPPED, METRICS);
    const parts = layout.rows.flatMap((row) => row.tokens).filter((token) => token.text.startsWith('b'));
    assert.ok(parts.length >= 2);
    for (const part of parts) assert.deepEqual([part.color, part.italic], ['#222222', true]);
  });

  it('without wrap, clips lines too long for the minimum size with an ellipsis in their colour', () => {
    const tokens: CodeLine = [
      { text: 'const s = ', color: '#111111' },
      { text: `"${'z'.repeat(300)}"`, color: '#222222' },
    ];
    const layout = layoutCode([tokens, line('short')], NUMBERED, METRICS);
    assert.equal(layout.fontSize, LAYOUT.minFontSize);
    assert.ok(layout.fits);
    assert.ok(layout.clipped);
    const clipped = layout.rows[0];
    const ellipsis = clipped.tokens.at(-1)!;
    assert.equal(ellipsis.text, '…');
    assert.equal(ellipsis.color, '#222222');
    assert.equal(rowEnd(clipped), layout.columns);
    assert.equal(rowText(layout.rows[1]), 'short');
    assertInside(layout);
  });

  it('reports lines that do not fit at the minimum size, and shows exactly the first ones that do', () => {
    const layout = layoutCode(lines(200), NUMBERED, METRICS);
    const lineHeight = LAYOUT.minFontSize * METRICS.lineHeight;
    assert.equal(layout.fits, false);
    assert.equal(layout.fontSize, LAYOUT.minFontSize);
    assert.equal(layout.totalLines, 200);
    assert.ok(layout.linesThatFit * lineHeight <= LAYOUT.maxCodeHeight);
    assert.ok((layout.linesThatFit + 1) * lineHeight > LAYOUT.maxCodeHeight);
    assert.equal(layout.shownLines, layout.linesThatFit);
    assert.equal(layout.rows.length, layout.linesThatFit);
    assert.equal(layout.code.height, layout.linesThatFit * lineHeight);
    assert.deepEqual(
      layout.rows.map(rowText),
      Array.from({ length: layout.linesThatFit }, (_, index) => `line ${index + 1}`),
    );
    assertInside(layout);
  });

  it('counts wrapped rows when finding how many lines fit, and previews what posting them would post', () => {
    const source = lines(80, (index) => (index % 3 === 0 ? `${'long '.repeat(30)}${index}` : `short ${index}`));
    const layout = layoutCode(source, WRAPPED, METRICS);
    assert.equal(layout.fits, false);
    const first = layoutCode(source, { ...WRAPPED, maxLines: layout.linesThatFit }, METRICS);
    assert.ok(first.fits);
    assert.equal(first.fontSize, LAYOUT.minFontSize);
    assert.deepEqual(first.rows, layout.rows);
    const oneMore = layoutCode(source, { ...WRAPPED, maxLines: layout.linesThatFit + 1 }, METRICS);
    assert.equal(oneMore.fits, false);
    assert.equal(oneMore.linesThatFit, layout.linesThatFit);
    assert.ok(first.rows.length * first.lineHeight <= LAYOUT.maxCodeHeight);
    assert.ok(first.rows.length > first.shownLines, 'some lines wrapped');
  });

  it('finds the lines that fit with the narrower gutter their own numbers need', () => {
    // 150 lines need a three-digit gutter, and with it each line wraps in two; the lines that fit need only two digits,
    // and with that gutter each line takes one row.
    const columns = columnsAt(LAYOUT.minFontSize, 2);
    assert.equal(columnsAt(LAYOUT.minFontSize, 3), columns - 1);
    const layout = layoutCode(
      lines(150, () => 'q'.repeat(columns)),
      WRAPPED,
      METRICS,
    );
    const maxRows = Math.floor(LAYOUT.maxCodeHeight / (LAYOUT.minFontSize * METRICS.lineHeight));
    assert.equal(layout.linesThatFit, maxRows);
    assert.equal(layout.rows.length, maxRows);
    assert.equal(layout.columns, columns);
  });

  it('lays out only maxLines lines and still says how many would fit', () => {
    const layout = layoutCode(lines(200), { ...NUMBERED, maxLines: 10 }, METRICS);
    assert.ok(layout.fits);
    assert.equal(layout.rows.length, 10);
    assert.equal(layout.shownLines, 10);
    assert.equal(layout.totalLines, 200);
    assert.equal(layout.fontSize, LAYOUT.maxFontSize);
    assert.equal(layout.linesThatFit, Math.floor(LAYOUT.maxCodeHeight / (LAYOUT.minFontSize * METRICS.lineHeight)));
    assert.equal(layoutCode(lines(3), { ...NUMBERED, maxLines: 10 }, METRICS).rows.length, 3);
  });

  it('gives wide characters two columns and never splits one across rows', () => {
    const tokens: CodeLine = [
      { text: '漢字テスト', color: '#111111' },
      { text: 'x', color: '#222222' },
    ];
    const layout = layoutCode([tokens], NUMBERED, METRICS);
    assert.equal(layout.rows[0].tokens[1].column, 10);
    const wrapped = layoutCode([line('漢'.repeat(40))], WRAPPED, METRICS);
    assert.equal(wrapped.rows.map(rowText).join(''), '漢'.repeat(40));
    for (const row of wrapped.rows) assert.ok(rowEnd(row) <= wrapped.columns);
    const emoji = layoutCode([line('😀'.repeat(40))], WRAPPED, METRICS);
    for (const row of emoji.rows) assert.ok(!/[\ud800-\udbff]$/.test(rowText(row)), 'a surrogate pair was split');
  });

  it('widens the gutter with the number of digits the last line number has', () => {
    const ratio = (layout: CodeLayout): number => Math.round((layout.gutterWidth / layout.columnWidth) * 1e6) / 1e6;
    assert.equal(ratio(layoutCode(lines(9), NUMBERED, METRICS)), 1 + GUTTER_GAP_COLUMNS);
    assert.equal(ratio(layoutCode(lines(10), NUMBERED, METRICS)), 2 + GUTTER_GAP_COLUMNS);
    assert.equal(ratio(layoutCode(lines(5), { ...NUMBERED, firstLineNumber: 998 }, METRICS)), 4 + GUTTER_GAP_COLUMNS);
    const numbered = layoutCode(lines(5), { ...NUMBERED, firstLineNumber: 120 }, METRICS);
    assert.deepEqual(
      numbered.rows.map((row) => row.lineNumber),
      [120, 121, 122, 123, 124],
    );
    const bare = layoutCode(lines(5), { lineNumbers: false, wrap: false }, METRICS);
    assert.equal(bare.gutterWidth, 0);
    assert.ok(bare.rows.every((row) => row.lineNumber === undefined));
  });

  it('lays out nothing for no lines, and keeps empty lines as empty rows', () => {
    const empty = layoutCode([], NUMBERED, METRICS);
    assert.deepEqual(empty.rows, []);
    assert.ok(empty.fits);
    const blank = layoutCode([line('a'), [], line('b')], NUMBERED, METRICS);
    assert.deepEqual(blank.rows[1], { lineNumber: 2, tokens: [] });
  });

  it('shows as much of a single line as fits when not even one line fits whole', () => {
    const layout = layoutCode([line('w '.repeat(5000))], WRAPPED, METRICS);
    assert.equal(layout.fits, false);
    assert.equal(layout.linesThatFit, 0);
    assert.equal(layout.rows.length, Math.floor(LAYOUT.maxCodeHeight / layout.lineHeight));
    assert.equal(layout.rows[0].lineNumber, 1);
    assertInside(layout);
  });

  it('falls back to usual proportions for nonsense metrics', () => {
    const layout = layoutCode(lines(3), NUMBERED, { charWidth: Number.NaN, lineHeight: 0 });
    assert.equal(layout.columnWidth, layout.fontSize * 0.6);
    assert.equal(layout.lineHeight, layout.fontSize * 1.5);
  });
});
