// Bad input through the real commands: each gets a clear message or a correct answer, the extension host keeps
// running (a timer keeps firing while the command works), and nothing the user typed or asked is lost.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HostMessage } from '../../../src/common/protocol';
import type { AskLlamaApi } from '../../../src/host/testApi';
import { ScriptedServer, type RecordedRequest } from '../../support/scriptedServer';
import { activateExtension, chatRequests, closeAllEditors, modelsResponse, scriptUi, snapshotSettings, updateSettings, type UiAnswer, type UiScript } from '../host/hostTestKit';
import { revertAndCloseAllEditors } from '../host/chat/chatTestKit';
import { bounded, controllerOf, lastAnswer, MODEL, RejectionWatch, streamed } from './reliabilityKit';
import { recordCase, writeResults } from './results';

/**
 * The longest the extension host's event loop may be kept busy in one stretch while a command runs. A correctness
 * bound (the editor must stay usable: typing, other extensions), not a speed measurement: a quarter of a second is
 * what a user feels as a stall, and the work here (a 5 MB selection at most) takes a few tens of ms on a quiet
 * machine. Process CPU time also counts the garbage collector's threads: once, with other builds sharing the two
 * cores, a run measured 201 ms, so the bound leaves that margin while a 400 ms stall still fails.
 */
const MAX_BUSY_STRETCH_MS = 250;

interface TickRun {
  ticks: number;
  /** The longest wall-clock gap between two ticks of a 25 ms timer. */
  maxGapMs: number;
  /** The longest gap during which this process was busy (its CPU time grew), i.e. the loop was blocked by work. */
  maxBusyMs: number;
}

/**
 * Ticks a timer while `work` runs: the extension host's event loop must keep turning. A gap between ticks is either
 * work blocking the loop or the whole process waiting for a CPU (the test machine is shared); only the first uses
 * this process's CPU time, so a gap counts as busy for the CPU time it consumed (never more than its length).
 */
async function whileTicking(work: () => Thenable<unknown> | Promise<unknown>): Promise<TickRun> {
  let ticks = 0;
  let last = Date.now();
  let lastCpuMs = cpuMs();
  let maxGapMs = 0;
  let maxBusyMs = 0;
  const sample = () => {
    const now = Date.now();
    const cpu = cpuMs();
    maxGapMs = Math.max(maxGapMs, now - last);
    maxBusyMs = Math.max(maxBusyMs, Math.min(now - last, cpu - lastCpuMs));
    last = now;
    lastCpuMs = cpu;
  };
  const timer = setInterval(() => {
    sample();
    ticks++;
  }, 25);
  try {
    await bounded(Promise.resolve(work()), 45_000, 'the command');
    await new Promise((resolve) => setTimeout(resolve, 60));
  } finally {
    clearInterval(timer);
  }
  sample();
  return { ticks, maxGapMs, maxBusyMs };
}

/** This process's CPU time so far (user + system), in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function writeTemp(name: string, content: string | Buffer): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ask-llama-bad-input-'));
  const file = path.join(folder, name);
  fs.writeFileSync(file, content);
  return file;
}

async function openAndSelectAll(file: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(document);
  const last = document.lineAt(document.lineCount - 1);
  editor.selection = new vscode.Selection(0, 0, last.lineNumber, last.text.length);
  return editor;
}

function userContent(request: RecordedRequest): string {
  const messages: Array<{ role: string; content: string }> = request.json?.messages ?? [];
  return messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
}

describe('reliability: bad input', function () {
  this.timeout(90_000);
  let api: AskLlamaApi;
  let server: ScriptedServer;
  let restoreSettings: () => Promise<void>;
  let ui: UiScript;
  let uiAnswer: UiAnswer = () => undefined;
  let rejections: RejectionWatch;
  const posted: HostMessage[] = [];
  let restoreSend: () => void = () => undefined;

  before(async () => {
    api = await activateExtension();
    rejections = new RejectionWatch();
    restoreSettings = snapshotSettings();
    ui = scriptUi(api, (call) => uiAnswer(call));
    const page: { send(message: HostMessage): void } = controllerOf(api).page;
    const originalSend = page.send;
    page.send = function (this: unknown, message: HostMessage) {
      posted.push(message);
      return originalSend.call(page, message);
    };
    restoreSend = () => delete (page as { send?: unknown }).send;
  });

  after(async () => {
    restoreSend();
    ui.restore();
    await revertAndCloseAllEditors();
    await restoreSettings();
    rejections.dispose();
    writeResults();
  });

  beforeEach(async () => {
    server = await ScriptedServer.start();
    server.setFallback((req) => (req.method === 'GET' ? modelsResponse([{ id: MODEL, contextLength: 131_000 }]) : streamed(['Explained ', 'correctly.'])));
    await updateSettings({ baseUrl: server.baseUrl, model: MODEL, maxTokens: 1024 });
    await closeAllEditors();
    await api.chat.newChat();
    ui.calls.length = 0;
    posted.length = 0;
    uiAnswer = () => undefined;
  });

  afterEach(async () => {
    await server.close();
    await revertAndCloseAllEditors();
    assert.deepStrictEqual(rejections.ours(), [], 'no unhandled rejection from the extension');
  });

  function badInputCase(name: string, body: () => Promise<string>): void {
    it(name, async () => {
      try {
        recordCase({ area: 'Bad input', name, passed: true, observed: await body() });
      } catch (error) {
        recordCase({ area: 'Bad input', name, passed: false, observed: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    });
  }

  function assertResponsive(run: TickRun): string {
    assert.ok(run.ticks > 0, 'the timer fired while the command ran');
    assert.ok(run.maxBusyMs < MAX_BUSY_STRETCH_MS, `the extension host's event loop was blocked for ${Math.round(run.maxBusyMs)} ms (longest gap ${run.maxGapMs} ms)`);
    return `host timer fired ${run.ticks}× (longest gap ${run.maxGapMs} ms, ${Math.round(run.maxBusyMs)} ms of it busy)`;
  }

  badInputCase('5 MB selection', async () => {
    const line = 'const value = computeSomething(alpha, beta, gamma); // padding\n';
    const file = writeTemp('huge.ts', line.repeat(Math.ceil((5 * 1024 * 1024) / line.length)));
    await openAndSelectAll(file);
    // The too-large warning offers to send the first part: take it.
    uiAnswer = (call) => (call.kind === 'showWarningMessage' ? call.items[0] : undefined);
    const run = await whileTicking(() => vscode.commands.executeCommand('askLlama.explainSelection'));
    const warning = ui.of('showWarningMessage')[0];
    assert.ok(warning, 'a message says the selection is too large');
    assert.match(warning.message!, /too large/);
    assert.match(String(warning.items[0]), /Send lines 1–\d+ only/);
    const answer = lastAnswer(api);
    assert.strictEqual(answer.status, 'done');
    const question = api.chat.currentChat.messages.at(-2);
    assert.ok(question?.attachment?.truncatedTo, 'the question records that only part was sent');
    const sent = userContent(chatRequests(server)[0]);
    assert.ok(sent.includes(line.trim()), 'the first lines were sent');
    assert.ok(sent.length < 5 * 1024 * 1024, 'only the part that fits was sent');
    return `warning "${warning.message}" → sent lines 1–${question.attachment.truncatedTo.endLine} (${Math.round(sent.length / 1024)} KB), answer done; ${assertResponsive(run)}`;
  });

  badInputCase('binary document (NUL bytes)', async () => {
    const document = await vscode.workspace.openTextDocument({ content: 'PK\u0003\u0004\u0000\u0000binary\u0000data\u0000\u0001\u0002 more\n', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 0, document.lineAt(0).text.length);
    const before = api.chat.currentChat.messages.length;
    const run = await whileTicking(() => vscode.commands.executeCommand('askLlama.explainSelection'));
    const warning = ui.of('showWarningMessage')[0];
    assert.ok(warning, 'a message explains the refusal');
    assert.match(warning.message!, /only sends text/);
    assert.strictEqual(chatRequests(server).length, 0, 'nothing was sent');
    assert.strictEqual(api.chat.currentChat.messages.length, before);
    return `refused: "${warning.message}", nothing sent; ${assertResponsive(run)}`;
  });

  badInputCase('empty selection', async () => {
    const file = writeTemp('empty.ts', 'export const x = 1;\n');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 3, 0, 3);
    const run = await whileTicking(() => vscode.commands.executeCommand('askLlama.explainSelection'));
    const info = ui.of('showInformationMessage')[0];
    assert.ok(info, 'a message says what to do');
    assert.match(info.message!, /Select some code first/);
    assert.strictEqual(chatRequests(server).length, 0);
    return `message "${info.message}", nothing sent; ${assertResponsive(run)}`;
  });

  badInputCase('whitespace-only question (input box and chat page)', async () => {
    uiAnswer = (call) => (call.kind === 'showInputBox' ? '   \t  ' : undefined);
    const run = await whileTicking(() => vscode.commands.executeCommand('askLlama.ask'));
    const box = ui.of('showInputBox')[0];
    assert.ok(box, 'the input box was shown');
    const validation = box.options.validateInput('   \t  ');
    assert.ok(typeof validation === 'string' && validation.length > 0, 'the input box says a question is needed');
    // The same from the chat page: the text goes back into the input, nothing is sent.
    await controllerOf(api).handlePageMessage({ type: 'send', text: '  \n  ', includeSelection: false });
    const focus = posted.filter((m): m is Extract<HostMessage, { type: 'focusInput' }> => m.type === 'focusInput').at(-1);
    assert.deepStrictEqual(focus, { type: 'focusInput', text: '  \n  ' }, 'the page gets its text back');
    assert.strictEqual(chatRequests(server).length, 0);
    assert.strictEqual(api.chat.currentChat.messages.length, 0);
    return `input box: "${validation}"; page send → focusInput with the text back, nothing sent; ${assertResponsive(run)}`;
  });

  badInputCase('non-UTF-8 file (Latin-1 bytes on disk)', async () => {
    const latin1 = Buffer.from('# caf\xe9 na\xefve r\xe9sum\xe9\ndef greet():\n    return "Gr\xfc\xdfe"\n', 'latin1');
    assert.ok(!latin1.equals(Buffer.from(latin1.toString('utf8'), 'utf8')), 'the file really is not UTF-8');
    const file = writeTemp('latin1.py', latin1);
    await openAndSelectAll(file);
    const run = await whileTicking(() => vscode.commands.executeCommand('askLlama.explainSelection'));
    const answer = lastAnswer(api);
    assert.strictEqual(answer.status, 'done');
    assert.strictEqual(answer.text, 'Explained correctly.');
    const request = chatRequests(server)[0];
    assert.ok(request.json, 'the request body is valid JSON');
    const sent = userContent(request);
    assert.ok(sent.includes('def greet():') && sent.includes('return "Gr'), 'the code was sent');
    return `answered (done); the code arrived as valid JSON (${/\ufffd/.test(sent) ? 'undecodable bytes as U+FFFD' : 'decoded'}); ${assertResponsive(run)}`;
  });

  badInputCase('10,000-line file', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `let v${i} = ${i};`);
    const file = writeTemp('long.js', `${lines.join('\n')}\n`);
    await openAndSelectAll(file);
    uiAnswer = (call) => (call.kind === 'showWarningMessage' ? call.items[0] : undefined);
    const run = await whileTicking(() => vscode.commands.executeCommand('askLlama.explainSelection'));
    const answer = lastAnswer(api);
    assert.strictEqual(answer.status, 'done');
    const sent = userContent(chatRequests(server)[0]);
    const warned = ui.of('showWarningMessage').length > 0;
    assert.ok(sent.includes('let v0 = 0;'));
    if (!warned) assert.ok(sent.includes('let v9999 = 9999;'), 'all 10,000 lines were sent');
    return `${warned ? 'offered a part (too large)' : 'all 10,000 lines sent'}, answer done; ${assertResponsive(run)}`;
  });
});
