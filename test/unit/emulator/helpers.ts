/** Plain-HTTP helpers for the emulator's own tests (deliberately not the extension's client). */
import type { Emulator } from '../../emulator';

export interface MethodUrlOptions {
  host?: 'api' | 'media';
  idInstance?: string;
  token?: string;
  query?: Record<string, string>;
}

export function methodUrl(emulator: Emulator, method: string, options: MethodUrlOptions = {}): string {
  const base = options.host === 'media' ? emulator.mediaUrl : emulator.apiUrl;
  // Percent-encoded as clients do, so any token fits in its path segment.
  const idInstance = encodeURIComponent(options.idInstance ?? emulator.idInstance);
  const url = new URL(`${base}/waInstance${idInstance}/${method}/${encodeURIComponent(options.token ?? emulator.apiTokenInstance)}`);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
  return url.toString();
}

export function postJson(emulator: Emulator, method: string, body: unknown, options: MethodUrlOptions = {}): Promise<Response> {
  return fetch(methodUrl(emulator, method, options), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function get(emulator: Emulator, method: string, options: MethodUrlOptions = {}): Promise<Response> {
  return fetch(methodUrl(emulator, method, options));
}

export function upload(emulator: Emulator, bytes: Uint8Array, headers: Record<string, string>, options: MethodUrlOptions = {}): Promise<Response> {
  return fetch(methodUrl(emulator, 'uploadFile', { host: 'media', ...options }), { method: 'POST', headers, body: bytes });
}

/** Uploads and returns the urlFile, failing loudly if the upload is refused. */
export async function uploadedUrl(emulator: Emulator, bytes: Uint8Array, contentType: string): Promise<string> {
  const response = await upload(emulator, bytes, { 'Content-Type': contentType });
  if (response.status !== 200) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { urlFile: string }).urlFile;
}

export async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A PNG signature followed by filler: enough for type checks, which look at headers, not pixels. */
export const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 7)]);

/** GET the JSON a method answers, failing loudly on any other status. */
export async function getJson<T>(emulator: Emulator, method: string, options: MethodUrlOptions = {}): Promise<T> {
  const response = await get(emulator, method, options);
  if (response.status !== 200) throw new Error(`${method} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** POSTs a status and returns its idMessage, failing loudly if it is refused. */
export async function posted(emulator: Emulator, method: string, body: unknown): Promise<string> {
  const response = await postJson(emulator, method, body);
  if (response.status !== 200) throw new Error(`${method} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { idMessage: string }).idMessage;
}
