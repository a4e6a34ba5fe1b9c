import assert from 'node:assert/strict';
import { plainLines } from '../../../../src/core/codeImage/model';

describe('core/codeImage/model', () => {
  it('makes one token per line in the colour given, and no token for an empty line', () => {
    assert.deepEqual(plainLines('a b\n\n  c', '#d4d4d4'), [[{ text: 'a b', color: '#d4d4d4' }], [], [{ text: '  c', color: '#d4d4d4' }]]);
    assert.deepEqual(plainLines('', '#000000'), [[]]);
  });
});
