// Journey 9: the sandbox exactly as `npm start` runs it once built (node out/test/sandbox/start.js): its own emulator,
// its own code-server and workspace, the two URLs it prints. A person opens the first, posts portrait.png, sees the
// status on the emulator's page (the second URL), and stops everything with Ctrl-C. Nothing here uses the runner's
// code-server or emulator; only the browser is shared (in a context of its own).
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import type { BrowserContext, Locator } from 'playwright-core';
import { repoRoot } from '../harness/tools';
import { eventually } from './context';
import * as ui from './ui';

const SANDBOX_SCRIPT = path.join(repoRoot, 'out', 'test', 'sandbox', 'start.js');
const PICTURE = 'portrait.png';
// 22 characters, as the README's caption picture says.
const CAPTION = 'Hello from the sandbox';
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

interface Sandbox {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startSandbox(): Sandbox {
  const env = { ...process.env };
  // start.ts takes fixed ports from these; the sandbox must pick free ones as it does by default.
  for (const name of ['PORT', 'EMULATOR_API_PORT', 'EMULATOR_MEDIA_PORT']) delete env[name];
  const child = spawn(process.execPath, [SANDBOX_SCRIPT], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Whether anything answers HTTP at `url` (any status counts; a refused or reset connection does not). */
async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
}

describe('9. The sandbox, as npm start runs it', () => {
  let sandbox: Sandbox | undefined;
  let browserContext: BrowserContext | undefined;
  let vscodeUrl = '';
  let statusesUrl = '';

  after(async () => {
    await browserContext?.close().catch(() => undefined);
    // A journey that failed half-way still stops what it started: Ctrl-C first (the sandbox then stops its
    // code-server and emulator), SIGKILL only if that did not end it.
    if (sandbox && sandbox.child.exitCode === null && sandbox.child.signalCode === null) {
      sandbox.child.kill('SIGINT');
      const ended = await Promise.race([sandbox.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_TIMEOUT_MS))]);
      if (!ended) sandbox.child.kill('SIGKILL');
    }
  });

  it('prints both URLs; portrait.png posted in its VS Code shows on its emulator page', async () => {
    sandbox = startSandbox();
    const started = sandbox;
    const urls = await eventually(
      'the sandbox to print "Open VS Code:" and "Received statuses:"',
      () => {
        if (started.child.exitCode !== null) throw new Error(`the sandbox exited (${started.child.exitCode}):\n${started.output()}`);
        const open = /^\s*Open VS Code:\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m.exec(started.output())?.[1];
        const received = /^\s*Received statuses:\s+(http:\/\/127\.0\.0\.1:\d+\/)\s/m.exec(started.output())?.[1];
        return open && received ? { open, received } : undefined;
      },
      START_TIMEOUT_MS,
    );
    ({ open: vscodeUrl, received: statusesUrl } = urls);
    assert.match(started.output(), /Right-click portrait\.png in the Explorer/);
    assert.match(decodeURIComponent(new URL(vscodeUrl).searchParams.get('folder') ?? ''), /[\\/]workspace$/);

    browserContext = await ui
      .page()
      .context()
      .browser()!
      .newContext({ viewport: { width: 1280, height: 800 } });
    const workbench = await browserContext.newPage();
    await workbench.goto(vscodeUrl);
    let idMessage = '';
    await ui.withPage(workbench, async () => {
      await ui.waitForWorkbench();
      const reopen = () => ui.openExplorerContextMenu(PICTURE);
      await reopen();
      const item = await ui.waitForMenuItem('Post as Status', reopen);
      await item.hover();
      await ui.screenshot('09-context-menu');
      // From the top of the Explorer to the menu's last item (the menu's length varies with the workbench's state).
      const menu = await ui.contextMenuElement().boundingBox();
      assert.ok(menu, 'the context menu has a box');
      await ui.readmeScreenshot('context-menu', { x: 0, y: 30, width: Math.ceil(menu.x + menu.width) + 12, height: Math.ceil(menu.y + menu.height) + 12 - 30 });
      await ui.clickMenuItem('Post as Status');

      await ui.waitForQuickInput(`Caption for ${PICTURE}`);
      await ui.typeInQuickInput(CAPTION);
      await ui
        .quickInputMessage()
        .filter({ hasText: `${CAPTION.length} / 1024 characters` })
        .waitFor();
      await ui.screenshot('09-caption');
      await ui.readmeScreenshot('caption', { x: 330, y: 0, width: 620, height: 105 });
      await ui.acceptQuickInput();

      await ui.waitForQuickInput('Who may see this status?');
      await ui.pickQuickPickRow('All my contacts');
      const confirm = await ui.waitForDialog(`Post ${PICTURE}`);
      const text = await confirm.innerText();
      assert.ok(text.includes(`Caption: ${CAPTION}`), text);
      assert.ok(text.includes('Audience: All my contacts'), text);
      await ui.screenshot('09-confirm');
      await ui.readmeScreenshot('confirm', confirm);
      await ui.clickDialogButton('Post');

      const toast = await ui.waitForToast(/Status queued — id /);
      await ui.waitForToastGone(/WhatsApp status: /);
      idMessage = /^Status queued — id (\S+)$/.exec(await ui.toastMessage(toast))?.[1] ?? '';
      assert.ok(idMessage, 'the notification shows the status id');
      await ui.movePointerAway();
      await ui.screenshot('09-notification');
      await ui.readmeScreenshot('notification', toast);
    });
    await workbench.close();

    // What the sandbox's emulator received (its control API), then what its page shows a person.
    const statuses = (await (await fetch(new URL('__emulator/statuses', statusesUrl))).json()) as Array<{
      idMessage: string;
      kind: string;
      body: Record<string, unknown>;
      problems: string[];
    }>;
    assert.equal(statuses.length, 1, 'exactly one status');
    assert.equal(statuses[0].idMessage, idMessage);
    assert.equal(statuses[0].kind, 'media');
    assert.equal(statuses[0].body.fileName, 'status.png', 'named by its type, not by the file');
    assert.equal(statuses[0].body.caption, CAPTION);
    assert.deepEqual(statuses[0].problems, []);

    const emulatorPage = await browserContext.newPage();
    await emulatorPage.setViewportSize({ width: 1000, height: 700 });
    await emulatorPage.goto(statusesUrl);
    // The page reloads itself every 3 s: check and photograph it right after a reload, not across one.
    await emulatorPage.waitForEvent('load', { timeout: 10_000 });
    await ui.withPage(emulatorPage, async () => {
      const article = emulatorPage.locator('article').filter({ hasText: idMessage });
      await article.waitFor({ state: 'visible' });
      assert.equal(await emulatorPage.locator('article').count(), 1, 'the page lists one status');
      await article.locator('.caption').getByText(CAPTION, { exact: true }).waitFor({ state: 'visible' });
      await article.locator('code').getByText(idMessage, { exact: true }).waitFor({ state: 'visible' });
      assert.match(await article.innerText(), /Audience: all contacts/);
      // The preview is the uploaded picture itself, loaded from the emulator's media host (named status.png: the
      // extension never sends the file's own name).
      const preview = article.locator('img[alt="status.png"]');
      await preview.waitFor({ state: 'visible' });
      assert.ok(await imageLoaded(preview), 'the preview image loaded');
      await ui.screenshot('09-emulator-page');
      await ui.readmeScreenshot('emulator-page', { x: 120, y: 0, width: 760, height: 610 });
    });
  });

  it('stops on Ctrl-C: exits 0 within 10 s, and its VS Code and emulator stop answering', async () => {
    assert.ok(sandbox && vscodeUrl && statusesUrl, 'the sandbox started (previous step)');
    await browserContext?.close();
    browserContext = undefined;
    const origin = new URL(vscodeUrl).origin;
    assert.ok(await answers(origin), 'its VS Code answers before Ctrl-C');

    const stoppedAt = Date.now();
    sandbox.child.kill('SIGINT');
    const exit = await Promise.race([sandbox.exited, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), STOP_TIMEOUT_MS))]);
    assert.ok(exit, `the sandbox still runs ${STOP_TIMEOUT_MS / 1000} s after Ctrl-C`);
    const took = Date.now() - stoppedAt;
    assert.equal(await answers(origin), false, 'its code-server is gone');
    assert.equal(await answers(statusesUrl), false, 'its emulator is gone');
    const output = sandbox.output().split('Press Ctrl-C to stop.').pop()!.trim();
    assert.deepEqual(exit, { code: 0, signal: null }, `exit after Ctrl-C (${took} ms); it printed after "Press Ctrl-C to stop.": ${output || '(nothing)'}`);
  });
});

/** Waits (at most 5 s) until an <img> has loaded a picture with a width; a reload of the page meanwhile is waited out. */
async function imageLoaded(image: Locator): Promise<boolean> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const loaded = await image.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0).catch(() => false);
    if (loaded) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
