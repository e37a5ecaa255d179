// Shared by the host integration suites: activates the extension, scripts its dialogs through the `ui` seam,
// points the settings at a scripted server and puts them back afterwards.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AskLlamaApi } from '../../../src/host/testApi';
import type { HostUi, LiveRows } from '../../../src/host/ui';
import { ScriptedServer, type RecordedRequest, type ScriptedResponse } from '../../support/scriptedServer';

export const EXTENSION_ID = 'ask-llama.ask-llama';

export async function activateExtension(): Promise<AskLlamaApi> {
  const extension = vscode.extensions.getExtension<AskLlamaApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in the test host`);
  const api = await extension.activate();
  assert.ok(api && api.ui && api.requests, 'activate() should return the test API');
  return api;
}

// ---- dialogs ----

export interface UiCall {
  kind: keyof HostUi;
  /** The message of a notification/modal; undefined for input boxes and quick picks. */
  message?: string;
  options: any;
  /** Buttons of a message, or rows of a quick pick (of a live one: the rows it opened with). */
  items: any[];
  /** A live quick pick's rows, which go on changing while it is open. */
  live?: LiveRows<any>;
}

/** Decides what the user "does" in each dialog; return undefined to dismiss it. */
export type UiAnswer = (call: UiCall) => unknown;

export interface UiScript {
  calls: UiCall[];
  of(kind: keyof HostUi): UiCall[];
  restore(): void;
}

/**
 * Answers the window's dialogs with `answer` until `restore()`. For a script that spans hooks (set in before, restored
 * in after); within one test, withScriptedUi restores it however the test ends.
 */
export function scriptUi(api: AskLlamaApi, answer: UiAnswer = () => undefined): UiScript {
  const ui = api.ui as unknown as Record<keyof HostUi, (...args: any[]) => unknown>;
  const original = { ...ui };
  const calls: UiCall[] = [];
  const record = (call: UiCall) => {
    calls.push(call);
    return Promise.resolve(answer(call));
  };
  ui.showInputBox = (options: unknown) => record({ kind: 'showInputBox', options, items: [] });
  ui.showQuickPick = (items: unknown[], options: unknown) => record({ kind: 'showQuickPick', options, items: [...items] });
  ui.showLiveQuickPick = (live: LiveRows<any>, options: unknown) => record({ kind: 'showLiveQuickPick', options, items: [...live.items], live });
  ui.showQuickPickMany = (items: unknown[], options: unknown) => record({ kind: 'showQuickPickMany', options, items: [...items] });
  for (const kind of ['showWarningMessage', 'showErrorMessage', 'showInformationMessage'] as const) {
    ui[kind] = (message: string, options: unknown, ...items: string[]) => record({ kind, message, options, items });
  }
  return {
    calls,
    of: (kind) => calls.filter((c) => c.kind === kind),
    restore: () => Object.assign(ui, original),
  };
}

/**
 * Answers the window's dialogs with `answer` (without one, every dialog is dismissed) while `body` runs, and puts
 * the real ones back when it settles or throws, so a failing step cannot leave the next test's dialogs scripted.
 * Resolves to the script, whose record of what was asked stays readable.
 */
export async function withScriptedUi(api: AskLlamaApi, answer: UiAnswer, body: (ui: UiScript) => unknown): Promise<UiScript>;
export async function withScriptedUi(api: AskLlamaApi, body: (ui: UiScript) => unknown): Promise<UiScript>;
export async function withScriptedUi(api: AskLlamaApi, ...args: [UiAnswer, (ui: UiScript) => unknown] | [(ui: UiScript) => unknown]): Promise<UiScript> {
  const [answer, body] = args.length === 2 ? args : [undefined, args[0]];
  const ui = scriptUi(api, answer);
  try {
    await body(ui);
  } finally {
    ui.restore();
  }
  return ui;
}

/** Resolves once a live quick pick's rows are complete (no longer busy), with those rows. */
export function whenSettled<T extends vscode.QuickPickItem>(live: LiveRows<T>): Promise<readonly T[]> {
  return new Promise((resolve) => {
    if (!live.busy) return resolve(live.items);
    const listener = live.onDidChange(() => {
      if (live.busy) return;
      listener.dispose();
      resolve(live.items);
    });
  });
}

// ---- approvals ----

/** Revokes this workspace's answers to "Allow for this workspace?", as Manage API Keys does, one origin at a time. */
export async function forgetApprovals(api: AskLlamaApi): Promise<void> {
  for (const { origin } of api.approvals.list()) await api.approvals.forget(origin);
}

// ---- settings ----

const SETTING_NAMES = ['baseUrl', 'model', 'temperature', 'maxTokens', 'systemPrompt', 'requestTimeoutSeconds', 'contextWindow', 'explainInLightbulb', 'includeCurrentFile'] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

export async function updateSettings(values: Partial<Record<SettingName, unknown>>): Promise<void> {
  const config = vscode.workspace.getConfiguration('askLlama');
  for (const [name, value] of Object.entries(values)) await config.update(name, value, vscode.ConfigurationTarget.Global);
}

/** Remembers the user-level askLlama.* values; the returned function puts them back. */
export function snapshotSettings(): () => Promise<void> {
  const config = vscode.workspace.getConfiguration('askLlama');
  const saved = SETTING_NAMES.map((name) => [name, config.inspect(name)?.globalValue] as const);
  return async () => {
    const current = vscode.workspace.getConfiguration('askLlama');
    for (const [name, value] of saved) await current.update(name, value, vscode.ConfigurationTarget.Global);
  };
}

// ---- server scripts ----

export interface ListedModel {
  id: string;
  contextLength?: number;
  aliases?: string[];
  type?: string;
}

/** A /v1/models answer in the AI/ML API's shape. */
export function modelsResponse(models: ListedModel[]): ScriptedResponse {
  const data = models.map((m) => ({
    id: m.id,
    aliases: m.aliases ?? [],
    type: m.type ?? 'openai/chat-completions',
    info: { name: m.id, developer: m.id.startsWith('meta') ? 'Meta' : 'Other', contextLength: m.contextLength },
  }));
  return { status: 200, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ object: 'list', data })] };
}

export function isModelsRequest(req: RecordedRequest): boolean {
  return req.method === 'GET' && /\/models(\?|$)/.test(req.url);
}

export function chatRequests(server: ScriptedServer): RecordedRequest[] {
  return server.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/chat/completions'));
}

/**
 * Answers /models with `models` (or a 500 when 'fail') and chat requests with `chatAnswers` in order (a 500 once
 * they run out), whatever order the two kinds of request arrive in.
 */
export function routeServer(server: ScriptedServer, models: ListedModel[] | 'fail', chatAnswers: ScriptedResponse[]): void {
  const pending = [...chatAnswers];
  server.setFallback((req) => {
    if (isModelsRequest(req)) {
      return models === 'fail' ? { status: 500, headers: { 'content-type': 'application/json' }, chunks: ['{"message":"no list"}'] } : modelsResponse(models);
    }
    return pending.shift() ?? { status: 500, headers: { 'content-type': 'application/json' }, chunks: ['{"message":"unscripted"}'] };
  });
}

export const SSE_HEADERS = { 'content-type': 'text/event-stream' };

/**
 * Writes `text` to a fresh file (saved, so closing it never asks to save) and selects lines `from`..`to` (1-based,
 * inclusive, whole lines).
 */
export async function openWithSelection(text: string, fileName: string, from: number, to: number): Promise<vscode.TextEditor> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ask-llama-host-'));
  const file = path.join(folder, fileName);
  fs.writeFileSync(file, text);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(from - 1, 0, to - 1, document.lineAt(to - 1).text.length);
  return editor;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

// ---- suite fixture ----

export interface ScriptedHost {
  /** Set in the suite's `before`, valid in every test. */
  api: AskLlamaApi;
  /** A fresh scripted server per test: a new port, so a new base URL, so once-per-session checks start over. */
  server: ScriptedServer;
}

/**
 * Registers the hooks the host suites share: activate the extension once; per test, a fresh scripted server, the
 * settings pointed at it (plus `settings`), and, with `freshChat`, no open editors, a new chat and no attached
 * files; afterwards the editors closed, the server stopped and the settings put back.
 */
export function useScriptedHost(settings: Partial<Record<SettingName, unknown>> = {}, options: { freshChat?: boolean } = {}): ScriptedHost {
  const host = {} as ScriptedHost;
  let restoreSettings: () => Promise<void> = async () => undefined;
  before(async () => {
    host.api = await activateExtension();
  });
  beforeEach(async () => {
    restoreSettings = snapshotSettings();
    host.server = await ScriptedServer.start();
    await updateSettings({ baseUrl: host.server.baseUrl, ...settings });
    if (options.freshChat) {
      await closeAllEditors();
      await host.api.chat.newChat();
      // Attached files belong to the composer, not to a chat: New Chat keeps them, so an earlier suite's stay.
      while (host.api.chat.attachedFiles.length > 0) await host.api.chat.handlePageMessage({ type: 'removeFile', index: 0 });
    }
  });
  afterEach(async () => {
    await closeAllEditors();
    await host.server.close();
    await restoreSettings();
  });
  return host;
}
