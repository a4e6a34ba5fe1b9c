/**
 * The live journal: when a published status reaches sent, delivered and read. Times are stored when a status
 * goes out (from the schedule) or is advanced by hand, and states are read off the clock on every question,
 * so nothing runs in the background.
 */
import type { Delivery, DeliverySchedule, DeliveryState, RecordedStatus } from './types';

/** What one audience member's phone reached, as GetStatusStatistic reports it. */
export interface Reach {
  participant: string;
  status: Exclude<DeliveryState, 'pending'>;
  /** ms since the epoch */
  at: number;
}

export interface DeliveryView {
  state: DeliveryState;
  /** ms since the epoch of the last state change; posting time while pending. */
  changedAt: number;
  /** One entry per audience member once sent; empty while pending. */
  reach: Reach[];
}

/** The status goes out now: its states follow the schedule from here (a null schedule leaves them to advance()). */
export function release(status: RecordedStatus, schedule: DeliverySchedule | null, now: number): void {
  status.deliverableAt = now;
  if (!schedule) return;
  merge(status, {
    sentAt: now + schedule.sentAfterMs,
    deliveredAt: now + schedule.deliveredAfterMs,
    readAt: Array.from({ length: schedule.readers }, (_, i) => now + schedule.readAfterMs + i * schedule.readIntervalMs),
  });
}

/** Brings the status to at least `to` now; reading counts for the first `readers` audience members. */
export function advanceTo(status: RecordedStatus, to: Exclude<DeliveryState, 'pending'>, readers: number, now: number): void {
  merge(status, {
    sentAt: now,
    deliveredAt: to === 'sent' ? undefined : now,
    readAt: to === 'read' ? Array<number>(readers).fill(now) : [],
  });
}

export function deliveryOf(status: RecordedStatus, audience: readonly string[], now = Date.now()): DeliveryView {
  const { sentAt, deliveredAt, readAt } = status.delivery;
  const happened = (at: number | undefined): at is number => at !== undefined && at <= now;
  if (!happened(sentAt)) return { state: 'pending', changedAt: status.at, reach: [] };
  const reach = audience.map((participant, i): Reach => {
    if (happened(readAt[i])) return { participant, status: 'read', at: readAt[i] };
    if (happened(deliveredAt)) return { participant, status: 'delivered', at: deliveredAt };
    return { participant, status: 'sent', at: sentAt };
  });
  const state = reach.some((entry) => entry.status === 'read') ? 'read' : happened(deliveredAt) ? 'delivered' : 'sent';
  const changedAt = Math.max(sentAt, happened(deliveredAt) ? deliveredAt : sentAt, ...reach.map((entry) => entry.at));
  return { state, changedAt, reach };
}

/** Keeps the earlier time of each milestone, so neither the schedule nor advance() can move a status back. */
function merge(status: RecordedStatus, times: Delivery): void {
  const { delivery } = status;
  status.delivery = {
    sentAt: earliest(delivery.sentAt, times.sentAt),
    deliveredAt: earliest(delivery.deliveredAt, times.deliveredAt),
    readAt: Array.from({ length: Math.max(delivery.readAt.length, times.readAt.length) }, (_, i) => earliest(delivery.readAt[i], times.readAt[i]) as number),
  };
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}
