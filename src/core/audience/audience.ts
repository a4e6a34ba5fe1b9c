import type { Contact } from '../greenApi/types';
import { isRecord } from '../common/json';
import { displayParticipant, isPhoneNumberId, normalizeParticipant, type ParticipantProblem } from './participants';
import { sleep } from '../greenApi/retry';

/** "All contacts" reaches only the first 1024 phone-book users of GetContacts; no limit is documented for a list of participants. */
export const STATUS_AUDIENCE_LIMIT = 1024;

export interface StatusAudience {
  /** Contacts that can see a status, in GetContacts order, at most {@link STATUS_AUDIENCE_LIMIT}. */
  readonly contacts: Contact[];
  /** How many contacts qualified before the cap; more than `contacts.length` when capped. */
  readonly eligible: number;
  readonly capped: boolean;
}

/** What the contacts picker can offer. */
export interface ContactBook {
  /** Users a status can be addressed to, in GetContacts order; not capped. */
  readonly choosable: Contact[];
  /** Users listed under an id that hides their phone number (`…@lid`): they can be reached only by typing the number. */
  readonly hiddenNumbers: number;
}

/** The status methods take participants only as `digits@c.us`, so a user listed under any other id cannot be picked. */
function addressable(contact: Contact): boolean {
  return contact.type === 'user' && isPhoneNumberId(contact.id);
}

function hasContactName(contact: Contact): boolean {
  return !!contact.contactName?.trim();
}

/**
 * Whether GetContacts carries phone-book names. An account that WhatsApp moved to "lid" addressing gets a blank
 * contactName for everyone, so the absence of a name then says nothing about whether someone is a contact.
 */
function hasUsableNames(contacts: readonly Contact[]): boolean {
  return contacts.some((contact) => addressable(contact) && hasContactName(contact));
}

/**
 * Every user a status can be addressed to. Anyone who saved your number can see your statuses, whether or not you
 * saved theirs, so a user without a phone-book name is offered too.
 */
export function contactBook(contacts: readonly Contact[]): ContactBook {
  const users = contacts.filter((contact) => contact.type === 'user');
  const choosable = users.filter(addressable);
  return { choosable, hiddenNumbers: users.length - choosable.length };
}

/** How a contact is shown: the phone-book name, else the WhatsApp profile name, else the number. */
export function contactLabel(contact: Contact): string {
  return contact.contactName?.trim() || contact.name?.trim() || displayParticipant(contact.id);
}

/**
 * "All my contacts" as GREEN-API counts them: the first 1024 phone-book users (those with a contactName). When the
 * book has no names at all ("lid" addressing), every addressable user stands in for them rather than nobody.
 */
export function statusAudience(contacts: readonly Contact[]): StatusAudience {
  const named = hasUsableNames(contacts);
  const eligible = contacts.filter((contact) => addressable(contact) && (!named || hasContactName(contact)));
  return { contacts: eligible.slice(0, STATUS_AUDIENCE_LIMIT), eligible: eligible.length, capped: eligible.length > STATUS_AUDIENCE_LIMIT };
}

/**
 * The audience as an explicit list, for the `requireExplicitParticipants` setting: a text status sent with no
 * participants is not published when the main phone is an iPhone (GREEN-API issue #1124).
 */
export function explicitAllContacts(contacts: readonly Contact[]): string[] {
  return statusAudience(contacts).contacts.map((contact) => contact.id);
}

/**
 * Chosen ids that are not among the users of GetContacts, in chosen order. None are named while the book has no
 * phone-book names ("lid" addressing): it then lists some contacts under ids that hide their numbers, so a number
 * missing from it may still be a contact. The 1024 cap is not applied here: it is documented only for "all contacts".
 */
export function unknownParticipants(ids: readonly string[], contacts: readonly Contact[]): string[] {
  if (!hasUsableNames(contacts)) return [];
  const known = new Set(contacts.filter((contact) => contact.type === 'user').map((contact) => contact.id));
  return ids.filter((id) => !known.has(id));
}

export interface NamedAudience {
  readonly name: string;
  /** Valid chat ids, deduplicated, in listed order. */
  readonly ids: string[];
}

export type NamedAudienceProblem =
  | { readonly code: 'not-an-object' }
  | { readonly code: 'empty-name' }
  /** Names are compared trimmed and case-insensitively; the first one wins. */
  | { readonly code: 'duplicate-name'; readonly name: string }
  | { readonly code: 'not-a-list'; readonly name: string }
  | { readonly code: 'invalid-participant'; readonly name: string; readonly entry: string; readonly problem: ParticipantProblem }
  /** Nothing valid is left, so the audience is dropped rather than meaning "all contacts". */
  | { readonly code: 'no-participants'; readonly name: string };

/**
 * Reads the named audiences setting (`{ "Family": ["+7 900 111-22-33", …] }`), which is untrusted JSON. Invalid
 * entries are reported and left out; the rest of an audience is kept.
 */
export function parseNamedAudiences(setting: unknown): { audiences: NamedAudience[]; problems: NamedAudienceProblem[] } {
  const audiences: NamedAudience[] = [];
  const problems: NamedAudienceProblem[] = [];
  if (!isRecord(setting)) {
    return { audiences, problems: setting === undefined || setting === null ? [] : [{ code: 'not-an-object' }] };
  }
  const seen = new Set<string>();
  for (const [rawName, entries] of Object.entries(setting)) {
    const name = rawName.trim();
    if (!name) {
      problems.push({ code: 'empty-name' });
      continue;
    }
    const key = name.toLowerCase();
    if (seen.has(key)) {
      problems.push({ code: 'duplicate-name', name });
      continue;
    }
    seen.add(key);
    if (!Array.isArray(entries)) {
      problems.push({ code: 'not-a-list', name });
      continue;
    }
    const ids: string[] = [];
    for (const value of entries) {
      // JSON numbers are accepted as typed digits.
      const entry = typeof value === 'string' || typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? '');
      const result = normalizeParticipant(entry);
      if ('problem' in result) problems.push({ code: 'invalid-participant', name, entry, problem: result.problem });
      else if (!ids.includes(result.id)) ids.push(result.id);
    }
    if (ids.length) audiences.push({ name, ids });
    else problems.push({ code: 'no-participants', name });
  }
  return { audiences, problems };
}

/** GetContacts is limited to 1 request a second (docs/greenapi.md §4.5). */
const CONTACTS_MIN_INTERVAL_MS = 1000;
/** The server itself takes up to 5 minutes to notice phone-book changes. */
const CONTACTS_MAX_AGE_MS = 5 * 60_000;

export interface ContactsCacheOptions {
  readonly clock: { now(): number };
  /** Waits out the rest of the interval; replaced in tests along with the clock. */
  readonly wait?: (ms: number) => Promise<void>;
  /** How long an answer is kept without an explicit refresh [five minutes]. */
  readonly maxAgeMs?: number;
}

/**
 * Keeps the last GetContacts answer (five minutes unless told otherwise) and starts a call no sooner than a second after the last one ended.
 * Concurrent callers share one call; an empty list is not kept, since the docs say to ask again.
 */
export class ContactsCache {
  readonly #load: () => Promise<Contact[]>;
  readonly #clock: { now(): number };
  readonly #wait: (ms: number) => Promise<void>;
  readonly #maxAgeMs: number;
  #cached: { contacts: Contact[]; at: number } | undefined;
  #pending: Promise<Contact[]> | undefined;
  #lastCallAt = Number.NEGATIVE_INFINITY;

  constructor(load: () => Promise<Contact[]>, options: ContactsCacheOptions) {
    this.#load = load;
    this.#clock = options.clock;
    this.#wait = options.wait ?? ((ms) => sleep(ms));
    this.#maxAgeMs = options.maxAgeMs ?? CONTACTS_MAX_AGE_MS;
  }

  /** The contacts, from the cache when fresh; `refresh` asks the server again unless it was asked under a second ago. */
  get(options: { refresh?: boolean } = {}): Promise<Contact[]> {
    if (this.#pending) return this.#pending;
    const now = this.#clock.now();
    const sinceLastCall = now - this.#lastCallAt;
    if (this.#cached && (sinceLastCall < CONTACTS_MIN_INTERVAL_MS || (!options.refresh && now - this.#cached.at < this.#maxAgeMs))) {
      return Promise.resolve(this.#cached.contacts);
    }
    this.#pending = this.#call(Math.max(0, CONTACTS_MIN_INTERVAL_MS - sinceLastCall)).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #call(delayMs: number): Promise<Contact[]> {
    if (delayMs > 0) await this.#wait(delayMs);
    try {
      const contacts = await this.#load();
      this.#cached = contacts.length ? { contacts, at: this.#clock.now() } : undefined;
      return contacts;
    } finally {
      // Counted from the answer, not the request: the server counts arrivals, which come later than our sends.
      this.#lastCallAt = this.#clock.now();
    }
  }
}
