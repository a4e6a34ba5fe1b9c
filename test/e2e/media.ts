// The journeys' media, written into the throw-away workspace copy at run time (no binaries in git):
//   photo.png      a small, real picture (the Explorer journey)
//   clip.mp4       a real 2 s video from test/fixtures/media (the palette journey)
//   starfield.png  a valid 40 MB picture of noise (cancel journeys). It must be well over the ~4-6 MB that loopback
//                  socket buffers absorb at once, or the extension's progress (bytes handed to the socket) would read
//                  100% while the throttled emulator is still reading.
//   pictures/      a plain folder, and album.png/ a folder whose name looks like an image (the menu journey)
//   harbour.png, beach-1/2/3.png, garden.png, sunrise.png, lighthouse.png, rooftops.png, dusk.png
//                  pictures of their own for the contacts, batch, history, follow-up and local-number journeys.
//   evening.mov    a real QuickTime video from test/fixtures/media (the link-check journey)
//   canal.jpg      a phone's photo (GPS, camera, XMP, Orientation 6) from test/fixtures/metadata.ts (the privacy
//                  journey): the only JPEG.
//   greeter.ts     20 lines of TypeScript (the code image journey).
//   meadow.png     a picture of its own for the steps journey (Back through caption, audience and confirmation).
// The extension reuses the upload of a file it posted before (its upload cache outlives emulator.reset(), which deletes
// the files), so a journey that asserts uploads posts a file no earlier journey posted.
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../harness/tools';
import { phoneJpeg } from '../fixtures/metadata';
import { drawnPng, noisePng, type Pixel } from '../fixtures/png';

// Pictures are 9:16 portrait, as statuses are shown: any other shape makes the extension warn before posting.

export const PHOTO = 'photo.png';
export const CLIP = 'clip.mp4';
export const BIG_PICTURE = 'starfield.png';
export const NOTES = 'notes.txt';
export const PLAIN_FOLDER = 'pictures';
export const IMAGE_NAMED_FOLDER = 'album.png';
export const HARBOUR = 'harbour.png';
export const BEACHES = ['beach-1.png', 'beach-2.png', 'beach-3.png'] as const;
export const GARDEN = 'garden.png';
export const SUNRISE = 'sunrise.png';
export const LIGHTHOUSE = 'lighthouse.png';
export const ROOFTOPS = 'rooftops.png';
export const EVENING = 'evening.mov';
export const DUSK = 'dusk.png';
export const MEADOW = 'meadow.png';
export const CANAL = 'canal.jpg';
export const GREETER = 'greeter.ts';

/** A small TypeScript module: keywords, strings, comments and a template literal, for the code image journey. */
export const GREETER_SOURCE = `// Greets whoever opens the status.
import { format } from 'node:util';

/** One greeting per hour of the day. */
export function greeting(name: string, hour = new Date().getHours()): string {
  const part = hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
  return format('Good %s, %s!', part, name);
}

export class Greeter {
  private readonly seen = new Set<string>();

  greet(name: string): string {
    const again = this.seen.has(name);
    this.seen.add(name);
    return again ? \`Welcome back, \${name}\` : greeting(name);
  }
}

export default new Greeter();
`;

export function writeMediaFixtures(dir: string): void {
  fs.writeFileSync(path.join(dir, PHOTO), drawnPng(360, 640, sunset));
  fs.writeFileSync(path.join(dir, BIG_PICTURE), noisePng(2736, 4864));
  fs.writeFileSync(path.join(dir, HARBOUR), drawnPng(360, 640, harbour));
  BEACHES.forEach((name, index) => fs.writeFileSync(path.join(dir, name), drawnPng(360, 640, beach(index / (BEACHES.length - 1)))));
  fs.writeFileSync(path.join(dir, GARDEN), drawnPng(360, 640, garden));
  // Suns at other points of their course than the beaches': bytes no other journey uploads.
  fs.writeFileSync(path.join(dir, SUNRISE), drawnPng(360, 640, beach(0.1)));
  fs.writeFileSync(path.join(dir, LIGHTHOUSE), drawnPng(360, 640, beach(0.3)));
  fs.writeFileSync(path.join(dir, ROOFTOPS), drawnPng(360, 640, beach(0.7)));
  fs.writeFileSync(path.join(dir, DUSK), drawnPng(360, 640, beach(0.9)));
  fs.writeFileSync(
    path.join(dir, MEADOW),
    drawnPng(360, 640, (x, y, width, height) => garden(width - 1 - x, y, width, height)),
  );
  fs.copyFileSync(path.join(repoRoot, 'test', 'fixtures', 'media', 'clip-3s.mov'), path.join(dir, EVENING));
  // 160×90 turned a quarter by its Orientation: a 9:16 portrait on screen.
  fs.writeFileSync(path.join(dir, GREETER), GREETER_SOURCE);
  fs.writeFileSync(path.join(dir, CANAL), phoneJpeg(fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'media', 'landscape-160x90.jpg')), 6));
  const clip = path.join(repoRoot, 'test', 'fixtures', 'media', 'portrait-2s.mp4');
  // The extension only looks at the name and size, so a stub keeps the journey runnable if the fixture moves.
  if (fs.existsSync(clip)) fs.copyFileSync(clip, path.join(dir, CLIP));
  else fs.writeFileSync(path.join(dir, CLIP), Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'));
  if (!fs.existsSync(path.join(dir, NOTES))) fs.writeFileSync(path.join(dir, NOTES), 'Not a picture.\n');
  for (const folder of [PLAIN_FOLDER, IMAGE_NAMED_FOLDER]) {
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
    fs.writeFileSync(path.join(dir, folder, 'README.txt'), 'A folder: it has no "Post as Status".\n');
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

/** A beach with the sun at `t` of its course (0 morning, 1 evening): each of the three is different bytes. */
const beach =
  (t: number): Pixel =>
  (x, y, width, height) => {
    const sunX = width * (0.2 + 0.6 * t);
    const sunY = height * (0.35 - 0.2 * Math.sin(Math.PI * t));
    const dx = x - sunX;
    const dy = y - sunY;
    if (y > height * 0.78) return [235, 205, 150];
    if (y > height * 0.55) return [30, 110 + 40 * t, 170];
    if (dx * dx + dy * dy < (width * 0.1) ** 2) return [255, 235, 140];
    return [120 + 100 * t, 180 - 40 * t, 235 - 60 * t];
  };

/** Boats' sails on a blue harbour. */
const harbour: Pixel = (x, y, width, height) => {
  if (y > height * 0.6) return [25, 70 + ((y >> 3) % 2) * 12, 120];
  for (const mast of [0.25, 0.55, 0.8]) {
    const left = width * mast;
    const top = height * (0.38 + mast * 0.05);
    if (x >= left && x < left + width * 0.12 && y > top && x - left < ((y - top) / (height * 0.6 - top)) * width * 0.12) return [250, 250, 245];
  }
  return [150, 200, 240 - (y / height) * 60];
};

/** Green rows of a garden under a grey sky. */
const garden: Pixel = (x, y, width, height) => {
  if (y < height * 0.3) return [170, 180, 190];
  const row = Math.floor((y - height * 0.3) / 24) % 2;
  return row ? [60, 140, 70] : [90, 170 + (x / width) * 40, 80];
};
