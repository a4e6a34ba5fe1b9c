import assert from 'node:assert/strict';
import { MAX_UPLOAD_BYTES } from '../../../../src/core/media/media';
import { VOICE_STATUS_EXTENSIONS, checkVoiceFile } from '../../../../src/core/statuses/voiceStatus';

const file = (name: string, size = 4096, isDirectory = false) => ({ name, size, isDirectory });

describe('core/voiceStatus', () => {
  it('accepts exactly .mp3 and .wav, any case, with their MIME types', () => {
    assert.deepEqual(Object.keys(VOICE_STATUS_EXTENSIONS).sort(), ['.mp3', '.wav']);
    assert.deepEqual(checkVoiceFile(file('Voice Note.MP3')), {
      ok: true,
      voice: { extension: '.mp3', mimeType: 'audio/mpeg', size: 4096 },
    });
    const wav = checkVoiceFile(file('take 2.wav'));
    assert.ok(wav.ok);
    assert.equal(wav.voice.mimeType, 'audio/wav');
  });

  it('suggests converting other audio (ogg, m4a, …) to MP3, since voice statuses list only mp3 and wav', () => {
    for (const name of ['memo.ogg', 'memo.m4a', 'memo.flac', 'memo.opus', 'memo.aac']) {
      const result = checkVoiceFile(file(name));
      assert.ok(!result.ok && result.problem.code === 'convert-to-mp3', name);
    }
  });

  it('refuses a name ending in a space or a dot after its extension (memo.mp3 , memo.mp3.)', () => {
    for (const name of ['memo.mp3 ', 'memo.mp3.']) {
      assert.deepEqual(checkVoiceFile(file(name)), { ok: false, problem: { code: 'trailing-characters', extension: '.mp3' } }, JSON.stringify(name));
    }
  });

  it('refuses files that are not audio at all', () => {
    assert.deepEqual(checkVoiceFile(file('clip.mp4')), { ok: false, problem: { code: 'not-audio', extension: '.mp4' } });
    assert.deepEqual(checkVoiceFile(file('notes.txt')), { ok: false, problem: { code: 'not-audio', extension: '.txt' } });
  });

  it('applies the upload limits: not a folder, has an extension, 1 byte to 100 MB', () => {
    assert.deepEqual(checkVoiceFile(file('voice.mp3', 0, true)), { ok: false, problem: { code: 'directory' } });
    assert.deepEqual(checkVoiceFile(file('voice')), { ok: false, problem: { code: 'no-extension' } });
    assert.deepEqual(checkVoiceFile(file('voice.mp3', 0)), { ok: false, problem: { code: 'empty' } });
    assert.ok(checkVoiceFile(file('voice.mp3', 1)).ok);
    assert.ok(checkVoiceFile(file('voice.mp3', MAX_UPLOAD_BYTES)).ok);
    assert.deepEqual(checkVoiceFile(file('voice.mp3', MAX_UPLOAD_BYTES + 1)), {
      ok: false,
      problem: { code: 'too-large', size: MAX_UPLOAD_BYTES + 1, limit: MAX_UPLOAD_BYTES },
    });
  });
});
