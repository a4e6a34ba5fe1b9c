// Runs the integration suite in a real VS Code extension host: desktop VS Code where @vscode/test-electron can download
// it, otherwise code-server through test/harness/bin/code-server-stand-in. WHATSAPP_STATUS_VSCODE=desktop|code-server
// forces either. `--floor` (npm run test:floor) runs only the smoke suite, on the oldest VS Code engines.vscode admits
// (the "floor" pair of test/harness/versions.json); WHATSAPP_STATUS_VSCODE_PAIR=floor runs the whole suite there.
import { TestRunFailedError, runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { Counts, summaryLine } from '../harness/summary';
import { PAIR_ENV, PairName, ensureTools, pairFromEnv, readPair, repoRoot, seconds } from '../harness/tools';
import { prepareWorkspace } from '../harness/workspace';

type Host = 'desktop' | 'code-server';

/** Desktop needs the download server and, on Linux, a display for Electron. */
async function chooseHost(): Promise<Host> {
  const forced = process.env.WHATSAPP_STATUS_VSCODE;
  if (forced === 'desktop' || forced === 'code-server') return forced;
  if (forced) throw new Error(`WHATSAPP_STATUS_VSCODE must be desktop or code-server, not ${forced}`);
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'code-server';
  const reachable = await new Promise<boolean>((resolve) => {
    const request = https.request('https://update.code.visualstudio.com/api/releases/stable', { method: 'HEAD', timeout: 3_000 });
    request.on('response', (response) => resolve((response.statusCode ?? 500) < 500));
    request.on('timeout', () => {
      resolve(false);
      request.destroy();
    });
    request.on('error', () => resolve(false));
    request.end();
  });
  return reachable ? 'desktop' : 'code-server';
}

async function main(): Promise<number> {
  const started = Date.now();
  const floorSmoke = process.argv.includes('--floor');
  const pairName: PairName = floorSmoke ? 'floor' : pairFromEnv();
  const pair = readPair(pairName);
  const host = await chooseHost();
  const suite = floorSmoke ? 'the smoke suite' : 'the integration suite';
  const where =
    host === 'code-server'
      ? `code-server ${pair.codeServer} (VS Code ${pair.vscode}, ${pairName})`
      : `desktop VS Code ${pairName === 'current' ? '(latest stable)' : `${pair.vscode} (${pairName})`}`;
  console.error(`integration: ${suite} in ${where}`);
  const setupSeconds = host === 'code-server' ? ensureTools(pairName).setupSeconds : 0;

  const workspace = prepareWorkspace();
  // index.ts writes its counts here, so the summary line can close the output after test-electron's own lines.
  const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'whatsapp-status-results-')), 'results.json');
  let code = 0;
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspace.dir, '--disable-extensions', '--use-inmemory-secretstorage', '--password-store=basic'],
      extensionTestsEnv: {
        WHATSAPP_STATUS_RESULTS_FILE: resultsFile,
        // Read by the stand-in (which code-server to start), then by index.ts (which files) and the smoke suite.
        [PAIR_ENV]: pairName,
        ...(floorSmoke && { WHATSAPP_STATUS_TEST_FILES: 'smoke' }),
        ...((host === 'code-server' || pairName !== 'current') && { WHATSAPP_STATUS_EXPECT_VSCODE: pair.vscode }),
      },
      vscodeExecutablePath: host === 'code-server' ? path.join(repoRoot, 'test', 'harness', 'bin', 'code-server-stand-in') : undefined,
      // Desktop VS Code of the floor's version; the current pair leaves test-electron its default (the latest stable).
      version: host === 'desktop' && pairName !== 'current' ? pair.vscode : undefined,
    });
  } catch (error) {
    console.error(`integration: ${(error as Error).message}`);
    // Keeps the stand-in's 124 (timeout) distinguishable from a failing suite.
    code = (error instanceof TestRunFailedError && error.code) || 1;
  } finally {
    workspace.dispose();
  }
  console.error(`timing: setup ${setupSeconds.toFixed(1)} s, ${floorSmoke ? 'floor smoke' : 'integration'} total ${seconds(started)}`);
  if (fs.existsSync(resultsFile)) {
    console.log(summaryLine(JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Counts));
  } else {
    console.error('integration: the suite reported no results');
    code ||= 1;
  }
  fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
