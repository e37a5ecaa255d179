// The packaged bundle's activate() (dist/extension.js, the file the .vsix ships) gives other extensions nothing: any
// extension can call `vscode.extensions.getExtension('ask-llama.ask-llama').exports`, and the test API there reads
// and sets keys and answers the key's input box. Run in plain Node with a stand-in `vscode` module that accepts any
// call, in Production and Development mode (exports undefined) and, as the control, in Test mode (the test API).
// Needs `npm run build` (dist/) first, like the size budgets.
import * as assert from 'assert';
import * as fs from 'fs';
import Module = require('module');
import * as os from 'os';
import * as path from 'path';

const bundle = path.resolve(__dirname, '..', '..', '..', 'dist', 'extension.js');
const ExtensionMode = { Production: 1, Development: 2, Test: 3 } as const;

/** An object on which every property exists and every call or `new` succeeds, returning another such object. */
function anything(): any {
  const cache = new Map<PropertyKey, unknown>();
  return new Proxy(function () {}, {
    get(_target, property) {
      if (property === 'then') return undefined; // not a promise
      if (property === Symbol.toPrimitive) return () => '';
      if (!cache.has(property)) cache.set(property, anything());
      return cache.get(property);
    },
    set(_target, property, value) {
      cache.set(property, value);
      return true;
    },
    apply: () => anything(),
    construct: () => anything(),
  });
}

/**
 * The stand-in for `vscode`. The bundle wraps it as an ES module (esbuild copies its own properties onto an object
 * whose prototype is this module's prototype), so everything is served from the prototype, which is another proxy.
 */
const vscodeApi = anything();
const inherited = new Proxy({}, { get: (_target, property) => (property === 'ExtensionMode' ? ExtensionMode : vscodeApi[property]) });
const fakeVscode = new Proxy({}, { get: (_target, property) => (inherited as any)[property], getPrototypeOf: () => inherited });

interface Bundle {
  activate(context: unknown): unknown;
  deactivate(): unknown;
  sharedModules?: Record<string, Record<string, unknown>>;
}

const core = path.join(path.dirname(bundle), 'core.js');
const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
const originalLoad = loader._load;

// The core (dist/core.js) is loaded on first use, after activate() returned: `vscode` stays faked for every test here.
before(() => {
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fakeVscode : originalLoad.call(this, request, ...rest);
  };
});
after(() => {
  loader._load = originalLoad;
});

function loadBundle(): Bundle {
  delete require.cache[bundle];
  delete require.cache[core];
  return require(bundle);
}

function contextIn(extensionMode: number, storageFolder = path.join(os.tmpdir(), 'ask-llama-exports-test')): unknown {
  // Paths the chat history joins (activate() itself reads and writes nothing).
  const storage = { fsPath: storageFolder, scheme: 'file' };
  const known: Record<string, unknown> = { extensionMode, subscriptions: [], globalStorageUri: storage, storageUri: storage, logUri: storage };
  return new Proxy(known, { get: (target, property) => (property in target ? target[property as string] : anything()) });
}

describe('the packaged extension exports nothing', () => {
  before(() => {
    assert.ok(fs.existsSync(bundle), `${bundle} is missing: run \`npm run build\` (or \`npm run package\`) before the unit tests`);
  });

  for (const mode of ['Production', 'Development'] as const) {
    it(`activate() returns undefined in ${mode} mode: no key store, no dialogs, no request context`, () => {
      assert.strictEqual(loadBundle().activate(contextIn(ExtensionMode[mode])), undefined);
    });
  }

  it('control: in Test mode (the integration harness) it returns the test API, so the check above can fail', () => {
    const api = loadBundle().activate(contextIn(ExtensionMode.Test)) as Record<string, unknown> | undefined;
    assert.ok(api && 'keys' in api && 'ui' in api, 'the test API in Test mode');
  });
});

describe('what activation loads (issue 16)', () => {
  it('activate() loads only dist/extension.js; the core (dist/core.js) loads on first use', () => {
    const api = loadBundle().activate(contextIn(ExtensionMode.Test)) as { requests: unknown };
    assert.strictEqual(require.cache[core], undefined, 'dist/core.js not loaded by activation');
    assert.ok(api.requests, 'the request context, from the core');
    assert.ok(require.cache[core], 'dist/core.js loaded on first use');
  });

  it("dist/core.js takes the settings module from dist/extension.js (one copy of the workspace policy's state)", () => {
    const text = fs.readFileSync(core, 'utf8');
    assert.ok(text.includes('require("./extension.js").sharedModules["src/host/config.ts"]'), 'config.ts read from the extension bundle');
  });

  it('every module the lazy bundles take from dist/extension.js is exported there, and only those', () => {
    // esbuild.js keeps its own list (a build script cannot import TypeScript); a name missing on either side means a
    // lazy bundle reads `undefined` at run time, or bundles a second copy of the module's state.
    const script = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'esbuild.js'), 'utf8');
    const listed = /const sharedModuleFiles = \[([^\]]*)\]/.exec(script)?.[1];
    assert.ok(listed, 'esbuild.js names sharedModuleFiles');
    const built = [...listed.matchAll(/'([^']+)'/g)].map((match) => match[1]).sort();
    const exported = Object.entries(loadBundle().sharedModules ?? {});
    assert.deepStrictEqual(exported.map(([file]) => file).sort(), built);
    for (const [file, exports] of exported) assert.ok(exports && Object.keys(exports).length > 0, `${file} exports something`);
  });
});

describe('deactivate()', () => {
  let storage: string;
  beforeEach(() => {
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'ask-llama-deactivate-'));
  });
  afterEach(() => fs.rmSync(storage, { recursive: true, force: true }));

  it("returns the chat history's final save, so VS Code waits for the last streamed text to reach the disk", async () => {
    const extension = loadBundle();
    const api = extension.activate(contextIn(ExtensionMode.Test, storage)) as { chat: { store: { scheduleSave(chat: unknown): void } } };
    // What an answer streaming as the window closes leaves: a save scheduled for up to a second later.
    const chat = { id: 'closing', title: 'closing', createdAt: 1, updatedAt: 1, messages: [{ id: 'q', role: 'user', text: 'asked as the window closed', createdAt: 1 }] };
    api.chat.store.scheduleSave(chat);

    const finalSave = extension.deactivate() as Promise<void> | undefined;
    assert.ok(finalSave && typeof finalSave.then === 'function', 'deactivate() returns a promise for VS Code to wait on');
    await finalSave;
    const onDisk = JSON.parse(fs.readFileSync(path.join(storage, 'chats', 'closing.json'), 'utf8'));
    assert.strictEqual(onDisk.chat.messages[0].text, 'asked as the window closed');
  });
});
