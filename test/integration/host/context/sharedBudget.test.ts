// One context budget for the chat's next question, in the real extension host: the selection gets what the attached
// files left. With a file already cut to fill the model's window, not even a line of the selection fits, the user is
// told before anything is sent, and nothing is; once the file's chip is removed, the same selection goes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { sseAnswer } from '../../../support/scriptedServer';
import { chatRequests, openWithSelection, routeServer, SSE_HEADERS, useScriptedHost, withScriptedUi } from '../hostTestKit';

const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
const LONG_LINE = `const SELECTED_MARKER = ${JSON.stringify('x'.repeat(200))};`;

describe('host: one context budget for the chat', () => {
  const host = useScriptedHost({ model: MODEL, contextWindow: 2048 }, { freshChat: true });

  it('a selection gets what the attached files leave: nothing fits beside a cut file, and it is said before sending', async () => {
    const { api, server } = host;
    routeServer(server, [{ id: MODEL }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['ok']) }]);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ask-llama-budget-'));
    const big = path.join(folder, 'big.ts');
    fs.writeFileSync(big, Array.from({ length: 900 }, (_, i) => `const big${i} = ${i};`).join('\n'));
    await api.chat.addFiles([vscode.Uri.file(big)]);
    assert.ok(api.chat.attachedFiles[0]?.truncatedTo, 'the attached file fills the window and is cut');

    await openWithSelection([LONG_LINE, LONG_LINE, LONG_LINE].join('\n'), 'selected.ts', 1, 3);
    try {
      await withScriptedUi(api, async (ui) => {
        await api.chat.handlePageMessage({ type: 'send', text: 'Why?', includeSelection: true });
        assert.match(ui.of('showWarningMessage')[0]?.message ?? '', /too large for the context window/);
        assert.strictEqual(chatRequests(server).length, 0, 'nothing is sent');

        await api.chat.handlePageMessage({ type: 'removeFile', index: 0 });
        await api.chat.handlePageMessage({ type: 'send', text: 'Why?', includeSelection: true });
      });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
    const [request] = chatRequests(server);
    const user = request.json.messages.filter((m: any) => m.role === 'user').map((m: any) => m.content).join('\n');
    assert.ok(user.includes('SELECTED_MARKER') && !user.includes('const big0'), 'the selection goes once the file is removed');
  });
});
