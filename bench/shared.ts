/** What the bench's processes tell each other, and how each of them reaches the emulator and reads a file. */
import { fileUploadSource } from '../src/core/media/fileSource';
import type { UploadSource } from '../src/core/greenApi/types';
import { privateUploadSource } from '../src/core/privacy';

export interface EmulatorInfo {
  readonly apiUrl: string;
  readonly mediaUrl: string;
  readonly idInstance: string;
  readonly apiTokenInstance: string;
}

/**
 * `client`: the extension's streaming GreenApiClient; `private`: the same, sending the file without its metadata as the
 * extension does by default (the scan included); `sdk`: the official SDK's way, the whole file read first.
 */
export type UploadMode = 'client' | 'private' | 'sdk';

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
