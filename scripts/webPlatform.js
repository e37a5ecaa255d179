// What differs on the web, in one place: the esbuild plugin that builds the browser workbench's bundle
// (dist/web/extension.js) from the same sources as the desktop one, swapping what needs Node for the modules below.
// esbuild.js uses it for the shipped web build; test/browser/fetchPage.ts bundles the request module with it, so the
// Chromium tests run the same swaps the web build ships.
const path = require('path');

// Keys are module paths without extension (relative imports resolved) or bare Node module names; a Node module not
// listed fails the web build, so none slips in.
const src = path.join(__dirname, '..', 'src');
const webPlatformModules = {
  [path.join(src, 'api/platformTransport')]: 'api/platformTransport.web.ts', // fetch instead of Node's http
  [path.join(src, 'api/lazyFetch')]: 'api/lazyFetch.web.ts', // the model list over the same transport, not node-fetch
  [path.join(src, 'api/localServers')]: 'web/localServers.ts', // no local port probing from a browser
  [path.join(src, 'host/chat/folderLock')]: 'web/windowLock.ts', // no processes to own a lock: one writer per window
  [path.join(src, 'host/chat/processAlive')]: 'web/processAlive.ts',
  [path.join(src, 'host/chat/pageL10n')]: 'web/pageL10n.ts', // the page in English: no synchronous file read
  buffer: 'web/buffer.ts',
  http: 'web/http.ts', // status texts only
  crypto: 'web/crypto.ts',
  path: 'web/path.ts',
  'fs/promises': 'web/fsPromises.ts', // over vscode.workspace.fs
};
const nodeBuiltins = new Set(require('module').builtinModules);

const webPlatform = {
  name: 'web-platform-modules',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || args.path === 'vscode') return undefined;
      const bare = args.path.replace(/^node:/, '');
      const key = args.path.startsWith('.') ? path.resolve(args.resolveDir, args.path) : bare;
      const swap = webPlatformModules[key];
      // A stand-in may import what it stands in for (web/localServers.ts re-exports the port list).
      if (swap && path.join(src, swap) !== args.importer) return { path: path.join(src, swap) };
      if (nodeBuiltins.has(bare) || args.path.startsWith('node:')) {
        return { errors: [{ text: `${args.path} (imported by ${path.relative(path.join(src, '..'), args.importer)}) is a Node module: the web build has no stand-in for it (scripts/webPlatform.js)` }] };
      }
      return undefined;
    });
  },
};

/** The Node globals the shared code reads (`Buffer`, `process`), for esbuild's `inject`. */
const webGlobals = path.join(src, 'web/globals.ts');

module.exports = { webPlatform, webGlobals };
