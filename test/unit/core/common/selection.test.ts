import assert from 'node:assert/strict';
import { selectedResources } from '../../../../src/core/common/selection';

class FakeUri {
  constructor(readonly path: string) {}
  toString(): string {
    return `file://${this.path}`;
  }
}

describe('core/selection', () => {
  const a = new FakeUri('/w/a.jpg');
  const b = new FakeUri('/w/b.png');
  const c = new FakeUri('/w/c.mp4');

  it('returns the clicked item when there is no multi-selection', () => {
    assert.deepEqual(selectedResources(a, undefined), [a]);
    assert.deepEqual(selectedResources(a, []), [a]);
  });

  it('returns the whole multi-selection, which includes the clicked item, in its order', () => {
    const result = selectedResources(b, [a, b, c]);
    assert.deepEqual(result, [a, b, c]);
    assert.equal(result[0], a);
  });

  it('removes duplicates by their string form, keeping the first', () => {
    const aAgain = new FakeUri('/w/a.jpg');
    const result = selectedResources(a, [a, b, aAgain, b]);
    assert.deepEqual(result, [a, b]);
    assert.equal(result[0], a);
  });

  it('returns [] when nothing was passed', () => {
    assert.deepEqual(selectedResources<FakeUri>(undefined, undefined), []);
    assert.deepEqual(selectedResources<FakeUri>(undefined, []), []);
  });
});
