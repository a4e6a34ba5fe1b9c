import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CAPTION_MAX, checkCaption, normalizeCaption } from '../../../../src/core/statuses/caption';
import { previewText } from '../../../../src/core/store/history';
import { TEXT_STATUS_MAX, checkStatusText } from '../../../../src/core/statuses/textStatus';
import { hasLoneSurrogate } from '../../../../src/core/statuses/visibleText';
import { optionalString } from '../../../emulator/call';
import { propertyParameters } from '../../properties';

// Whole code points (emoji are two UTF-16 units), with the white space, BOMs and line breaks normalising touches.
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('😀', '👨‍👩‍👧', '🇬🇧', 'é', 'Ж') },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\t', '\n', '\r\n', '\r', '\uFEFF', '\u00A0', '\u2028') },
);
// Around the limits, where the two counts must agree exactly.
const caption = fc.oneof(fc.string({ unit, maxLength: 40 }), fc.string({ unit, minLength: 480, maxLength: 1100 }));

/** The field as the emulator receives it: the client's JSON body, sent as UTF-8 and parsed back. */
function overTheWire(field: string, value: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(JSON.stringify({ [field]: value }), 'utf8').toString('utf8')) as Record<string, unknown>;
}

describe('core/caption properties', () => {
  it('never splits a surrogate pair: the caption as sent and its previews keep every pair whole', () => {
    fc.assert(
      fc.property(caption, fc.integer({ min: 1, max: 200 }), (text, max) => {
        assert.ok(!hasLoneSurrogate(normalizeCaption(text)));
        assert.ok(!hasLoneSurrogate(previewText(text, max)), `preview at ${max}`);
      }),
      propertyParameters(),
    );
  });

  it("the counter and the server agree on a caption's length (UTF-16 units) and on whether it fits", () => {
    fc.assert(
      fc.property(caption, (text) => {
        const sent = normalizeCaption(text);
        const received = overTheWire('caption', sent);
        assert.equal((received.caption as string).length, sent.length, 'the counter shows what the server counts');
        const serverRefuses = optionalString('caption', CAPTION_MAX)(received) !== undefined;
        assert.equal(checkCaption(text)?.code === 'too-long', serverRefuses);
      }),
      propertyParameters(),
    );
  });

  it("the counter and the server agree on a text status's length and on whether it fits", () => {
    fc.assert(
      fc.property(caption, (text) => {
        const checked = checkStatusText(text);
        const sent = normalizeCaption(text);
        const serverRefuses = optionalString('message', TEXT_STATUS_MAX)(overTheWire('message', sent)) !== undefined;
        assert.equal(!checked.ok && checked.problem.code === 'too-long', serverRefuses && sent.length > 0);
      }),
      propertyParameters(),
    );
  });
});
