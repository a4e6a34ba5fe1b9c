import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readMediaFacts } from '../../../../src/core/media/mediaFacts';
import { aspectRatioLabel, mediaStatusWarnings, voiceStatusWarnings } from '../../../../src/core/media/preflight';
import { tempDir } from '../../helpers';
import { ffmpeg, fixture, hasFfmpeg, pngBytes, wavBytes, withExifOrientation, writeFile } from '../support';

const image = (width: number, height: number) => mediaStatusWarnings({ kind: 'image', width, height });

describe('core/preflight', () => {
  describe('warnings', () => {
    it('leaves 9:16 and near-9:16 pictures alone', () => {
      assert.deepEqual(image(1080, 1920), []);
      assert.deepEqual(image(1000, 1700), []);
      assert.deepEqual(image(646, 1000), [], '14.8 % off');
    });

    it('flags a picture more than 15 % off 9:16, with its ratio and how far off it is', () => {
      assert.deepEqual(image(1920, 1080), [{ code: 'not-portrait', width: 1920, height: 1080, ratio: '16:9', differencePercent: 216 }]);
      assert.deepEqual(image(3024, 4032), [{ code: 'not-portrait', width: 3024, height: 4032, ratio: '3:4', differencePercent: 33 }]);
      assert.equal(image(647, 1000)[0]?.code, 'not-portrait', '15.02 % off');
    });

    it('names well-known ratios and writes the others against 1', () => {
      const labels = [
        [1080, 1080],
        [1920, 1200],
        [1170, 2532],
        [4000, 6000],
        [1850, 1000],
        [1000, 1850],
        [1001, 1000],
      ].map(([w, h]) => aspectRatioLabel(w, h));
      assert.deepEqual(labels, ['1:1', '16:10', '9:19.5', '2:3', '1.85:1', '1:1.85', '1:1']);
    });

    it('warns that a video over a minute will be cut, allowing container rounding', () => {
      assert.deepEqual(mediaStatusWarnings({ kind: 'video', durationSeconds: 60.4 }), []);
      assert.deepEqual(mediaStatusWarnings({ kind: 'video', durationSeconds: 75.2 }), [{ code: 'video-will-be-cut', durationSeconds: 75.2, limitSeconds: 60 }]);
      assert.deepEqual(mediaStatusWarnings({ kind: 'video' }), [], 'unknown duration: no advice');
    });

    it('suggests a voice status for sound offered as a media status', () => {
      assert.deepEqual(mediaStatusWarnings({ kind: 'audio', durationSeconds: 3 }), [{ code: 'audio-only' }]);
    });

    it('warns that a voice status over 10 minutes is not sent', () => {
      assert.deepEqual(voiceStatusWarnings({ kind: 'audio', durationSeconds: 600.3 }), []);
      assert.deepEqual(voiceStatusWarnings({ kind: 'audio', durationSeconds: 601 }), [{ code: 'voice-not-sent', durationSeconds: 601, limitSeconds: 600 }]);
      assert.deepEqual(voiceStatusWarnings({}), []);
    });
  });

  describe('readMediaFacts on real files', () => {
    let dir: string;
    before(() => {
      dir = tempDir();
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('reads PNG dimensions', async () => {
      assert.deepEqual(await readMediaFacts(writeFile(dir, 'tall.png', pngBytes(90, 160))), { kind: 'image', width: 90, height: 160 });
      const wide = await readMediaFacts(writeFile(dir, 'wide.PNG', pngBytes(160, 90)));
      assert.deepEqual(mediaStatusWarnings(wide), [{ code: 'not-portrait', width: 160, height: 90, ratio: '16:9', differencePercent: 216 }]);
    });

    it('reads JPEG dimensions as shown, turning them for an EXIF quarter-turn', async () => {
      const jpeg = fs.readFileSync(fixture('landscape-160x90.jpg'));
      assert.deepEqual(await readMediaFacts(fixture('landscape-160x90.jpg')), { kind: 'image', width: 160, height: 90 });
      const rotated = await readMediaFacts(writeFile(dir, 'phone.jpg', withExifOrientation(jpeg, 6)));
      assert.deepEqual(rotated, { kind: 'image', width: 90, height: 160 });
      assert.deepEqual(mediaStatusWarnings(rotated), []);
      assert.deepEqual(await readMediaFacts(writeFile(dir, 'flipped.jpg', withExifOrientation(jpeg, 3))), { kind: 'image', width: 160, height: 90 });
    });

    it('reads MP4 and MOV durations from the committed fixtures', async () => {
      assert.deepEqual(await readMediaFacts(fixture('portrait-2s.mp4')), { kind: 'video', durationSeconds: 2 });
      assert.deepEqual(await readMediaFacts(fixture('clip-3s.mov')), { kind: 'video', durationSeconds: 3 });
      // Its index sits after the media data, as cameras write it.
      const long = await readMediaFacts(fixture('landscape-75s.mp4'));
      assert.deepEqual(long, { kind: 'video', durationSeconds: 75 });
      assert.deepEqual(mediaStatusWarnings(long), [{ code: 'video-will-be-cut', durationSeconds: 75, limitSeconds: 60 }]);
    });

    it('tells an MP4 holding only sound from a video', async () => {
      const facts = await readMediaFacts(fixture('audio-only-2s.mp4'));
      assert.equal(facts.kind, 'audio');
      // Whole 128 ms AAC frames at 8 kHz: the container says 2.128 s.
      assert.ok(Math.abs((facts.durationSeconds ?? 0) - 2) < 0.2, String(facts.durationSeconds));
      assert.deepEqual(mediaStatusWarnings(facts), [{ code: 'audio-only' }]);
    });

    it('reads MP3 and WAV durations for voice statuses', async () => {
      const mp3 = await readMediaFacts(fixture('tone-1s.mp3'));
      assert.equal(mp3.kind, 'audio');
      // Whole 72 ms MP3 frames at 8 kHz, encoder delay included: 1.152 s.
      assert.ok(Math.abs((mp3.durationSeconds ?? 0) - 1) < 0.2, String(mp3.durationSeconds));
      assert.deepEqual(await readMediaFacts(writeFile(dir, 'short.wav', wavBytes(2))), { kind: 'audio', durationSeconds: 2 });
      const long = await readMediaFacts(writeFile(dir, 'long.wav', wavBytes(601)));
      assert.deepEqual(voiceStatusWarnings(long), [{ code: 'voice-not-sent', durationSeconds: 601, limitSeconds: 600 }]);
    });

    it('gives no facts, rather than failing, for files it cannot read or does not measure', async () => {
      const garbage = crypto.randomBytes(4096);
      for (const name of ['broken.mp4', 'broken.png', 'broken.jpg', 'broken.mov', 'notes.txt']) {
        assert.deepEqual(await readMediaFacts(writeFile(dir, name, garbage)), {}, name);
      }
      assert.deepEqual(await readMediaFacts(path.join(dir, 'missing.mp4')), {});
      assert.deepEqual(await readMediaFacts(writeFile(dir, 'truncated.mp4', fs.readFileSync(fixture('portrait-2s.mp4')).subarray(0, 200))), {});
    });
  });

  describe('readMediaFacts on files ffmpeg makes now', function () {
    let dir: string;
    before(function () {
      if (!hasFfmpeg()) {
        console.log('      (skipped: ffmpeg is not installed; `apt-get install -y ffmpeg` runs these, the committed fixtures still cover the parsers)');
        this.skip();
      }
      dir = tempDir();
    });
    after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

    it('reads a 62 s portrait H.264 MP4 with sound as a video to be cut', async () => {
      const file = path.join(dir, 'talk.mp4');
      ffmpeg(
        '-f',
        'lavfi',
        '-i',
        'color=c=black:s=72x128:d=62:r=1',
        '-f',
        'lavfi',
        '-i',
        'sine=duration=62:sample_rate=8000',
        '-c:v',
        'libx264',
        '-crf',
        '51',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'aac',
        '-b:a',
        '8k',
        '-shortest',
        file,
      );
      const facts = await readMediaFacts(file);
      assert.equal(facts.kind, 'video');
      assert.equal(mediaStatusWarnings(facts)[0]?.code, 'video-will-be-cut');
    });

    it('reads an HEVC MOV as iPhones record them', async () => {
      const file = path.join(dir, 'IMG_0001.MOV');
      ffmpeg(
        '-f',
        'lavfi',
        '-i',
        'color=c=blue:s=64x64:d=4:r=5',
        '-c:v',
        'libx265',
        '-x265-params',
        'log-level=error',
        '-tag:v',
        'hvc1',
        '-pix_fmt',
        'yuv420p',
        file,
      );
      assert.deepEqual(await readMediaFacts(file), { kind: 'video', durationSeconds: 4 });
    });

    it('reads an 11-minute MP3 as too long for a voice status', async () => {
      const file = path.join(dir, 'lecture.mp3');
      ffmpeg('-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', '660', '-c:a', 'libmp3lame', '-b:a', '8k', file);
      const [warning] = voiceStatusWarnings(await readMediaFacts(file));
      assert.equal(warning?.code, 'voice-not-sent');
      assert.ok(warning.code === 'voice-not-sent' && Math.abs(warning.durationSeconds - 660) < 1, JSON.stringify(warning));
    });
  });
});
