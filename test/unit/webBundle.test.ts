// The web build (dist/web/extension.js, the manifest's `browser` entry, issue 23) needs nothing from Node: it loads no
// module but `vscode`, and it activates and keeps a chat history in a sandbox that has only what a browser's web
// worker has (no require, process, Buffer), with the history on a `vscode-userdata:` storage through
// vscode.workspace.fs. Needs `npm run build` (dist/) first, like the size budgets.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

const root = path.resolve(__dirname, '..', '..', '..');
const webBundle = path.join(root, 'dist', 'web', 'extension.js');

/** Just enough of `vscode` for activation (everything else accepts any call) and an in-memory workspace.fs. */
function fakeVscode(files: Map<string, Uint8Array>): unknown {
  const anything = (): any => {
    const cache = new Map<PropertyKey, unknown>();
    return new Proxy(function () {}, {
      get(_t, p) {
        if (p === 'then') return undefined;
        if (p === Symbol.toPrimitive) return () => '';
        if (!cache.has(p)) cache.set(p, anything());
        return cache.get(p);
      },
      set: (_t, p, value) => (cache.set(p, value), true),
      apply: () => anything(),
      construct: () => anything(),
    });
  };
  class Uri {
    constructor(readonly scheme: string, readonly path: string) {}
    get fsPath(): string {
      return this.path;
    }
    toString(): string {
      return `${this.scheme}:${this.path}`;
    }
    static parse(text: string): Uri {
      const at = text.indexOf(':');
      return new Uri(text.slice(0, at), text.slice(at + 1));
    }
    static file(file: string): Uri {
      return new Uri('file', file);
    }
    static joinPath(base: Uri, ...parts: string[]): Uri {
      return new Uri(base.scheme, [base.path, ...parts].join('/'));
    }
  }
  class FileSystemError extends Error {
    constructor(readonly code: string) {
      super(code);
    }
  }
  const folders = new Set<string>();
  const need = (uri: Uri): Uint8Array => {
    const bytes = files.get(uri.toString());
    if (!bytes) throw new FileSystemError('FileNotFound');
    return bytes;
  };
  const fsApi = {
    createDirectory: async (uri: Uri) => void folders.add(uri.toString()),
    readFile: async (uri: Uri) => need(uri),
    writeFile: async (uri: Uri, bytes: Uint8Array) => void files.set(uri.toString(), bytes),
    rename: async (from: Uri, to: Uri) => {
      files.set(to.toString(), need(from));
      files.delete(from.toString());
    },
    delete: async (uri: Uri) => {
      need(uri);
      files.delete(uri.toString());
    },
    readDirectory: async (uri: Uri) => {
      if (!folders.has(uri.toString())) throw new FileSystemError('FileNotFound');
      const prefix = `${uri.toString()}/`;
      return [...files.keys()].filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/')).map((k) => [k.slice(prefix.length), 1]);
    },
    stat: async (uri: Uri) => ({ type: 1, size: need(uri).byteLength, mtime: Date.now(), ctime: 0 }),
  };
  const known: Record<string, unknown> = { Uri, FileSystemError, FileType: { File: 1, Directory: 2 }, ExtensionMode: { Production: 1, Development: 2, Test: 3 } };
  const workspace = new Proxy({ fs: fsApi }, { get: (t, p) => (p in t ? (t as any)[p] : anything()) });
  known.workspace = workspace;
  const api = anything();
  // esbuild wraps `vscode` as an ES module by copying what it inherits: serve everything from the prototype too.
  const inherited = new Proxy({}, { get: (_t, p) => (typeof p === 'string' && p in known ? known[p] : api[p]) });
  return new Proxy({}, { get: (_t, p) => (inherited as any)[p], getPrototypeOf: () => inherited });
}

/** What a web worker has, and nothing of Node's. */
function browserLikeSandbox(vscode: unknown): { module: { exports: any }; context: vm.Context } {
  const module = { exports: {} as any };
  const context = vm.createContext({
    module,
    exports: module.exports,
    require: (name: string) => {
      if (name === 'vscode') return vscode;
      throw new Error(`the web bundle asked for ${name}`);
    },
    console,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    performance,
    fetch,
    URL,
    TextEncoder,
    TextDecoder,
    AbortController,
    crypto: globalThis.crypto,
    btoa,
    atob,
  });
  return { module, context };
}

describe('the web build (dist/web/extension.js)', () => {
  before(() => {
    assert.ok(fs.existsSync(webBundle), `${webBundle} is missing: run \`npm run build\` before the unit tests`);
  });

  it('loads no module but vscode (no http, fs, os, child_process, node-fetch)', () => {
    const text = fs.readFileSync(webBundle, 'utf8');
    const required = [...new Set([...text.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]))].sort();
    assert.deepStrictEqual(required, ['vscode']);
  });

  it('is the manifest\'s browser entry, and the workspace host is still preferred where there is one', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.strictEqual(manifest.browser, './dist/web/extension.js');
    // 'web' is not an extensionKind vsce accepts (it fails packaging); the browser entry alone makes the web host run us.
    assert.deepStrictEqual(manifest.extensionKind, ['workspace']);
    assert.ok(fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').includes('!dist/web/extension.js'), 'packaged');
  });

  it('activates without Node and saves and reads a chat through vscode.workspace.fs on a vscode-userdata: storage', async () => {
    const files = new Map<string, Uint8Array>();
    const { module, context } = browserLikeSandbox(fakeVscode(files));
    vm.runInContext(fs.readFileSync(webBundle, 'utf8'), context, { filename: webBundle });
    const storage = (module.exports as any) && (fakeVscode(files) as any).Uri.parse('vscode-userdata:/User/globalStorage/ask-llama.ask-llama');
    const extensionContext = new Proxy(
      { extensionMode: 3, subscriptions: [], globalStorageUri: storage, storageUri: storage, logUri: storage },
      { get: (t, p) => (p in t ? (t as any)[p] : { get: () => undefined, update: async () => undefined, keys: () => [], onDidChange: () => ({ dispose() {} }) }) },
    );
    const api = module.exports.activate(extensionContext) as { chat: { store: { save(chat: unknown): Promise<void>; load(id: string): Promise<any>; list(): Promise<any[]> } } };
    const chat = { id: 'web-chat', title: 'on the web', createdAt: 1, updatedAt: 1, messages: [{ id: 'q', role: 'user', text: 'asked in a browser', createdAt: 1 }] };
    await api.chat.store.save(chat);
    assert.ok(files.has('vscode-userdata:/User/globalStorage/ask-llama.ask-llama/chats/web-chat.json'), [...files.keys()].join(', '));
    assert.ok(files.has('vscode-userdata:/User/globalStorage/ask-llama.ask-llama/chats/index.json'));
    assert.strictEqual((await api.chat.store.load('web-chat')).messages[0].text, 'asked in a browser');
    assert.strictEqual(JSON.stringify((await api.chat.store.list()).map((c) => c.id)), '["web-chat"]');
    await module.exports.deactivate();
  });
});
