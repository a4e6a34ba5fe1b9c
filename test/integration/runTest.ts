// Runs the integration suite in a real VS Code extension host: desktop VS Code where @vscode/test-electron can download
// it, otherwise code-server through test/harness/bin/code-server-stand-in. WHATSAPP_STATUS_VSCODE=desktop|code-server
// forces either.
import { TestRunFailedError, runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { Counts, summaryLine } from '../harness/summary';
import { ensureTools, repoRoot, seconds } from '../harness/tools';
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
  const host = await chooseHost();
  console.error(`integration: running in ${host === 'desktop' ? 'desktop VS Code' : 'code-server'}`);
  const setupSeconds = host === 'code-server' ? ensureTools().setupSeconds : 0;

  const workspace = prepareWorkspace();
  // index.ts writes its counts here, so the summary line can close the output after test-electron's own lines.
  const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'whatsapp-status-results-')), 'results.json');
  let code = 0;
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspace.dir, '--disable-extensions', '--use-inmemory-secretstorage', '--password-store=basic'],
      extensionTestsEnv: { WHATSAPP_STATUS_RESULTS_FILE: resultsFile },
      vscodeExecutablePath: host === 'code-server' ? path.join(repoRoot, 'test', 'harness', 'bin', 'code-server-stand-in') : undefined,
    });
  } catch (error) {
    console.error(`integration: ${(error as Error).message}`);
    // Keeps the stand-in's 124 (timeout) distinguishable from a failing suite.
    code = (error instanceof TestRunFailedError && error.code) || 1;
  } finally {
    workspace.dispose();
  }
  console.error(`timing: setup ${setupSeconds.toFixed(1)} s, integration total ${seconds(started)}`);
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
