/** The self-refreshing HTML page at `/` on the API host: what "appeared" as statuses, newest first. */
import { participantsOf, type Instance } from './instance';
import type { RecordedStatus } from './types';

const REFRESH_SECONDS = 3;

export function renderStatusPage(instance: Instance): string {
  const statuses = [...instance.statuses].reverse();
  const items = statuses.length === 0 ? '<p class="empty">No status received yet.</p>' : statuses.map((status) => renderStatus(instance, status)).join('\n');
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
  article { background: #fff; border-radius: .6rem; box-shadow: 0 1px 3px #0002; margin: 1rem 0; padding: .8rem 1rem; }
  article.deleted { opacity: .55; }
  .kind { font-weight: 600; text-transform: uppercase; font-size: .75rem; letter-spacing: .05em; background: #25d366; color: #fff; border-radius: .3rem; padding: .1rem .4rem; }
  .text { border-radius: .5rem; color: #fff; padding: 1.2rem; font-size: 1.2rem; text-align: center; white-space: pre-wrap; }
  .caption { white-space: pre-wrap; margin: .5rem 0; }
  img, video, audio { display: block; max-width: 100%; max-height: 22rem; margin: .5rem 0; border-radius: .4rem; }
  ul.problems { color: #b00020; margin: .5rem 0 0; padding-left: 1.2rem; }
  code { font-size: .85rem; }
  .empty { color: #555; }
</style>
</head>
<body>
<header>
  <h1>Statuses received by the GREEN-API emulator</h1>
  <span class="meta">instance ${escapeHtml(instance.idInstance)} · state ${escapeHtml(String(instance.config.stateInstance))} · refreshes every ${REFRESH_SECONDS} s</span>
</header>
${items}
</body>
</html>
`;
}

function renderStatus(instance: Instance, status: RecordedStatus): string {
  const participants = participantsOf(status);
  const audience = participants.length === 0 ? 'all contacts' : participants.map(escapeHtml).join(', ');
  const problems = status.problems.length === 0
    ? ''
    : `<ul class="problems">${status.problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('')}</ul>`;
  return `<article class="${status.deleted ? 'deleted' : ''}">
  <div><span class="kind">${status.kind}</span> ${escapeHtml(new Date(status.at).toLocaleString())}${status.deleted ? ' · <strong>deleted</strong>' : ''}</div>
  ${renderContent(instance, status)}
  <div class="meta">Audience: ${audience}</div>
  <div class="meta">idMessage <code>${escapeHtml(status.idMessage)}</code></div>
  ${problems}
</article>`;
}

function renderContent(instance: Instance, status: RecordedStatus): string {
  const { body } = status;
  if (status.kind === 'text') {
    const background = /^#[0-9A-Fa-f]{6}$/.test(String(body.backgroundColor)) ? String(body.backgroundColor) : '#000000';
    return `<div class="text" style="background:${background}">${escapeHtml(String(body.message ?? ''))}</div>`;
  }
  const urlFile = String(body.urlFile);
  const upload = URL.canParse(urlFile) && instance.isOwnOrigin(new URL(urlFile).origin)
    ? instance.uploads.findByPath(new URL(urlFile).pathname)
    : undefined;
  const caption = body.caption ? `<div class="caption">${escapeHtml(String(body.caption))}</div>` : '';
  const link = `<div class="meta">${escapeHtml(String(body.fileName))} · <a href="${escapeHtml(urlFile)}">${escapeHtml(urlFile)}</a></div>`;
  if (!upload) return `${link}${caption}`;
  const src = escapeHtml(upload.urlFile);
  const preview = upload.contentType.startsWith('video/')
    ? `<video src="${src}" controls muted></video>`
    : upload.contentType.startsWith('audio/')
      ? `<audio src="${src}" controls></audio>`
      : `<img src="${src}" alt="${escapeHtml(String(body.fileName))}">`;
  return `${preview}${link}${caption}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
