// Gives each run a throw-away copy of the fixture workspace, so tests may create or change files in it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from './tools';

export interface TempWorkspace {
  /** Absolute path of the folder to open; always named `workspace`, so titles and screenshots are stable. */
  dir: string;
  dispose(): void;
}

export function prepareWorkspace(): TempWorkspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'whatsapp-status-ws-'));
  const dir = path.join(root, 'workspace');
  fs.cpSync(path.join(repoRoot, 'test', 'integration', 'fixtures', 'workspace'), dir, { recursive: true });
  return { dir, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}
