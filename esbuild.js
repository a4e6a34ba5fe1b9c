// Bundles the extension into CommonJS files (the entry, and the parts it loads when needed); `vscode` is provided by the
// host at run time.
const fs = require('node:fs');
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

/**
 * `vscode` as the host gives it: one require() and no copy. esbuild turns each module's `import * as vscode from
 * 'vscode'` of an external module into its own `__toESM(require('vscode'))`, which copies the API's few hundred
 * properties (forty modules: several milliseconds of loading a bundle) and asks the extension host's module interceptor
 * each time. Here each of those imports is read as TypeScript's `import vscode = require('vscode')` (the same line,
 * so source maps still match), of one module in the bundle that requires `vscode` once.
 */
const vscodeOncePlugin = {
  name: 'vscode-once',
  setup(build) {
    const NAMESPACE_IMPORT = /^import \* as vscode from 'vscode';$/gm;
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => ({
      contents: (await fs.promises.readFile(args.path, 'utf8')).replace(NAMESPACE_IMPORT, "import vscode = require('vscode');"),
      loader: 'ts',
    }));
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "module.exports = require('vscode');", loader: 'js' }));
  },
};

/**
 * The extension host's bundles. Also read by test/unit/extension.test.ts, which builds dist/extension.js from them to
 * see which modules activation compiles.
 */
function hostBuildOptions({ production }) {
  return {
    // extension is what activation loads: the commands' stand-ins. startup (the view's tree, the credentials, the log)
    // is loaded once activate() has returned. features (every command, the view's contents, the status bar, the
    // follower) is loaded on first use or a little after activation.
    // mediaFacts (image-size, music-metadata), phoneNumbers (libphonenumber), codeImage (the code image preview) and
    // highlighter (shiki and its WebAssembly) are separate bundles, loaded only when a pre-flight check, the audience
    // picker or a code image needs them.
    entryPoints: {
      extension: 'src/extension.ts',
      startup: 'src/startup.ts',
      features: 'src/features.ts',
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
    plugins: [vscodeOncePlugin],
  };
}

async function main() {
  const host = hostBuildOptions({ production });
  const ctx = await esbuild.context({ ...host, plugins: [...host.plugins, problemMatcherPlugin] });
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

module.exports = { hostBuildOptions };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
