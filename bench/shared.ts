/** What the bench's processes tell each other, and how each of them reaches the emulator and reads a file. */
import type { GreenApiClient } from '../src/core/greenApi/client';
import { fileUploadSource } from '../src/core/media/fileSource';
import type { UploadSource } from '../src/core/greenApi/types';
import { privateUploadSource } from '../src/core/privacy';
import { UploadCache, withUploadCache } from '../src/core/store/uploadCache';

export interface EmulatorInfo {
  readonly apiUrl: string;
  readonly mediaUrl: string;
  readonly idInstance: string;
  readonly apiTokenInstance: string;
}

/**
 * `plain`: as a post sends a file with whatsappStatus.keepMetadata on, through the upload cache ({@link postUploader});
 * `private`: as a post sends it by default, the same without its metadata (the scan timed apart); `clientAlone`: the
 * extension's streaming GreenApiClient without the upload cache, so the cache's part shows by difference; `sdk`: the
 * official SDK's way, the whole file read first.
 */
export type UploadMode = 'plain' | 'private' | 'clientAlone' | 'sdk';

/** `VmHWM`: the kernel's peak, reset just before the upload; `sampled`: every 5 ms, where /proc is missing. */
export type RssMethod = 'VmHWM' | 'sampled';

export interface UploadReport {
  readonly ms: number;
  /** The metadata scan before a stripped upload, timed apart from it (the extension runs it before the first prompt). */
  readonly scanMs?: number;
  readonly urlFile: string;
  /** Absent for curl, whose memory is not ours to judge. */
  readonly peakRss?: { readonly growthBytes: number; readonly method: RssMethod };
}

export const UPLOAD_CONTENT_TYPE = 'video/mp4';

export function uploadFileUrl(info: EmulatorInfo): string {
  return `${info.mediaUrl}/waInstance${info.idInstance}/uploadFile/${info.apiTokenInstance}`;
}

/** A file opened exactly as the extension opens one for upload. */
export const extensionSource = fileUploadSource;

/** A file as the extension uploads it unless whatsappStatus.keepMetadata is on: scanned, then streamed without its metadata. */
export async function privateExtensionSource(file: string, contentType: string, size: number): Promise<UploadSource> {
  return (await privateUploadSource(extensionSource(file, contentType, size))).source;
}

/**
 * Uploads as a post does (src/vscode/posting/publish.ts): through the upload cache, which knows a file again by its
 * identity so that the same file is not sent twice. Every call has an identity of its own in a cache of its own, so
 * every call misses and uploads, as a new file does.
 */
export function postUploader(client: GreenApiClient): (source: UploadSource) => Promise<{ urlFile: string }> {
  const entries = new Map<string, unknown>();
  const store = {
    get: <T>(key: string): T | undefined => entries.get(key) as T | undefined,
    update: async (key: string, value: unknown): Promise<void> => void entries.set(key, value),
  };
  const uploader = withUploadCache(client, new UploadCache(store, Date), 'bench');
  let uploads = 0;
  return (source) => uploader.uploadFile({ ...source, identity: `bench upload ${++uploads}` });
}
