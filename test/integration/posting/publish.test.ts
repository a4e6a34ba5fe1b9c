import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../../emulator';
import { BACK } from '../../../src/core/common/steps';
import type { TextStatusFont } from '../../../src/core/statuses/textStatus';
import { uniquePng, waitFor, withUserSetting } from '../hostProbes';
import { TEST_INSTANCE, mp4Bytes, pngBytes, usePostingSuite, workspaceFile, type Harness } from '../support';

const repoMedia = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'media', name));

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

  describe('pre-flight checks: read while the person answers, shown before anything is sent', () => {
    /** Answers the confirmation with `answer`, noting what it warned about and whether anything was sent by then. */
    function confirmWith(answer: boolean): { warnings?: readonly string[]; sentBefore?: number } {
      const seen: { warnings?: readonly string[]; sentBefore?: number } = {};
      h.script.confirm = async (summary) => {
        seen.warnings = summary.warnings;
        seen.sentBefore = emulator.apiRequests('sendMediaStatus').length;
        return answer;
      };
      return seen;
    }

    it('warns about a landscape picture with its ratio in the confirmation, after the caption and audience; declining sends nothing', async () => {
      h.script = { caption: '', participants: [] };
      const seen = confirmWith(false);
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('wide.png', pngBytes(32, 18)));
      assert.deepEqual(h.asked, ['caption', 'participants', 'confirm']);
      assert.equal(seen.warnings?.length, 1, JSON.stringify(seen.warnings));
      assert.match(seen.warnings?.[0] ?? '', /wide\.png is 16:9 \(32×18\)/);
      assert.equal(seen.sentBefore, 0);
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
      assert.equal(emulator.statuses.length, 0);
      assert.equal(h.only().message, 'Cancelled; nothing was posted.');
    });

    it('posts the landscape picture when the person accepts', async () => {
      h.script = { caption: '', participants: [] };
      const seen = confirmWith(true);
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('wide-ok.png', pngBytes(32, 18)));
      assert.equal(seen.warnings?.length, 1);
      assert.equal(emulator.statuses.length, 1);
    });

    it('confirms a 9:16 picture without warnings', async () => {
      h.script = { caption: '', participants: [] };
      const seen = confirmWith(true);
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('tall.png', pngBytes(9, 16)));
      assert.deepEqual(seen.warnings, []);
      assert.equal(emulator.statuses.length, 1);
    });

    it('warns that a video over 60 s will be cut', async () => {
      h.script = { caption: '', participants: [] };
      const seen = confirmWith(false);
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('long.mp4', repoMedia('landscape-75s.mp4')));
      assert.ok(
        seen.warnings?.some((line) => /long\.mp4 is 75 s long; WhatsApp cuts status videos to the first 60 s/.test(line)),
        JSON.stringify(seen.warnings),
      );
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
    });

    it('suggests a voice status for an MP4 that holds only sound', async () => {
      h.script = { caption: '', participants: [] };
      const seen = confirmWith(false);
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('podcast.mp4', repoMedia('audio-only-2s.mp4')));
      assert.ok(seen.warnings?.some((line) => /podcast\.mp4 holds only sound: post it as a voice status/.test(line)));
    });

    it('asks "Post anyway?" on its own after the answers when confirmBeforePosting is off; declining sends nothing', async () => {
      await withUserSetting('confirmBeforePosting', false, async () => {
        let sentBefore: number | undefined;
        h.script = {
          caption: '',
          participants: [],
          ask: async () => {
            sentBefore = emulator.apiRequests('sendMediaStatus').length;
            return false;
          },
        };
        await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('wide-unconfirmed.png', pngBytes(32, 18)));
        assert.equal(h.asked.length, 3, JSON.stringify(h.asked));
        assert.deepEqual(h.asked.slice(0, 2), ['caption', 'participants']);
        assert.match(h.asked[2], /^ask:wide-unconfirmed\.png is 16:9 \(32×18\)/);
        assert.equal(sentBefore, 0);
        assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
        assert.deepEqual(h.notifications, [], 'declining is answer enough');
      });
    });
  });

  describe('the first prompt waits for no network', () => {
    // Every GREEN-API answer takes this long: a prompt that waited for one would come at least this late.
    const DELAY_MS = 2500;

    it('asks for the caption of a first post while GREEN-API has not answered the instance check, then posts', async () => {
      emulator.fault({ method: '*', delayMs: DELAY_MS, times: 10 });
      let askedAfterMs = Number.NaN;
      let stateCheck: number[] = [];
      const started = performance.now();
      h.script = {
        caption: async () => {
          askedAfterMs = performance.now() - started;
          // Started with the post (it may not have reached the emulator yet), and not answered.
          await waitFor(() => emulator.apiRequests('getStateInstance').length > 0, 'the instance check to be asked');
          stateCheck = emulator.apiRequests('getStateInstance').map((request) => request.status);
          return 'no waiting';
        },
        participants: [],
      };
      await vscode.commands.executeCommand('whatsappStatus.postFile', workspaceFile('first-post.png', uniquePng()));
      assert.ok(askedAfterMs < DELAY_MS / 2, `the caption was asked ${askedAfterMs.toFixed(0)} ms after the command`);
      assert.deepEqual(stateCheck, [0], 'the instance check was under way, unanswered, while the caption was asked');
      assert.equal(emulator.statuses.length, 1);
      assert.equal(emulator.statuses[0].body.caption, 'no waiting');
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

    it('numbers its five steps, and Back from the audience returns to the font with the one picked before', async () => {
      const seen: string[] = [];
      const fonts: TextStatusFont[] = ['SERIF', 'SANS_SERIF'];
      const audiences: Array<string[] | typeof BACK> = [BACK, []];
      h.script = {
        statusText: 'Back and forth',
        backgroundColor: '#075E54',
        font: async (position, previous) => (seen.push(`font ${position?.step}/${position?.totalSteps} (${previous ?? '-'})`), fonts.shift()),
        participants: async (_choices, position) => (seen.push(`audience ${position?.step}/${position?.totalSteps}`), audiences.shift()),
      };
      await vscode.commands.executeCommand('whatsappStatus.postText');
      assert.deepEqual(seen, ['font 3/5 (-)', 'audience 4/5', 'font 3/5 (SERIF)', 'audience 4/5']);
      assert.equal(emulator.statuses.length, 1, 'posted once');
      assert.deepEqual(emulator.statuses[0].body, { message: 'Back and forth', backgroundColor: '#075E54', font: 'SANS_SERIF' });
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
