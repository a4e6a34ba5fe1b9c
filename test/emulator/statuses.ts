/** Status methods (docs/greenapi.md §3): each send is validated, recorded with the reasons it would not show, and queued. */
import { randomBytes } from 'node:crypto';
import {
  fileNameWithExtension,
  firstFailure,
  httpUrl,
  isReply,
  minutesParameter,
  optionalHexColor,
  optionalParticipants,
  optionalString,
  readJsonObject,
  requiredString,
  type MethodCall,
} from './call';
import { deliveryOf } from './delivery';
import type { Instance } from './instance';
import { linkProblems } from './links';
import { extensionOf, isMediaStatusExtension, isVoiceStatusExtension, typeForExtension } from './media-types';
import { emptyReply, jsonReply, textReply, validationFailed, type Reply } from './reply';
import type { InstanceState, RecordedStatus, StatusKind } from './types';

const FONTS = ['SERIF', 'SANS_SERIF', 'NORICAN_REGULAR', 'BRYNDAN_WRITE', 'OSWALD_HEAVY'];

export async function sendMediaStatus(call: MethodCall): Promise<Reply> {
  const body = await readJsonObject(call);
  if (isReply(body)) return body;
  const invalid = firstFailure(body, [
    requiredString('urlFile'),
    httpUrl('urlFile'),
    requiredString('fileName'),
    fileNameWithExtension,
    optionalString('caption', 1024),
    optionalParticipants,
  ]);
  if (invalid) return invalid;
  const ext = extensionOf(body.fileName as string) as string;
  const typeProblems = isMediaStatusExtension(ext) ? [] : [`unsupported file type .${ext}`];
  const blockers = [...typeProblems, ...(await linkProblems(call.instance, body.urlFile as string, ext, call.signal))];
  return accept(call.instance, 'media', body, blockers, ['fileName', 'caption']);
}

export async function sendTextStatus(call: MethodCall): Promise<Reply> {
  const body = await readJsonObject(call);
  if (isReply(body)) return body;
  const invalid = firstFailure(body, [
    requiredString('message'),
    optionalString('message', 500),
    optionalHexColor,
    (fields) => (fields.font === undefined || FONTS.includes(fields.font as string) ? undefined : `'font' must be one of [${FONTS.join(', ')}]`),
    optionalParticipants,
  ]);
  if (invalid) return invalid;
  return accept(call.instance, 'text', body, [], ['message']);
}

export async function sendVoiceStatus(call: MethodCall): Promise<Reply> {
  const body = await readJsonObject(call);
  if (isReply(body)) return body;
  const invalid = firstFailure(body, [
    requiredString('urlFile'),
    httpUrl('urlFile'),
    requiredString('fileName'),
    fileNameWithExtension,
    optionalHexColor,
    optionalParticipants,
  ]);
  if (invalid) return invalid;
  const ext = extensionOf(body.fileName as string) as string;
  const typeProblems = isVoiceStatusExtension(ext) ? [] : [`unsupported file type .${ext}`];
  const blockers = [...typeProblems, ...(await linkProblems(call.instance, body.urlFile as string, ext, call.signal))];
  return accept(call.instance, 'voice', body, blockers, ['fileName']);
}

export async function deleteStatus(call: MethodCall): Promise<Reply> {
  const body = await readJsonObject(call);
  if (isReply(body)) return body;
  const invalid = firstFailure(body, [requiredString('idMessage')]);
  if (invalid) return invalid;
  const status = call.instance.statuses.find((candidate) => candidate.idMessage === body.idMessage);
  if (!status) return textReply(400, 'ID message notfound');
  status.deleted = true;
  return emptyReply(200);
}

export async function getStatusStatistic(call: MethodCall): Promise<Reply> {
  const idMessage = call.query.get('idMessage');
  if (!idMessage) return validationFailed("'idMessage' is required");
  const { instance } = call;
  const status = instance.statuses.find((candidate) => candidate.idMessage === idMessage);
  // Statistics need outgoingWebhook 'yes', now and when the status was posted; before 'sent' there are none.
  if (instance.config.outgoingWebhook === 'no' || !status?.tracked) return jsonReply(200, []);
  return jsonReply(
    200,
    deliveryOf(status, instance.audienceOf(status)).reach.map(({ participant, at, status: reached }) => ({
      participant,
      timestamp: unixSeconds(at),
      status: reached,
    })),
  );
}

export async function getOutgoingStatuses(call: MethodCall): Promise<Reply> {
  const minutes = minutesParameter(call.query);
  if (isReply(minutes)) return minutes;
  const { instance } = call;
  if (instance.config.journalNeedsWebhook && instance.config.outgoingWebhook === 'no') return jsonReply(200, []);
  const since = Date.now() - minutes * 60_000;
  const journal = instance.statuses.filter((status) => !status.deleted && status.at >= since).map((status) => journalItem(instance, status));
  return jsonReply(200, journal);
}

export async function getIncomingStatuses(call: MethodCall): Promise<Reply> {
  const minutes = minutesParameter(call.query);
  return isReply(minutes) ? minutes : jsonReply(200, []);
}

/**
 * Records the send. `contentBlockers` are what is wrong with the media itself; like every other blocker they keep
 * the status from ever being published. Queued states only delay it, and a participant who will not see it
 * does not stop the others from seeing it.
 */
function accept(instance: Instance, kind: StatusKind, body: Record<string, unknown>, contentBlockers: string[], textFields: string[]): Reply {
  const { config } = instance;
  const participants = Array.isArray(body.participants) ? (body.participants as string[]) : [];
  const saved = new Set(instance.savedContacts().map((contact) => contact.id));
  const blockers = [
    ...contentBlockers,
    ...textFields.filter((field) => String(body[field] ?? '').startsWith('\uFEFF')).map((field) => `'${field}' starts with a byte order mark (U+FEFF)`),
    ...(config.stateInstance === 'blocked' ? ['instance blocked: the account is banned, nothing is sent'] : []),
    ...(participants.length === 0 && config.mainDevice === 'iphone' ? ['iPhone main device: a status without a participants list is never published'] : []),
    ...(participants.length === 0 && saved.size === 0 ? ['no saved contact has a contactName: nobody will see it'] : []),
  ];
  const status: RecordedStatus = {
    idMessage: newIdMessage(),
    kind,
    body,
    at: Date.now(),
    problems: [
      ...blockers,
      ...queuedBecause(config.stateInstance),
      // Unknown participants are silently skipped by the service; say so here.
      ...participants.filter((id) => !saved.has(id)).map((id) => `participant ${id} is not a saved contact with a contactName: it will not see it`),
    ],
    blockers,
    deleted: false,
    tracked: config.outgoingWebhook === 'yes',
    delivery: { readAt: [] },
  };
  instance.statuses.push(status);
  instance.releaseQueued();
  return jsonReply(200, { idMessage: status.idMessage });
}

/** `BAE5` and 12 upper-case hex digits, the shape the live service's ids have (e.g. BAE5F4886F0F3B2B). */
function newIdMessage(): string {
  return `BAE5${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** Sends are queued, not refused, while the instance cannot deliver; they go out when it is authorized again. */
function queuedBecause(state: InstanceState): string[] {
  switch (state) {
    case 'authorized':
    case 'starting':
    case 'blocked':
      return [];
    case 'notAuthorized':
    case null:
      return ['instance not authorized: queued up to 24 h'];
    case 'sleepMode':
      return ['instance in sleepMode (phone offline): queued until the phone is back'];
    case 'yellowCard':
    case 'suspended':
      return [`instance ${state}: sending suspended, queued up to 24 h`];
  }
}

function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** An outgoing-journal item; participants stay empty, as the live service leaves them. */
function journalItem(instance: Instance, status: RecordedStatus): Record<string, unknown> {
  // When the journal needs outgoingWebhook, a status posted while it was 'no' is never tracked: its item stays as posted.
  const frozen = instance.config.journalNeedsWebhook && !status.tracked;
  const { state, changedAt } = frozen ? { state: 'pending', changedAt: status.at } : deliveryOf(status, instance.audienceOf(status));
  const common = {
    type: 'outgoing',
    idMessage: status.idMessage,
    timestamp: unixSeconds(changedAt),
    chatId: `${instance.config.phone}@c.us`,
    statusMessage: state,
    sendByApi: true,
    participants: [],
  };
  const { body } = status;
  if (status.kind === 'text') {
    return {
      ...common,
      typeMessage: 'extendedTextMessage',
      textMessage: body.message,
      extendedTextMessage: {
        text: body.message,
        backgroundColor: body.backgroundColor ?? '#000000',
        font: body.font ?? 'SERIF',
        participants: [],
      },
    };
  }
  const urlFile = String(body.urlFile);
  const mimeType =
    instance.uploads.findByPath(new URL(urlFile).pathname)?.contentType ??
    typeForExtension(extensionOf(String(body.fileName)) ?? '') ??
    'application/octet-stream';
  const typeMessage = status.kind === 'voice' ? 'audioMessage' : mimeType.startsWith('video/') ? 'videoMessage' : 'imageMessage';
  return {
    ...common,
    typeMessage,
    downloadUrl: urlFile,
    caption: body.caption ?? '',
    // The server's own name for its copy (for the emulator's uploads, the stored UUID name), not the posted one.
    fileName: new URL(urlFile).pathname.split('/').pop(),
    jpegThumbnail: '',
    mimeType,
  };
}
