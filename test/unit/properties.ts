import type { Parameters } from 'fast-check';

/**
 * The settings every property suite passes to `fc.assert`, so all of them replay the same way. Property suites are
 * named `*.properties.test.ts`, so `npm run test:properties` can run them alone.
 *
 * The seed is fixed so the unit run is deterministic; fast-check's failure report names the seed and the path of the
 * shrunk counterexample. `FC_SEED` sets another seed (a failure found with it replays with the same seed and run
 * count), and `npm run test:properties` raises the run count through `FC_NUM_RUNS` to search further than the unit
 * run can afford.
 */
export const PROPERTY_SEED = envInteger('FC_SEED') ?? 20240611;

/** How many cases each property checks: at least 1000 in the unit run, more when `FC_NUM_RUNS` asks. */
export function propertyRuns(): number {
  return envInteger('FC_NUM_RUNS') ?? 1000;
}

/** `fc.assert`'s parameters: the shared seed and run count. */
export function propertyParameters<T>(): Parameters<T> {
  return { seed: PROPERTY_SEED, numRuns: propertyRuns() };
}

function envInteger(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return value;
}
