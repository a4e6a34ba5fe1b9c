import * as vscode from 'vscode';
import type { StatusStatisticEntry } from '../../../core/greenApi/types';
import { statisticTooltip, type DeliveryState, type HistoryEntry, type StatisticSummary } from '../../../core/store/history';
import { STATUS_LIFETIME_MS, type LiveState, type LiveStateKind } from '../../../core/followUp/liveState';
import { displayParticipant } from '../../../core/audience/participants';
const VIDEO_NAME = /\.(mp4|mov)$/i;

/** How a status is named in the view and in messages: its caption or text, else its file, else its id. */
export function entryLabel(entry: HistoryEntry): string {
  return entry.caption || entry.fileName || entry.idMessage;
}

/** "just now", "5 min ago", "3 h ago", "2 d ago", then the date. */
function relativeTime(postedAt: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - postedAt) / 60_000);
  if (minutes < 1) return vscode.l10n.t('just now');
  if (minutes < 60) return vscode.l10n.t('{0} min ago', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return vscode.l10n.t('{0} h ago', hours);
  const days = Math.floor(hours / 24);
  if (days < 7) return vscode.l10n.t('{0} d ago', days);
  return new Date(postedAt).toLocaleDateString(vscode.env.language);
}

type Shape = 'image' | 'video' | 'code' | 'text' | 'voice' | 'other';

function shapeOf(entry: HistoryEntry): Shape {
  switch (entry.kind) {
    case 'media':
      return entry.fileName && VIDEO_NAME.test(entry.fileName) ? 'video' : 'image';
    case 'code':
      return 'code';
    case 'text':
      return 'text';
    case 'voice':
      return 'voice';
    default:
      return 'other';
  }
}

function kindLabel(entry: HistoryEntry): string {
  switch (shapeOf(entry)) {
    case 'image':
      return vscode.l10n.t('image');
    case 'video':
      return vscode.l10n.t('video');
    case 'code':
      return vscode.l10n.t('code image');
    case 'text':
      return vscode.l10n.t('text');
    case 'voice':
      return vscode.l10n.t('voice');
    case 'other':
      return vscode.l10n.t('status');
  }
}

const ICONS: Readonly<Record<Shape, string>> = {
  image: 'file-media',
  video: 'device-camera-video',
  code: 'code',
  text: 'comment',
  voice: 'mic',
  other: 'circle-large-outline',
};

/** "all contacts", "1 person", "3 people"; undefined when unknown (posted elsewhere: the journal does not say). */
function audienceText(entry: HistoryEntry): string | undefined {
  if (entry.audienceSize === undefined) return undefined;
  if (entry.audienceSize === 0) return vscode.l10n.t('all contacts');
  return entry.audienceSize === 1 ? vscode.l10n.t('1 person') : vscode.l10n.t('{0} people', entry.audienceSize);
}

/** "1 read · 3 delivered" in the person's language; '' when nobody is counted. */
export function statisticText(summary: StatisticSummary): string {
  const words: Record<DeliveryState, (count: number) => string> = {
    read: (count) => vscode.l10n.t('{0} read', count),
    delivered: (count) => vscode.l10n.t('{0} delivered', count),
    sent: (count) => vscode.l10n.t('{0} sent', count),
  };
  return statisticTooltip(summary, (state, count) => words[state](count));
}

/** Lets menus tell items apart: `status` always, `postable` for a media status with a file name to look for. */
function contextValueOf(entry: HistoryEntry): string {
  return ['status', entry.local ? 'local' : 'journal', ...(entry.kind === 'media' && entry.fileName ? ['postable'] : [])].join(' ');
}

/** "Queued", "Sent", "Delivered to 3", "Read by 2", "Not published". */
function liveStateText(live: LiveState): string {
  switch (live.state) {
    case 'queued':
      return vscode.l10n.t('Queued');
    case 'sent':
      return vscode.l10n.t('Sent');
    case 'delivered':
      return vscode.l10n.t('Delivered to {0}', live.delivered);
    case 'read':
      return live.read === 1 ? vscode.l10n.t('Read by 1') : vscode.l10n.t('Read by {0}', live.read);
    case 'not-published':
      return vscode.l10n.t('Not published');
  }
}

/** Each live state's own icon and colour, so the list reads at a glance. */
const LIVE_ICONS: Readonly<Record<LiveStateKind, readonly [string, string]>> = {
  queued: ['clock', 'charts.yellow'],
  sent: ['check', 'charts.blue'],
  delivered: ['check-all', 'charts.blue'],
  read: ['eye', 'charts.green'],
  'not-published': ['error', 'errorForeground'],
};

/** A viewer under an expanded status. */
export interface ViewerNode {
  readonly viewerOf: string;
  readonly viewer: StatusStatisticEntry;
}

export function historyTreeItem(entry: HistoryEntry, now: number, summary: StatisticSummary | undefined, viewerCount = 0): vscode.TreeItem {
  const item = new vscode.TreeItem(entryLabel(entry), viewerCount ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = entry.idMessage;
  const expired = now - entry.postedAt >= STATUS_LIFETIME_MS;
  const audience = audienceText(entry);
  // A status that expired still "queued" without the journal ever listing it: where it went is not known.
  const known = expired && entry.live?.state === 'queued' ? undefined : entry.live;
  const live = known && liveStateText(known);
  item.description = [
    relativeTime(entry.postedAt, now),
    kindLabel(entry),
    ...(audience ? [audience] : []),
    ...(live ? [live] : []),
    ...(expired ? [vscode.l10n.t('expired')] : []),
  ].join(' · ');
  if (entry.live && !expired) {
    const [icon, color] = LIVE_ICONS[entry.live.state];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
  } else {
    item.iconPath = new vscode.ThemeIcon(ICONS[shapeOf(entry)], expired ? new vscode.ThemeColor('disabledForeground') : undefined);
  }
  item.contextValue = contextValueOf(entry);
  item.tooltip = tooltipOf(entry, now, summary, expired, known);
  item.accessibilityInformation = { label: `${entryLabel(entry)}, ${item.description}` };
  return item;
}

/** A viewer's state in a word: "read", "delivered", "sent". */
export function viewerStateWord(state: DeliveryState): string {
  switch (state) {
    case 'read':
      return vscode.l10n.t('read');
    case 'delivered':
      return vscode.l10n.t('delivered');
    case 'sent':
      return vscode.l10n.t('sent');
  }
}
export const VIEWER_ICONS: Readonly<Record<DeliveryState, string>> = { read: 'eye', delivered: 'check-all', sent: 'check' };

export function viewerTreeItem({ viewerOf, viewer }: ViewerNode): vscode.TreeItem {
  const state = viewer.status as DeliveryState;
  const item = new vscode.TreeItem(displayParticipant(viewer.participant), vscode.TreeItemCollapsibleState.None);
  item.id = `${viewerOf}/${viewer.participant}`;
  const when = new Date(viewer.timestamp * 1000).toLocaleTimeString(vscode.env.language);
  item.description = `${viewerStateWord(state)} · ${when}`;
  item.iconPath = new vscode.ThemeIcon(VIEWER_ICONS[state]);
  item.contextValue = 'viewer';
  return item;
}

/** "Queued 14:02 → sent 14:02 → first read 14:05", each step once known. */
function timeline(entry: HistoryEntry, live: LiveState): string {
  const time = (at: number) => new Date(at).toLocaleTimeString(vscode.env.language);
  const steps = [vscode.l10n.t('Queued {0}', time(entry.postedAt))];
  if (live.sentAt !== undefined) steps.push(vscode.l10n.t('sent {0}', time(live.sentAt)));
  if (live.firstReadAt !== undefined) steps.push(vscode.l10n.t('first read {0}', time(live.firstReadAt)));
  return steps.join(' → ');
}

/** `known`: the live state the item shows, if any (none for a status that expired without being listed). */
function tooltipOf(entry: HistoryEntry, now: number, summary: StatisticSummary | undefined, expired: boolean, known: LiveState | undefined): string {
  const lines = [entryLabel(entry)];
  if (entry.fileName && entry.fileName !== lines[0]) lines.push(entry.fileName);
  const posted = new Date(entry.postedAt).toLocaleString(vscode.env.language);
  const audience = audienceText(entry);
  lines.push(
    audience
      ? vscode.l10n.t('{0} status to {1}, posted {2} ({3})', kindLabel(entry), audience, posted, relativeTime(entry.postedAt, now))
      : vscode.l10n.t('{0} status, posted {1} ({2})', kindLabel(entry), posted, relativeTime(entry.postedAt, now)),
  );
  if (!entry.local) lines.push(vscode.l10n.t('Posted from your phone or another app; GREEN-API does not report its audience.'));
  if (known) {
    lines.push(`${liveStateText(known)}: ${timeline(entry, known)}`);
    if (known.state === 'queued') lines.push(vscode.l10n.t('GREEN-API accepted it but has not published it yet.'));
    if (known.state === 'not-published') lines.push(vscode.l10n.t('It was still queued when it expired: nobody saw it.'));
  }
  if (expired) lines.push(vscode.l10n.t('Expired: statuses disappear from phones after 24 hours.'));
  else if (!entry.live && entry.journalState && entry.journalState !== 'sent') lines.push(vscode.l10n.t('GREEN-API reports it as {0}.', entry.journalState));
  if (summary) {
    const counted = statisticText(summary);
    lines.push(counted ? vscode.l10n.t('Statistics: {0}', counted) : vscode.l10n.t('Statistics: nobody counted yet'));
  }
  lines.push(vscode.l10n.t('ID: {0}', entry.idMessage));
  return lines.join('\n');
}
