// The extension's bundles (dist/<name>.js) load as require() would load them, with a V8 code cache. The extension host
// keeps none for extensions, so every session compiled dist/features.js again on its first command (5–7 ms of the
// click before the caption box) and every function that command ran on its first call. A cache written a little
// after a bundle's first use holds those functions too, so the next session's first command skips both. The cache
// lives in the same user profile as the extension's own files, so whoever could alter it could alter those already.
//
// Node's modules are required inside the functions: activation loads this file, and must not pay for them.

/** What a load did with the cache; the bench reads it. */
export type CodeCacheUse = 'used' | 'rejected' | 'stale' | 'missing' | 'off';

export interface Bundles {
  /** The exports of dist/`name`.js, loaded the first time it is asked for. */
  load<T>(name: string): T;
}

export interface BundleLoaderOptions {
  /** Where the caches are kept (the extension's global storage); none: no cache is read or written. */
  readonly cacheDir?: string;
  /** How long after a bundle loaded its cache is written: long enough for its first use to have run. */
  readonly saveAfterMs?: number;
  /** After each bundle's load, which took `ms`. */
  readonly onLoad?: (name: string, cache: CodeCacheUse, ms: number) => void;
  /** After a cache was written, or failed to be (a full disk, a read-only storage): the bundles still load. */
  readonly onSave?: (name: string, error?: unknown) => void;
}

const SAVE_AFTER_MS = 10_000;
const KEY_BYTES = 64;
// The wrapper Node's CommonJS loader gives a module, on one line so that every line of the bundle keeps its number.
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_END = '\n})';

/**
 * Loads bundles from `dir`. A bundle that ran without its cache has one written `saveAfterMs` after it loaded, or
 * when the loader is disposed (the window closing or reloading), whichever comes first.
 */
export function bundleLoader(dir: string, options: BundleLoaderOptions = {}): Bundles & { dispose(): void } {
  const loaded = new Map<string, unknown>();
  const unsaved = new Map<string, { readonly timer: ReturnType<typeof setTimeout>; readonly write: () => void }>();
  const save = (name: string): void => {
    const entry = unsaved.get(name);
    if (!entry) return;
    unsaved.delete(name);
    clearTimeout(entry.timer);
    try {
      entry.write();
      options.onSave?.(name);
    } catch (error) {
      options.onSave?.(name, error);
    }
  };
  return {
    load<T>(name: string): T {
      if (!loaded.has(name)) {
        const started = performance.now();
        const { exports, cache, writeCache } = loadBundle(dir, name, options.cacheDir);
        loaded.set(name, exports);
        options.onLoad?.(name, cache, performance.now() - started);
        if (writeCache) {
          const timer = setTimeout(() => save(name), options.saveAfterMs ?? SAVE_AFTER_MS);
          // A timer that keeps nothing alive: a process about to exit disposes the loader, which writes.
          timer.unref?.();
          unsaved.set(name, { timer, write: writeCache });
        }
      }
      return loaded.get(name) as T;
    },
    dispose() {
      for (const name of [...unsaved.keys()]) save(name);
    },
  };
}

interface Loaded {
  readonly exports: unknown;
  readonly cache: CodeCacheUse;
  /** Present when there is a cache to write: none was used. */
  readonly writeCache?: () => void;
}

function loadBundle(dir: string, name: string, cacheDir: string | undefined): Loaded {
  /* eslint-disable @typescript-eslint/no-require-imports -- see the top of this file */
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const vm = require('node:vm') as typeof import('node:vm');
  const { createRequire } = require('node:module') as typeof import('node:module');
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const file = path.join(dir, `${name}.js`);
  const wrapped = WRAPPER_START + fs.readFileSync(file, 'utf8') + WRAPPER_END;
  const cacheFile = cacheDir && path.join(cacheDir, `${name}.v8cache`);
  // V8 checks its own version and the source's length, not its content: the key tells apart a rebuilt bundle of the
  // same length, whose cache would run the old code.
  const key = createHash('sha256').update(`${process.versions.v8} ${process.arch}\n`).update(wrapped).digest('hex');
  const found = cacheFile ? readCache(fs, cacheFile, key) : undefined;
  const script = new vm.Script(wrapped, { filename: file, ...(found?.data && { cachedData: found.data }) });
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  run(module.exports, createRequire(file), module, file, dir);
  if (!cacheFile || !found) return { exports: module.exports, cache: 'off' };
  const cache: CodeCacheUse = found.data ? (script.cachedDataRejected ? 'rejected' : 'used') : found.state;
  if (cache === 'used') return { exports: module.exports, cache };
  return {
    exports: module.exports,
    cache,
    // Synchronous: about a millisecond for the largest bundle, and a window closing cannot wait for a promise.
    writeCache() {
      // Taken now, it holds every function the bundle's first use compiled.
      const data = script.createCachedData();
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      // Windows of the same profile share the storage: each writes a file of its own, then renames it over the cache.
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(temporary, Buffer.concat([Buffer.from(key, 'latin1'), data]));
        fs.renameSync(temporary, cacheFile);
      } catch (error) {
        fs.rmSync(temporary, { force: true });
        throw error;
      }
    },
  };
}

/** The cache for this exact source, or why there is none. */
function readCache(fs: typeof import('node:fs'), file: string, key: string): { data: Buffer } | { data?: undefined; state: 'stale' | 'missing' } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return { state: 'missing' };
  }
  return bytes.length > KEY_BYTES && bytes.toString('latin1', 0, KEY_BYTES) === key ? { data: bytes.subarray(KEY_BYTES) } : { state: 'stale' };
}
