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
}

const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
const originalLoad = loader._load;

// `vscode` is faked for every test here.
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

describe('one host bundle (issue 21)', () => {
  it('dist/extension.js holds the whole host: the only file of ours it loads is node-fetch.js (first model-list request)', () => {
    // The split this replaced loaded ./core.js, ./edits.js and ./lm.js at run time, with a second composition root
    // and the request module injected into the later bundles; measured, it did not shorten the first-use wait.
    const text = fs.readFileSync(bundle, 'utf8');
    const ours = [...new Set([...text.matchAll(/require\("(\.\/[^"]+)"\)/g)].map((match) => match[1]))].sort();
    assert.deepStrictEqual(ours, ['./node-fetch.js']);
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
