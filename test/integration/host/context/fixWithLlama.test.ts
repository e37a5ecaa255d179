// "Fix with Llama" on a real diagnostic: the quick fix is offered on errors and warnings only, sends the problems'
// messages and codes with the affected lines and the code around them, and the answer's block applies to exactly
// those lines.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { sseAnswer } from '../../../support/scriptedServer';
import { chatRequests, openWithSelection, routeServer, SSE_HEADERS, updateSettings, useScriptedHost, withScriptedUi } from '../hostTestKit';

const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
const LINES = Array.from({ length: 30 }, (_, i) => `const v${i + 1} = ${i + 1};`);
LINES[14] = 'const total: number = "15";';
const SOURCE = LINES.join('\n') + '\n';

describe('host: Fix with Llama', () => {
  const host = useScriptedHost({ model: MODEL }, { freshChat: true });
  let diagnostics: vscode.DiagnosticCollection;
  beforeEach(() => {
    diagnostics = vscode.languages.createDiagnosticCollection('ask-llama-test');
  });
  afterEach(() => diagnostics.dispose());

  async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
    return actions.filter((a) => a.title === 'Fix with Llama');
  }

  it('offers a quick fix on an error, sends the problem with its lines, and Apply replaces exactly those lines', async () => {
    const editor = await openWithSelection(SOURCE, 'fix.ts', 1, 1);
    const uri = editor.document.uri;
    const problem = new vscode.Diagnostic(new vscode.Range(14, 6, 14, 11), "Type 'string' is not assignable to type 'number'.", vscode.DiagnosticSeverity.Error);
    problem.code = 2322;
    problem.source = 'ts';
    const hint = new vscode.Diagnostic(new vscode.Range(2, 0, 2, 5), 'Just a hint.', vscode.DiagnosticSeverity.Hint);
    diagnostics.set(uri, [problem, hint]);

    assert.strictEqual((await quickFixes(uri, hint.range)).length, 0, 'no fix for a hint');
    const [fix] = await quickFixes(uri, problem.range);
    assert.ok(fix, 'Fix with Llama is offered on the error');
    assert.strictEqual(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);

    // Lines 7–23 are sent (8 around line 15); the answer gives them back with the fix.
    const fixedLines = LINES.slice(6, 23).map((line) => (line.startsWith('const total') ? 'const total: number = 15;' : line));
    const block = fixedLines.join('\n');
    routeServer(host.server, [{ id: MODEL }], [{ headers: SSE_HEADERS, chunks: sseAnswer([`A string is not a number.\n\n\`\`\`ts\n${block}\n\`\`\``]) }]);
    await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? []));

    const content = chatRequests(host.server)[0].json.messages.at(-1).content as string;
    assert.match(content, /error at line 15 \(ts 2322\): Type 'string' is not assignable to type 'number'\./);
    assert.ok(!content.includes('Just a hint'), 'hints are not sent');
    assert.match(content, /lines 7-23/);
    assert.ok(content.includes('const v7 = 7;') && content.includes('const v23 = 23;'), 'the surrounding lines are sent');
    assert.ok(!content.includes('const v6 = 6;') && !content.includes('const v24 = 24;'), 'and no more');

    const answer = host.api.chat.currentChat.messages.at(-1)!;
    assert.strictEqual(answer.status, 'done');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await withScriptedUi(host.api, (call) => (call.kind === 'showWarningMessage' && call.options?.modal ? call.items[0] : undefined), async (ui) => {
      await host.api.chat.handlePageMessage({ type: 'codeBlock', action: 'apply', code: block + '\n', language: 'ts', messageId: answer.id });
      assert.match(ui.of('showWarningMessage')[0]?.message ?? '', /fix\.ts, lines 7–23/);
    });
    assert.strictEqual(editor.document.getText(), SOURCE.replace('const total: number = "15";', 'const total: number = 15;'));
  });

  it('sends nothing when the problem and its lines do not fit the context window, and says so', async () => {
    // A 1024-token window with 512 for the answer leaves 256 tokens: a long diagnostic with its lines cannot fit.
    await updateSettings({ contextWindow: 1024, maxTokens: 512 });
    const editor = await openWithSelection(SOURCE, 'huge.ts', 1, 1);
    const uri = editor.document.uri;
    const message = `Type '{ ${Array.from({ length: 400 }, (_, i) => `field${i}: string;`).join(' ')} }' is not assignable to type 'number'.`;
    const problem = new vscode.Diagnostic(new vscode.Range(14, 6, 14, 11), message, vscode.DiagnosticSeverity.Error);
    diagnostics.set(uri, [problem]);
    routeServer(host.server, [{ id: MODEL }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['Fixed.']) }]);
    const [fix] = await quickFixes(uri, problem.range);
    await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? []));

    assert.strictEqual(chatRequests(host.server).length, 0, 'nothing that exceeds the window is sent');
    const answer = host.api.chat.currentChat.messages.at(-1)!;
    assert.strictEqual(answer.role, 'assistant');
    assert.strictEqual(answer.status, 'error');
    assert.match(answer.error?.message ?? '', /Not sent: .* more than the 256 .*context window \(1024 tokens\)/);
  });
});
