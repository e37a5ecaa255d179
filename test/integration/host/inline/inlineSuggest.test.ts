// Inline suggestions in the real extension host: the provider VS Code calls, against the scripted server (a loopback
// server on a random port: asked through the chat hole-filler, and on by default since it is local).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { formatSummary } from '../../../../src/common/inlineStats';
import { MAX_DELAY_MS, MIN_DELAY_MS } from '../../../../src/common/typingDebounce';
import { sseAnswer } from '../../../support/scriptedServer';
import { chatRequests, SSE_HEADERS, useScriptedHost } from '../hostTestKit';

const INLINE_SETTINGS = ['inlineSuggest.enable', 'inlineSuggest.model', 'inlineSuggest.exclude', 'inlineSuggest.inStringsAndComments'] as const;
const INVOKE: vscode.InlineCompletionContext = { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined };

async function openAt(fileName: string, text: string, line: number, character: number): Promise<vscode.TextEditor> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ask-llama-inline-'));
  const file = path.join(folder, fileName);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)));
  editor.selection = new vscode.Selection(line, character, line, character);
  return editor;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean, what: string, limitMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limitMs) assert.fail(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('host/inline: inline suggestions', () => {
  const host = useScriptedHost({ model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo' });
  let saved: [string, unknown][] = [];
  beforeEach(() => {
    const config = vscode.workspace.getConfiguration('askLlama');
    saved = INLINE_SETTINGS.map((name) => [name, config.inspect(name)?.globalValue]);
  });
  afterEach(async () => {
    const config = vscode.workspace.getConfiguration('askLlama');
    for (const [name, value] of saved) await config.update(name, value, vscode.ConfigurationTarget.Global);
  });

  const provide = (editor: vscode.TextEditor, token = new vscode.CancellationTokenSource().token) =>
    host.api.inline.provideInlineCompletionItems(editor.document, editor.selection.active, INVOKE, token);

  it('the suggestion from the server, cleaned, at the cursor; the same place again is a cache hit', async () => {
    host.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['```ts\n', 'a + b;\n```']) });
    const editor = await openAt('add.ts', 'function add(a: number, b: number) {\n  return \n}\n', 1, 9);
    const items = await provide(editor);
    assert.strictEqual(items?.[0]?.insertText, 'a + b;');
    assert.deepStrictEqual(items[0].range, new vscode.Range(1, 9, 1, 9));
    const [request] = chatRequests(host.server);
    assert.match(request.json.messages[1].content, /return <HOLE>\n\}/);
    const sent = host.api.inline.requestsSent;
    const again = await provide(editor);
    assert.strictEqual(again?.[0]?.insertText, 'a + b;');
    assert.strictEqual(host.api.inline.requestsSent, sent, 'no second request');
  });

  it('VS Code\'s own trigger (editor.action.inlineSuggest.trigger) reaches the server through the provider', async () => {
    host.server.setFallback({ headers: SSE_HEADERS, chunks: sseAnswer(['a + b;']) });
    await openAt('trigger.ts', 'function add(a: number, b: number) {\n  return \n}\n', 1, 9);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await host.server.waitForRequests(1);
    assert.match(chatRequests(host.server)[0].json.messages[1].content, /return <HOLE>/);
  });

  it('an excluded file (.env*, *.pem, *.key, **/secrets/**: the defaults) sends nothing', async () => {
    for (const name of ['.env.local', 'server.pem', 'id.key', 'secrets/prod.ts']) {
      const editor = await openAt(name, 'API_TOKEN=', 0, 10);
      assert.strictEqual(await provide(editor), undefined, name);
    }
    assert.strictEqual(host.server.requests.length, 0);
  });

  it('inside a string or comment: asked by default, nothing sent once the user turns that off', async () => {
    host.server.setFallback({ headers: SSE_HEADERS, chunks: sseAnswer(['the two numbers']) });
    const editor = await openAt('comment.ts', '// Adds \nfunction add() {}\n', 0, 9);
    assert.strictEqual((await provide(editor))?.[0]?.insertText, 'the two numbers');
    assert.strictEqual(chatRequests(host.server).length, 1);

    await vscode.workspace.getConfiguration('askLlama').update('inlineSuggest.inStringsAndComments', false, vscode.ConfigurationTarget.Global);
    const sent = host.api.inline.requestsSent;
    const inString = await openAt('string.ts', 'const greeting = "Hello, \n', 0, 25);
    assert.strictEqual(await provide(inString), undefined);
    const inComment = await openAt('comment2.ts', '// Adds \nfunction add() {}\n', 0, 9);
    assert.strictEqual(await provide(inComment), undefined);
    assert.strictEqual(host.api.inline.requestsSent, sent, 'nothing sent from a string or a comment');
    // Code is still asked for.
    const code = await openAt('code.ts', 'const total = \n', 0, 14);
    assert.ok((await provide(code))?.length, 'a suggestion in code');
    assert.strictEqual(host.api.inline.requestsSent, sent + 1);
  });

  it('accepting the ghost text (Tab\'s command) is counted against its request; the statistics command prints p50/p95', async () => {
    host.server.setFallback({ headers: SSE_HEADERS, chunks: sseAnswer(['a + b;']) });
    const before = host.api.inline.stats.summary();
    const editor = await openAt('accept.ts', 'function add(a: number, b: number) {\n  return \n}\n', 1, 9);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await eventually(() => host.api.inline.stats.summary().shown > before.shown, 'a suggestion shown');
    // VS Code shows the ghost text a moment after the provider answers; commit until it is in the file.
    await eventually(() => {
      void vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      return editor.document.lineAt(1).text === '  return a + b;';
    }, 'the suggestion accepted into the file');
    await eventually(() => host.api.inline.stats.summary().accepted === before.accepted + 1, 'the acceptance counted');
    const lines = await vscode.commands.executeCommand<string[]>('askLlama.showInlineSuggestionStats');
    const summary = host.api.inline.stats.summary();
    assert.deepStrictEqual(lines, formatSummary(summary), 'the session\'s figures, printed');
    assert.ok(summary.firstToken && summary.firstToken.count > (before.firstToken?.count ?? 0), 'the request\'s time to first token counted');
    assert.match(lines.join('\n'), /time to first token: p50 \d+ ms, p95 \d+ ms/);
    assert.match(lines.join('\n'), new RegExp(`accepted ${summary.accepted} `));
  });

  it('a remote server from an untrusted workspace gets nothing, even when turned on', async () => {
    const config = vscode.workspace.getConfiguration('askLlama');
    await config.update('inlineSuggest.enable', { '*': true }, vscode.ConfigurationTarget.Global);
    await config.update('baseUrl', 'https://api.example.invalid/v1', vscode.ConfigurationTarget.Global);
    host.api.restrictedMode.enter();
    try {
      const editor = await openAt('remote.ts', 'const x = ', 0, 10);
      const before = host.api.inline.requestsSent;
      assert.strictEqual(await provide(editor), undefined);
      assert.strictEqual(host.api.inline.requestsSent, before);
    } finally {
      host.api.restrictedMode.leave();
    }
  });

  it('turned off for the language: nothing is sent', async () => {
    await vscode.workspace.getConfiguration('askLlama').update('inlineSuggest.enable', { typescript: false }, vscode.ConfigurationTarget.Global);
    const editor = await openAt('off.ts', 'const x = ', 0, 10);
    assert.strictEqual(await provide(editor), undefined);
    assert.strictEqual(host.server.requests.length, 0);
  });

  it('the debounce counts from the keystroke, not from VS Code\'s call: a call after the pause asks at once', async () => {
    host.server.setFallback({ headers: SSE_HEADERS, chunks: sseAnswer(['1;']) });
    const editor = await openAt('rhythm.ts', '\n', 0, 0);
    const atEnd = async () => {
      const started = Date.now();
      const token = new vscode.CancellationTokenSource().token;
      await host.api.inline.provideInlineCompletionItems(editor.document, editor.document.lineAt(0).range.end, INVOKE, token);
      return Date.now() - started;
    };
    await atEnd(); // the provider is built at its first call; from then on it hears each keystroke
    const type = async (text: string) => {
      for (const key of text) {
        await sleep(100);
        await editor.edit((edit) => edit.insert(editor.document.lineAt(0).range.end, key));
      }
    };
    await type('const x');
    // Asked straight after a keystroke: it still waits for a pause in the typing.
    const right = await atEnd();
    assert.ok(right >= MIN_DELAY_MS - 25, `waited after the keystroke (${right} ms)`);
    await type(' = ');
    // VS Code's own delay (and the trip to the extension host) may already have outlasted the debounce: this call
    // comes after a pause longer than any debounce, so the request goes at once.
    await sleep(MAX_DELAY_MS + 100);
    const elapsed = await atEnd();
    assert.ok(elapsed < MIN_DELAY_MS, `asked at once after the pause, not after another debounce (${elapsed} ms)`);
  });

  it('cancellation (the next keystroke) aborts the request: the server sees the connection close', async () => {
    host.server.enqueue({ headers: SSE_HEADERS, chunks: [], end: 'hang' });
    const editor = await openAt('cancel.ts', 'const total = ', 0, 14);
    const source = new vscode.CancellationTokenSource();
    const pending = provide(editor, source.token);
    await host.server.waitForRequests(1);
    await eventually(() => host.server.openConnections > 0, 'the request is open');
    source.cancel();
    assert.strictEqual(await pending, undefined);
    await eventually(() => host.server.openConnections === 0, 'the client closed its connection');
  });
});
