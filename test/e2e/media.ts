// The journeys' media, written into the throw-away workspace copy at run time (no binaries in git):
//   photo.png      a small, real picture (the Explorer journey)
//   clip.mp4       a real 2 s video from test/fixtures/media (the palette journey)
//   starfield.png  a valid 40 MB picture of noise (cancel journeys). It must be well over the ~4-6 MB that loopback
//                  socket buffers absorb at once, or the extension's progress (bytes handed to the socket) would read
//                  100% while the throttled emulator is still reading.
//   pictures/      a plain folder, and album.png/ a folder whose name looks like an image (the menu journey)
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../harness/tools';
import { drawnPng, noisePng, type Pixel } from '../fixtures/png';

// Pictures are 9:16 portrait, as statuses are shown: any other shape makes the extension warn before posting.

export const PHOTO = 'photo.png';
export const CLIP = 'clip.mp4';
export const BIG_PICTURE = 'starfield.png';
export const NOTES = 'notes.txt';
export const PLAIN_FOLDER = 'pictures';
export const IMAGE_NAMED_FOLDER = 'album.png';

export function writeMediaFixtures(dir: string): void {
  fs.writeFileSync(path.join(dir, PHOTO), drawnPng(360, 640, sunset));
  fs.writeFileSync(path.join(dir, BIG_PICTURE), noisePng(2736, 4864));
  const clip = path.join(repoRoot, 'test', 'fixtures', 'media', 'portrait-2s.mp4');
  // The extension only looks at the name and size, so a stub keeps the journey runnable if the fixture moves.
  if (fs.existsSync(clip)) fs.copyFileSync(clip, path.join(dir, CLIP));
  else fs.writeFileSync(path.join(dir, CLIP), Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'));
  if (!fs.existsSync(path.join(dir, NOTES))) fs.writeFileSync(path.join(dir, NOTES), 'Not a picture.\n');
  for (const folder of [PLAIN_FOLDER, IMAGE_NAMED_FOLDER]) {
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
    fs.writeFileSync(path.join(dir, folder, 'README.txt'), 'A folder: it has no "Post as WhatsApp status".\n');
  }
}

/** An orange-to-violet sky with a setting sun over the sea: something a person recognises as a photo in a screenshot. */
const sunset: Pixel = (x, y, width, height) => {
  const t = y / height;
  const sky: [number, number, number] = [255 - 120 * t, 150 - 110 * t, 60 + 120 * t];
  const dx = x - width * 0.5;
  const dy = y - height * 0.62;
  if (y > height * 0.7) return [20 + 30 * t, 40 + 30 * t, 90 + 40 * t];
  if (dx * dx + dy * dy < (height * 0.18) ** 2) return [255, 220, 90];
  return sky;
};
