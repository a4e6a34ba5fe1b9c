/** An answer before it is written, so faults can replace it or add headers to it. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function textReply(status: number, text: string): Reply {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: text };
}

export function jsonReply(status: number, value: unknown): Reply {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}

/** DeleteStatus: 200 with no body at all (docs/greenapi.md §3.5). */
export function emptyReply(status: number): Reply {
  return { status, headers: {}, body: '' };
}

export function htmlReply(status: number, html: string): Reply {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html };
}

/** docs/greenapi.md §5.1: field validation errors are plain text with this prefix. */
export function validationFailed(details: string): Reply {
  return textReply(400, `Validation failed. Details: ${details}`);
}

export const notFound = (): Reply => textReply(404, 'Not Found');
export const forbidden = (): Reply => textReply(403, 'Forbidden');
export const unauthorized = (): Reply => textReply(401, 'Unauthorized');
export const tooManyRequests = (): Reply => textReply(429, 'Too Many Requests');
export const startingInstance = (): Reply => textReply(400, 'instance in starting process try later');
