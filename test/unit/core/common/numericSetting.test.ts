import assert from 'node:assert/strict';
import { REQUEST_TIMEOUT_SECONDS, numericSetting } from '../../../../src/core/common/numericSetting';

describe('core/numericSetting', () => {
  it('keeps a whole number inside the range, and gives the default when nothing is set', () => {
    for (const seconds of [5, 30, 600]) assert.deepEqual(numericSetting(seconds, REQUEST_TIMEOUT_SECONDS), { value: seconds });
    assert.deepEqual(numericSetting(undefined, REQUEST_TIMEOUT_SECONDS), { value: 30 });
  });

  it('clamps a number outside the range to its nearest end, saying why', () => {
    // 0 and -5 s would time every call out at once; 2147484 s overflows setTimeout, which then fires at once too.
    const cases: Array<[number, number]> = [
      [0, 5],
      [-5, 5],
      [4.4, 5],
      [601, 600],
      [2147484, 600],
      [-Infinity, 5],
      [Number.MAX_VALUE, 600],
    ];
    for (const [raw, value] of cases) {
      const result = numericSetting(raw, REQUEST_TIMEOUT_SECONDS);
      assert.equal(result.value, value, String(raw));
      assert.match(result.problem ?? '', /5 to 600/, String(raw));
    }
  });

  it('rounds a fraction of an integer setting', () => {
    assert.equal(numericSetting(12.6, REQUEST_TIMEOUT_SECONDS).value, 13);
    assert.ok(numericSetting(12.6, REQUEST_TIMEOUT_SECONDS).problem);
  });

  it('gives the default for a value that is not a number at all', () => {
    for (const raw of ['abc', '30', '', null, true, NaN, {}, [30]]) {
      const result = numericSetting(raw, REQUEST_TIMEOUT_SECONDS);
      assert.equal(result.value, 30, JSON.stringify(raw));
      assert.match(result.problem ?? '', /using the default 30/, JSON.stringify(raw));
    }
  });
});
