export type ParticipantProblem =
  | 'group'
  /** A `…@lid` id: it hides the number, and the status methods take phone numbers only. */
  | 'hidden-number'
  /** Space-separated numbers that also read as one number (`1234567 1234567`). */
  | 'ambiguous'
  /** `+0…`, `+00…`: no country code starts with 0; with a reader, any code no country has. */
  | 'bad-country-code'
  | 'local-format'
  /** Too many or too few digits for the number's country (needs a {@link PhoneNumberReader}). */
  | 'impossible'
  | 'too-short'
  | 'too-long'
  | 'not-a-number';

export interface InvalidParticipant {
  readonly entry: string;
  readonly problem: ParticipantProblem;
}

/** How an entry typed without `+` or `00` was read, to show the person: `8 (900) 111-22-33` → `+7 900 111-22-33`. */
export interface ParticipantReading {
  readonly entry: string;
  readonly id: string;
  readonly display: string;
}

export interface ParsedParticipants {
  /** Valid chat ids (`digits@c.us`), deduplicated, in typed order, at most {@link PARTICIPANTS_MAX}. */
  readonly ids: string[];
  /** The first entry that cannot be a participant: reading stops there, as the list cannot be sent as it is. */
  readonly invalid?: InvalidParticipant;
  /** How many entries were dropped as repeats of an earlier one. */
  readonly duplicates: number;
  readonly readings: ParticipantReading[];
  /** More than {@link PARTICIPANTS_MAX} different numbers: reading stopped there, and `ids` holds the first ones. */
  readonly overLimit: boolean;
}

/**
 * Reads a typed number with the numbering rules of its country (libphonenumber, loaded only by the audience picker).
 * Without one, entries are read by shape alone: international numbers without their `+`.
 */
export interface PhoneNumberReader {
  /** `number` is digits, after a `+` when it was typed as international (`+` or `00`). */
  read(
    number: string,
  ):
    | { readonly digits: string; readonly display: string }
    | { readonly problem: Extract<ParticipantProblem, 'bad-country-code' | 'local-format' | 'impossible'> };
}

/**
 * The most people one typed list may name. No limit is documented for a list of participants; this is the reach of
 * "All my contacts", and it keeps a pasted list from freezing the picker or building a request of megabytes.
 */
export const PARTICIPANTS_MAX = 1024;

// E.164: at most 15 digits including the country code, which never starts with 0; fewer than 7 cannot be a full
// international number.
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
const SEPARATORS = /[\s\-().]/g;
const CHAT_ID = /@c\.us$/i;

/** Normalises one entry to a chat id, or says what is wrong with it; `reading` is set when a reader interpreted it. */
export function normalizeParticipant(entry: string, reader?: PhoneNumberReader): { id: string; reading?: string } | { problem: ParticipantProblem } {
  const trimmed = entry.trim();
  if (/@g\.us$/i.test(trimmed)) return { problem: 'group' };
  if (/@lid$/i.test(trimmed)) return { problem: 'hidden-number' };
  // The splitter keeps such an entry whole only when it also reads as one number: which one was meant is unknown.
  if (isSpacedNumbers(trimmed)) return { problem: 'ambiguous' };
  const chatId = CHAT_ID.test(trimmed);
  const match = /^(\+|00)?(\d+)$/.exec(trimmed.replace(CHAT_ID, '').replace(SEPARATORS, ''));
  if (!match) return { problem: 'not-a-number' };
  const [, prefix, digits] = match;
  const international = prefix !== undefined || chatId;
  if (international && digits.startsWith('0')) return { problem: 'bad-country-code' };
  // A chat id is international already; only what a person typed is read with their country's rules.
  if (!reader || chatId) return checkedId(digits, international);
  const read = reader.read(prefix === undefined ? digits : `+${digits}`);
  if ('problem' in read) return read;
  const checked = checkedId(read.digits, true);
  return 'id' in checked && prefix === undefined ? { ...checked, reading: read.display } : checked;
}

/** The chat id of a number by its shape alone: 7 to 15 digits, and a local number (leading 0) refused. */
function checkedId(digits: string, international: boolean): { id: string } | { problem: ParticipantProblem } {
  if (!international && digits.startsWith('0')) return { problem: 'local-format' };
  if (digits.length < MIN_DIGITS) return { problem: 'too-short' };
  if (digits.length > MAX_DIGITS) return { problem: 'too-long' };
  return { id: `${digits}@c.us` };
}

/** A whole number by its shape alone: the test the splitter applies to each space-separated piece. */
function isNumber(text: string): boolean {
  const match = /^(\+|00)?(\d+)$/.exec(text.replace(SEPARATORS, ''));
  return !!match && 'id' in checkedId(match[2], match[1] !== undefined);
}

/** Several space-separated pieces, each a number on its own. */
function isSpacedNumbers(text: string): boolean {
  const pieces = text.split(/\s+/);
  return pieces.length > 1 && pieces.every(isNumber);
}

/**
 * Splits what a person typed into entries. Commas, semicolons and new lines always separate; spaces separate
 * only when every space-separated piece is a number on its own and the whole is not, so `+7 900 123-45-67` stays
 * one number while `79001234567 447700900123` is two. When both readings work (`1234567 1234567`), the entry stays
 * whole for {@link normalizeParticipant} to refuse.
 */
export function splitParticipantEntries(text: string): string[] {
  return text
    .split(/[,;\n\r]+/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .flatMap((chunk) => (isSpacedNumbers(chunk) && !isNumber(chunk) ? chunk.split(/\s+/) : [chunk]));
}

/**
 * Parses typed participants, deduplicating after normalisation. Reading stops at the first invalid entry, or when a
 * number would be one more than {@link PARTICIPANTS_MAX}: the picker parses on every keystroke, so its work stays
 * linear in the text and bounded in reads, whatever is pasted.
 */
export function parseParticipants(text: string, reader?: PhoneNumberReader): ParsedParticipants {
  const ids = new Set<string>();
  const readings: ParticipantReading[] = [];
  // The same text typed twice is read once.
  const read = new Map<string, ReturnType<typeof normalizeParticipant>>();
  let duplicates = 0;
  const parsed = (end: { invalid?: InvalidParticipant; overLimit?: true } = {}): ParsedParticipants => ({
    ids: [...ids],
    duplicates,
    readings,
    overLimit: false,
    ...end,
  });
  for (const entry of splitParticipantEntries(text)) {
    const result = read.get(entry) ?? normalizeParticipant(entry, reader);
    read.set(entry, result);
    if ('problem' in result) return parsed({ invalid: { entry, problem: result.problem } });
    if (ids.has(result.id)) duplicates++;
    else if (ids.size === PARTICIPANTS_MAX) return parsed({ overLimit: true });
    else {
      ids.add(result.id);
      if (result.reading !== undefined) readings.push({ entry, id: result.id, display: result.reading });
    }
  }
  return parsed();
}

/** Whether GetWaSettings' `phone` is an account's number (digits, no `+`), as an untrusted answer must be checked to be. */
export function isOwnNumber(phone: unknown): phone is string {
  return typeof phone === 'string' && /^[1-9]\d{6,14}$/.test(phone);
}

/** Whether a chat id is a phone number (`digits@c.us`), the only form the status methods take as a participant. */
export function isPhoneNumberId(id: string): boolean {
  return /^\d+@c\.us$/.test(id);
}

/** The phone number part of a chat id, with a `+`, for showing to a person. */
export function displayParticipant(id: string): string {
  return id.endsWith('@c.us') ? `+${id.slice(0, -'@c.us'.length)}` : id;
}
