/**
 * What the audience picker does on each keystroke once a long list is pasted: parse the whole text with the
 * libphonenumber reader, in the country of the emulator's account. Reading stops at the audience limit or at the first
 * invalid entry, so a list that reaches the limit is the most work one keystroke can cost.
 */
import { performance } from 'node:perf_hooks';
import { parseParticipants } from '../src/core/audience/participants';
import { phoneNumberReader } from '../src/core/audience/phoneNumbers';

export const PASTED_NUMBERS = 10_000;
const RUNS = 15;
const OWN_NUMBER = '79001234567';

/** 10 000 different numbers as people paste them: local Russian ones, international ones and bare digits. */
function pastedList(): string {
  return Array.from({ length: PASTED_NUMBERS }, (_, index) => {
    const digits = String(index).padStart(7, '0');
    const formats = [`8 (900) ${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`, `+44 7700 9${digits.slice(2)}`, `7901${digits}`];
    return formats[index % formats.length];
  }).join(', ');
}

/** The median time of one parse, in milliseconds. */
export function benchAudiencePicker(): { entries: number; medianMs: number; runsMs: number[] } {
  const reader = phoneNumberReader(OWN_NUMBER);
  const text = pastedList();
  // The figure means something only if every number up to the limit was read.
  if (!parseParticipants(text, reader).overLimit) throw new Error('the pasted numbers do not reach the audience limit');
  const runsMs = Array.from({ length: RUNS }, () => {
    const started = performance.now();
    parseParticipants(text, reader);
    return performance.now() - started;
  });
  return { entries: PASTED_NUMBERS, medianMs: [...runsMs].sort((a, b) => a - b)[Math.floor(RUNS / 2)], runsMs };
}
