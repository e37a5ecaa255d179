// Builds the bundles the extension ships: the extension host (Node, CommonJS), the parts it loads on first use
// (node-fetch, Edit Selection, VS Code's chat surfaces) and the chat page (browser).
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

// Features loaded on first use ship as their own bundles beside the extension bundle: the extension bundle's
// require of each entry becomes a require of the built file, and the entry is built on its own (targets below).
// The core (the request module, chat controller, commands' work) is one of them, loaded on the first command, page or
// chat-surface call; Edit Selection and VS Code's chat surfaces receive the core's runtime (request module, error
// classes) by injection, so nothing is duplicated.
const lazyFeatures = [
  { entry: 'src/host/coreBundle.ts', filter: /\/coreBundle$/, outName: 'core' },
  { entry: 'src/host/edits/editSelectionBundle.ts', filter: /\/editSelectionBundle$/, outName: 'edits' },
  { entry: 'src/host/lm/lmBundle.ts', filter: /\/lmBundle$/, outName: 'lm' },
  { entry: 'src/host/inline/inlineBundle.ts', filter: /\/inlineBundle$/, outName: 'inline' },
];
const lazyFeaturesBesideBundle = {
  name: 'lazy-features-beside-bundle',
  setup(build) {
    for (const { filter, outName } of lazyFeatures) {
      build.onResolve({ filter }, () => ({ path: `./${outName}.js`, external: true }));
    }
  },
};

// In a bundle loaded on first use, the modules the extension bundle exports as `sharedModules`
// (src/host/sharedModules.ts) are read from it at run time instead of being bundled again: one copy of their code and
// of their state (the workspace settings policy activate() installs). Keep this list equal to that file's keys.
const sharedModuleFiles = ['src/api/baseUrl.ts', 'src/common/modelChoices.ts', 'src/host/config.ts', 'src/host/workspaceSettings.ts'];
const takeSharedModulesFromExtensionBundle = {
  name: 'take-shared-modules-from-extension-bundle',
  setup(build) {
    const root = __dirname.replace(/\\/g, '/') + '/';
    build.onResolve({ filter: /^\.\/extension\.js$/ }, () => ({ path: './extension.js', external: true }));
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const file = args.path.replace(/\\/g, '/').replace(root, '');
      if (!sharedModuleFiles.includes(file)) return undefined;
      return { contents: `module.exports = require('./extension.js').sharedModules[${JSON.stringify(file)}];`, loader: 'js' };
    });
  },
};

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
    plugins: [nodeFetchBesideBundle, lazyFeaturesBesideBundle, problemMatcher],
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
  ...lazyFeatures.map(({ entry, outName }) => ({
    ...common,
    entryPoints: { [outName]: entry },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    plugins: [takeSharedModulesFromExtensionBundle, nodeFetchBesideBundle, lazyFeaturesBesideBundle, problemMatcher],
  })),
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
