export type ParticipantProblem = 'group' | 'local-format' | 'too-short' | 'too-long' | 'not-a-number';

export interface InvalidParticipant {
  readonly entry: string;
  readonly problem: ParticipantProblem;
}

export interface ParsedParticipants {
  /** Valid chat ids (`digits@c.us`, or `…@lid` as WhatsApp hands them out), deduplicated, in typed order. */
  readonly ids: string[];
  readonly invalid: InvalidParticipant[];
  /** How many entries were dropped as repeats of an earlier one. */
  readonly duplicates: number;
}

// E.164: at most 15 digits including the country code; fewer than 7 cannot be a full international number.
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
const LID = /^\d+@lid$/;

/** Normalises one entry to a chat id, or says what is wrong with it. */
export function normalizeParticipant(entry: string): { id: string } | { problem: ParticipantProblem } {
  const trimmed = entry.trim();
  if (/@g\.us$/i.test(trimmed)) return { problem: 'group' };
  if (LID.test(trimmed)) return { id: trimmed };
  const number = trimmed.replace(/@c\.us$/i, '').replace(/[\s\-().]/g, '');
  if (!/^(\+|00)?\d+$/.test(number)) return { problem: 'not-a-number' };
  const international = number.startsWith('+');
  const digits = number.replace(/^\+/, '').replace(/^00/, '');
  if (!international && digits.startsWith('0')) return { problem: 'local-format' };
  if (digits.length < MIN_DIGITS) return { problem: 'too-short' };
  if (digits.length > MAX_DIGITS) return { problem: 'too-long' };
  return { id: `${digits}@c.us` };
}

/**
 * Splits what a person typed into entries. Commas, semicolons and new lines always separate; spaces separate
 * only when every space-separated piece is a number on its own, so `+7 900 123-45-67` stays one number while
 * `79001234567 447700900123` is two.
 */
export function splitParticipantEntries(text: string): string[] {
  return text
    .split(/[,;\n\r]+/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .flatMap((chunk) => {
      const pieces = chunk.split(/\s+/);
      return pieces.length > 1 && pieces.every((piece) => 'id' in normalizeParticipant(piece)) ? pieces : [chunk];
    });
}

/** Parses typed participants: every invalid entry is named, duplicates are dropped after normalisation. */
export function parseParticipants(text: string): ParsedParticipants {
  const ids: string[] = [];
  const invalid: InvalidParticipant[] = [];
  let duplicates = 0;
  for (const entry of splitParticipantEntries(text)) {
    const result = normalizeParticipant(entry);
    if ('problem' in result) invalid.push({ entry, problem: result.problem });
    else if (ids.includes(result.id)) duplicates++;
    else ids.push(result.id);
  }
  return { ids, invalid, duplicates };
}

/** Whether a chat id is a phone number (`digits@c.us`), the only form the status methods take as a participant. */
export function isPhoneNumberId(id: string): boolean {
  return /^\d+@c\.us$/.test(id);
}

/** The phone number part of a chat id, with a `+`, for showing to a person. */
export function displayParticipant(id: string): string {
  return id.endsWith('@c.us') ? `+${id.slice(0, -'@c.us'.length)}` : id;
}
