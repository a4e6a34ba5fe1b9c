/**
 * What WhatsApp would find behind a status's urlFile (docs/greenapi.md §3.8). The emulator's own uploads
 * are looked up directly; other loopback URLs get a HEAD request; anything else is never fetched,
 * so the emulator cannot send traffic off this machine.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { essence, extensionMatchesType, OCTET_STREAM } from './media-types';
import type { Instance } from './instance';

interface LinkFacts {
  contentType?: string;
  attachment: boolean;
}

const PROBE_TIMEOUT_MS = 2000;

/** Problems with the link itself, and whether its type agrees with the fileName extension. */
export async function linkProblems(instance: Instance, urlFile: string, ext: string, signal: AbortSignal): Promise<string[]> {
  const url = new URL(urlFile);
  let facts: LinkFacts;
  if (instance.isOwnOrigin(url.origin)) {
    const upload = instance.uploads.findByPath(url.pathname);
    if (!upload) return ['link not reachable (HTTP 404)'];
    facts = upload.linkStyle === 'download' ? { contentType: OCTET_STREAM, attachment: true } : { contentType: upload.contentType, attachment: false };
  } else if (!isLoopback(url.hostname)) {
    return ['link not reachable (the emulator fetches only loopback URLs)'];
  } else {
    const probe = await head(url, signal);
    if ('failure' in probe) return [`link not reachable (${probe.failure})`];
    if (probe.status >= 300 && probe.status < 400) return [`link redirects (HTTP ${probe.status})`];
    if (probe.status >= 400) return [`link not reachable (HTTP ${probe.status})`];
    facts = probe;
  }
  if (facts.contentType === undefined) return ['link serves no Content-Type'];
  const type = essence(facts.contentType);
  if (type === OCTET_STREAM) return [`would not appear: download link (${OCTET_STREAM})`];
  if (facts.attachment) return ['would not appear: download link (Content-Disposition: attachment)'];
  if (type === 'text/html') return ['link serves a web page (text/html), not the file'];
  if (!extensionMatchesType(ext, type)) return [`fileName extension .${ext} does not match the link's type ${type}`];
  return [];
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function head(url: URL, signal: AbortSignal): Promise<(LinkFacts & { status: number }) | { failure: string }> {
  return new Promise((resolve) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: 'HEAD', timeout: PROBE_TIMEOUT_MS, signal }, (response) => {
      response.resume();
      resolve({
        status: response.statusCode ?? 0,
        contentType: response.headers['content-type'],
        attachment: /^\s*attachment/i.test(response.headers['content-disposition'] ?? ''),
      });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ failure: error.code ?? error.message }));
    request.end();
  });
}
