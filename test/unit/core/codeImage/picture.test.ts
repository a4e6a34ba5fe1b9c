import assert from 'node:assert/strict';
import { pngDimensions } from '../../../../src/core/codeImage/picture';
import { pngBytes } from '../../../fixtures/png';

describe('code image picture', () => {
  it('reads the width and height a PNG declares', () => {
    assert.deepEqual(pngDimensions(pngBytes(1080, 1920)), { width: 1080, height: 1920 });
    assert.deepEqual(pngDimensions(pngBytes(9, 16)), { width: 9, height: 16 });
  });

  it('is undefined for anything that does not start like a PNG', () => {
    const png = pngBytes(9, 16);
    assert.equal(pngDimensions(png.subarray(0, 20)), undefined);
    assert.equal(pngDimensions(Buffer.from('GIF89a, then enough bytes for a header')), undefined);
    const noHeader = Buffer.from(png);
    noHeader.write('IDAT', 12, 'latin1');
    assert.equal(pngDimensions(noHeader), undefined);
  });
});
