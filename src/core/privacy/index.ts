import type { UploadReader, UploadSource } from '../greenApi/types';
import { planIsoBmff } from './isoBmff';
import { planJpeg } from './jpeg';
import { planReader, type StripPlan } from './plan';
import { planPng } from './png';
import { emptyFindings, windowedReader, type MetadataFindings } from './source';

export { MalformedMediaError, type MetadataFindings } from './source';

const PLANNERS: Readonly<Record<string, (reader: UploadReader, size: number, found: MetadataFindings) => Promise<StripPlan>>> = {
  'image/jpeg': planJpeg,
  'image/png': planPng,
  'video/mp4': planIsoBmff,
  'video/quicktime': planIsoBmff,
};

/** Whether files of this type are sent without their metadata; others (BMP, audio) are sent as they are. */
export function strippable(contentType: string): boolean {
  return contentType in PLANNERS;
}

export interface PrivateSource {
  /** Streams the file through the plan: its size is the stripped size, and a cache hashing it hashes what is sent. */
  readonly source: UploadSource;
  readonly found: MetadataFindings;
}

/**
 * Scans the file's structure (segment, chunk and box headers, not the whole file) and returns a source that sends
 * it without location and camera metadata. The file itself is never changed. Throws {@link MalformedMediaError}
 * for a file whose structure cannot be followed, and passes on errors of `open`.
 */
export async function privateUploadSource(source: UploadSource): Promise<PrivateSource> {
  const planner = PLANNERS[source.contentType];
  const found = emptyFindings();
  if (!planner) return { source, found };
  const reader = await source.open();
  let plan: StripPlan;
  try {
    plan = await planner(windowedReader(reader), source.size, found);
  } finally {
    await reader.close().catch(() => undefined);
  }
  return { source: { size: plan.size, contentType: source.contentType, open: async () => planReader(await source.open(), plan) }, found };
}

/** For the log: the removed fields by name, never their values. */
export function describeFindings(found: MetadataFindings): string {
  const names = [...(found.location ? ['location'] : []), ...[...found.fields].sort()];
  const kept = found.orientation === undefined ? '' : `; kept Orientation ${found.orientation}`;
  return names.length ? `removed ${names.join(', ')}${kept}` : `nothing to remove${kept}`;
}
