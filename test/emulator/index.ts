/** GREEN-API (WhatsApp HTTP API) emulator for tests and the sandbox. See README.md beside this file. */
export { DEFAULT_API_TOKEN_INSTANCE, DEFAULT_ID_INSTANCE, Emulator, startEmulator } from './emulator';
export { MAX_UPLOAD_BYTES } from './uploads';
export type {
  Contact, EmulatorConfig, EmulatorOptions, Fault, FaultAction, InstanceState, LinkStyle, Quota, RecordedRequest,
  RecordedStatus, RequestHost, StatusKind, StoredUpload,
} from './types';
