// End-to-end runner: packages the extension, installs the .vsix into a throw-away code-server as a user would, and
// drives the workbench in headless Chromium through the journeys in out/test/e2e/**/*.e2e.js. No smoke-test driver and
// no development payload, so real notification toasts show. The extension talks to a local GREEN-API emulator: user
// settings point it there, and WHATSAPP_STATUS_SANDBOX_CREDENTIALS seeds the emulator's fake credentials (honoured only
// for loopback hosts). Screenshots and logs go to test-results/e2e/.
import * as fs from 'fs';
import Mocha from 'mocha';
import * as os from 'os';
import * as path from 'path';
import { Browser } from 'playwright-core';
import { startEmulator, type Emulator } from '../emulator';
import { CodeServer, launchChromium, startCodeServer } from '../harness/codeServer';
import { summaryLine } from '../harness/summary';
import { ensureTools, repoRoot, seconds } from '../harness/tools';
import { packageVsix } from '../harness/vsix';
import { prepareWorkspace } from '../harness/workspace';
import * as context from './context';
import { writeMediaFixtures } from './media';
import * as ui from './ui';

const RESULTS_DIR = path.join(repoRoot, 'test-results', 'e2e');
// What `npm run screenshots` (WHATSAPP_STATUS_README_SCREENSHOTS=1) must leave in media/screenshots/ after a full run.
const README_PICTURES = [
  'context-menu.png',
  'caption.png',
  'participants.png',
  'contacts.png',
  'confirm.png',
  'notification.png',
  'batch-summary.png',
  'history-view.png',
  'status-bar.png',
  'walkthrough.png',
  'emulator-page.png',
  'code-image.png',
];
const RUN_TIMEOUT_S = Number(process.env.WHATSAPP_STATUS_E2E_TIMEOUT_S || 900);

function journeys(): string[] {
  const dir = __dirname;
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.e2e.js'))
    .sort()
    .map((file) => path.join(dir, file));
}

async function runJourneys(): Promise<Mocha.Stats> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: 60_000,
    // Runs only the journeys whose title matches, e.g. WHATSAPP_STATUS_E2E_GREP='^2\.' (while working on one).
    grep: process.env.WHATSAPP_STATUS_E2E_GREP || undefined,
    rootHooks: {
      async afterEach(this: Mocha.Context) {
        const test = this.currentTest;
        if (test?.state !== 'failed') return;
        const file = await ui.screenshot(`FAILED ${test.fullTitle()}`).catch((error: Error) => `none (${error.message})`);
        console.log(`      screenshot: ${path.relative(repoRoot, file)}`);
      },
    },
  });
  for (const file of journeys()) mocha.addFile(file);
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats!));
  });
}

/** With README screenshots on, lists what was written; a full run (no grep) that missed one fails. */
function readmePicturesMissing(): boolean {
  if (!ui.readmeScreenshotsWanted()) return false;
  const written = ui.readmeScreenshotsWritten();
  console.log(`README screenshots written to ${path.relative(repoRoot, ui.README_SCREENSHOT_DIR)}/: ${[...new Set(written)].join(', ') || 'none'}`);
  const missing = README_PICTURES.filter((name) => !written.includes(name));
  if (!missing.length || process.env.WHATSAPP_STATUS_E2E_GREP) return false;
  console.error(`e2e: README screenshots not written: ${missing.join(', ')}`);
  return true;
}

async function main(): Promise<number> {
  const timings: string[] = [];
  let mark = Date.now();
  const lap = (name: string) => {
    timings.push(`${name} ${seconds(mark)}`);
    mark = Date.now();
  };

  fs.rmSync(RESULTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const { tools } = ensureTools();
  lap('setup');
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'whatsapp-status-e2e-'));
  const workspace = prepareWorkspace();
  writeMediaFixtures(workspace.dir);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let emulator: Emulator | undefined;
  const cleanUp = async () => {
    await browser?.close().catch(() => undefined);
    if (server) {
      fs.writeFileSync(path.join(RESULTS_DIR, 'code-server.log'), server.output());
      await server.stop();
    }
    if (emulator) {
      fs.writeFileSync(path.join(RESULTS_DIR, 'emulator-requests.json'), JSON.stringify(emulator.requests, null, 2));
      await emulator.close();
    }
    workspace.dispose();
    fs.rmSync(temp, { recursive: true, force: true });
  };
  const guard = setTimeout(() => {
    console.error(`e2e: not finished within ${RUN_TIMEOUT_S} s (WHATSAPP_STATUS_E2E_TIMEOUT_S)`);
    void cleanUp().finally(() => process.exit(124));
  }, RUN_TIMEOUT_S * 1000);

  try {
    const vsix = packageVsix(temp);
    lap('package');
    emulator = await startEmulator();
    context.setUp({ emulator, workspaceDir: workspace.dir });
    server = await startCodeServer(tools, {
      vsix,
      // Following statuses runs ten times faster than for a person: "stuck" after 12 s instead of 2 minutes.
      env: { WHATSAPP_STATUS_SANDBOX_CREDENTIALS: `${emulator.idInstance}:${emulator.apiTokenInstance}`, WHATSAPP_STATUS_FOLLOW_TIME_SCALE: '0.1' },
      userSettings: {
        'whatsappStatus.apiUrl': emulator.apiUrl,
        'whatsappStatus.mediaUrl': emulator.mediaUrl,
        'whatsappStatus.confirmBeforePosting': true,
      },
    });
    lap('install + server start');

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const browserLog = fs.createWriteStream(path.join(RESULTS_DIR, 'browser-console.log'));
    page.on('console', (message) => browserLog.write(`[${message.type()}] ${message.text()}\n`));
    ui.attach(page, RESULTS_DIR);
    await page.goto(`${server.url}/?${new URLSearchParams({ folder: workspace.dir })}`);
    await ui.waitForWorkbench().catch(async (error: Error) => {
      await ui.screenshot('FAILED workbench load').catch(() => undefined);
      throw error;
    });
    lap('workbench load');

    const stats = await runJourneys();
    lap('journeys');
    const picturesMissing = readmePicturesMissing();
    console.log(summaryLine({ passed: stats.passes, failed: stats.failures, skipped: stats.pending }));
    return stats.failures === 0 && stats.passes > 0 && !picturesMissing ? 0 : 1;
  } catch (error) {
    console.error(`e2e: ${(error as Error).message}`);
    return 1;
  } finally {
    clearTimeout(guard);
    await cleanUp();
    console.error(`timing: ${timings.join(', ')}`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
