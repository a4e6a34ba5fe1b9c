/**
 * `npm run emulator [-- --api-port N --media-port N --host H --id-instance ID --token T --tls]`
 * Starts the GREEN-API emulator and keeps it running until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { SANDBOX_DELIVERY_SCHEDULE, startEmulator } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'api-port': { type: 'string' },
      'media-port': { type: 'string' },
      host: { type: 'string' },
      'id-instance': { type: 'string' },
      token: { type: 'string' },
      tls: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('Usage: npm run emulator -- [--api-port N] [--media-port N] [--host 127.0.0.1] [--id-instance ID] [--token T] [--tls]');
    return;
  }
  const port = (name: 'api-port' | 'media-port'): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new Error(`--${name} must be a port number, got "${raw}"`);
    return Number(raw);
  };
  const emulator = await startEmulator({
    apiPort: port('api-port'),
    mediaPort: port('media-port'),
    host: values.host,
    idInstance: values['id-instance'],
    apiTokenInstance: values.token,
    tls: values.tls,
  });
  // Run by hand, so a posted status should be seen going from sent to delivered to read.
  const schedule = { ...SANDBOX_DELIVERY_SCHEDULE };
  emulator.set({ deliverySchedule: schedule });
  const seconds = (ms: number): string => `${ms / 1000} s`;
  console.log(`GREEN-API emulator running${values.tls ? ' (HTTPS, test-only self-signed certificate)' : ''}

  apiUrl            ${emulator.apiUrl}
  mediaUrl          ${emulator.mediaUrl}
  idInstance        ${emulator.idInstance}
  apiTokenInstance  ${emulator.apiTokenInstance}   (fake; the only token it accepts)

Point the extension at it (settings.json of the Extension Development Host):
  "whatsappStatus.apiUrl": "${emulator.apiUrl}",
  "whatsappStatus.mediaUrl": "${emulator.mediaUrl}"
and enter the idInstance and apiTokenInstance above when the extension asks for them.

Received statuses:  ${emulator.apiUrl}/          (refreshes itself; a status is sent after ${seconds(schedule.sentAfterMs)}, delivered after ${seconds(schedule.deliveredAfterMs)}, read after ${seconds(schedule.readAfterMs)})
Control API:        ${emulator.apiUrl}/__emulator/{requests,uploads,statuses,config,faults,advance,reset}
Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the GREEN-API emulator…');
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
