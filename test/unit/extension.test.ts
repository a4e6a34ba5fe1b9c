import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from './docs/manifest';

interface BuildScript {
  hostBuildOptions(options: { production: boolean }): esbuild.BuildOptions & { entryPoints: Record<string, string> };
}

describe('src/extension.ts, what activation compiles and runs', () => {
  it('is the commands’ stand-ins alone: the rest of the setup is dist/startup.js, loaded once activate() has returned', async function () {
    this.timeout(30_000);
    const { hostBuildOptions } = (await import(path.join(repoRoot, 'esbuild.js'))) as BuildScript;
    const options = hostBuildOptions({ production: true });
    const result = await esbuild.build({
      ...options,
      entryPoints: { extension: options.entryPoints.extension },
      absWorkingDir: repoRoot,
      outdir: path.join(repoRoot, 'out', 'entry-check'),
      write: false,
      metafile: true,
    });
    const [entry] = Object.values(result.metafile.outputs).filter((output) => output.entryPoint === 'src/extension.ts');
    // Each module here is compiled by every activation, before VS Code can run the command that activated it; the
    // other is `vscode`, as the host gives it.
    assert.deepEqual(Object.keys(entry.inputs).sort(), [
      'src/extension.ts',
      'src/vscode/platform/activationMarks.ts',
      'src/vscode/platform/bundles.ts',
      'src/vscode/platform/ids.ts',
      'vscode-once:vscode',
    ]);
  });
});
