import { spawnSync } from 'child_process';
import * as path from 'path';
import { repoRoot } from './tools';

/**
 * The extension's page in VS Code and on the Marketplace: a user's page, apart from the repository's README.md (which
 * opens with the contributor's commands). vsce packs it as the .vsix's readme.md and points its root-relative pictures
 * and links (`/media/screenshots/…`) at the repository named in package.json.
 */
export const VSIX_README = 'docs/marketplace/README.md';

/**
 * The flags every `vsce package` here uses, `npm run package` included (a unit test holds that script to them): no
 * dependency detection (esbuild bundles them), the user's README, and no `#123` → this repository's issue links (the
 * README and CHANGELOG cite GREEN-API's issues that way). No secret-scan overrides.
 */
export const VSCE_PACKAGE_FLAGS: readonly string[] = ['--no-dependencies', '--readme-path', VSIX_README, '--no-gitHubIssueLinking'];

/** The same selection for `vsce ls`, which takes no link options. */
export const VSCE_LS_FLAGS: readonly string[] = ['--no-dependencies', '--readme-path', VSIX_README];

/** Packages the built extension with vsce (no secret-scan overrides) into `dir`, and returns the .vsix path. */
export function packageVsix(dir: string): string {
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const vsix = path.join(dir, 'whatsapp-status.vsix');
  // stdin closed: vsce must not wait on a prompt. Its output goes to stderr, away from test reports.
  const result = spawnSync(process.execPath, [vsce, 'package', ...VSCE_PACKAGE_FLAGS, '--out', vsix], {
    cwd: repoRoot,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) throw new Error(`vsce package failed (exit ${result.status ?? result.signal})`);
  return vsix;
}
