import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../docs/manifest';

/** Every .ts file under `dir` (repository-relative, `/`-separated). */
function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `${dir}/${file.split(path.sep).join('/')}`);
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)|\brequire\(\s*'([^']+)'\s*\)/g;

/** The specifiers a module imports (static, dynamic and require), type-only ones included. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? match[3]);
}

/** The repository file a relative specifier names, or undefined for a package. */
function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.posix.join(path.posix.dirname(from), specifier);
  return [`${base}.ts`, `${base}/index.ts`].find((candidate) => fs.existsSync(path.join(repoRoot, candidate)));
}

/** The import cycles among `files`, each as the list of modules around it (Tarjan's strongly connected components). */
function cycles(files: readonly string[]): string[][] {
  const edges = new Map(files.map((file) => [file, importsOf(file).flatMap((specifier) => resolveLocal(file, specifier) ?? [])]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || edges.get(file)!.includes(file)) found.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found;
}

describe('repository/layout', () => {
  const sources = tsFiles('src').filter((file) => !file.startsWith('src/webview/'));

  it('keeps src/core free of the vscode module, so the workflows run and are tested without a host', () => {
    const offenders = sources.filter((file) => file.startsWith('src/core/') && importsOf(file).includes('vscode'));
    assert.deepEqual(offenders, []);
  });

  it('has no import cycle among the modules of src/', () => {
    assert.deepEqual(cycles(sources), []);
  });

  it('finds a cycle when there is one (the check above can fail)', () => {
    const dir = fs.mkdtempSync(path.join(repoRoot, 'out', 'cycle-'));
    try {
      const relative = path.relative(repoRoot, dir).split(path.sep).join('/');
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import type { a } from './a';\n");
      assert.deepEqual(cycles([`${relative}/a.ts`, `${relative}/b.ts`]), [[`${relative}/a.ts`, `${relative}/b.ts`]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names every in-host test in a folder after the host module it tests (test/integration/posting/publish.test.ts tests src/vscode/posting/publish.ts)', () => {
    const modules = new Set(sources);
    const strays = tsFiles('test/integration')
      .filter((file) => file.endsWith('.test.ts') && path.posix.dirname(file) !== 'test/integration')
      .filter((file) => {
        const [moduleName] = path.posix.basename(file).split('.');
        return !modules.has(`${path.posix.dirname(file).replace(/^test\/integration/, 'src/vscode')}/${moduleName}.ts`);
      });
    assert.deepEqual(strays, []);
  });

  it('names every unit test of src/ after the module it tests (`module.test.ts` or `module.aspect.test.ts`, same folders)', () => {
    const modules = new Set(sources);
    const strays = ['core', 'vscode']
      .flatMap((layer) => tsFiles(`test/unit/${layer}`))
      .filter((file) => file.endsWith('.test.ts'))
      .filter((file) => {
        const [moduleName] = path.posix.basename(file).split('.');
        const folder = path.posix.dirname(file).replace(/^test\/unit\//, 'src/');
        return !modules.has(`${folder}/${moduleName}.ts`) && !modules.has(`${folder}/${moduleName}/index.ts`);
      });
    assert.deepEqual(strays, []);
  });
});
