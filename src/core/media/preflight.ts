import { VOICE_STATUS_MAX_SECONDS } from '../statuses/voiceStatus';

/** What was read from a file's content (mediaFacts.ts); every field is absent when it could not be read. */
export interface MediaFacts {
  /** By content: an .mp4 holding only sound is 'audio'. */
  readonly kind?: 'image' | 'video' | 'audio';
  /** Pixels as shown, EXIF rotation applied (images). */
  readonly width?: number;
  readonly height?: number;
  readonly durationSeconds?: number;
}

/** Longer videos are cut to one minute (docs/greenapi.md §3.2). */
const VIDEO_STATUS_MAX_SECONDS = 60;
/** Statuses fill a phone screen: pictures are best 9:16 portrait (docs/greenapi.md §3.2). */
const STATUS_ASPECT_RATIO = 9 / 16;
/** How far (relative to 9:16) a picture's width:height may be before it shows cropped or letterboxed. */
const ASPECT_RATIO_TOLERANCE = 0.15;
/** Containers round and audio priming adds a few ms, so a 60 s clip may read as 60.02 s. */
const DURATION_SLACK_SECONDS = 0.5;

/** Advice, not refusals: the person may post anyway. Numbers are left for the host to format. */
export type PreflightWarning =
  | { readonly code: 'not-portrait'; readonly width: number; readonly height: number; readonly ratio: string; readonly differencePercent: number }
  | { readonly code: 'video-will-be-cut'; readonly durationSeconds: number; readonly limitSeconds: number }
  /** Sound offered as a media status: a voice status is the place for it. */
  | { readonly code: 'audio-only' }
  | { readonly code: 'voice-not-sent'; readonly durationSeconds: number; readonly limitSeconds: number };

export function mediaStatusWarnings(facts: MediaFacts): PreflightWarning[] {
  const { kind, width, height, durationSeconds } = facts;
  if (kind === 'audio') return [{ code: 'audio-only' }];
  if (kind === 'image' && width && height) {
    const difference = Math.abs(width / height - STATUS_ASPECT_RATIO) / STATUS_ASPECT_RATIO;
    if (difference > ASPECT_RATIO_TOLERANCE) {
      return [{ code: 'not-portrait', width, height, ratio: aspectRatioLabel(width, height), differencePercent: Math.round(difference * 100) }];
    }
  }
  if (kind === 'video' && durationSeconds !== undefined && durationSeconds > VIDEO_STATUS_MAX_SECONDS + DURATION_SLACK_SECONDS) {
    return [{ code: 'video-will-be-cut', durationSeconds, limitSeconds: VIDEO_STATUS_MAX_SECONDS }];
  }
  return [];
}

export function voiceStatusWarnings(facts: MediaFacts): PreflightWarning[] {
  const { durationSeconds } = facts;
  return durationSeconds !== undefined && durationSeconds > VOICE_STATUS_MAX_SECONDS + DURATION_SLACK_SECONDS
    ? [{ code: 'voice-not-sent', durationSeconds, limitSeconds: VOICE_STATUS_MAX_SECONDS }]
    : [];
}

/** Ratios people know by name, as width:height of landscape; portrait ones are the same turned round. */
const NAMED_RATIOS: ReadonlyArray<readonly [number, number]> = [
  [1, 1],
  [5, 4],
  [4, 3],
  [3, 2],
  [16, 10],
  [16, 9],
  [2, 1],
  [19.5, 9],
  [21, 9],
];
/** Within 2 % a ratio is shown by its name: 4032×3024 is "4:3", 1170×2532 is "9:19.5". */
const NAMED_RATIO_TOLERANCE = 0.02;

/** "16:9", "9:16", "4:3", or else one side as 1, like "1:1.85". */
export function aspectRatioLabel(width: number, height: number): string {
  const landscape = width >= height;
  const ratio = landscape ? width / height : height / width;
  const named = NAMED_RATIOS.find(([long, short]) => Math.abs(ratio / (long / short) - 1) <= NAMED_RATIO_TOLERANCE);
  if (named) return landscape ? `${named[0]}:${named[1]}` : `${named[1]}:${named[0]}`;
  const rounded = String(Math.round(ratio * 100) / 100);
  return landscape ? `${rounded}:1` : `1:${rounded}`;
}
