// `npm start`: the product on its embedded default. Starts the GREEN-API emulator and a real VS Code (code-server,
// from the test harness's cached install) with the packaged extension installed, a sample workspace open and the
// extension pointed at the emulator with its credentials set. `npm start -- --real` skips the emulator, for use with
// a real GREEN-API account. Ctrl-C stops everything it started.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { ensureTools, repoRoot } from '../harness/tools';
import { packageVsix } from '../harness/vsix';
import { SANDBOX_DELIVERY_SCHEDULE, startEmulator, type Emulator } from '../emulator';

// Read by the extension (src/vscode/platform/sandbox.ts), which honours it only for loopback hosts.
const SANDBOX_ENV = 'WHATSAPP_STATUS_SANDBOX_CREDENTIALS';

async function main(): Promise<void> {
  const real = process.argv.includes('--real');
  const { tools } = ensureTools();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'whatsapp-status-sandbox-'));
  const workspace = path.join(temp, 'workspace');
  fs.cpSync(path.join(repoRoot, 'test', 'sandbox', 'workspace'), workspace, { recursive: true });
  const vsix = packageVsix(temp);

  let emulator: Emulator | undefined;
  let server: CodeServer | undefined;
  // Set first, so the server's exit that stop() itself causes is not taken for a crash.
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await server?.stop();
    await emulator?.close();
    fs.rmSync(temp, { recursive: true, force: true });
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  if (!real) {
    emulator = await startEmulator({ apiPort: Number(process.env.EMULATOR_API_PORT) || 0, mediaPort: Number(process.env.EMULATOR_MEDIA_PORT) || 0 });
    // A person watches the page: let a posted status be sent, delivered and read over some seconds, not at once.
    emulator.set({ deliverySchedule: { ...SANDBOX_DELIVERY_SCHEDULE } });
  }
  server = await startCodeServer(tools, {
    vsix,
    port: Number(process.env.PORT) || 0,
    userSettings: emulator ? { 'whatsappStatus.apiUrl': emulator.apiUrl, 'whatsappStatus.mediaUrl': emulator.mediaUrl } : {},
    env: emulator ? { [SANDBOX_ENV]: `${emulator.idInstance}:${emulator.apiTokenInstance}` } : {},
  });
  void server.exited.then((code) => {
    if (stopping) return;
    console.error(`VS Code (code-server) stopped unexpectedly (${code}).`);
    void stop(1);
  });

  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  console.log('');
  console.log(`  Open VS Code:          ${url}`);
  if (emulator) {
    console.log(`  Received statuses:     ${emulator.apiUrl}/   (the GREEN-API emulator's page)`);
    console.log('');
    console.log('  Right-click portrait.png in the Explorer → "Post as Status". Credentials are already set');
    console.log(`  (emulator instance ${emulator.idInstance}, a fake token); the emulator's contacts include +7 900 111-22-33 and +44 7700 900123.`);
  } else {
    console.log('');
    console.log('  No emulator: run "WhatsApp Status: Set Credentials" with your GREEN-API idInstance and apiTokenInstance,');
    console.log('  and set whatsappStatus.apiUrl / mediaUrl to the hosts your GREEN-API console shows.');
  }
  console.log('');
  console.log('  Press Ctrl-C to stop.');
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
