import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleLoader, type CodeCacheUse } from '../../../../src/vscode/platform/bundles';
import { tempDir } from '../../helpers';

// A bundle as esbuild writes one: CommonJS, requiring Node's modules and a sibling bundle by a computed path.
const BUNDLE = `"use strict";
const path = require('node:path');
const sibling = require(__dirname + '/sibling.js');
exports.answer = () => 40 + sibling.two;
exports.where = () => [path.basename(__filename), path.basename(__dirname)];
`;

interface Session {
  readonly cache: CodeCacheUse;
  readonly answer: number;
  readonly saved?: boolean;
}

/**
 * Loads the bundle in a new Node process, as a new extension host session would (in the process that compiled it,
 * V8's own in-memory compilation cache would answer instead of the file), then closes it as a window closes.
 */
function nextSession(dir: string, cacheDir: string): Session {
  const loader = require.resolve('../../../../src/vscode/platform/bundles');
  const script = `
    const result = {};
    const bundles = require(${JSON.stringify(loader)}).bundleLoader(${JSON.stringify(dir)}, {
      cacheDir: ${JSON.stringify(cacheDir)},
      onLoad: (name, cache) => (result.cache = cache),
      onSave: (name, error) => (result.saved = !error),
    });
    result.answer = bundles.load('bundle').answer();
    bundles.dispose();
    console.log(JSON.stringify(result));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 })) as Session;
}

function writeBundle(dir: string, source = BUNDLE): void {
  fs.writeFileSync(path.join(dir, 'bundle.js'), source);
  fs.writeFileSync(path.join(dir, 'sibling.js'), 'exports.two = 2;\n');
}

describe('bundleLoader', () => {
  let dir: string;
  let cacheDir: string;
  beforeEach(() => {
    dir = tempDir();
    cacheDir = path.join(tempDir(), 'globalStorage');
    writeBundle(dir);
  });

  it('loads a bundle as require() does: its exports, __filename, __dirname and require() beside it', () => {
    const uses: CodeCacheUse[] = [];
    const bundles = bundleLoader(dir, { onLoad: (_, cache) => uses.push(cache) });
    const loaded = bundles.load<{ answer(): number; where(): string[] }>('bundle');
    assert.equal(loaded.answer(), 42);
    assert.deepEqual(loaded.where(), ['bundle.js', path.basename(dir)]);
    assert.equal(bundles.load('bundle'), loaded, 'a bundle loads once');
    assert.deepEqual(uses, ['off']);
  });

  it('writes the cache a while after the first use, and the next session runs from it', async () => {
    const saved = new Promise<unknown>((resolve) => bundleLoader(dir, { cacheDir, saveAfterMs: 0, onSave: (_, error) => resolve(error) }).load('bundle'));
    assert.equal(await saved, undefined);
    assert.ok(fs.statSync(path.join(cacheDir, 'bundle.v8cache')).size > 64);
    assert.deepEqual(fs.readdirSync(cacheDir), ['bundle.v8cache'], 'no temporary file is left');
    assert.deepEqual(nextSession(dir, cacheDir), { cache: 'used', answer: 42 });
  });

  it('a first session finds no cache and writes one', () => {
    assert.deepEqual(nextSession(dir, cacheDir), { cache: 'missing', answer: 42, saved: true });
    assert.deepEqual(nextSession(dir, cacheDir), { cache: 'used', answer: 42 });
  });

  it('does not run a rebuilt bundle of the same length from the old one’s cache', () => {
    nextSession(dir, cacheDir);
    const rebuilt = BUNDLE.replace('40 + sibling.two', '50 + sibling.two');
    assert.equal(rebuilt.length, BUNDLE.length);
    writeBundle(dir, rebuilt);
    assert.deepEqual(nextSession(dir, cacheDir), { cache: 'stale', answer: 52, saved: true });
    assert.deepEqual(nextSession(dir, cacheDir), { cache: 'used', answer: 52 });
  });

  it('a cache V8 refuses (damaged on disk) is replaced, and the bundle still loads', () => {
    nextSession(dir, cacheDir);
    const file = path.join(cacheDir, 'bundle.v8cache');
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 64 + 16);
    fs.writeFileSync(file, bytes);
    assert.deepEqual(nextSession(dir, cacheDir), { cache: 'rejected', answer: 42, saved: true });
    assert.deepEqual(nextSession(dir, cacheDir), { cache: 'used', answer: 42 });
  });

  it('a storage it cannot write to only costs the cache', () => {
    const blocked = path.join(tempDir(), 'a file');
    fs.writeFileSync(blocked, '');
    const errors: unknown[] = [];
    const bundles = bundleLoader(dir, { cacheDir: path.join(blocked, 'globalStorage'), onSave: (_, error) => errors.push(error) });
    assert.equal(bundles.load<{ answer(): number }>('bundle').answer(), 42);
    bundles.dispose();
    assert.deepEqual(
      errors.map((error) => (error as NodeJS.ErrnoException).code),
      ['ENOTDIR'],
    );
  });

  it('a window closed before the write was due writes it as it closes, once', async () => {
    const saves: string[] = [];
    const bundles = bundleLoader(dir, { cacheDir, saveAfterMs: 50, onSave: (name) => saves.push(name) });
    bundles.load('bundle');
    assert.equal(fs.existsSync(cacheDir), false);
    bundles.dispose();
    assert.ok(fs.existsSync(path.join(cacheDir, 'bundle.v8cache')));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(saves, ['bundle']);
  });
});
