import { spawnSync } from 'child_process';
import * as path from 'path';
import { repoRoot } from './tools';

/** Packages the built extension with vsce (no secret-scan overrides) into `dir`, and returns the .vsix path. */
export function packageVsix(dir: string): string {
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const vsix = path.join(dir, 'whatsapp-status.vsix');
  // stdin closed: vsce must not wait on a prompt. Its output goes to stderr, away from test reports.
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], {
    cwd: repoRoot,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) throw new Error(`vsce package failed (exit ${result.status ?? result.signal})`);
  return vsix;
}
