// Bundles the extension into one CommonJS file; `vscode` is provided by the host at run time.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the shape VS Code's `$esbuild-watch` problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

async function main() {
  const ctx = await esbuild.context({
    // mediaFacts (image-size, music-metadata) and phoneNumbers (libphonenumber) are separate bundles, loaded only when
    // a pre-flight check or the audience picker needs them.
    entryPoints: { extension: 'src/extension.ts', mediaFacts: 'src/core/mediaFacts.ts', phoneNumbers: 'src/core/phoneNumbers.ts' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    outdir: 'dist',
    // fetch-blob (via node-fetch) loads this polyfill only when Node lacks a global ReadableStream, which every
    // Node that VS Code 1.96+ ships has; leaving it out keeps 59 kB of dead code out of the bundle.
    external: ['vscode', 'web-streams-polyfill/dist/ponyfill.es2018.js'],
    logLevel: 'silent',
    plugins: [problemMatcherPlugin],
  });
  if (watch) {
    await ctx.watch();
  } else {
    await ctx.rebuild();
    await ctx.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
