/**
 * The answer of a step whose Back button was pressed. A registered symbol, so a second copy of this module (the
 * extension's own tests load one beside the bundle) answers with the same value.
 */
export const BACK: unique symbol = Symbol.for('whatsapp-status.back');

/** What one step of a multi-step question answers: a value, {@link BACK}, or undefined when the person dismissed it. */
export type StepAnswer<T> = T | typeof BACK | undefined;

/** Where a step stands, shown as "k of n"; step 1 has no Back button. */
export interface StepPosition {
  readonly step: number;
  readonly totalSteps: number;
}

/** One step: given the answers so far (its own earlier one included, after a Back), the answers with its own. */
export type Step<S> = (state: S, position: StepPosition) => Promise<StepAnswer<S>>;

export interface StepsPlacement {
  /** Where the first of these steps stands among all the questions (these may be part of a longer run). */
  readonly first: StepPosition;
  /** Start at the last of these steps: the run was entered by a Back from the step after it. */
  readonly fromLast?: boolean;
}

/** The answers so far with one step's own under `key`, or that step's Back or dismissal as it came. */
export function withAnswer<S, K extends keyof S>(answers: S, key: K, answer: StepAnswer<NonNullable<S[K]>>): StepAnswer<S> {
  if (answer === undefined) return undefined;
  if (answer === BACK) return BACK;
  return { ...answers, [key]: answer };
}

/**
 * Runs the steps in order over one record of answers. Back reruns the step before, which finds its own answer in the
 * record (the person's text is still there); Back on the first answers {@link BACK} to whoever runs these steps;
 * dismissing any step (Escape) cancels all.
 */
export async function runSteps<S>(steps: ReadonlyArray<Step<S>>, initial: S, placement?: StepsPlacement): Promise<StepAnswer<S>> {
  const { step: firstStep, totalSteps } = placement?.first ?? { step: 1, totalSteps: steps.length };
  let answers = initial;
  let index = placement?.fromLast ? steps.length - 1 : 0;
  while (index < steps.length) {
    if (index < 0) return BACK;
    const answer = await steps[index](answers, { step: firstStep + index, totalSteps });
    if (answer === undefined) return undefined;
    if (answer === BACK) {
      index -= 1;
      continue;
    }
    answers = answer;
    index += 1;
  }
  return answers;
}
