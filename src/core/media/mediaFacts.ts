/**
 * Reads the facts pre-flight advice needs from a file's content, with libraries and no native code. Kept apart from
 * preflight.ts because music-metadata is large: the host can bundle this module separately and load it on demand.
 */
import { open } from 'node:fs/promises';
import { imageSize } from 'image-size';
import { parseFile } from 'music-metadata';
import { extensionOf, mediaKindOf } from './media';
import type { MediaFacts } from './preflight';
import { VOICE_STATUS_EXTENSIONS } from '../statuses/voiceStatus';

/** image-size finds the dimensions in the first bytes of every supported format; it reads no more itself. */
const IMAGE_HEAD_BYTES = 512 * 1024;
/** EXIF orientations 5–8 turn the picture a quarter, so width and height swap on screen. */
const QUARTER_TURN_ORIENTATIONS = new Set([5, 6, 7, 8]);

/**
 * Dimensions of an image, or duration and kind of a video or sound file. Resolves to `{}` for any other file and
 * for one that cannot be read or parsed: advice is then withheld, and the upload reports real read errors.
 */
export async function readMediaFacts(path: string): Promise<MediaFacts> {
  const extension = extensionOf(path);
  try {
    if (mediaKindOf(extension) === 'image') return await imageFacts(path);
    if (mediaKindOf(extension) === 'video' || VOICE_STATUS_EXTENSIONS[extension]) return await timedFacts(path);
  } catch {
    // Not what its extension says, truncated, or gone.
  }
  return {};
}

async function imageFacts(path: string): Promise<MediaFacts> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(IMAGE_HEAD_BYTES), 0, IMAGE_HEAD_BYTES, 0);
    const { width, height, orientation } = imageSize(buffer.subarray(0, bytesRead));
    const turned = orientation !== undefined && QUARTER_TURN_ORIENTATIONS.has(orientation);
    return { kind: 'image', width: turned ? height : width, height: turned ? width : height };
  } finally {
    await file.close();
  }
}

/** music-metadata seeks past the media data, so a 100 MB video costs a few small reads. */
async function timedFacts(path: string): Promise<MediaFacts> {
  const { format } = await parseFile(path, { duration: false, skipCovers: true });
  const kind = format.hasVideo ? 'video' : format.hasAudio ? 'audio' : undefined;
  // The file-level duration is the sound's; a silent video has only its tracks' durations.
  const trackDurations = format.trackInfo.map((track) => track.duration ?? 0);
  const durationSeconds = format.duration ?? (trackDurations.length ? Math.max(...trackDurations) : undefined);
  return { ...(kind && { kind }), ...(durationSeconds && { durationSeconds }) };
}
