/** GREEN-API (WhatsApp HTTP API) emulator for tests and the sandbox. See README.md beside this file. */
export { DEFAULT_API_TOKEN_INSTANCE, DEFAULT_ID_INSTANCE, Emulator, startEmulator } from './emulator';
export { SANDBOX_DELIVERY_SCHEDULE } from './instance';
export { DEFAULT_MIME_TYPES, KNOWN_MIME_TYPES } from './media-types';
export { MAX_UPLOAD_BYTES } from './uploads';
export type {
  Advanced,
  AdvanceOptions,
  Contact,
  Delivery,
  DeliverySchedule,
  DeliveryState,
  EmulatorConfig,
  EmulatorOptions,
  Fault,
  FaultAction,
  InstanceState,
  LinkStyle,
  Quota,
  RecordedRequest,
  RecordedStatus,
  RequestHost,
  StatusKind,
  StoredUpload,
} from './types';
