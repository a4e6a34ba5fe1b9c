import { isRecord } from '../common/json';

/** Statuses disappear from phones 24 hours after they are posted; nothing is followed past that. */
export const STATUS_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Where a posted status is, as far as GREEN-API tells: `queued` (its journal says pending), `sent`, `delivered`
 * (to at least one phone), `read` (by at least one viewer), or `not-published` (still pending when it expired).
 */
export type LiveStateKind = 'queued' | 'sent' | 'delivered' | 'read' | 'not-published';
const RANKED: readonly LiveStateKind[] = ['queued', 'sent', 'delivered', 'read'];

/** What the extension last saw of a status it posted; kept with its history record so a restart resumes. */
export interface LiveState {
  readonly state: LiveStateKind;
  /** Viewers whose phone has it, readers included. */
  readonly delivered: number;
  readonly read: number;
  /** ms since the epoch: when it left the queue, and when the first viewer read it. */
  readonly sentAt?: number;
  readonly firstReadAt?: number;
  /** When GREEN-API was last asked about it. */
  readonly checkedAt: number;
  /** The journal has listed it: only then does "still pending" mean what it says. */
  readonly listed?: boolean;
  /** The person was told once that it is out, or that it is stuck: never again for the same status. */
  readonly publishedNotified?: boolean;
  readonly stuckNotified?: boolean;
}

/** One look at GREEN-API: the journal's item (if it lists the status) and the statistics' counts (if asked). */
export interface Observation {
  /** The journal's `statusMessage`: 'pending', 'sent', 'delivered', 'read'. */
  readonly journalState?: string;
  /** Unix seconds of the journal item's last action. */
  readonly journalTimestamp?: number;
  /** Viewers counted once each by their latest state, from the statistics. */
  readonly counts?: { readonly sent: number; readonly delivered: number; readonly read: number };
  /** ms since the epoch of the earliest 'read' in the statistics. */
  readonly firstReadAt?: number;
}

function rankOf(state: string | undefined): number {
  return state === undefined ? -1 : RANKED.indexOf(state === 'pending' ? 'queued' : (state as LiveStateKind));
}

/**
 * The next state from the previous one and a new observation. States only move forward and counts never shrink:
 * GREEN-API's statistics can come back empty after the phone is linked again, which must not undo what was seen.
 */
export function observe(previous: LiveState | undefined, seen: Observation, { now, postedAt }: { now: number; postedAt: number }): LiveState {
  const read = Math.max(previous?.read ?? 0, seen.counts?.read ?? 0);
  const delivered = Math.max(previous?.delivered ?? 0, seen.counts ? seen.counts.delivered + seen.counts.read : 0, read);
  const countedRank = read > 0 ? 3 : delivered > 0 ? 2 : (seen.counts?.sent ?? 0) > 0 ? 1 : 0;
  const rank = Math.max(rankOf(previous?.state), rankOf(seen.journalState), countedRank, 0);
  const listed = previous?.listed === true || seen.journalState !== undefined;
  // Never "not published" for a status the journal never listed: it may have been, unseen (e.g. the setting was off).
  const expired = listed && now - postedAt >= STATUS_LIFETIME_MS;
  const state: LiveStateKind = rank === 0 && (expired || previous?.state === 'not-published') ? 'not-published' : RANKED[rank];
  const sentAt =
    previous?.sentAt ?? (rank >= 1 ? (seen.journalTimestamp !== undefined && rankOf(seen.journalState) >= 1 ? seen.journalTimestamp * 1000 : now) : undefined);
  const firstReadAt = previous?.firstReadAt ?? (read > 0 ? (seen.firstReadAt ?? now) : undefined);
  return {
    state,
    delivered,
    read,
    ...(sentAt !== undefined && { sentAt }),
    ...(firstReadAt !== undefined && { firstReadAt }),
    checkedAt: now,
    ...(listed && { listed }),
    ...(previous?.publishedNotified && { publishedNotified: true }),
    ...(previous?.stuckNotified && { stuckNotified: true }),
  };
}

/** What GREEN-API's 200 to a send means, and all that is known until the first look. */
export function queuedState(postedAt: number): LiveState {
  return { state: 'queued', delivered: 0, read: 0, checkedAt: postedAt };
}

/** Out of the queue: on its way to phones, or on them. */
export function isPublished(live: LiveState | undefined): boolean {
  return live !== undefined && rankOf(live.state) >= 1;
}

/** Still worth asking about: younger than a status lives, and not known to have expired unpublished. */
export function isInFlight(record: { postedAt: number; live?: LiveState }, now: number): boolean {
  return now - record.postedAt < STATUS_LIFETIME_MS && record.live?.state !== 'not-published';
}

export function isLiveState(value: unknown): value is LiveState {
  return (
    isRecord(value) &&
    (RANKED.includes(value.state as LiveStateKind) || value.state === 'not-published') &&
    typeof value.delivered === 'number' &&
    typeof value.read === 'number' &&
    typeof value.checkedAt === 'number' &&
    (value.listed === undefined || typeof value.listed === 'boolean') &&
    (value.sentAt === undefined || typeof value.sentAt === 'number') &&
    (value.firstReadAt === undefined || typeof value.firstReadAt === 'number')
  );
}
