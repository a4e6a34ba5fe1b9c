import type { MetadataFindings } from './source';

/** IFD0 and Exif-IFD tags that name the camera, its owner or its software (logged by name). */
const IDENTITY_TAGS: Readonly<Record<number, string>> = {
  0x010f: 'Make',
  0x0110: 'Model',
  0x0131: 'Software',
  0x013b: 'Artist',
  0x8298: 'Copyright',
  0x0132: 'DateTime',
  0x9003: 'DateTimeOriginal',
  0xa430: 'CameraOwnerName',
  0xa431: 'BodySerialNumber',
  0xa433: 'LensMake',
  0xa434: 'LensModel',
  0xa435: 'LensSerialNumber',
  0x927c: 'MakerNote',
  0xa420: 'ImageUniqueID',
};
const ORIENTATION = 0x0112;
const EXIF_IFD = 0x8769;
const GPS_IFD = 0x8825;
const MAX_ENTRIES = 1000;

/**
 * Notes what an Exif TIFF block holds (IFD0, the Exif IFD and the GPS IFD) into `found`. A damaged block is only
 * noted as "Exif": it is removed whole either way, and the picture does not depend on it.
 */
export function readExif(tiff: Buffer, found: MetadataFindings): void {
  found.fields.add('Exif');
  try {
    const little = tiff.toString('latin1', 0, 2) === 'II';
    if (!little && tiff.toString('latin1', 0, 2) !== 'MM') return;
    const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
    const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
    const visit = (offset: number, depth: number): void => {
      const count = Math.min(u16(offset), MAX_ENTRIES);
      for (let index = 0; index < count; index++) {
        const entry = offset + 2 + index * 12;
        const tag = u16(entry);
        if (tag === ORIENTATION && depth === 0) {
          const value = u16(entry + 8);
          if (value >= 1 && value <= 8) found.orientation = value;
        } else if (tag === GPS_IFD) {
          // An empty GPS IFD (some phones write one with location off) holds no position.
          if (u16(u32(entry + 8)) > 0) found.location = true;
        } else if (tag === EXIF_IFD && depth === 0) visit(u32(entry + 8), 1);
        else if (IDENTITY_TAGS[tag]) found.fields.add(IDENTITY_TAGS[tag]);
      }
    };
    visit(u32(4), 0);
  } catch {
    // An offset past the block's end: what was read so far is what is reported.
  }
}

/** An Exif TIFF block holding only the Orientation tag: 26 bytes, big-endian, one IFD with one entry. */
export function orientationOnlyTiff(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(ORIENTATION, 10);
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  return tiff;
}

const XMP_LOCATION = /GPS(Latitude|Longitude|Altitude)|photoshop:(City|State|Country)|Iptc4xmpCore:Location|LocationShown|LocationCreated/;
const XMP_IDENTITY = /tiff:Make|tiff:Model|SerialNumber|CreatorTool|dc:creator|OwnerName|LensModel/;

/** Notes what an XMP packet names: its text is searched for field names, never kept. */
export function readXmp(packet: Buffer, found: MetadataFindings): void {
  found.fields.add('XMP');
  const text = packet.toString('latin1');
  if (XMP_LOCATION.test(text)) found.location = true;
  for (const match of text.match(new RegExp(XMP_IDENTITY.source, 'g')) ?? []) found.fields.add(`XMP ${match}`);
}
