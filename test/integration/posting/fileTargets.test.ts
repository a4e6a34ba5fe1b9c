// Bad input beyond badInput.test.ts (docs/reliability.md §4, §7 items 18, 20–22), in the real extension host.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StepAnswer } from '../../../src/core/common/steps';
import { checkMediaFile } from '../../../src/core/media/media';
import { resolveResource } from '../../../src/vscode/posting/fileTargets';
import { createVscodePrompts } from '../../../src/vscode/posting/prompts';
import type { Emulator } from '../../emulator';
import { expectClosed, sha256, sleep, uniqueMp4, uniquePng, waitFor, withUserSetting } from '../hostProbes';
import { SENTINEL_TOKEN, TEST_INSTANCE, runPost, usePostingSuite, workspaceFile, workspaceRoot, type Harness } from '../support';

const BIG = 16 * 1024 * 1024;

describe('bad input: changing and unreadable files, odd names, settings, the real prompts', () => {
  let h: Harness;
  let emulator: Emulator;

  usePostingSuite((harness, started) => ((h = harness), (emulator = started)));
  beforeEach(() => (h.script = { caption: 'bad input', participants: [] }));

  /** The command ended in exactly this error and nothing reached the emulator. */
  async function expectRefused(message: string, actions: readonly string[], ...args: unknown[]): Promise<void> {
    await runPost(...args);
    assert.deepEqual(h.only(), { severity: 'error', message, actions });
    assert.equal(emulator.requests.length, 0, 'no request reached the emulator');
  }

  describe('files that change between the pick and the send', () => {
    it('deleted after it was picked, before the upload opened it: "could not be read (ENOENT)", no upload request', async () => {
      // Of two files, the question "same caption for both?" comes between the checks on the files and the first
      // upload: the first file is deleted while that question is open, and the failed upload closes the caption prompt.
      const uri = workspaceFile('deleted-early.png', uniquePng());
      const other = workspaceFile('kept.png', uniquePng());
      h.script.batchMode = async () => {
        fs.rmSync(uri.fsPath);
        return 'shared';
      };
      h.script.caption = (_targets, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
      await runPost(uri, [uri, other]);
      assert.deepEqual(h.only(), {
        severity: 'error',
        message: 'deleted-early.png could not be read while uploading (ENOENT); nothing was posted.',
        actions: ['Retry', 'Show Log'],
      });
      assert.equal(emulator.apiRequests('uploadFile').length, 0);
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
    });

    // The upload starts before the caption is asked (it runs while the person types) and reads from a descriptor it
    // already holds, so on Linux a delete during the prompt cannot stop it; the re-check before sending does.
    it('deleted while the caption is asked (upload already done): "changed while it was uploading", nothing posted', async () => {
      const uri = workspaceFile('deleted-in-prompt.png', uniquePng());
      h.script.caption = async () => {
        await waitFor(() => emulator.apiRequests('uploadFile').some((request) => request.status === 200), 'the upload to finish');
        fs.rmSync(uri.fsPath);
        return 'deleted meanwhile';
      };
      await runPost(uri);
      assert.deepEqual(h.only(), {
        severity: 'error',
        message: 'deleted-in-prompt.png changed while it was uploading; nothing was posted.',
        actions: ['Retry', 'Show Log'],
      });
      assert.equal(emulator.apiRequests('uploadFile').length, 1);
      assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
    });

    for (const [change, apply] of [
      ['grows', (file: string) => fs.appendFileSync(file, Buffer.alloc(64 * 1024, 7))],
      ['shrinks', (file: string) => fs.truncateSync(file, BIG / 2)],
    ] as const) {
      it(`${change} during a throttled upload: "changed while it was uploading", the body breaks off, nothing stored or posted`, async () => {
        emulator.set({ uploadBytesPerSecond: 4 * 1024 * 1024 });
        const uri = workspaceFile(`${change}.mp4`, uniqueMp4(BIG));
        const post = runPost(uri);
        await waitFor(() => emulator.apiRequests('uploadFile').some((request) => request.bodyBytes >= 256 * 1024), 'the upload to be under way');
        apply(uri.fsPath);
        await post;
        assert.deepEqual(h.only(), {
          severity: 'error',
          message: `${change}.mp4 changed while it was uploading; nothing was posted.`,
          actions: ['Retry', 'Show Log'],
        });
        assert.equal(emulator.apiRequests('uploadFile').length, 1, 'a changed file is not uploaded again on its own');
        assert.equal(emulator.uploads.length, 0, 'the broken-off body stored nothing');
        assert.equal(emulator.apiRequests('sendMediaStatus').length, 0);
        await expectClosed(uri.fsPath);
      });
    }
  });

  describe('files that cannot be read', () => {
    it('chmod 000: refused as unreadable — or, when the host runs as root (which reads it anyway), posted', async () => {
      const uri = workspaceFile('locked.png', uniquePng());
      fs.chmodSync(uri.fsPath, 0o000);
      try {
        if (process.getuid?.() === 0) {
          // Root ignores file permissions: the product cannot (and need not) tell, and posts the file.
          await runPost(uri);
          assert.equal(h.only().severity, 'info');
          assert.equal(emulator.statuses.length, 1);
          assert.equal(emulator.uploads[0].sha256, sha256(fs.readFileSync(uri.fsPath)));
        } else {
          await expectRefused('Cannot post locked.png: the file cannot be read (permissions?)', ['Show Log'], uri);
        }
      } finally {
        fs.chmodSync(uri.fsPath, 0o644);
      }
    });

    it('a symbolic link to itself (ELOOP, unreadable even for root): refused with no request', async () => {
      const link = path.join(workspaceRoot(), 'loop.png');
      fs.rmSync(link, { force: true });
      fs.symlinkSync(link, link);
      await expectRefused('Cannot post loop.png: the file cannot be read (permissions?)', [], vscode.Uri.file(link));
    });

    it('a dangling symbolic link: refused as missing with no request', async () => {
      const link = path.join(workspaceRoot(), 'dangling.png');
      fs.rmSync(link, { force: true });
      fs.symlinkSync(path.join(workspaceRoot(), 'nowhere.png'), link);
      await expectRefused('Cannot post dangling.png: the file does not exist (moved or deleted?)', [], vscode.Uri.file(link));
    });
  });

  describe('file names', () => {
    const names = [
      ['spaces', 'my holiday photo 2024.png'],
      ['NFD accents', 'cafe\u0301 au lait cre\u0300me.png'],
      ['Cyrillic', 'Фото с моря.png'],
      ['emoji', '🌅 sunrise 👨‍👩‍👧.png'],
    ] as const;
    for (const [kind, name] of names) {
      it(`${kind} (${JSON.stringify(name)}): posted with the same bytes under a neutral name, the file's own name kept local`, async () => {
        const bytes = uniquePng();
        const uri = workspaceFile(name, bytes);
        await runPost(uri);
        assert.equal(h.only().severity, 'info', JSON.stringify(h.notifications));
        const [status] = emulator.statuses;
        assert.equal(status.body.fileName, 'status.png');
        assert.equal(emulator.uploads[0].sha256, sha256(bytes));
        assert.equal(emulator.uploads[0].size, bytes.length);
        const [upload] = emulator.apiRequests('uploadFile');
        assert.equal(upload.headers['ga-filename'], 'status.png');
        assert.equal(upload.headers['content-type'], 'image/png');
        // As it is on disk, composed (a decomposed accent looks the same and draws better composed).
        assert.equal(h.summaries[0].targets[0].label, name.normalize('NFC'), 'the confirmation names the file as it is on disk');
      });
    }
  });

  describe('settings and stored credentials', () => {
    const hostCases: Array<[string, string, string, string]> = [
      [
        'a mediaUrl that is not https (and not loopback)',
        'mediaUrl',
        'http://media.example.com',
        'The setting whatsappStatus.mediaUrl must be an https:// URL: the token travels in the request path.',
      ],
      ['an apiUrl that is not a URL', 'apiUrl', 'api.green-api.com', 'The setting whatsappStatus.apiUrl is not a valid URL.'],
      ['an apiUrl with a user and password', 'apiUrl', 'https://user:secret@api.green-api.com', 'The setting whatsappStatus.apiUrl is not a valid URL.'],
      ['a mediaUrl with a query', 'mediaUrl', 'https://media.green-api.com/?x=1', 'The setting whatsappStatus.mediaUrl is not a valid URL.'],
      [
        'an ftp apiUrl',
        'apiUrl',
        'ftp://api.green-api.com',
        'The setting whatsappStatus.apiUrl must be an https:// URL: the token travels in the request path.',
      ],
    ];
    for (const [name, key, value, message] of hostCases) {
      it(name, () => withUserSetting(key, value, () => expectRefused(message, ['Open Settings', 'Show Log'], workspaceFile('settings.png', uniquePng()))));
    }

    const corrupt: Array<[string, string]> = [
      ['not JSON', '{not json'],
      ['JSON null', 'null'],
      ['a JSON array', `["${TEST_INSTANCE}","${SENTINEL_TOKEN}"]`],
      ['an unknown version', JSON.stringify({ version: 2, idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN })],
      ['no version', JSON.stringify({ idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN })],
      ['a non-numeric idInstance', JSON.stringify({ version: 1, idInstance: 'waInstance1101', apiTokenInstance: SENTINEL_TOKEN })],
      ['a token with a space', JSON.stringify({ version: 1, idInstance: TEST_INSTANCE, apiTokenInstance: `${SENTINEL_TOKEN} x` })],
      ['a numeric idInstance', `{"version":1,"idInstance":${TEST_INSTANCE},"apiTokenInstance":"${SENTINEL_TOKEN}"}`],
    ];
    for (const [name, stored] of corrupt) {
      it(`corrupt stored credentials (${name}): "unreadable, set them again", no request`, async () => {
        await h.services.context.secrets.store('whatsappStatus.credentials.v1', stored);
        await expectRefused(
          'The stored GREEN-API credentials are unreadable. Set them again.',
          ['Set Credentials', 'Show Log'],
          workspaceFile('corrupt.png', uniquePng()),
        );
      });
    }
  });

  // The Harness scripts the prompts, so these drive the product's real prompts (createVscodePrompts) in the real
  // workbench: the InputBox gets the caption as its value (the only way to put text in it from the extension host:
  // the `type` command only reaches text editors), and Enter is pressed with VS Code's own accept command, which runs
  // the product's validation. A refused caption leaves the box open, saying why.
  describe('the real caption InputBox', () => {
    const STILL_OPEN = Symbol('still open');

    async function typeCaption(text: string): Promise<{ answer: StepAnswer<string> | typeof STILL_OPEN; validation: unknown }> {
      const resolved = await resolveResource(workspaceFile('caption.png', uniquePng()), (facts) => {
        const checked = checkMediaFile(facts);
        return checked.ok ? { ok: true, file: checked.media } : checked;
      });
      assert.ok(resolved.ok);
      const window = vscode.window as unknown as { createInputBox: typeof vscode.window.createInputBox };
      const original = window.createInputBox;
      let box: vscode.InputBox | undefined;
      window.createInputBox = () => (box = original.call(vscode.window));
      const abort = new AbortController();
      try {
        const answer = createVscodePrompts(h.services.context.globalState).caption([resolved.target], abort.signal);
        await waitFor(() => box !== undefined, 'the caption InputBox');
        await sleep(200);
        box!.value = text;
        await sleep(200);
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        const settled = await Promise.race([answer, sleep(1500).then((): typeof STILL_OPEN => STILL_OPEN)]);
        if (settled === STILL_OPEN) {
          abort.abort();
          assert.equal(await answer, undefined, 'cancelling closes the box');
        }
        return { answer: settled, validation: box!.validationMessage };
      } finally {
        window.createInputBox = original;
        abort.abort();
      }
    }

    it('1024 UTF-16 units: accepted, with the live counter', async () => {
      const caption = 'a'.repeat(1024);
      const { answer, validation } = await typeCaption(caption);
      assert.equal(answer, caption);
      assert.deepEqual(validation, { message: '1024 / 1024 characters', severity: vscode.InputBoxValidationSeverity.Info });
    });

    it('1025 UTF-16 units: Enter does nothing, the box says why', async () => {
      const { answer, validation } = await typeCaption('a'.repeat(1025));
      assert.equal(answer, STILL_OPEN);
      assert.deepEqual(validation, { message: 'The caption is 1025 characters; WhatsApp allows 1024.', severity: vscode.InputBoxValidationSeverity.Error });
    });

    it('emoji count as two units: 512 pass, 513 are refused', async () => {
      const fits = await typeCaption('😀'.repeat(512));
      assert.equal(fits.answer, '😀'.repeat(512));
      const over = await typeCaption('😀'.repeat(513));
      assert.equal(over.answer, STILL_OPEN);
      assert.deepEqual(over.validation, {
        message: 'The caption is 1026 characters; WhatsApp allows 1024.',
        severity: vscode.InputBoxValidationSeverity.Error,
      });
    });

    it('a control character: refused', async () => {
      const { answer, validation } = await typeCaption('bell \u0007 here');
      assert.equal(answer, STILL_OPEN);
      assert.deepEqual(validation, { message: 'The caption contains control characters.', severity: vscode.InputBoxValidationSeverity.Error });
    });
  });

  // The audience QuickPick of the real prompts: typed numbers are parsed by the product as the person types.
  describe('the real audience picker', () => {
    async function withPicker<T>(
      body: (picker: vscode.QuickPick<vscode.QuickPickItem>, answer: Promise<StepAnswer<string[]>>, abort: AbortController) => Promise<T>,
    ): Promise<T> {
      const window = vscode.window as unknown as { createQuickPick: typeof vscode.window.createQuickPick };
      const original = window.createQuickPick;
      let picker: vscode.QuickPick<vscode.QuickPickItem> | undefined;
      window.createQuickPick = (() => (picker = original.call(vscode.window))) as typeof original;
      const abort = new AbortController();
      try {
        const answer = createVscodePrompts(h.services.context.globalState).participants(abort.signal);
        await waitFor(() => picker !== undefined, 'the audience picker');
        return await body(picker!, answer, abort);
      } finally {
        window.createQuickPick = original;
        abort.abort();
      }
    }

    /** Types into the picker and waits until VS Code has made the typed entry the active (Enter-able) one. */
    async function typed(picker: vscode.QuickPick<vscode.QuickPickItem>, value: string): Promise<vscode.QuickPickItem> {
      const before = picker.items[0];
      picker.value = value;
      // The product rebuilds the items on every change; wait for the new typed entry and for VS Code to activate it.
      await waitFor(() => picker.items[0] !== before && picker.activeItems[0] === picker.items[0], 'the typed entry to be active');
      assert.match(picker.items[0].label, /^\$\((person|error)\) /);
      return picker.items[0];
    }

    const enter = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');

    it('normalises and de-duplicates typed numbers, and says how many repeats were dropped', () =>
      withPicker(async (picker, answer) => {
        const item = await typed(picker, '+7 (900) 111-22-33, 79001112233; 0044 7700 900123, 79001112233@c.us');
        assert.equal(item.label, '$(person) Only: +79001112233, +447700900123');
        assert.equal(item.description, '2 duplicate(s) removed');
        await enter();
        assert.deepEqual(await answer, ['79001112233@c.us', '447700900123@c.us']);
      }));

    const invalid: Array<[string, string, string]> = [
      ['a group', '120363025246125888@g.us', 'groups cannot see statuses'],
      ['a local number', '089001112233', 'add the country code'],
      ['too short', '+12345', 'too short for an international number'],
      ['too long', '+1234567890123456', 'too long for a phone number'],
      ['letters', 'mum', 'not a phone number'],
      ['one bad among good ones', '79001112233, 12-ab', 'not a phone number'],
    ];
    for (const [name, value, problem] of invalid) {
      it(`refuses ${name} (${value}): the entry says why and Enter does nothing until it is fixed`, () =>
        withPicker(async (picker, answer) => {
          const item = await typed(picker, value);
          assert.equal(item.description, problem);
          assert.match(item.label, /^\$\(error\) /);
          await enter();
          const settled = await Promise.race([answer, sleep(800).then(() => 'still open')]);
          assert.equal(settled, 'still open');
          // The same picker does accept once the entry is valid, so the refusal above is the product's doing.
          await typed(picker, '+44 7700 900123');
          await enter();
          assert.deepEqual(await answer, ['447700900123@c.us']);
        }));
    }
  });
});
