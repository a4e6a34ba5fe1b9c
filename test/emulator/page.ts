/**
 * The self-refreshing HTML page at `/` on the API host: each status as a phone would show it, newest first, with
 * how far it got (queued, sent, delivered, read by whom) and, for one that never appears, why in plain words.
 * Self-contained: inline CSS, and nothing loaded but the emulator's own uploads.
 */
import { deliveryOf, type DeliveryView } from './delivery';
import { participantsOf, type Instance } from './instance';
import type { RecordedStatus } from './types';

const REFRESH_SECONDS = 3;

/** CSS stacks close to WhatsApp's five status fonts. */
const FONT_CSS: Readonly<Record<string, string>> = {
  SERIF: 'Georgia, serif',
  SANS_SERIF: 'system-ui, sans-serif',
  NORICAN_REGULAR: "'Brush Script MT', cursive",
  BRYNDAN_WRITE: "'Comic Sans MS', cursive",
  OSWALD_HEAVY: "Impact, 'Arial Narrow', sans-serif",
};

/** Plain words for the problems that keep a status from ever appearing; any other is shown as recorded. */
const NEVER_APPEARS_BECAUSE: ReadonlyArray<[RegExp, (match: RegExpExecArray, status: RecordedStatus) => string]> = [
  [
    /^would not appear: download link \(application\/octet-stream\)/,
    (_, status) =>
      /\.bin$/i.test(String(status.body.urlFile))
        ? 'GREEN-API stored the file as a download (.bin), so WhatsApp cannot show it.'
        : 'the link serves the file as a download (application/octet-stream), so WhatsApp cannot show it.',
  ],
  [
    /^would not appear: download link \(Content-Disposition/,
    () => 'the link makes the file a download (Content-Disposition: attachment), so WhatsApp cannot show it.',
  ],
  [/^iPhone main device/, () => 'the main phone is an iPhone and the status was sent to all contacts without a list.'],
  [/^unsupported file type (\S+)/, (match) => `WhatsApp does not show ${match[1]} files as a status.`],
  [/^link not reachable \((.*)\)$/, (match) => `GREEN-API could not fetch the link (${match[1]}).`],
  [/^link redirects \((.*)\)$/, (match) => `the link redirects (${match[1]}) instead of serving the file.`],
  [/^link serves a web page/, () => 'the link leads to a web page, not to the file.'],
  [/^link serves no Content-Type/, () => 'the link does not say what kind of file it serves.'],
  [/^fileName extension (\S+) does not match the link's type (\S+)/, (match) => `the file name says ${match[1]} but the link serves ${match[2]}.`],
  [/^instance blocked/, () => 'the WhatsApp account is banned.'],
  [/^no saved contact/, () => 'the phone book has no saved contact, so there is nobody to show it to.'],
  [/^'(\w+)' starts with a byte order mark/, (match) => `the ${match[1]} starts with an invisible byte order mark (U+FEFF).`],
];

export function renderStatusPage(instance: Instance): string {
  const statuses = [...instance.statuses].reverse();
  const items = statuses.length === 0 ? '<p class="empty">No status received yet.</p>' : statuses.map((status) => renderStatus(instance, status)).join('\n');
  const { stateInstance, mainDevice, contactBook } = instance.config;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="${REFRESH_SECONDS}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GREEN-API emulator – statuses</title>
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 0 auto; max-width: 46rem; padding: 1rem; color: #1b1b1b; background: #f4f4f0; }
  header { display: flex; justify-content: space-between; align-items: baseline; flex-wrap: wrap; gap: .5rem; }
  h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
  .meta { color: #555; font-size: .85rem; }
  article { display: flex; flex-wrap: wrap; gap: 1rem; background: #fff; border-radius: .6rem; box-shadow: 0 1px 3px #0002; margin: 1rem 0; padding: .8rem; }
  article.deleted .phone { opacity: .35; }
  .phone { position: relative; flex: none; width: 270px; height: 480px; border-radius: 14px; overflow: hidden; background: #111; color: #fff; }
  .phone.never { opacity: .45; }
  .phone img, .phone video { display: block; width: 100%; height: 100%; object-fit: contain; }
  .phone .caption { position: absolute; left: 0; right: 0; bottom: 0; padding: 1.6rem .8rem .9rem; text-align: center; white-space: pre-wrap;
    overflow-wrap: anywhere; background: linear-gradient(transparent, #000b); }
  .phone .text { display: flex; align-items: center; justify-content: center; height: 100%; box-sizing: border-box; padding: 1.4rem;
    font-size: 1.35rem; text-align: center; white-space: pre-wrap; overflow-wrap: anywhere; }
  .phone .voice { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 1rem; height: 100%; }
  .phone .voice span { font-size: 3.5rem; }
  .phone .voice audio { width: 230px; }
  .phone .gps { position: absolute; top: 0; left: 0; right: 0; padding: .3rem; background: #b00020; color: #fff; font-size: .8rem; text-align: center; }
  .phone .elsewhere { display: flex; align-items: center; justify-content: center; height: 100%; padding: 1rem; box-sizing: border-box;
    text-align: center; color: #bbb; overflow-wrap: anywhere; }
  .details { flex: 1 1 14rem; min-width: 0; }
  .kind { font-weight: 600; text-transform: uppercase; font-size: .75rem; letter-spacing: .05em; background: #25d366; color: #fff; border-radius: .3rem; padding: .1rem .4rem; }
  .state { font-size: 1.1rem; font-weight: 600; margin: .5rem 0 .2rem; }
  .state.never { color: #b00020; }
  .reason { color: #b00020; margin: .2rem 0; }
  ul.viewers { margin: .2rem 0 .5rem; padding-left: 1.2rem; }
  ul.problems { color: #8a5a00; margin: .5rem 0 0; padding-left: 1.2rem; font-size: .85rem; }
  code { font-size: .85rem; overflow-wrap: anywhere; }
  .empty { color: #555; }
</style>
</head>
<body>
<header>
  <h1>Statuses received by the GREEN-API emulator</h1>
  <span class="meta">instance ${escapeHtml(instance.idInstance)} · state ${escapeHtml(String(stateInstance))} · main phone ${mainDevice === 'iphone' ? 'iPhone' : 'Android'} · contacts by ${contactBook} · refreshes every ${REFRESH_SECONDS} s</span>
</header>
${items}
</body>
</html>
`;
}

function renderStatus(instance: Instance, status: RecordedStatus): string {
  const participants = participantsOf(status);
  const audience = participants.length === 0 ? 'all contacts' : participants.map(escapeHtml).join(', ');
  const never = status.blockers.length > 0;
  const problems =
    status.problems.length === 0 ? '' : `<ul class="problems">${status.problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('')}</ul>`;
  return `<article class="${status.deleted ? 'deleted' : ''}">
  <div class="phone${never ? ' never' : ''}">${renderContent(instance, status)}</div>
  <div class="details">
    <div><span class="kind">${status.kind}</span> ${escapeHtml(new Date(status.at).toLocaleString())}${status.deleted ? ' · <strong>deleted</strong>' : ''}</div>
    ${never ? renderNeverAppears(status) : renderDelivery(instance, status, deliveryOf(status, instance.audienceOf(status)))}
    <div class="meta">Audience: ${audience}</div>
    <div class="meta">idMessage <code>${escapeHtml(status.idMessage)}</code></div>
    ${problems}
  </div>
</article>`;
}

function renderNeverAppears(status: RecordedStatus): string {
  const reasons = status.blockers.map((blocker) => `<p class="reason">Will never appear: ${escapeHtml(plainReason(blocker, status))}</p>`);
  return `<div class="state never">Never published</div>\n    ${reasons.join('\n    ')}`;
}

function plainReason(blocker: string, status: RecordedStatus): string {
  for (const [pattern, explain] of NEVER_APPEARS_BECAUSE) {
    const match = pattern.exec(blocker);
    if (match) return explain(match, status);
  }
  return `${blocker}.`;
}

function renderDelivery(instance: Instance, status: RecordedStatus, view: DeliveryView): string {
  const untracked = status.tracked
    ? ''
    : `<div class="meta">outgoingWebhook was off when it was posted: GREEN-API gives no statistics for it${instance.config.journalNeedsWebhook ? ', and its journal item stays pending' : ''}.</div>`;
  if (view.state === 'pending') {
    const waiting =
      status.deliverableAt === undefined
        ? `Queued: it goes out when the instance is authorized (now ${escapeHtml(String(instance.config.stateInstance))}).`
        : status.delivery.sentAt === undefined
          ? 'Pending: waiting to be advanced by hand.'
          : 'Pending: on its way to the phones.';
    return `<div class="state">Queued</div>\n    <div class="meta">${waiting}</div>${untracked}`;
  }
  const at = (ms: number): string => escapeHtml(new Date(ms).toLocaleTimeString());
  const names = new Map(instance.config.contacts.map((contact) => [contact.id, contact.contactName || contact.name]));
  const viewers = view.reach.filter((entry) => entry.status === 'read');
  const delivered = view.reach.filter((entry) => entry.status !== 'sent').length;
  const headline =
    view.state === 'read' ? `Read by ${viewers.length} · delivered to ${delivered}` : view.state === 'delivered' ? `Delivered to ${delivered}` : 'Sent';
  const viewerList =
    viewers.length === 0
      ? ''
      : `<ul class="viewers">${viewers.map((viewer) => `<li>${escapeHtml(names.get(viewer.participant) || viewer.participant)} <span class="meta">${escapeHtml(viewer.participant)} · ${at(viewer.at)}</span></li>`).join('')}</ul>`;
  return `<div class="state">${headline}</div>\n    <div class="meta">since ${at(view.changedAt)}</div>${viewerList}${untracked}`;
}

function renderContent(instance: Instance, status: RecordedStatus): string {
  const { body } = status;
  const background = /^#[0-9A-Fa-f]{6}$/.test(String(body.backgroundColor)) ? String(body.backgroundColor) : undefined;
  if (status.kind === 'text') {
    const font = FONT_CSS[String(body.font)] ?? FONT_CSS.SERIF;
    return `<div class="text" style="background:${background ?? '#000000'};font-family:${escapeHtml(font)}">${escapeHtml(String(body.message ?? ''))}</div>`;
  }
  const urlFile = String(body.urlFile);
  const upload = URL.canParse(urlFile) && instance.isOwnOrigin(new URL(urlFile).origin) ? instance.uploads.findByPath(new URL(urlFile).pathname) : undefined;
  const caption = body.caption ? `<div class="caption">${escapeHtml(String(body.caption))}</div>` : '';
  const fileName = escapeHtml(String(body.fileName));
  // Only the emulator's own uploads are loaded: the page must not reach anywhere else.
  if (!upload) return `<div class="elsewhere">${fileName}<br>${escapeHtml(urlFile)}</div>${caption}`;
  const src = escapeHtml(upload.urlFile);
  if (status.kind === 'voice') {
    return `<div class="voice" style="background:${background ?? '#FFFFFF'}"><span>🎤</span><audio src="${src}" controls></audio></div>`;
  }
  const preview = upload.contentType.startsWith('video/') ? `<video src="${src}" controls muted playsinline></video>` : `<img src="${src}" alt="${fileName}">`;
  const location = upload.location?.present ? '<div class="gps">GPS present — would be public</div>' : '';
  return `${preview}${location}${caption}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
