/** What a GREEN-API method handler gets, and helpers to read and check its input. */
import type { IncomingMessage } from 'node:http';
import type { Instance } from './instance';
import { legacyJsonParseError } from './json-error';
import { textReply, validationFailed, type Reply } from './reply';

export interface MethodCall {
  readonly instance: Instance;
  readonly request: IncomingMessage;
  readonly query: URLSearchParams;
  /** The request body; reading it is counted in the request record (and throttled for uploads). */
  readonly body: AsyncIterable<Buffer>;
  /** Aborted when the client hangs up or the emulator closes. */
  readonly signal: AbortSignal;
}

export async function readBody(call: MethodCall): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of call.body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The body as a JSON object, or the 400 the real service gives for malformed JSON or a non-object. */
export async function readJsonObject(call: MethodCall): Promise<Record<string, unknown> | Reply> {
  const text = (await readBody(call)).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return textReply(400, legacyJsonParseError(text));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return validationFailed("'value' must be of type object");
  }
  return value as Record<string, unknown>;
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'status' in value && 'headers' in value && 'body' in value;
}

/** Field checks return the "Details" text of the first failure, or undefined. */
export type FieldCheck = (body: Record<string, unknown>) => string | undefined;

export const requiredString =
  (field: string): FieldCheck =>
  (body) => {
    const value = body[field];
    if (value === undefined || value === null) return `'${field}' is required`;
    if (typeof value !== 'string') return `'${field}' must be a string`;
    return value === '' ? `'${field}' is not allowed to be empty` : undefined;
  };

/** Lengths count UTF-16 code units, the stricter of the readings docs/greenapi.md §3.1 leaves open. */
export const optionalString =
  (field: string, maxLength: number): FieldCheck =>
  (body) => {
    const value = body[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return `'${field}' must be a string`;
    return value.length > maxLength ? `'${field}' length must be less than or equal to ${maxLength} characters long` : undefined;
  };

export const httpUrl =
  (field: string): FieldCheck =>
  (body) => {
    const value = body[field] as string;
    return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) ? undefined : `'${field}' must be a valid uri`;
  };

export const fileNameWithExtension: FieldCheck = (body) =>
  /\.[A-Za-z0-9]{1,10}$/.test(body.fileName as string) ? undefined : "'fileName' must contain the file extension, e.g. test.jpg";

export const optionalHexColor: FieldCheck = (body) =>
  body.backgroundColor === undefined || (typeof body.backgroundColor === 'string' && /^#[0-9A-Fa-f]{6}$/.test(body.backgroundColor))
    ? undefined
    : "'backgroundColor' must be a hex color like #RRGGBB";

export const optionalParticipants: FieldCheck = (body) => {
  const participants = body.participants;
  if (participants === undefined) return undefined;
  if (!Array.isArray(participants)) return "'participants' must be an array";
  const bad = participants.findIndex((id) => typeof id !== 'string' || !/^\d{5,20}@c\.us$/.test(id));
  return bad === -1 ? undefined : `'participants[${bad}]' must be a chat id like 70000001234@c.us`;
};

export function firstFailure(body: Record<string, unknown>, checks: FieldCheck[]): Reply | undefined {
  for (const check of checks) {
    const details = check(body);
    if (details !== undefined) return validationFailed(details);
  }
  return undefined;
}

/** GET methods' `minutes` parameter: optional whole number of minutes [1440]. */
export function minutesParameter(query: URLSearchParams): number | Reply {
  const raw = query.get('minutes');
  if (raw === null || raw === '') return 1440;
  return /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : validationFailed("'minutes' must be a positive integer");
}
