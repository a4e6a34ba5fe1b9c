import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../emulator';
import { pngBytes, runPost, usePostingSuite, workspaceFile, workspaceRoot, type Harness } from './support';

describe('bad input is refused before any request', () => {
  let h: Harness;
  let emulator: Emulator;

  usePostingSuite((harness, emu) => ((h = harness), (emulator = emu)));
  beforeEach(() => (h.script = { caption: 'never asked', participants: [] }));

  /** Runs the command on `uri` and checks it ended in one specific error and no request at all. */
  async function expectRefused(expected: RegExp, ...args: unknown[]): Promise<void> {
    await runPost(...args);
    const { severity, message } = h.only();
    assert.equal(severity, 'error');
    assert.match(message, expected);
    assert.equal(emulator.requests.length, 0, 'no request reached the emulator');
    assert.ok(!h.asked.includes('caption'), 'the person was not asked for a caption');
  }

  it('a folder', async () => {
    fs.mkdirSync(path.join(workspaceRoot(), 'album.png'), { recursive: true });
    await expectRefused(/album\.png: it is a folder/, vscode.Uri.file(path.join(workspaceRoot(), 'album.png')));
  });

  it('an empty file', () => expectRefused(/empty\.png: the file is empty/, workspaceFile('empty.png', '')));

  it('a file over 100 MB (sparse)', async () => {
    const file = path.join(workspaceRoot(), 'huge.mp4');
    const handle = fs.openSync(file, 'w');
    fs.ftruncateSync(handle, 100_000_001);
    fs.closeSync(handle);
    await expectRefused(/huge\.mp4: it is 100,000,001 bytes, over the 100,000,000 bytes/, vscode.Uri.file(file));
  });

  it('a text file', () => expectRefused(/notes\.txt: \.txt is not a supported type/, workspaceFile('notes.txt', 'hello')));

  it('a file without an extension', () => expectRefused(/Makefile: it has no file extension/, workspaceFile('Makefile', 'all:')));

  it('an MP3, pointing to voice statuses', () => expectRefused(/song\.mp3: \.mp3 is audio.*voice status/, workspaceFile('song.mp3', 'ID3')));

  it('a file that does not exist', () => expectRefused(/ghost\.png: the file does not exist/, vscode.Uri.file(path.join(workspaceRoot(), 'ghost.png'))));

  it('an unsaved editor', async () => {
    const document = await vscode.workspace.openTextDocument({ content: 'draft' });
    await expectRefused(/it is not saved to disk/, document.uri);
  });

  it('a selection with one bad file posts none of them', async () => {
    const good = workspaceFile('good.png', pngBytes(9, 16));
    const bad = workspaceFile('bad.gif', 'GIF89a');
    await expectRefused(/Cannot post these files, so nothing was posted: bad\.gif/, good, [good, bad]);
  });

  it('an apiUrl that is not https (and not loopback)', async () => {
    const config = vscode.workspace.getConfiguration('whatsappStatus');
    const previous = config.inspect<string>('apiUrl')?.globalValue;
    await config.update('apiUrl', 'http://api.example.com', vscode.ConfigurationTarget.Global);
    try {
      await expectRefused(/whatsappStatus\.apiUrl must be an https:\/\/ URL/, workspaceFile('insecure.png', pngBytes(9, 16)));
    } finally {
      await config.update('apiUrl', previous, vscode.ConfigurationTarget.Global);
    }
  });
});
