import type { OutgoingStatus, StatusStatisticEntry } from '../greenApi/types';
import { isRecord } from '../common/json';
import { isLiveState, type LiveState } from '../followUp/liveState';
import type { KeyValueStore } from './storage';

export const HISTORY_KEY = 'whatsappStatus.history.v1';
export const HISTORY_MAX = 200;
/** Code points of a caption kept for recognising a status in a list. */
const PREVIEW_MAX = 60;

/** `code`: a picture of code made from the editor selection (sent as an image). */
export type StatusKind = 'media' | 'text' | 'voice' | 'code';
const STATUS_KINDS: readonly StatusKind[] = ['media', 'text', 'voice', 'code'];

/**
 * What is kept per posted status: enough to find it again and delete it or ask for its statistics. Never the
 * file's content nor the participants' numbers, and the caption only as a short preview.
 */
export interface HistoryRecord {
  readonly idMessage: string;
  /** The idInstance it was posted with: after a switch of instance, only that instance's statuses are listed. */
  readonly instance: string;
  /** ms since the epoch. */
  readonly postedAt: number;
  readonly kind: StatusKind;
  readonly fileName?: string;
  /** The caption, or a text status's message, as a one-line preview. */
  readonly caption?: string;
  /** How many participants it was sent to; 0 means all contacts. The server does not echo them back (bug #1129). */
  readonly audienceSize: number;
  /** What following it last found; absent until the first look. */
  readonly live?: LiveState;
}

/** A status as it was posted, before {@link historyRecord} reduces it to what is kept. */
export interface PostedStatus extends Omit<HistoryRecord, 'caption' | 'audienceSize'> {
  /** In full: the record keeps a preview. */
  readonly caption?: string;
  readonly participants: readonly string[];
}

export function historyRecord(posted: PostedStatus): HistoryRecord {
  const caption = posted.caption === undefined ? '' : previewText(posted.caption);
  return {
    idMessage: posted.idMessage,
    instance: posted.instance,
    postedAt: posted.postedAt,
    kind: posted.kind,
    ...(posted.fileName && { fileName: posted.fileName }),
    ...(caption && { caption }),
    audienceSize: posted.participants.length,
  };
}

/** One line: runs of white space as one space, cut at `max` code points (never inside a surrogate pair) with an ellipsis. */
export function previewText(text: string, max = PREVIEW_MAX): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  return characters.length > max
    ? `${characters
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : characters.join('');
}

/** The list of posted statuses in the host's storage, newest first, at most {@link HISTORY_MAX}. */
export class StatusHistory {
  readonly #store: KeyValueStore;

  constructor(store: KeyValueStore) {
    this.#store = store;
  }

  /** What was stored, minus anything malformed (another version may have written it); only `instance`'s when given. */
  list(instance?: string): HistoryRecord[] {
    const stored = this.#store.get<unknown>(HISTORY_KEY);
    const records = Array.isArray(stored) ? stored.filter(isHistoryRecord) : [];
    return instance === undefined ? records : records.filter((record) => record.instance === instance);
  }

  async add(record: HistoryRecord): Promise<void> {
    const others = this.list().filter((existing) => existing.idMessage !== record.idMessage);
    await this.#store.update(HISTORY_KEY, [record, ...others].sort(newestFirst).slice(0, HISTORY_MAX));
  }

  /** Stores what following found, for the statuses given; records gone meanwhile are left gone. */
  async setLive(updates: ReadonlyMap<string, LiveState>): Promise<void> {
    if (!updates.size) return;
    await this.#store.update(
      HISTORY_KEY,
      this.list().map((record) => (updates.has(record.idMessage) ? { ...record, live: updates.get(record.idMessage) } : record)),
    );
  }

  /** After DeleteStatus succeeded. */
  async remove(idMessage: string): Promise<void> {
    await this.#store.update(
      HISTORY_KEY,
      this.list().filter((record) => record.idMessage !== idMessage),
    );
  }
}

function isHistoryRecord(value: unknown): value is HistoryRecord {
  return (
    isRecord(value) &&
    typeof value.idMessage === 'string' &&
    typeof value.instance === 'string' &&
    typeof value.postedAt === 'number' &&
    STATUS_KINDS.includes(value.kind as StatusKind) &&
    typeof value.audienceSize === 'number' &&
    (value.fileName === undefined || typeof value.fileName === 'string') &&
    (value.caption === undefined || typeof value.caption === 'string') &&
    (value.live === undefined || isLiveState(value.live))
  );
}

/** A status as a history view shows it: from this machine's record, the server's journal, or both. */
export interface HistoryEntry {
  readonly idMessage: string;
  readonly postedAt: number;
  /** Undefined for a journal item of a type this extension does not post. */
  readonly kind?: StatusKind;
  readonly fileName?: string;
  readonly caption?: string;
  /** Known only for statuses posted from here. */
  readonly audienceSize?: number;
  /** The journal's `statusMessage` ('sent', 'delivered', …) when the journal lists the status. */
  readonly journalState?: string;
  /** Followed since it was posted from here; see {@link LiveState}. */
  readonly live?: LiveState;
  readonly local: boolean;
  readonly inJournal: boolean;
}

const KIND_BY_TYPE_MESSAGE: Readonly<Record<string, StatusKind>> = {
  extendedTextMessage: 'text',
  textMessage: 'text',
  imageMessage: 'media',
  videoMessage: 'media',
  audioMessage: 'voice',
};

/**
 * Joins the local records with GetOutgoingStatuses by idMessage, newest first. Journal-only items (posted from the
 * phone or another machine) are listed too; local records the journal lacks stay (it needs outgoingWebhook).
 */
export function mergeWithJournal(records: readonly HistoryRecord[], journal: readonly OutgoingStatus[]): HistoryEntry[] {
  const byId = new Map(journal.map((item) => [item.idMessage, item]));
  const entries: HistoryEntry[] = records.map(({ instance: _instance, ...record }) => {
    const item = byId.get(record.idMessage);
    byId.delete(record.idMessage);
    return { ...record, local: true, inJournal: item !== undefined, ...(item?.statusMessage && { journalState: item.statusMessage }) };
  });
  for (const item of byId.values()) {
    const kind = item.typeMessage === undefined ? undefined : KIND_BY_TYPE_MESSAGE[item.typeMessage];
    const caption = previewText(item.caption || item.textMessage || '');
    entries.push({
      idMessage: item.idMessage,
      postedAt: item.timestamp * 1000,
      ...(kind && { kind }),
      ...(item.fileName && { fileName: item.fileName }),
      ...(caption && { caption }),
      ...(item.statusMessage && { journalState: item.statusMessage }),
      local: false,
      inJournal: true,
    });
  }
  return entries.sort(newestFirst);
}

function newestFirst(a: { postedAt: number; idMessage: string }, b: { postedAt: number; idMessage: string }): number {
  return b.postedAt - a.postedAt || a.idMessage.localeCompare(b.idMessage);
}

export type DeliveryState = 'sent' | 'delivered' | 'read';
/** Later states outrank earlier ones when two reports share a timestamp. */
const STATE_RANK: Readonly<Record<DeliveryState, number>> = { sent: 0, delivered: 1, read: 2 };

/** Viewers counted once each, by their latest state: `delivered` excludes those who also read it. */
export type StatisticSummary = Readonly<Record<DeliveryState, number>>;

/**
 * Each viewer once, by their latest report (a later state wins a tie), most advanced first, then most recent:
 * GetStatusStatistic lists every state a viewer passed through.
 */
export function latestByViewer(entries: readonly StatusStatisticEntry[]): StatusStatisticEntry[] {
  const latest = new Map<string, StatusStatisticEntry>();
  for (const entry of entries) {
    if (!Object.hasOwn(STATE_RANK, entry.status)) continue;
    const known = latest.get(entry.participant);
    const rank = STATE_RANK[entry.status as DeliveryState];
    if (!known || entry.timestamp > known.timestamp || (entry.timestamp === known.timestamp && rank > STATE_RANK[known.status as DeliveryState])) {
      latest.set(entry.participant, entry);
    }
  }
  return [...latest.values()].sort((a, b) => STATE_RANK[b.status as DeliveryState] - STATE_RANK[a.status as DeliveryState] || b.timestamp - a.timestamp);
}

export function summarizeStatistic(entries: readonly StatusStatisticEntry[]): StatisticSummary {
  const summary = { sent: 0, delivered: 0, read: 0 };
  for (const { status } of latestByViewer(entries)) summary[status as DeliveryState]++;
  return summary;
}

/**
 * One tooltip line such as "3 read · 2 delivered", most advanced state first, zero counts left out; '' when
 * nobody is counted. `format` words one count in the person's language.
 */
export function statisticTooltip(summary: StatisticSummary, format: (state: DeliveryState, count: number) => string, separator = ' · '): string {
  const order: DeliveryState[] = ['read', 'delivered', 'sent'];
  return order
    .filter((state) => summary[state] > 0)
    .map((state) => format(state, summary[state]))
    .join(separator);
}
