import { isLoopbackHost } from '../../core/greenApi/hosts';
import { checkApiToken, checkIdInstance, type CredentialStore } from './credentials';
import { readSettings } from './settings';

/** Set by `npm start` and the e2e runner: the local emulator's fake credentials, as `idInstance:apiTokenInstance`. */
export const SANDBOX_ENV = 'WHATSAPP_STATUS_SANDBOX_CREDENTIALS';

/**
 * Seeds SecretStorage with the sandbox emulator's credentials, so the sandbox VS Code opens ready to post. Honoured
 * only when both host settings point at this machine's loopback interface and nothing is stored yet: it can neither
 * send a real token anywhere nor replace one.
 */
export async function seedSandboxCredentials(credentials: CredentialStore, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const value = env[SANDBOX_ENV];
  if (!value) return false;
  const [idInstance, apiTokenInstance] = value.split(':');
  if (!idInstance || !apiTokenInstance || !checkIdInstance(idInstance) || !checkApiToken(apiTokenInstance)) return false;
  const { apiUrl, mediaUrl } = readSettings();
  const onLoopback = [apiUrl, mediaUrl].every((url) => {
    try {
      return isLoopbackHost(new URL(url).hostname);
    } catch {
      return false;
    }
  });
  if (!onLoopback) return false;
  if ((await credentials.get()).status !== 'missing') return false;
  await credentials.store({ idInstance, apiTokenInstance });
  return true;
}
