// Stands in for the VS Code executable that @vscode/test-electron launches (through bin/code-server-stand-in): takes
// the same arguments, runs the extension tests in code-server's real extension host through headless Chromium, streams
// the host's console (the mocha report) to stdout and exits with the suite's code.
import * as fs from 'fs';
import * as path from 'path';
import { Browser } from 'playwright-core';
import { format } from 'util';
import { CodeServer, delay, launchChromium, startCodeServer } from './codeServer';
import { ensureTools, repoRoot, seconds } from './tools';

const SUITE_TIMEOUT_S = Number(process.env.WHATSAPP_STATUS_SUITE_TIMEOUT_S || 600);
const EXIT_TIMEOUT = 124;

interface Launch {
  extensionDevelopmentPaths: string[];
  extensionTestsPath: string;
  folder?: string;
}

/** Keeps what code-server can use; the rest (Electron, profile and sandbox flags) has no meaning there. */
function parseArgs(argv: string[]): Launch {
  const extensionDevelopmentPaths: string[] = [];
  let extensionTestsPath: string | undefined;
  let folder: string | undefined;
  for (const arg of argv) {
    const [, name, value] = /^--([^=]+)=(.*)$/.exec(arg) ?? [];
    if (name === 'extensionDevelopmentPath') extensionDevelopmentPaths.push(path.resolve(value));
    else if (name === 'extensionTestsPath') extensionTestsPath = path.resolve(value);
    else if (!arg.startsWith('-')) folder = path.resolve(arg);
  }
  if (!extensionTestsPath || extensionDevelopmentPaths.length === 0) {
    throw new Error('usage: code-server-stand-in [folder] --extensionDevelopmentPath=DIR --extensionTestsPath=FILE');
  }
  return { extensionDevelopmentPaths, extensionTestsPath, folder };
}

/** Lets the parent read everything before we exit: test-electron stops reading our pipes when it sees the exit. */
async function exit(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await delay(300);
  process.exit(code);
}

/** The workbench hands over console arguments unformatted, e.g. ['  %d passing (%s)', 2, '85ms']. */
function print(type: string, message: unknown): void {
  const text = Array.isArray(message) ? format(...message) : String(message);
  (type === 'error' ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : `${text}\n`);
}

async function main(): Promise<number> {
  const launch = parseArgs(process.argv.slice(2));
  const { tools } = ensureTools();

  const serverStart = Date.now();
  const server: CodeServer = await startCodeServer(tools, { smokeTestDriver: true });
  const serverSeconds = seconds(serverStart);
  let browser: Browser | undefined;
  const stopAll = async () => {
    await browser?.close().catch(() => undefined);
    await server.stop();
  };
  process.once('SIGINT', () => void stopAll().then(() => exit(130)));
  process.once('SIGTERM', () => void stopAll().then(() => exit(143)));

  const suiteStart = Date.now();
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    let resolveExit!: (code: number) => void;
    const suiteExit = new Promise<number>((resolve) => (resolveExit = resolve));
    // Both must exist before the workbench loads: it looks them up when the test run starts and ends.
    await page.exposeFunction('codeAutomationLog', (type: string, message: unknown) => print(type, message));
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    const remote = (file: string) => `vscode-remote://${server.authority}${file}`;
    const payload = [
      ...launch.extensionDevelopmentPaths.map((dir) => ['extensionDevelopmentPath', remote(dir)]),
      ['extensionTestsPath', remote(launch.extensionTestsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const query = new URLSearchParams({ ...(launch.folder && { folder: launch.folder }), payload: JSON.stringify(payload) });
    await page.goto(`${server.url}/?${query}`);

    const outcome = await Promise.race([
      suiteExit,
      server.exited.then((code) => {
        throw new Error(`code-server exited (${code}) before the suite finished`);
      }),
      delay(SUITE_TIMEOUT_S * 1000).then(() => 'timeout' as const),
    ]);
    if (outcome === 'timeout') {
      console.error(`code-server-stand-in: the suite did not finish within ${SUITE_TIMEOUT_S} s (WHATSAPP_STATUS_SUITE_TIMEOUT_S)`);
      const shot = path.join(repoRoot, 'test-results', 'integration', 'timeout.png');
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).then(
        () => console.error(`screenshot: ${shot}`),
        () => undefined,
      );
      console.error(server.output());
      return EXIT_TIMEOUT;
    }
    return outcome;
  } catch (error) {
    console.error(`code-server-stand-in: ${(error as Error).message}\n${server.output()}`);
    return 1;
  } finally {
    console.error(`timing: code-server start ${serverSeconds}, workbench + suite ${seconds(suiteStart)}`);
    await stopAll();
  }
}

main().then(exit, (error: Error) => {
  console.error(`code-server-stand-in: ${error.message}`);
  return exit(1);
});
