import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../emulator';
import { TEST_INSTANCE, mp4Bytes, pngBytes, usePostingSuite, workspaceFile, type Harness } from './support';

const repoMedia = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'media', name));

describe('audiences, pre-flight checks, batches, text and voice statuses', () => {
  let h: Harness;
  let emulator: Emulator;

  usePostingSuite((harness, emu) => ((h = harness), (emulator = emu)));
  afterEach(async () => {
    const config = vscode.workspace.getConfiguration('whatsappStatus');
    await config.update('requireExplicitParticipants', undefined, vscode.ConfigurationTarget.Global);
    await config.update('audiences', undefined, vscode.ConfigurationTarget.Global);
  });

  describe('audience', () => {
    it('offers every user contact with a number, by name, and posts to the ones picked', async () => {
      let offered: string[] = [];
      h.script = {
        caption: '',
        participants: async (choices) => {
          const contacts = (await choices!.contacts()).choosable;
          offered = contacts.map((c) => c.id);
          return contacts.filter((c) => /Alice|Carol/.test(c.contactName ?? '')).map((c) => c.id);
        },
      };
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('to-two.png', pngBytes(9, 16)));
      assert.ok(offered.includes('79001112233@c.us') && offered.includes('447700900123@c.us'));
      assert.ok(offered.includes('79005556677@c.us'), 'a user without a contactName is offered too');
      assert.ok(
        offered.every((id) => id.endsWith('@c.us')),
        'no groups',
      );
      assert.deepEqual(emulator.statuses[0].body.participants, ['79001112233@c.us', '447700900123@c.us']);
    });

    it('caches the contacts: a second post asks GetContacts no more', async () => {
      h.script = { caption: '', participants: async (choices) => [(await choices!.contacts()).choosable[0].id] };
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('c1.png', pngBytes(9, 16)));
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('c2.png', pngBytes(9, 17)));
      assert.ok(emulator.apiRequests('getContacts').length <= 1);
      assert.equal(emulator.statuses.length, 2);
    });

    it('notes that a number that is not a contact may not see it, without stopping the post', async () => {
      h.script = { caption: '', participants: ['15550001111@c.us'], ask: false };
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('stranger.png', pngBytes(9, 16)));
      assert.ok(
        h.notifications.some((n) => n.severity === 'warn' && n.message.includes('+15550001111') && /may not see it/.test(n.message)),
        JSON.stringify(h.notifications),
      );
      assert.ok(!h.asked.some((q) => q.startsWith('ask:')));
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 1);
    });

    it('sends "All my contacts" as the explicit list when requireExplicitParticipants is on', async () => {
      await vscode.workspace.getConfiguration('whatsappStatus').update('requireExplicitParticipants', true, vscode.ConfigurationTarget.Global);
      h.script = { caption: '', participants: [] };
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('explicit.png', pngBytes(9, 16)));
      assert.deepEqual(emulator.statuses[0].body.participants, ['79001112233@c.us', '79002223344@c.us', '447700900123@c.us', '4915112345678@c.us']);
    });

    it('offers saved audiences from the setting and saves a new one', async () => {
      await vscode.workspace.getConfiguration('whatsappStatus').update('audiences', { Family: ['+7 900 111-22-33'] }, vscode.ConfigurationTarget.Global);
      h.script = {
        caption: '',
        participants: async (choices) => {
          assert.deepEqual(choices!.audiences, [{ name: 'Family', ids: ['79001112233@c.us'] }]);
          await choices!.saveAudience('Friends', ['447700900123@c.us']);
          return choices!.audiences[0].ids;
        },
      };
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('family.png', pngBytes(9, 16)));
      assert.deepEqual(emulator.statuses[0].body.participants, ['79001112233@c.us']);
      const saved = vscode.workspace.getConfiguration('whatsappStatus').inspect<Record<string, string[]>>('audiences')?.globalValue;
      assert.deepEqual(saved, { Family: ['+7 900 111-22-33'], Friends: ['+447700900123'] });
    });
  });

  describe('pre-flight checks before any byte is sent', () => {
    it('warns about a landscape picture with its ratio; declining sends nothing', async () => {
      h.script = { caption: '', participants: [], ask: false };
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('wide.png', pngBytes(32, 18)));
      const question = h.asked.find((q) => q.startsWith('ask:'));
      assert.match(question ?? '', /wide\.png is 16:9 \(32×18\)/);
      assert.equal(emulator.requests.length, 0);
    });

    it('posts the landscape picture when the person accepts', async () => {
      h.script = { caption: '', participants: [], ask: true };
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('wide-ok.png', pngBytes(32, 18)));
      assert.equal(emulator.statuses.length, 1);
    });

    it('warns that a video over 60 s will be cut', async () => {
      h.script = { caption: '', participants: [], ask: false };
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('long.mp4', repoMedia('landscape-75s.mp4')));
      assert.ok(
        h.asked.some((q) => /long\.mp4 is 75 s long; WhatsApp cuts status videos to the first 60 s/.test(q)),
        JSON.stringify(h.asked),
      );
      assert.equal(emulator.requests.length, 0);
    });

    it('suggests a voice status for an MP4 that holds only sound', async () => {
      h.script = { caption: '', participants: [], ask: false };
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('podcast.mp4', repoMedia('audio-only-2s.mp4')));
      assert.ok(h.asked.some((q) => /podcast\.mp4 holds only sound: post it as a voice status/.test(q)));
    });
  });

  describe('batches', () => {
    it('asks per file when chosen, and offers Retry Failed that posts the failed one with the same answers', async () => {
      const files = ['b1.png', 'b2.png', 'b3.png'].map((name, i) => workspaceFile(`batch3/${name}`, pngBytes(9, 16 + i)));
      emulator.fault({ method: 'uploadFile', status: 400, body: 'Validation failed. Details: file is empty' });
      h.script = { caption: 'three', participants: [], batchMode: 'shared' };
      h.clicks = [{ match: /of 3 statuses queued/, action: 'Retry Failed' }];
      await vscode.commands.executeCommand('whatsappStatus.postFile', files[0], files);
      const summary = h.notifications.find((n) => /2 of 3 statuses queued/.test(n.message));
      assert.ok(summary, JSON.stringify(h.notifications));
      assert.ok(summary.actions.includes('Retry Failed'));
      // The retry runs after the notification's click, without asking again.
      const asked = h.asked.length;
      for (let i = 0; i < 50 && emulator.statuses.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(emulator.statuses.length, 3);
      assert.deepEqual(
        emulator.statuses.map((s) => s.body.caption),
        ['three', 'three', 'three'],
      );
      assert.equal(h.asked.slice(asked).filter((q) => q === 'caption').length, 0);
    });

    it('asks for a caption per file when "Ask for each file" is chosen', async () => {
      const files = [workspaceFile('each/a.png', pngBytes(27, 48)), workspaceFile('each/b.mp4', mp4Bytes(40_000))];
      h.script = { caption: 'each', participants: [], batchMode: 'per-file' };
      await vscode.commands.executeCommand('whatsappStatus.postFile', files[0], files);
      assert.equal(h.asked.filter((q) => q === 'caption').length, 2);
      assert.equal(emulator.statuses.length, 2);
    });
  });

  describe('text status', () => {
    it('posts the editor selection with the picked colour and font', async () => {
      const document = await vscode.workspace.openTextDocument({ content: 'ignored\nHello from VS Code\n' });
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(1, 0, 1, 18);
      h.script = { statusText: 'Hello from VS Code', backgroundColor: '#075E54', font: 'SERIF', participants: [] };
      await vscode.commands.executeCommand('whatsappStatus.postText');
      assert.deepEqual(h.statusTextOffered, ['Hello from VS Code']);
      assert.deepEqual(emulator.statuses[0].body, { message: 'Hello from VS Code', backgroundColor: '#075E54', font: 'SERIF' });
      assert.match(h.notifications.at(-1)?.message ?? '', /^Status queued — id /);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('refuses white backgrounds and text over 500 characters before any request', async () => {
      h.script = { statusText: 'x'.repeat(501), backgroundColor: '#075E54', font: 'SERIF', participants: [] };
      await vscode.commands.executeCommand('whatsappStatus.postText');
      assert.match(h.only().message, /501 characters; a text status allows 500/);
      h.reset();
      h.script = { statusText: 'hi', backgroundColor: '#FFFFFF', font: 'SERIF', participants: [] };
      await vscode.commands.executeCommand('whatsappStatus.postText');
      assert.match(h.only().message, /cannot be white/);
      assert.equal(emulator.requests.length, 0);
    });
  });

  describe('voice status', () => {
    it('uploads an MP3 and posts it with sendVoiceStatus and the background colour', async () => {
      h.script = { backgroundColor: '#0D47A1', participants: [] };
      await vscode.commands.executeCommand('whatsappStatus.postVoice', workspaceFile('memo.mp3', repoMedia('tone-1s.mp3')));
      assert.deepEqual(
        emulator
          .apiRequests()
          .map((r) => r.apiMethod)
          .filter((m) => m !== 'getStateInstance'),
        ['uploadFile', 'sendVoiceStatus'],
      );
      assert.deepEqual(emulator.statuses[0].body, { urlFile: emulator.uploads[0].urlFile, fileName: 'status.mp3', backgroundColor: '#0D47A1' });
      assert.equal(emulator.uploads[0].contentType, 'audio/mpeg');
    });

    it('refuses an .ogg with a hint to convert, before any request', async () => {
      await vscode.commands.executeCommand('whatsappStatus.postVoice', workspaceFile('memo.ogg', 'OggS'));
      assert.match(h.only().message, /convert it to \.mp3/);
      assert.equal(emulator.requests.length, 0);
    });
  });

  it('records posted statuses in the history (no numbers, no content)', async () => {
    h.script = { caption: 'remember me', participants: ['79001112233@c.us'] };
    await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('history.png', pngBytes(9, 16)));
    const [latest] = h.services.history.list();
    assert.equal(latest.idMessage, emulator.statuses[0].idMessage);
    assert.equal(latest.instance, TEST_INSTANCE);
    assert.deepEqual(
      { kind: latest.kind, fileName: latest.fileName, caption: latest.caption, audienceSize: latest.audienceSize },
      { kind: 'media', fileName: 'history.png', caption: 'remember me', audienceSize: 1 },
    );
    assert.ok(!JSON.stringify(latest).includes('79001112233'));
  });
});
