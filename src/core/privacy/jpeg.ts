import type { UploadReader } from '../greenApi/types';
import { orientationOnlyTiff, readExif, readXmp } from './exif';
import { PlanBuilder, type StripPlan } from './plan';
import { MalformedMediaError, readAt, type MetadataFindings } from './source';

const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP13 = 0xed;
const APP14 = 0xee;
const APP15 = 0xef;
const COM = 0xfe;
/** Real files have a few dozen segments before the picture; more means a damaged or hostile file. */
const MAX_SEGMENTS = 4096;
const EXIF_ID = 'Exif\0\0';
const XMP_IDS = ['http://ns.adobe.com/xap/1.0/\0', 'http://ns.adobe.com/xmp/extension/\0'];
/** What each kept APPn must start with: JFIF (APP0), an ICC profile or the multi-picture index (APP2), Adobe (APP14). */
const KEPT_APPS: Readonly<Record<number, readonly string[]>> = { [APP0]: ['JFIF\0', 'JFXX\0'], [APP2]: ['ICC_PROFILE\0', 'MPF\0'], [APP14]: ['Adobe'] };
/** IPTC datasets (record 2) that name a place: sublocation, city, province, country code, country. */
const IPTC_PLACES = new Set([90, 92, 95, 100, 101]);

/**
 * Plans a JPEG without Exif, XMP, IPTC, comments and vendor APPn segments, reading only the segments before the
 * first scan: from there on (the entropy-coded picture) the file is copied byte for byte. The first Exif segment's
 * Orientation is written back as a minimal Exif segment in its place.
 */
export async function planJpeg(reader: UploadReader, size: number, found: MetadataFindings): Promise<StripPlan> {
  const malformed = (detail: string, truncated = false) => new MalformedMediaError('JPEG', truncated, detail);
  const start = await readAt(reader, 0, 2);
  if (start.length < 2 || start[0] !== 0xff || start[1] !== 0xd8) throw malformed('no start-of-image marker');
  const plan = new PlanBuilder(size);
  let exifSeen = false;
  let position = 2;
  for (let segments = 0; ; segments++) {
    if (segments > MAX_SEGMENTS) throw malformed('too many segments');
    const header = await readAt(reader, position, 4);
    if (header.length < 2) throw malformed('it ends before the picture data', true);
    if (header[0] !== 0xff) throw malformed(`no marker at byte ${position}`);
    const marker = header[1];
    // Fill bytes, and markers that stand alone (restart markers, TEM).
    if (marker === 0xff || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      position += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9) throw malformed('an image marker before the picture data');
    if (header.length < 4) throw malformed('it ends inside a segment header', true);
    const length = header.readUInt16BE(2);
    if (length < 2) throw malformed(`a segment length of ${length}`);
    const end = position + 2 + length;
    if (end > size) throw malformed('a segment runs past the end of the file', true);
    if (marker === SOS) {
      if (end >= size) throw malformed('it ends before the picture data', true);
      return plan.finish();
    }
    if (marker === COM || (marker >= APP0 && marker <= APP15)) {
      const payload = await readAt(reader, position + 4, length - 2);
      const keptIds = KEPT_APPS[marker];
      if (!keptIds?.some((id) => startsWith(payload, id))) {
        plan.skip(position, end);
        const isExif = marker === APP1 && startsWith(payload, EXIF_ID);
        noteSegment(marker, payload, found);
        if (isExif && !exifSeen && found.orientation !== undefined) plan.insert({ bytes: exifSegment(found.orientation) });
        exifSeen ||= isExif;
      }
    }
    position = end;
  }
}

function noteSegment(marker: number, payload: Buffer, found: MetadataFindings): void {
  if (marker === COM) found.fields.add('Comment');
  else if (marker === APP1 && startsWith(payload, EXIF_ID)) readExif(payload.subarray(EXIF_ID.length), found);
  else if (marker === APP1 && XMP_IDS.some((id) => startsWith(payload, id))) readXmp(payload, found);
  else if (marker === APP13) {
    found.fields.add('IPTC');
    if (iptcNamesPlace(payload)) found.location = true;
  } else found.fields.add(`APP${marker - APP0}`);
}

/** Looks for IPTC record-2 place datasets (tag marker 0x1C, record 2) anywhere in the Photoshop resources. */
function iptcNamesPlace(payload: Buffer): boolean {
  for (let at = payload.indexOf(0x1c); at >= 0 && at + 2 < payload.length; at = payload.indexOf(0x1c, at + 1)) {
    if (payload[at + 1] === 2 && IPTC_PLACES.has(payload[at + 2])) return true;
  }
  return false;
}

function exifSegment(orientation: number): Buffer {
  const payload = Buffer.concat([Buffer.from(EXIF_ID, 'latin1'), orientationOnlyTiff(orientation)]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xff00 | APP1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

function startsWith(payload: Buffer, id: string): boolean {
  return payload.length >= id.length && payload.toString('latin1', 0, id.length) === id;
}
