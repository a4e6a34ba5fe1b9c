/** The emulated WhatsApp instance: its configuration, settings, status journal and reboot. */
import { advanceTo, deliveryOf, release } from './delivery';
import { DEFAULT_MIME_TYPES, KNOWN_MIME_TYPES } from './media-types';
import {
  INSTANCE_STATES,
  type Advanced,
  type AdvanceOptions,
  type Contact,
  type DeliverySchedule,
  type EmulatorConfig,
  type InstanceState,
  type RecordedStatus,
} from './types';
import type { UploadStore } from './uploads';

/** A small phone book: saved users, one unsaved number (no contactName) and a group. */
const DEFAULT_CONTACTS: readonly Contact[] = [
  { id: '79001112233@c.us', name: 'Alice', contactName: 'Alice Smith', type: 'user' },
  { id: '79002223344@c.us', name: 'Bob', contactName: 'Bob', type: 'user', lid: '204857393020155@lid' },
  { id: '447700900123@c.us', name: '', contactName: 'Carol (UK)', type: 'user' },
  { id: '4915112345678@c.us', name: 'Dieter', contactName: 'Dieter Müller', type: 'user', lid: '118034276491823@lid' },
  { id: '79005556677@c.us', name: 'Unsaved Sender', type: 'user' },
  { id: '120363043968066561@g.us', name: 'Family', type: 'group' },
];

/** For runs a person watches (the sandbox, `npm run emulator`): slow enough to see each state arrive on the page. */
export const SANDBOX_DELIVERY_SCHEDULE: Readonly<DeliverySchedule> = {
  sentAfterMs: 3000,
  deliveredAfterMs: 6000,
  readAfterMs: 10_000,
  readIntervalMs: 5000,
  readers: 2,
};

export function defaultConfig(): EmulatorConfig {
  return {
    stateInstance: 'authorized',
    phone: '79001234567',
    contacts: DEFAULT_CONTACTS.map((contact) => ({ ...contact })),
    contactBook: 'phone',
    mainDevice: 'android',
    mimeTypes: [...DEFAULT_MIME_TYPES],
    betaAccess: true,
    quota: undefined,
    linkStyle: 'direct',
    uploadBytesPerSecond: undefined,
    earlyAnswer: 'drain',
    rateLimit: false,
    outgoingWebhook: 'yes',
    journalNeedsWebhook: true,
    // Everything at once, the first viewer reading it: what tests expect of a status that appeared.
    deliverySchedule: { sentAfterMs: 0, deliveredAfterMs: 0, readAfterMs: 0, readIntervalMs: 0, readers: 1 },
    delaySendMessagesMilliseconds: 500,
    rebootMilliseconds: 1000,
  };
}

/** GetSettings fields the extension does not drive; SetSettings may change them. */
function defaultOtherSettings(): Record<string, string> {
  return {
    webhookUrl: '',
    webhookUrlToken: '',
    markIncomingMessagesReaded: 'no',
    markIncomingMessagesReadedOnReply: 'no',
    outgoingMessageWebhook: 'no',
    outgoingAPIMessageWebhook: 'no',
    incomingWebhook: 'no',
    stateWebhook: 'no',
    deviceWebhook: 'no',
    pollMessageWebhook: 'no',
    incomingCallWebhook: 'no',
    editedMessageWebhook: 'no',
    deletedMessageWebhook: 'no',
    keepOnlineStatus: 'no',
  };
}

/** Statuses reach only the first 1024 phone-book users with a contactName (docs/greenapi.md §3.1). */
const STATUS_AUDIENCE_LIMIT = 1024;

/** Fields where null means something of its own rather than "not set". */
const NULL_IS_A_VALUE = new Set<keyof EmulatorConfig>(['stateInstance', 'deliverySchedule']);

export class Instance {
  config: EmulatorConfig = defaultConfig();
  otherSettings: Record<string, string> = defaultOtherSettings();
  readonly statuses: RecordedStatus[] = [];
  private rebootTimer: NodeJS.Timeout | undefined;
  private stateAfterReboot: InstanceState = 'authorized';

  constructor(
    readonly idInstance: string,
    readonly uploads: UploadStore,
    readonly apiUrl: string,
    readonly mediaUrl: string,
  ) {}

  /** Links to the emulator's own listeners are resolved without HTTP. */
  isOwnOrigin(origin: string): boolean {
    return origin === this.apiUrl || origin === this.mediaUrl;
  }

  /** Applies a partial config after checking every field; throws a TypeError naming the first bad one. */
  configure(partial: Partial<EmulatorConfig>): void {
    const next: EmulatorConfig = { ...this.config };
    const defaults = defaultConfig();
    for (const [key, value] of Object.entries(partial) as [keyof EmulatorConfig, unknown][]) {
      if (!(key in defaults)) throw new TypeError(`unknown config field '${key}'`);
      const problem = CONFIG_CHECKS[key](value);
      if (problem) throw new TypeError(`config.${key} ${problem}`);
      // JSON has no undefined: null clears the optional fields over the control API.
      (next as unknown as Record<string, unknown>)[key] = value === null && !NULL_IS_A_VALUE.has(key) ? undefined : value;
    }
    if ('stateInstance' in partial) this.cancelReboot();
    this.config = next;
    this.releaseQueued();
  }

  /**
   * Queued statuses go out the moment the instance is authorized; blocked ones never do. Called after each send
   * and each configure; a reboot needs no call, as it returns to the state it left, where nothing was waiting.
   */
  releaseQueued(): void {
    if (this.config.stateInstance !== 'authorized') return;
    const now = Date.now();
    for (const status of this.statuses) {
      if (status.blockers.length === 0 && status.deliverableAt === undefined) release(status, this.config.deliverySchedule, now);
    }
  }

  /** Throws a TypeError for bad options, an unknown id, or a status that can never be published. */
  advance(options: AdvanceOptions): Advanced {
    const problem = advanceProblem(options);
    if (problem) throw new TypeError(`advance: ${problem}`);
    const status = options.idMessage === undefined ? this.statuses.at(-1) : this.statuses.find((candidate) => candidate.idMessage === options.idMessage);
    if (!status) throw new TypeError(options.idMessage === undefined ? 'advance: no status yet' : `advance: unknown idMessage ${options.idMessage}`);
    if (status.blockers.length > 0) {
      throw new TypeError(`advance: status ${status.idMessage} can never be published: ${status.blockers.join('; ')}`);
    }
    advanceTo(status, options.to, options.readers ?? 1, Date.now());
    return { idMessage: status.idMessage, statusMessage: deliveryOf(status, this.audienceOf(status)).state };
  }

  /** SetSettings reboots the instance: 'starting' for a while, then back to the state it had. */
  reboot(): void {
    if (!this.rebootTimer) this.stateAfterReboot = this.config.stateInstance;
    clearTimeout(this.rebootTimer);
    this.config.stateInstance = 'starting';
    this.rebootTimer = setTimeout(() => {
      this.rebootTimer = undefined;
      this.config.stateInstance = this.stateAfterReboot;
    }, this.config.rebootMilliseconds);
  }

  /** Users who would see a status sent to "all contacts". */
  savedContacts(): Contact[] {
    return this.config.contacts.filter((contact) => contact.type === 'user' && contact.contactName).slice(0, STATUS_AUDIENCE_LIMIT);
  }

  /** Users who would see this status: the listed participants that are saved contacts, or all of them. */
  audienceOf(status: RecordedStatus): string[] {
    const saved = this.savedContacts().map((contact) => contact.id);
    const participants = participantsOf(status);
    return participants.length === 0 ? saved : participants.filter((id) => saved.includes(id));
  }

  reset(): void {
    this.cancelReboot();
    this.config = defaultConfig();
    this.otherSettings = defaultOtherSettings();
    this.statuses.length = 0;
  }

  dispose(): void {
    this.cancelReboot();
  }

  private cancelReboot(): void {
    clearTimeout(this.rebootTimer);
    this.rebootTimer = undefined;
  }
}

export function participantsOf(status: RecordedStatus): string[] {
  const participants = status.body.participants;
  return Array.isArray(participants) ? participants.filter((id): id is string => typeof id === 'string') : [];
}

type Check = (value: unknown) => string | undefined;

const isNonNegativeInteger = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;
const oneOf =
  (...allowed: unknown[]): Check =>
  (value) =>
    allowed.includes(value) ? undefined : `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || value === null ? undefined : check(value);

const CONFIG_CHECKS: Record<keyof EmulatorConfig, Check> = {
  stateInstance: oneOf(...INSTANCE_STATES),
  phone: (value) => (typeof value === 'string' && /^\d{5,16}$/.test(value) ? undefined : 'must be a string of digits'),
  contacts: (value) =>
    Array.isArray(value) &&
    value.every(
      (c) =>
        typeof c?.id === 'string' &&
        typeof c?.name === 'string' &&
        (c.type === 'user' || c.type === 'group') &&
        (c.contactName === undefined || typeof c.contactName === 'string') &&
        (c.lid === undefined || (typeof c.lid === 'string' && /^\d+@lid$/.test(c.lid))),
    )
      ? undefined
      : "must be an array of { id, name, contactName?, type: 'user' | 'group', lid?: 'digits@lid' }",
  contactBook: oneOf('phone', 'lid'),
  mainDevice: oneOf('android', 'iphone'),
  mimeTypes: (value) => {
    if (!Array.isArray(value)) return 'must be an array of media types';
    const unknown = value.find((type) => !KNOWN_MIME_TYPES.includes(type));
    return unknown === undefined ? undefined : `has ${JSON.stringify(unknown)}, not one of ${KNOWN_MIME_TYPES.join(', ')}`;
  },
  betaAccess: oneOf(true, false),
  quota: optional((value) => {
    const quota = value as Record<string, unknown>;
    return typeof quota === 'object' &&
      typeof quota.method === 'string' &&
      isNonNegativeInteger(quota.used) &&
      isNonNegativeInteger(quota.total) &&
      typeof quota.description === 'string'
      ? undefined
      : 'must be { method, used, total, description }';
  }),
  linkStyle: oneOf('direct', 'download'),
  uploadBytesPerSecond: optional((value) => (Number.isInteger(value) && (value as number) > 0 ? undefined : 'must be a positive integer')),
  earlyAnswer: oneOf('drain', 'close'),
  rateLimit: oneOf(true, false),
  outgoingWebhook: oneOf('yes', 'no'),
  journalNeedsWebhook: oneOf(true, false),
  deliverySchedule: (value) => {
    if (value === null) return undefined;
    const schedule = value as Record<keyof DeliverySchedule, unknown>;
    const fields: (keyof DeliverySchedule)[] = ['sentAfterMs', 'deliveredAfterMs', 'readAfterMs', 'readIntervalMs', 'readers'];
    if (typeof schedule !== 'object' || !fields.every((field) => isNonNegativeInteger(schedule[field]))) {
      return `must be null or { ${fields.join(', ')} }, each a non-negative integer`;
    }
    // Later states cannot come first: a phone is sent a status before it is delivered, and delivered before read.
    return (schedule.sentAfterMs as number) <= (schedule.deliveredAfterMs as number) &&
      (schedule.deliveredAfterMs as number) <= (schedule.readAfterMs as number)
      ? undefined
      : 'needs sentAfterMs ≤ deliveredAfterMs ≤ readAfterMs';
  },
  delaySendMessagesMilliseconds: (value) =>
    Number.isInteger(value) && (value as number) >= 500 && (value as number) <= 600_000 ? undefined : 'must be 500–600000',
  rebootMilliseconds: (value) => (isNonNegativeInteger(value) ? undefined : 'must be a non-negative integer'),
};

function advanceProblem(options: AdvanceOptions): string | undefined {
  if (typeof options !== 'object' || options === null) return 'needs { idMessage?, to, readers? }';
  if (!['sent', 'delivered', 'read'].includes(options.to)) return "'to' must be 'sent', 'delivered' or 'read'";
  if (options.idMessage !== undefined && typeof options.idMessage !== 'string') return "'idMessage' must be a string";
  if (options.readers === undefined) return undefined;
  if (options.to !== 'read') return "'readers' goes only with to: 'read'";
  return Number.isInteger(options.readers) && options.readers > 0 ? undefined : "'readers' must be a positive integer";
}
