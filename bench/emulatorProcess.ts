/**
 * The GREEN-API emulator in a process of its own, so the process uploading to it measures only its own memory
 * and does not share an event loop with the server. Sends its EmulatorInfo over IPC once listening; the bench
 * reaches it through the emulator's control API.
 */
import { startEmulator } from '../test/emulator';
import type { EmulatorInfo } from './shared';

async function main(): Promise<void> {
  const emulator = await startEmulator();
  // Closing deletes the stored uploads; the parent disconnecting (or dying) and Ctrl-C all lead here.
  const stop = (): void => void emulator.close().then(() => process.exit(0));
  process.once('disconnect', stop);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const info: EmulatorInfo = {
    apiUrl: emulator.apiUrl,
    mediaUrl: emulator.mediaUrl,
    idInstance: emulator.idInstance,
    apiTokenInstance: emulator.apiTokenInstance,
  };
  process.send?.(info);
}

main().catch((error: unknown) => {
  console.error('bench emulator:', error);
  process.exit(1);
});
