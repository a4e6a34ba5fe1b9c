// The TypeScript projects (tsconfig.json's comment): src/ is checked without mocha's types, the tests with them, and
// `npm run check-types` checks every project tsconfig.json references.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { readManifest, repoRoot } from '../docs/manifest';

function parsed(config: string): ts.ParsedCommandLine {
  const result = ts.getParsedCommandLineOfConfigFile(path.join(repoRoot, config), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => assert.fail(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
  });
  assert.ok(result, `${config} does not parse`);
  assert.deepEqual(result.errors, [], `${config} has errors`);
  return result;
}

const relative = (file: string): string => path.relative(repoRoot, file).split(path.sep).join('/');

describe('TypeScript projects', () => {
  const root = parsed('tsconfig.json');
  const references = (root.projectReferences ?? []).map((reference) => relative(reference.path));

  it('tsconfig.json holds no files and references the extension, the tests and the webview', () => {
    assert.deepEqual(root.fileNames, []);
    assert.deepEqual(references, ['tsconfig.src.json', 'tsconfig.test.json', 'src/webview']);
  });

  it('checks all of src/ but the webview with Node types only, and the tests, benchmarks and scripts with mocha too', () => {
    const source = parsed('tsconfig.src.json');
    assert.deepEqual(source.options.types, ['node']);
    const sources = source.fileNames.map(relative);
    assert.ok(sources.includes('src/extension.ts'));
    assert.deepEqual(
      sources.filter((file) => !file.startsWith('src/') || file.startsWith('src/webview/')),
      [],
    );
    const tests = parsed('tsconfig.test.json');
    assert.deepEqual(tests.options.types, ['node', 'mocha']);
    const testFiles = tests.fileNames.map(relative);
    for (const folder of ['test/unit/', 'test/integration/', 'test/e2e/', 'bench/'])
      assert.ok(
        testFiles.some((file) => file.startsWith(folder)),
        folder,
      );
  });

  it('`npm run check-types` checks every referenced project', () => {
    const steps = readManifest()
      .scripts['check-types'].split('&&')
      .map((step) => step.trim());
    for (const reference of references)
      assert.ok(
        steps.some((step) => new RegExp(`^tsc( --noEmit)? -p ${reference}$`).test(step)),
        `check-types skips ${reference}`,
      );
  });

  it('a test global such as `describe` does not type-check in src/', () => {
    const source = parsed('tsconfig.src.json');
    const dir = fs.mkdtempSync(path.join(repoRoot, 'out', 'mocha-probe-'));
    try {
      const probe = path.join(dir, 'probe.ts');
      fs.writeFileSync(probe, "describe('in src', () => undefined);\nexport {};\n");
      const program = ts.createProgram([probe], { ...source.options, noEmit: true });
      const messages = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      assert.ok(
        messages.some((message) => message.startsWith("Cannot find name 'describe'")),
        `describe type-checked in src/: ${messages.join('; ') || 'no errors'}`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
