import assert from 'node:assert/strict';
import {
  DEFAULT_STATUS_BACKGROUND,
  MIN_CONTRAST_WITH_WHITE,
  STATUS_SWATCHES,
  checkBackgroundColor,
  contrastWithWhite,
  parseStatusColor,
} from '../../../../src/core/statuses/statusColor';
import { TEXT_STATUS_FONTS, TEXT_STATUS_MAX, checkStatusText, checkTextStatus, fontWarnings, parseFont } from '../../../../src/core/statuses/textStatus';

describe('core/statusColor', () => {
  it('computes WCAG contrast against white at the known anchors', () => {
    assert.equal(contrastWithWhite('#FFFFFF'), 1);
    assert.equal(Math.round(contrastWithWhite('#000000') * 100) / 100, 21);
    // #767676 is the classic lightest grey that passes 4.5:1 on white.
    assert.equal(Math.round(contrastWithWhite('#767676') * 100) / 100, 4.54);
  });

  it('offers eight distinct dark swatches, each passing with room to spare', () => {
    assert.equal(STATUS_SWATCHES.length, 8);
    assert.equal(new Set(STATUS_SWATCHES.map((swatch) => swatch.color)).size, 8);
    assert.equal(DEFAULT_STATUS_BACKGROUND, '#075E54');
    for (const swatch of STATUS_SWATCHES) {
      assert.match(swatch.color, /^#[0-9A-F]{6}$/);
      assert.ok(contrastWithWhite(swatch.color) >= 4.5, `${swatch.id} ${swatch.color}`);
    }
  });

  it('reads swatch ids and typed colours in every accepted form as #RRGGBB', () => {
    assert.equal(parseStatusColor('Teal'), '#075E54');
    assert.equal(parseStatusColor(' #1b5e20 '), '#1B5E20');
    assert.equal(parseStatusColor('1b5e20'), '#1B5E20');
    assert.equal(parseStatusColor('#a0c'), '#AA00CC');
    for (const bad of ['', '#12345', '#1234567', 'rgb(0,0,0)', '#GGGGGG', 'navy']) assert.equal(parseStatusColor(bad), undefined, bad);
  });

  it('refuses white, and names the problem apart from other light colours', () => {
    for (const white of ['#FFFFFF', '#fff', 'ffffff']) {
      assert.deepEqual(checkBackgroundColor(white), { ok: false, problem: { code: 'white-background' } });
    }
    assert.deepEqual(checkBackgroundColor('#zz'), { ok: false, problem: { code: 'invalid-color', input: '#zz' } });
  });

  it('refuses a light colour and says its ratio, rounded down so it never shows as passing', () => {
    const result = checkBackgroundColor('#25D366'); // WhatsApp's light green: about 1.98:1
    assert.deepEqual(result, { ok: false, problem: { code: 'too-light', color: '#25D366', contrast: 1.98, min: MIN_CONTRAST_WITH_WHITE } });
    // #949494 is just above 3:1 and #959595 just below.
    assert.equal(checkBackgroundColor('#949494').ok, true);
    const below = checkBackgroundColor('#959595');
    assert.ok(!below.ok && below.problem.code === 'too-light' && below.problem.contrast < 3);
  });

  it('accepts a dark typed colour with its contrast', () => {
    assert.deepEqual(checkBackgroundColor('#000'), { ok: true, color: '#000000', contrast: 21 });
  });
});

describe('core/textStatus', () => {
  it('normalises the message: BOM out, CRLF as LF, trailing white space trimmed, leading kept', () => {
    assert.deepEqual(checkStatusText('\uFEFF  Line 1\r\nLine 2 \t\n\n'), { ok: true, message: '  Line 1\nLine 2' });
  });

  it('refuses an empty or blank message', () => {
    for (const blank of ['', '   \n\t', '\uFEFF']) assert.deepEqual(checkStatusText(blank), { ok: false, problem: { code: 'empty' } });
  });

  it('allows exactly 500 UTF-16 units and counts an emoji as two', () => {
    assert.ok(checkStatusText('x'.repeat(TEXT_STATUS_MAX)).ok);
    assert.deepEqual(checkStatusText('x'.repeat(TEXT_STATUS_MAX + 1)), { ok: false, problem: { code: 'too-long', length: 501, max: 500 } });
    assert.deepEqual(checkStatusText('😀'.repeat(251)), { ok: false, problem: { code: 'too-long', length: 502, max: 500 } });
    // Trailing space does not count: it is trimmed before measuring.
    assert.ok(checkStatusText(`${'x'.repeat(TEXT_STATUS_MAX)}   `).ok);
  });

  it('refuses control characters but keeps tabs and new lines', () => {
    assert.deepEqual(checkStatusText('bell\u0007'), { ok: false, problem: { code: 'control-characters' } });
    assert.ok(checkStatusText('a\tb\nc').ok);
  });

  it('refuses C1 control characters and half of a surrogate pair, as captions do', () => {
    assert.deepEqual(checkStatusText('next\u0085line'), { ok: false, problem: { code: 'control-characters' } });
    assert.deepEqual(checkStatusText('csi\u009b2J'), { ok: false, problem: { code: 'control-characters' } });
    assert.deepEqual(checkStatusText('half \ud83d'), { ok: false, problem: { code: 'unpaired-surrogate' } });
  });

  it('reads font names loosely and knows exactly the five documented fonts', () => {
    assert.deepEqual([...TEXT_STATUS_FONTS], ['SERIF', 'SANS_SERIF', 'NORICAN_REGULAR', 'BRYNDAN_WRITE', 'OSWALD_HEAVY']);
    assert.equal(parseFont('sans serif'), 'SANS_SERIF');
    assert.equal(parseFont(' Bryndan-Write '), 'BRYNDAN_WRITE');
    assert.equal(parseFont('Comic Sans'), undefined);
  });

  it('warns when NORICAN_REGULAR gets non-Latin letters, naming the first one', () => {
    assert.deepEqual(fontWarnings('Hi Влад', 'NORICAN_REGULAR'), [{ code: 'font-latin-only', font: 'NORICAN_REGULAR', letter: 'В' }]);
    assert.deepEqual(fontWarnings('Ça va? Ærøskøbing 123 😀 — ok!', 'NORICAN_REGULAR'), [], 'accented Latin, digits and emoji are fine');
    assert.deepEqual(fontWarnings('שלום', 'SERIF'), [], 'other fonts draw other scripts');
  });

  it('builds the status to send, always with a background (old servers defaulted to white)', () => {
    assert.deepEqual(checkTextStatus({ message: 'Hello ' }), { ok: true, status: { message: 'Hello', backgroundColor: '#075E54' }, warnings: [] });
    assert.deepEqual(checkTextStatus({ message: 'Ciao', backgroundColor: 'red', font: 'norican regular' }), {
      ok: true,
      status: { message: 'Ciao', backgroundColor: '#B71C1C', font: 'NORICAN_REGULAR' },
      warnings: [],
    });
  });

  it('returns the first problem of a whole status', () => {
    assert.deepEqual(checkTextStatus({ message: ' ', backgroundColor: '#fff' }), { ok: false, problem: { code: 'empty' } });
    assert.deepEqual(checkTextStatus({ message: 'a', backgroundColor: '#fff' }), { ok: false, problem: { code: 'white-background' } });
    assert.deepEqual(checkTextStatus({ message: 'a', font: 'Papyrus' }), { ok: false, problem: { code: 'unknown-font', font: 'Papyrus' } });
    assert.ok(checkTextStatus({ message: 'a', font: '  ' }).ok, 'a blank font means the default');
  });
});
