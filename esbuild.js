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
    // mediaFacts (image-size, music-metadata), phoneNumbers (libphonenumber), codeImage (the code image preview) and
    // highlighter (shiki and its WebAssembly) are separate bundles, loaded only when a pre-flight check, the audience
    // picker or a code image needs them.
    entryPoints: {
      extension: 'src/extension.ts',
      mediaFacts: 'src/core/media/mediaFacts.ts',
      phoneNumbers: 'src/core/audience/phoneNumbers.ts',
      codeImage: 'src/vscode/codeImage/index.ts',
      highlighter: 'src/core/codeImage/highlight.ts',
    },
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
    // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow (the bundle would fail at run time
    // with "Cannot find module './impl/format'"); its ES module build bundles.
    alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
    logLevel: 'silent',
    plugins: [problemMatcherPlugin],
  });
  // The code image preview's page script runs in a webview, a browser: its own bundle, with no Node built-ins.
  const webviewCtx = await esbuild.context({
    entryPoints: { codeImage: 'src/webview/codeImage.ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    outdir: 'dist/webview',
    logLevel: 'silent',
    plugins: [problemMatcherPlugin],
  });
  for (const context of [ctx, webviewCtx]) {
    if (watch) {
      await context.watch();
    } else {
      await context.rebuild();
      await context.dispose();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
