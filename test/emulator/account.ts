/** Account and service methods the extension uses (docs/greenapi.md §4). */
import { isReply, readJsonObject, type MethodCall } from './call';
import { jsonReply, textReply, validationFailed, type Reply } from './reply';
import type { InstanceState } from './types';

/** States in which a phone is linked, so the account's identity and phone book are known. */
const LINKED_STATES: readonly InstanceState[] = ['authorized', 'sleepMode', 'yellowCard', 'suspended'];

export async function getStateInstance(call: MethodCall): Promise<Reply> {
  const state = call.instance.config.stateInstance;
  // A freshly created instance answers a bare `null` (§4.1).
  return jsonReply(200, state === null ? null : { stateInstance: state });
}

export async function getWaSettings(call: MethodCall): Promise<Reply> {
  const { stateInstance, phone } = call.instance.config;
  const linked = LINKED_STATES.includes(stateInstance);
  return jsonReply(200, {
    avatar: '',
    phone: linked ? phone : '',
    stateInstance,
    deviceId: linked ? `${phone}:8@s.whatsapp.net` : '',
    ...(stateInstance === 'suspended' ? { suspendedUntil: Math.floor(Date.now() / 1000) + 3600 } : {}),
  });
}

export async function getSettings(call: MethodCall): Promise<Reply> {
  const { config, otherSettings } = call.instance;
  return jsonReply(200, {
    wid: `${config.phone}@c.us`,
    ...otherSettings,
    delaySendMessagesMilliseconds: config.delaySendMessagesMilliseconds,
    outgoingWebhook: config.outgoingWebhook,
  });
}

/** Applies the given settings, then reboots the instance as the real one does (§4.3). */
export async function setSettings(call: MethodCall): Promise<Reply> {
  const body = await readJsonObject(call);
  if (isReply(body)) return body;
  const { instance } = call;
  const { delaySendMessagesMilliseconds: delay, outgoingWebhook, ...others } = body;
  if (delay !== undefined && !(Number.isInteger(delay) && (delay as number) >= 500 && (delay as number) <= 600_000)) {
    return validationFailed("'delaySendMessagesMilliseconds' must be an integer from 500 to 600000");
  }
  if (outgoingWebhook !== undefined && outgoingWebhook !== 'yes' && outgoingWebhook !== 'no') {
    return validationFailed("'outgoingWebhook' must be one of [yes, no]");
  }
  const known = Object.entries(others).filter(([key]) => key in instance.otherSettings);
  const badKnown = known.find(([, value]) => typeof value !== 'string');
  if (badKnown) return validationFailed(`'${badKnown[0]}' must be a string`);
  for (const [key, value] of known) instance.otherSettings[key] = value as string;
  instance.config.delaySendMessagesMilliseconds = (delay as number | undefined) ?? instance.config.delaySendMessagesMilliseconds;
  instance.config.outgoingWebhook = outgoingWebhook ?? instance.config.outgoingWebhook;
  instance.reboot();
  return jsonReply(200, { saveSettings: true });
}

/**
 * `?group=true` lists only groups, `?group=false` only users; `?count=N` the first N. An account on WhatsApp's
 * lid addressing ('lid' contact book) shows lid ids where it has them and blank contactNames: the phone book
 * is still there (it still decides who sees a status), it is just not visible through this method.
 */
export async function getContacts(call: MethodCall): Promise<Reply> {
  const { config } = call.instance;
  if (!LINKED_STATES.includes(config.stateInstance)) return jsonReply(200, []);
  const group = call.query.get('group');
  const count = Number(call.query.get('count') ?? Number.POSITIVE_INFINITY);
  const contacts = config.contacts
    .filter((contact) => group === null || (group === 'true') === (contact.type === 'group'))
    .slice(0, Number.isInteger(count) && count > 0 ? count : undefined)
    .map(({ lid, ...contact }) => (config.contactBook === 'lid' ? { ...contact, id: lid ?? contact.id, contactName: '' } : contact));
  return jsonReply(200, contacts);
}

/** A number "has WhatsApp" when it is the account's own or in its phone book; that keeps tests deterministic. */
export async function checkWhatsapp(call: MethodCall): Promise<Reply> {
  const { config } = call.instance;
  if (!LINKED_STATES.includes(config.stateInstance)) return textReply(400, 'instance is starting or not authorized');
  const body = await readJsonObject(call);
  if (isReply(body)) return body;
  const byChatId = typeof body.chatId === 'string';
  const digits = byChatId
    ? /^(\d+)(@c\.us|@lid)?$/.exec(body.chatId as string)?.[1]
    : Number.isSafeInteger(body.phoneNumber)
      ? String(body.phoneNumber)
      : undefined;
  if (digits === undefined || digits.length < 11 || digits.length > 16) {
    return textReply(400, 'bad phone number, valid from 11 to 16 digits');
  }
  const chatId = `${digits}@c.us`;
  const existsWhatsapp = digits === config.phone || config.contacts.some((contact) => contact.id === chatId);
  return jsonReply(200, byChatId ? { existsWhatsapp, chatId } : { existsWhatsapp });
}
