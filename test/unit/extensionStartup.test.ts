// Activation is the first thing any use of Ask Llama waits for (a command, its view, VS Code asking its model
// provider), so the packaged activate() (dist/extension.js) must stay quiet: no file read or written, no connection,
// no process, no notification, dialog, page or browser tab. Run in plain Node with a stand-in `vscode` module that
// accepts any call and records it, and Node's disk, network and process modules wrapped to record every call made
// while activate() runs and shortly after (timers and promises it started). Needs `npm run build` (dist/) first.
import * as assert from 'assert';
import * as fs from 'fs';
import Module = require('module');
import * as os from 'os';
import * as path from 'path';

const bundle = path.resolve(__dirname, '..', '..', '..', 'dist', 'extension.js');
const ExtensionMode = { Production: 1, Development: 2, Test: 3 } as const;
/** Node modules through which a file, a connection or a process would be reached. */
const WATCHED = ['fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dns', 'child_process', 'worker_threads'];
/** vscode calls a person would see: notifications, dialogs, pickers, pages, editors, the browser. */
const VISIBLE = /^vscode\.(window\.(show\w+|createWebviewPanel|withProgress)|env\.openExternal)$/;

interface Recording {
  on: boolean;
  calls: { at: string; args: unknown[] }[];
}

/** Like extension.test.ts's stand-in (any property, call or `new` works), but records every call under its path. */
function recorder(recording: Recording, at: string): any {
  const cache = new Map<PropertyKey, unknown>();
  return new Proxy(function () {}, {
    get(_target, property) {
      if (property === 'then') return undefined; // not a promise
      if (property === Symbol.toPrimitive) return () => '';
      if (at === 'vscode' && property === 'ExtensionMode') return ExtensionMode;
      if (!cache.has(property)) cache.set(property, recorder(recording, `${at}.${String(property)}`));
      return cache.get(property);
    },
    set(_target, property, value) {
      cache.set(property, value);
      return true;
    },
    apply: (_target, _this, args) => (recording.calls.push({ at, args }), recorder(recording, `${at}()`)),
    construct: (_target, args) => (recording.calls.push({ at: `new ${at}`, args }), recorder(recording, `new ${at}`)),
  });
}

/** `real` with every function (and those of its objects, such as fs.promises) recording its calls while `on`. */
function watched<T extends object>(real: T, recording: Recording, at: string): T {
  return new Proxy(real, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      const name = `${at}.${String(property)}`;
      if (typeof value === 'function') {
        return function (this: unknown, ...args: unknown[]) {
          if (recording.on) recording.calls.push({ at: name, args });
          return Reflect.apply(value, this === receiver ? target : this, args);
        };
      }
      return value && typeof value === 'object' ? watched(value, recording, name) : value;
    },
  });
}

const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };

describe('activate() at start-up, in every window (onStartupFinished)', () => {
  const recording: Recording = { on: false, calls: [] };
  let previousLoad: typeof loader._load;
  let environmentKey: string | undefined;

  before(() => {
    assert.ok(fs.existsSync(bundle), `${bundle} is missing: run \`npm run build\` (or \`npm run package\`) before the unit tests`);
    // The bundle wraps `vscode` as an ES module (see extension.test.ts): everything is served from the prototype.
    const api = recorder(recording, 'vscode');
    const fakeVscode = new Proxy({}, { get: (_target, property) => api[property], getPrototypeOf: () => api });
    previousLoad = loader._load;
    loader._load = function (request: string, ...rest: unknown[]) {
      if (request === 'vscode') return fakeVscode;
      const loaded = previousLoad.call(this, request, ...rest);
      const name = request.replace(/^node:/, '');
      return WATCHED.includes(name) ? watched(loaded as object, recording, name) : loaded;
    };
    // With ASK_LLAMA_API_KEY set, activate() stores that key (SecretStorage): not the case under test.
    environmentKey = process.env.ASK_LLAMA_API_KEY;
    delete process.env.ASK_LLAMA_API_KEY;
  });
  after(() => {
    loader._load = previousLoad;
    if (environmentKey !== undefined) process.env.ASK_LLAMA_API_KEY = environmentKey;
  });

  /** Loads a fresh copy of the bundle, then records what its activate() and the next 100 ms do. */
  async function activateQuietly(): Promise<Recording['calls']> {
    delete require.cache[bundle];
    const extension = require(bundle) as { activate(context: unknown): unknown; deactivate(): unknown };
    const storage = { fsPath: path.join(os.tmpdir(), 'ask-llama-startup-test'), scheme: 'file' };
    const known: Record<string, unknown> = { extensionMode: ExtensionMode.Production, subscriptions: [], globalStorageUri: storage, storageUri: storage, logUri: storage };
    const context = new Proxy(known, { get: (target, property) => (property in target ? target[property as string] : recorder(recording, `context.${String(property)}`)) });
    recording.calls = [];
    recording.on = true;
    try {
      extension.activate(context);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return recording.calls;
    } finally {
      recording.on = false;
    }
  }

  it('reads and writes no file, opens no connection and starts no process', async () => {
    const calls = await activateQuietly();
    assert.deepStrictEqual(calls.filter((call) => WATCHED.some((name) => call.at.startsWith(`${name}.`))).map((call) => call.at), []);
  });

  it('shows nothing: no notification, dialog, picker, page or browser tab; runs no command but setContext', async () => {
    const calls = await activateQuietly();
    const visible = calls.filter((call) => VISIBLE.test(call.at)).map((call) => call.at);
    const commands = calls.filter((call) => call.at === 'vscode.commands.executeCommand' && call.args[0] !== 'setContext');
    assert.deepStrictEqual([...visible, ...commands.map((call) => `executeCommand(${String(call.args[0])})`)], []);
  });

  it('control: the recording sees a file read and a notification made while it is on', async () => {
    recording.calls = [];
    recording.on = true;
    try {
      (require('fs') as typeof fs).existsSync(bundle);
      (require('vscode') as { window: { showInformationMessage(message: string): void } }).window.showInformationMessage('hello');
    } finally {
      recording.on = false;
    }
    assert.deepStrictEqual(recording.calls.map((call) => call.at), ['fs.existsSync', 'vscode.window.showInformationMessage']);
  });
});
