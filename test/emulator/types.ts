/** Public data shapes of the GREEN-API emulator (see README.md beside this file). */

export interface EmulatorOptions {
  /** Interface to listen on and to put in the URLs [127.0.0.1]. */
  host?: string;
  /** Fixed ports; 0 or absent picks a free one. */
  apiPort?: number;
  mediaPort?: number;
  idInstance?: string;
  apiTokenInstance?: string;
  /** Serve HTTPS with the test-only self-signed certificate in fixtures/. */
  tls?: boolean;
}

export type InstanceState = 'authorized' | 'notAuthorized' | 'blocked' | 'sleepMode' | 'starting' | 'yellowCard' | 'suspended' | null;

export const INSTANCE_STATES: readonly InstanceState[] = ['authorized', 'notAuthorized', 'blocked', 'sleepMode', 'starting', 'yellowCard', 'suspended', null];

/** One GetContacts entry (docs/greenapi.md §4.5). */
export interface Contact {
  id: string;
  name: string;
  contactName?: string;
  type: 'user' | 'group';
  /** The contact's id under WhatsApp's lid addressing (e.g. '204857393020155@lid'); GetContacts shows it in 'lid' mode. */
  lid?: string;
}

/** An exhausted plan quota, answered as 466 (docs/greenapi.md §5.1). */
export interface Quota {
  method: string;
  used: number;
  total: number;
  description: string;
}

export type LinkStyle = 'direct' | 'download';

/**
 * How a published status moves through the journal, in ms from the moment it goes out (posted while
 * authorized, or when the instance next becomes authorized). Audience member i (i < readers) reads it at
 * readAfterMs + i * readIntervalMs.
 */
export interface DeliverySchedule {
  sentAfterMs: number;
  deliveredAfterMs: number;
  readAfterMs: number;
  readIntervalMs: number;
  readers: number;
}

/** A status's state in the outgoing journal. */
export type DeliveryState = 'pending' | 'sent' | 'delivered' | 'read';

export interface EmulatorConfig {
  stateInstance: InstanceState;
  phone: string;
  contacts: Contact[];
  /** 'lid': GetContacts shows lid ids where a contact has one, and every contactName blank. Who sees a status does not change. */
  contactBook: 'phone' | 'lid';
  /** 'iphone': a status without a participants list is answered 200 and never published. */
  mainDevice: 'android' | 'iphone';
  /** Upload Content-Types the server recognises; any other is classified by GA-Filename, else stored as .bin. */
  mimeTypes: string[];
  /** false → 403 Forbidden on every status method. */
  betaAccess: boolean;
  /** Set → 466 on Send*Status and on the method it names. */
  quota: Quota | undefined;
  /** Applies to uploads made while it is set. */
  linkStyle: LinkStyle;
  /** How fast the media host reads an upload body; undefined = as fast as it comes. */
  uploadBytesPerSecond: number | undefined;
  /**
   * How a method's answer that comes before the whole request body (a refusal) ends the connection: 'drain' reads and
   * drops the rest first, as nginx does; 'close' closes at once, as a server that does not linger, so the client's
   * next writes fail (EPIPE, ECONNRESET) while the answer waits unread in its socket.
   */
  earlyAnswer: 'drain' | 'close';
  /** Enforce per-method requests per second with 429. */
  rateLimit: boolean;
  outgoingWebhook: 'yes' | 'no';
  /** false: getOutgoingStatuses lists statuses whatever outgoingWebhook says (getStatusStatistic still needs it). */
  journalNeedsWebhook: boolean;
  /** Applies to statuses that go out while it is set; null = manual, they stay 'pending' until advance(). */
  deliverySchedule: DeliverySchedule | null;
  delaySendMessagesMilliseconds: number;
  /** How long setSettings keeps the instance in 'starting' (its reboot). */
  rebootMilliseconds: number;
}

/** Which listener a request reached and what it was for. */
export type RequestHost =
  | 'api' // a GREEN-API method path (or an unknown path) on the API host
  | 'media' // a GREEN-API method path (or an unknown path) on the media host
  | 'control' // /__emulator/* and the status page at /
  | 'file' // GET/HEAD of an uploaded file on the media host
  | 'redirect'; // the loopback target of the 'redirect' fault

export interface RecordedRequest {
  host: RequestHost;
  verb: string;
  /** Canonical GREEN-API method name (e.g. 'sendMediaStatus'); the name as sent when unknown. */
  apiMethod?: string;
  /** 0 while unanswered, and for ever when the emulator reset or stalled the connection. */
  status: number;
  /** Request body bytes the emulator read (grows while it reads). */
  bodyBytes: number;
  /** Request headers, lower-case names; never contains the token. */
  headers: Record<string, string>;
  /** Arrival time, ms since the epoch. */
  at: number;
}

export interface StoredUpload {
  urlFile: string;
  sha256: string;
  size: number;
  /** The media type a direct link serves. */
  contentType: string;
  gaFilename?: string;
  /** 'download' links serve application/octet-stream with Content-Disposition: attachment. */
  linkStyle: LinkStyle;
  at: number;
  /** For pictures and videos whose structure the extension reads: whether the stored file still tells a location. */
  location?: { present: boolean; orientation?: number };
}

export type StatusKind = 'media' | 'text' | 'voice';

export interface RecordedStatus {
  idMessage: string;
  kind: StatusKind;
  /** The request body as parsed JSON. */
  body: Record<string, unknown>;
  at: number;
  /** Why the status would not (fully) appear on phones; empty when it would. */
  problems: string[];
  /** The problems (also in `problems`) that keep it from ever being published: it stays 'pending' for ever. */
  blockers: string[];
  deleted: boolean;
  /** outgoingWebhook was 'yes' when it was posted; only such statuses get statistics (and journal states, while the journal needs the setting). */
  tracked: boolean;
  /** When it went out (posted while authorized, or when the instance next became authorized); unset while queued or blocked. */
  deliverableAt?: number;
  /** When it reached each state, ms since the epoch (from the schedule or advance()); a time still to come has not happened. */
  delivery: Delivery;
}

export interface Delivery {
  sentAt?: number;
  deliveredAt?: number;
  /** readAt[i]: when audience member i reads it. */
  readAt: number[];
}

export interface AdvanceOptions {
  /** The status to move on; default the newest. */
  idMessage?: string;
  to: 'sent' | 'delivered' | 'read';
  /** With to: 'read', how many audience members (the first ones) have read it [1]. */
  readers?: number;
}

/** What advance() answers: the status it moved and the state it is in now. */
export interface Advanced {
  idMessage: string;
  statusMessage: DeliveryState;
}

export type FaultAction =
  | 'reset-before-response' // read the whole body, then destroy the socket
  | 'reset-immediately' // destroy the socket before reading the body
  | 'stall-headers' // read the body, never answer
  | 'stall-body' // stop reading the body after its first chunk, never answer
  | 'redirect' // 302 to the emulator's redirect listener (same path)
  | 'html' // 502 with an nginx-like HTML page
  | 'invalid-json'; // 200 with a truncated JSON body

export interface Fault {
  /** GREEN-API method name (case-insensitive) or '*' for any method on either host. */
  method: string;
  /** How many of the next matching requests it hits [1]. */
  times?: number;
  /** Answer with this status instead of the real one (also overrides the status of 'html'/'redirect'/'invalid-json'). */
  status?: number;
  /** Body for `status`: a string is sent as text/plain, anything else as JSON. */
  body?: string | object;
  /** Added to whatever answer is sent (e.g. Retry-After). */
  headers?: Record<string, string>;
  /** Wait this long after reading the body, before answering. */
  delayMs?: number;
  action?: FaultAction;
}
