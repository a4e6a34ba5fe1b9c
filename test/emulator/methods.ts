/** The GREEN-API methods the emulator answers, with their verb, host and rate limit. */
import { checkWhatsapp, getContacts, getSettings, getStateInstance, getWaSettings, setSettings } from './account';
import type { MethodCall } from './call';
import { jsonReply, textReply, validationFailed, type Reply } from './reply';
import { deleteStatus, getIncomingStatuses, getOutgoingStatuses, getStatusStatistic, sendMediaStatus, sendTextStatus, sendVoiceStatus } from './statuses';
import { MAX_UPLOAD_BYTES } from './uploads';

export interface MethodSpec {
  name: string;
  verb: 'GET' | 'POST';
  host: 'api' | 'media';
  /** docs/greenapi.md §5.3; methods missing from the documented table get the advised 1 req/s. */
  perSecond: number;
  /** Beta status methods: 403 without beta access. */
  statusMethod: boolean;
  /** Send*Status: subject to the plan quota (466). */
  sends: boolean;
  /** Needs the WhatsApp session: 400 "instance in starting process try later" while starting. */
  refusedWhileStarting: boolean;
  handle(call: MethodCall): Promise<Reply>;
}

type Flags = Partial<Pick<MethodSpec, 'statusMethod' | 'sends' | 'refusedWhileStarting' | 'host'>>;

function method(name: string, verb: MethodSpec['verb'], perSecond: number, handle: MethodSpec['handle'], flags: Flags = {}): MethodSpec {
  return { name, verb, host: 'api', perSecond, statusMethod: false, sends: false, refusedWhileStarting: false, handle, ...flags };
}

const sendStatus: Flags = { statusMethod: true, sends: true, refusedWhileStarting: true };
const readStatus: Flags = { statusMethod: true, refusedWhileStarting: true };

const SPECS: MethodSpec[] = [
  method('uploadFile', 'POST', 1, uploadFile, { host: 'media' }),
  method('sendMediaStatus', 'POST', 1, sendMediaStatus, sendStatus),
  method('sendTextStatus', 'POST', 1, sendTextStatus, sendStatus),
  method('sendVoiceStatus', 'POST', 1, sendVoiceStatus, sendStatus),
  method('deleteStatus', 'POST', 1, deleteStatus, readStatus),
  method('getStatusStatistic', 'GET', 1, getStatusStatistic, readStatus),
  method('getOutgoingStatuses', 'GET', 1, getOutgoingStatuses, readStatus),
  method('getIncomingStatuses', 'GET', 1, getIncomingStatuses, readStatus),
  method('getStateInstance', 'GET', 1, getStateInstance),
  method('getWaSettings', 'GET', 1, getWaSettings),
  method('getSettings', 'GET', 1, getSettings),
  method('setSettings', 'POST', 1, setSettings),
  method('getContacts', 'GET', 1, getContacts, { refusedWhileStarting: true }),
  method('checkWhatsapp', 'POST', 10, checkWhatsapp),
];

/** Keyed by lower-case name: the service treats method names case-insensitively. */
export const METHODS: ReadonlyMap<string, MethodSpec> = new Map(SPECS.map((spec) => [spec.name.toLowerCase(), spec]));

/** UploadFile (§2): raw body, Content-Type required, ≤ 100 MB, answered with the file's direct URL. */
async function uploadFile(call: MethodCall): Promise<Reply> {
  const contentType = call.request.headers['content-type'];
  if (!contentType) return validationFailed("'Content-Type' header is required");
  const { instance } = call;
  const outcome = await instance.uploads.receive(call.body, {
    contentType,
    gaFilename: call.request.headers['ga-filename'] as string | undefined,
    mimeTypes: instance.config.mimeTypes,
    linkStyle: instance.config.linkStyle,
    filesBaseUrl: `${instance.mediaUrl}/files/${instance.idInstance}`,
  });
  switch (outcome.kind) {
    case 'stored':
      return jsonReply(200, { urlFile: outcome.upload.urlFile });
    case 'empty':
      return validationFailed('file is empty');
    case 'too-large':
      return textReply(500, `File from url exceeded max upload size. Size: ${Math.ceil(outcome.size / 2 ** 20)}mb Limit: ${MAX_UPLOAD_BYTES / 2 ** 20}mb`);
  }
}
