import type { UploadReader } from '../greenApi/types';
import { PlanBuilder, type StripPlan } from './plan';
import { MalformedMediaError, readAt, type MetadataFindings } from './source';

/** Boxes whose children are read; everything else (the media data above all) is copied without being read. */
const CONTAINERS = new Set(['moov', 'trak', 'udta', 'meta']);
/** QuickTime user-data atoms and iTunes-style items that hold a position or name the device. */
type Verdict = { readonly location?: true; readonly field?: string };
const ATOMS: Readonly<Record<string, Verdict>> = {
  '\u00a9xyz': { location: true },
  loci: { location: true },
  '\u00a9mak': { field: 'make' },
  '\u00a9mod': { field: 'model' },
  '\u00a9swr': { field: 'software' },
};
/** `meta`/`keys` names (Apple's) whose `ilst` values are removed; the creation date is kept. */
const LOCATION_KEY = 'com.apple.quicktime.location.';
const IDENTITY_KEYS: Readonly<Record<string, string>> = {
  'com.apple.quicktime.make': 'make',
  'com.apple.quicktime.model': 'model',
  'com.apple.quicktime.software': 'software',
};
const MAX_BOXES = 100_000;
const MAX_KEYS_BYTES = 1024 * 1024;

interface Box {
  readonly type: string;
  readonly start: number;
  readonly payload: number;
  readonly end: number;
}

/**
 * Plans an MP4/MOV whose location and device atoms are neutralised in place: each becomes a `free` box of the same
 * size with a zeroed payload, so no offset in the file (chunk offsets point into `mdat`) moves. Only box headers
 * under moov/trak/udta/meta and the `keys` list are read.
 */
export async function planIsoBmff(reader: UploadReader, size: number, found: MetadataFindings): Promise<StripPlan> {
  const plan = new PlanBuilder(size);
  let boxes = 0;

  const children = async (from: number, to: number, topLevel: boolean): Promise<Box[]> => {
    const list: Box[] = [];
    for (let position = from; position < to;) {
      if (++boxes > MAX_BOXES) throw malformed('too many boxes');
      // QuickTime may end a user-data list with four zero bytes.
      if (to - position < 8) {
        if (topLevel) throw malformed('it ends inside a box header', true);
        break;
      }
      const header = await readAt(reader, position, 16);
      let boxSize = header.readUInt32BE(0);
      let headerSize = 8;
      if (boxSize === 1) {
        if (header.length < 16) throw malformed('it ends inside a box header', true);
        boxSize = Number(header.readBigUInt64BE(8));
        headerSize = 16;
      } else if (boxSize === 0 && topLevel) boxSize = to - position;
      if (boxSize < headerSize) throw malformed(`a box of ${boxSize} bytes at byte ${position}`);
      const end = position + boxSize;
      if (end > to) throw malformed(`a box runs past the end of ${topLevel ? 'the file' : 'its parent'}`, topLevel);
      list.push({ type: header.toString('latin1', 4, 8), start: position, payload: position + headerSize, end });
      position = end;
    }
    return list;
  };

  const neutralise = (box: Box): void => {
    const header = Buffer.alloc(8);
    header.writeUInt32BE(box.end - box.start, 0);
    header.write('free', 4, 'latin1');
    plan.skip(box.start, box.end);
    plan.insert({ bytes: header });
    plan.insert({ zeros: box.end - box.start - 8 });
  };

  const visit = async (box: Box): Promise<void> => {
    if (box.type !== 'meta') {
      for (const child of await children(box.payload, box.end, false)) await visitChild(child);
      return;
    }
    // ISO meta is a full box (4 bytes of version and flags before its children); QuickTime's starts with hdlr.
    const peek = await readAt(reader, box.payload, 8);
    const first = peek.toString('latin1', 4, 8) === 'hdlr' ? box.payload : box.payload + 4;
    const items = await children(first, box.end, false);
    const keysBox = items.find((item) => item.type === 'keys');
    const keys = keysBox ? await readKeys(keysBox) : [];
    for (const item of items) {
      if (item.type === 'ilst') {
        for (const entry of await children(item.payload, item.end, false)) {
          const key = keys[entry.type.split('').reduce((index, char) => index * 256 + char.charCodeAt(0), 0) - 1];
          const verdict = key === undefined ? ATOMS[entry.type] : keyVerdict(key);
          if (verdict) remove(entry, verdict);
        }
      } else await visitChild(item);
    }
  };

  const visitChild = async (box: Box): Promise<void> => {
    const verdict = ATOMS[box.type];
    if (verdict) remove(box, verdict);
    else if (CONTAINERS.has(box.type)) await visit(box);
  };

  const remove = (box: Box, verdict: Verdict): void => {
    if (verdict.location) found.location = true;
    if (verdict.field) found.fields.add(verdict.field);
    neutralise(box);
  };

  /** The key names, in order (an `ilst` item's type is its key's 1-based index). */
  const readKeys = async (box: Box): Promise<string[]> => {
    if (box.end - box.payload > MAX_KEYS_BYTES) throw malformed('a keys list too large to be real');
    const data = await readAt(reader, box.payload, box.end - box.payload);
    const names: string[] = [];
    const count = data.length >= 8 ? data.readUInt32BE(4) : 0;
    for (let at = 8; names.length < count;) {
      if (at + 8 > data.length) throw malformed('a keys list runs past its box');
      const keySize = data.readUInt32BE(at);
      if (keySize < 8 || at + keySize > data.length) throw malformed('a keys list runs past its box');
      names.push(data.toString('utf8', at + 8, at + keySize));
      at += keySize;
    }
    return names;
  };

  const top = await children(0, size, true);
  if (!top.length || !['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip'].includes(top[0].type)) throw malformed('it does not start with a known box');
  for (const box of top) if (box.type === 'moov') await visit(box);
  return plan.finish();
}

function keyVerdict(key: string): Verdict | undefined {
  if (key.startsWith(LOCATION_KEY)) return { location: true };
  return IDENTITY_KEYS[key] ? { field: IDENTITY_KEYS[key] } : undefined;
}

function malformed(detail: string, truncated = false): MalformedMediaError {
  return new MalformedMediaError('MP4', truncated, detail);
}
