import * as zlib from 'node:zlib';
import type { UploadReader } from '../greenApi/types';
import { orientationOnlyTiff, readExif, readXmp } from './exif';
import { PlanBuilder, type StripPlan } from './plan';
import { MalformedMediaError, readAt, type MetadataFindings } from './source';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Text, Exif and the modification time; every other chunk (pixels, palette, colour, animation) is kept. */
const REMOVED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);
/** Metadata chunks are small; a bigger one is removed without being read for the report. */
const MAX_READ_CHUNK = 1024 * 1024;
const MAX_CHUNKS = 1_000_000;

/**
 * Plans a PNG without its text, Exif and time chunks, reading chunk headers only (and the removed chunks, to say what
 * they held). An eXIf with an Orientation is replaced by one holding only that, so a rotated picture stays upright.
 */
export async function planPng(reader: UploadReader, size: number, found: MetadataFindings): Promise<StripPlan> {
  const malformed = (detail: string, truncated = false) => new MalformedMediaError('PNG', truncated, detail);
  if (!(await readAt(reader, 0, 8)).equals(SIGNATURE)) throw malformed('no PNG signature');
  const plan = new PlanBuilder(size);
  let position = 8;
  for (let chunks = 0; ; chunks++) {
    if (chunks > MAX_CHUNKS) throw malformed('too many chunks');
    const header = await readAt(reader, position, 8);
    if (header.length < 8) throw malformed('it ends before its IEND chunk', true);
    const length = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw malformed(`a chunk type that is not letters at byte ${position}`);
    if (chunks === 0 && type !== 'IHDR') throw malformed('it does not start with IHDR');
    const end = position + 12 + length;
    if (length > 0x7fffffff || end > size) throw malformed(`the ${type} chunk runs past the end of the file`, true);
    if (type === 'IEND') return plan.finish();
    if (REMOVED.has(type)) {
      plan.skip(position, end);
      const data = length <= MAX_READ_CHUNK ? await readAt(reader, position + 8, length) : undefined;
      noteChunk(type, data, found);
      if (type === 'eXIf' && found.orientation !== undefined) plan.insert({ bytes: chunk('eXIf', orientationOnlyTiff(found.orientation)) });
    }
    position = end;
  }
}

function noteChunk(type: string, data: Buffer | undefined, found: MetadataFindings): void {
  if (type === 'eXIf') {
    if (data) readExif(data, found);
    else found.fields.add('Exif');
    return;
  }
  if (type === 'tIME') {
    found.fields.add('tIME');
    return;
  }
  // Text chunks start with their keyword; iTXt "XML:com.adobe.xmp" carries XMP.
  const keyword = data?.toString('latin1', 0, Math.max(0, data.indexOf(0))) ?? '';
  if (type === 'iTXt' && keyword === 'XML:com.adobe.xmp' && data) readXmp(data, found);
  else found.fields.add(keyword ? `${type} ${keyword.slice(0, 79).replace(/[^\x20-\x7e]/g, '?')}` : type);
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
