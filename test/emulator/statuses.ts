/** Status methods (PROTOCOL.md §3): each send is validated, recorded with the reasons it would not show, and queued. */
import { randomBytes } from 'node:crypto';
import {
  fileNameWithExtension, firstFailure, httpUrl, isReply, minutesParameter, optionalHexColor, optionalParticipants,
  optionalString, readJsonObject, requiredString, type MethodCall,
} from './call';
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
    requiredString('urlFile'), httpUrl('urlFile'), requiredString('fileName'), fileNameWithExtension,
    optionalString('caption', 1024), optionalParticipants,
  ]);
  if (invalid) return invalid;
  const ext = extensionOf(body.fileName as string) as string;
  const typeProblems = isMediaStatusExtension(ext) ? [] : [`unsupported file type .${ext}`];
  const problems = [...typeProblems, ...(await linkProblems(call.instance, body.urlFile as string, ext, call.signal))];
  return accept(call.instance, 'media', body, problems, ['fileName', 'caption']);
}

export async function sendTextStatus(call: MethodCall): Promise<Reply> {
  const body = await readJsonObject(call);
  if (isReply(body)) return body;
  const invalid = firstFailure(body, [
    requiredString('message'), optionalString('message', 500), optionalHexColor,
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
    requiredString('urlFile'), httpUrl('urlFile'), requiredString('fileName'), fileNameWithExtension,
    optionalHexColor, optionalParticipants,
  ]);
  if (invalid) return invalid;
  const ext = extensionOf(body.fileName as string) as string;
  const typeProblems = isVoiceStatusExtension(ext) ? [] : [`unsupported file type .${ext}`];
  const problems = [...typeProblems, ...(await linkProblems(call.instance, body.urlFile as string, ext, call.signal))];
  return accept(call.instance, 'voice', body, problems, ['fileName']);
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
  // Statistics need outgoingWebhook 'yes' (§3.6); a status that never showed has no viewers.
  if (instance.config.outgoingWebhook === 'no' || !status || status.problems.length > 0) return jsonReply(200, []);
  const timestamp = Math.floor(status.at / 1000) + 1;
  return jsonReply(200, instance.audienceOf(status).map((participant, index) => ({
    participant,
    timestamp,
    status: index === 0 ? 'read' : 'delivered',
  })));
}

export async function getOutgoingStatuses(call: MethodCall): Promise<Reply> {
  const minutes = minutesParameter(call.query);
  if (isReply(minutes)) return minutes;
  const { instance } = call;
  if (instance.config.outgoingWebhook === 'no') return jsonReply(200, []);
  const since = Date.now() - minutes * 60_000;
  const journal = instance.statuses
    .filter((status) => !status.deleted && status.at >= since)
    .map((status) => journalItem(instance, status));
  return jsonReply(200, journal);
}

export async function getIncomingStatuses(call: MethodCall): Promise<Reply> {
  const minutes = minutesParameter(call.query);
  return isReply(minutes) ? minutes : jsonReply(200, []);
}

function accept(instance: Instance, kind: StatusKind, body: Record<string, unknown>, problems: string[], textFields: string[]): Reply {
  const status: RecordedStatus = {
    idMessage: newIdMessage(),
    kind,
    body,
    at: Date.now(),
    problems: [
      ...problems,
      ...textFields.filter((field) => String(body[field] ?? '').startsWith('\uFEFF')).map((field) => `'${field}' starts with a byte order mark (U+FEFF)`),
      ...stateProblems(instance.config.stateInstance),
      ...audienceProblems(instance, body),
    ],
    deleted: false,
  };
  instance.statuses.push(status);
  return jsonReply(200, { idMessage: status.idMessage });
}

/** 20 upper-case hex digits, shaped like the docs' sample 3EB0C767D097B7C7C030. */
function newIdMessage(): string {
  return `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
}

/** Sends are queued, not refused, while the instance cannot deliver (§0, §4.1). */
function stateProblems(state: InstanceState): string[] {
  switch (state) {
    case 'authorized':
    case 'starting':
      return [];
    case 'notAuthorized':
    case null:
      return ['instance not authorized: queued up to 24 h'];
    case 'sleepMode':
      return ['instance in sleepMode (phone offline): queued until the phone is back'];
    case 'yellowCard':
    case 'suspended':
      return [`instance ${state}: sending suspended, queued up to 24 h`];
    case 'blocked':
      return ['instance blocked: the account is banned, nothing is sent'];
  }
}

/** Unknown participants are silently skipped by the service (§3.1); say so here. */
function audienceProblems(instance: Instance, body: Record<string, unknown>): string[] {
  const saved = new Set(instance.savedContacts().map((contact) => contact.id));
  const participants = Array.isArray(body.participants) ? (body.participants as string[]) : [];
  if (participants.length === 0) {
    return saved.size === 0 ? ['no saved contact has a contactName: nobody will see it'] : [];
  }
  return participants
    .filter((id) => !saved.has(id))
    .map((id) => `participant ${id} is not a saved contact with a contactName: it will not see it`);
}

/** An outgoing-journal item as §3.7 describes; participants stay empty as in bug #1129. */
function journalItem(instance: Instance, status: RecordedStatus): Record<string, unknown> {
  const common = {
    type: 'outgoing',
    idMessage: status.idMessage,
    timestamp: Math.floor(status.at / 1000),
    chatId: `${instance.config.phone}@c.us`,
    statusMessage: status.problems.length === 0 ? 'sent' : 'pending',
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
  const mimeType = instance.uploads.findByPath(new URL(urlFile).pathname)?.contentType
    ?? typeForExtension(extensionOf(String(body.fileName)) ?? '')
    ?? 'application/octet-stream';
  const typeMessage = status.kind === 'voice' ? 'audioMessage' : mimeType.startsWith('video/') ? 'videoMessage' : 'imageMessage';
  return {
    ...common,
    typeMessage,
    downloadUrl: urlFile,
    caption: body.caption ?? '',
    fileName: body.fileName,
    jpegThumbnail: '',
    mimeType,
  };
}
