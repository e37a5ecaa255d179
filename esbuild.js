// Builds the bundles the extension ships: the extension host (Node, CommonJS) in one file, node-fetch beside it
// (loaded on the first model-list request), the same host for browser workbenches (dist/web/extension.js, no Node) and
// the chat page (browser).
const esbuild = require('esbuild');
const { exportL10n } = require('./scripts/exportL10n');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// node-fetch v2 pulls in whatwg-url (and tr46's 250 KB Unicode table) only for a URL class Node already has.
const useNodeUrl = {
  name: 'use-node-url',
  setup(build) {
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'node-url' }));
    build.onLoad({ filter: /.*/, namespace: 'node-url' }, () => ({ contents: 'module.exports = { URL: globalThis.URL };', loader: 'js' }));
  },
};

// The extension bundle loads node-fetch on the first request from its own file beside it (src/api/lazyFetch.ts).
const nodeFetchBesideBundle = {
  name: 'node-fetch-beside-bundle',
  setup(build) {
    build.onResolve({ filter: /^node-fetch$/ }, () => ({ path: './node-fetch.js', external: true }));
  },
};

// The web build (dist/web/extension.js, the manifest's `browser` entry) is the same composition root with what needs
// Node swapped by the plugin in scripts/webPlatform.js: the one place that says what differs on the web
// (src/web/README.md).
const { webPlatform, webGlobals } = require('./scripts/webPlatform');

const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log(`[watch] build finished ${new Date().toLocaleTimeString()}`);
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: true,
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  plugins: [problemMatcher],
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    plugins: [nodeFetchBesideBundle, problemMatcher],
  },
  {
    ...common,
    entryPoints: { 'node-fetch': 'node-fetch' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    plugins: [useNodeUrl, problemMatcher],
  },
  {
    ...common,
    // VS Code's web worker extension host loads a `browser` entry as CommonJS (module.exports.activate).
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    minify: true, // also in watch builds: the size test measures it
    external: ['vscode'],
    inject: [webGlobals],
    plugins: [webPlatform, problemMatcher],
  },
  {
    ...common,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

async function main() {
  // l10n/bundle.l10n.json and the page's share of each translation (dist/l10n/, read by src/host/chat/pageL10n.ts)
  // are regenerated from the sources on every build. In watch mode this runs once, at the start.
  await exportL10n();
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
