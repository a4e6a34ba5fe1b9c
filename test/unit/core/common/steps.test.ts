import assert from 'node:assert/strict';
import { BACK, runSteps, withAnswer, type Step, type StepAnswer, type StepPosition } from '../../../../src/core/common/steps';

type Answers = Readonly<Record<string, string>>;

interface Seen {
  name: string;
  answers: Answers;
  position: StepPosition;
}

/** A step that answers its own field from a script and records what it was started with. */
function scripted(name: string, script: Array<StepAnswer<string>>, seen: Seen[]): Step<Answers> {
  return async (answers, position) => {
    seen.push({ name, answers, position });
    const answer = script.shift();
    return answer === BACK || answer === undefined ? answer : { ...answers, [name]: answer };
  };
}

const trace = (seen: readonly Seen[]) => seen.map(({ name, answers }) => `${name}(${Object.values(answers).join('')})`);

describe('core/common/steps', () => {
  it('runs each step once, in order, numbering them k of n', async () => {
    const seen: Seen[] = [];
    const result = await runSteps([scripted('a', ['1'], seen), scripted('b', ['2'], seen), scripted('c', ['3'], seen)], {});
    assert.deepEqual(result, { a: '1', b: '2', c: '3' });
    assert.deepEqual(
      seen.map(({ name, position }) => `${name} ${position.step}/${position.totalSteps}`),
      ['a 1/3', 'b 2/3', 'c 3/3'],
    );
  });

  it('goes back to the step before, which finds its own earlier answer; later answers are kept for when it comes forward', async () => {
    const seen: Seen[] = [];
    const steps = [scripted('a', ['x', 'y'], seen), scripted('b', [BACK, '2', '2'], seen), scripted('c', [BACK, '3'], seen)];
    const result = await runSteps<Answers>(steps, {});
    assert.deepEqual(trace(seen), ['a()', 'b(x)', 'a(x)', 'b(y)', 'c(y2)', 'b(y2)', 'c(y2)']);
    assert.deepEqual(result, { a: 'y', b: '2', c: '3' });
  });

  it('cancels everything when any step is dismissed', async () => {
    const seen: Seen[] = [];
    assert.equal(await runSteps([scripted('a', ['x'], seen), scripted('b', [undefined], seen), scripted('c', ['never'], seen)], {}), undefined);
    assert.deepEqual(
      seen.map(({ name }) => name),
      ['a', 'b'],
    );
  });

  it('answers Back to its caller from its first step, and numbers its steps within a longer run', async () => {
    const seen: Seen[] = [];
    assert.equal(await runSteps([scripted('a', [BACK], seen), scripted('b', [], seen)], { kept: 'k' }, { first: { step: 2, totalSteps: 5 } }), BACK);
    assert.deepEqual(seen, [{ name: 'a', answers: { kept: 'k' }, position: { step: 2, totalSteps: 5 } }]);
  });

  it('entered by a Back from the step after it, starts at its last step', async () => {
    const seen: Seen[] = [];
    const steps = [scripted('a', ['z'], seen), scripted('b', [BACK, 'w'], seen)];
    const result = await runSteps<Answers>(steps, { a: 'x', b: 'y' }, { first: { step: 1, totalSteps: 4 }, fromLast: true });
    assert.deepEqual(result, { a: 'z', b: 'w' });
    assert.deepEqual(
      seen.map(({ name, position }) => `${name} ${position.step}/${position.totalSteps}`),
      ['b 2/4', 'a 1/4', 'b 2/4'],
    );
  });

  it('answers the initial answers when there are no steps', async () => {
    assert.deepEqual(await runSteps<Answers>([], { as: 'is' }), { as: 'is' });
  });

  it("withAnswer puts one step's answer under its key, and passes Back and a dismissal through", () => {
    const answers: { a?: string; b?: string } = { a: 'x' };
    assert.deepEqual(withAnswer(answers, 'b', 'y'), { a: 'x', b: 'y' });
    assert.deepEqual(withAnswer(answers, 'a', 'z'), { a: 'z' });
    assert.equal(withAnswer(answers, 'b', BACK), BACK);
    assert.equal(withAnswer(answers, 'b', undefined), undefined);
    assert.deepEqual(answers, { a: 'x' }, 'the answers given are not changed');
  });
});
