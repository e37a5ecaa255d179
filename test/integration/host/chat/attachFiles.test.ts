// Add File to Chat in the real extension host: attached files travel with the page's next question, share the
// context budget (a cut is shown on the chip before sending), and a removed chip's file is not sent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sseAnswer } from '../../../support/scriptedServer';
import { SSE_HEADERS, createKit, messagesOfType, type Kit } from './chatTestKit';

const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `const ${prefix}${i} = ${i};`).join('\n');

describe('Attach files to the chat (extension host, scripted server)', () => {
  let kit: Kit;
  let folder: string;
  const file = async (name: string, text: string | Uint8Array) => {
    const full = path.join(folder, name);
    await fs.writeFile(full, text);
    return vscode.Uri.file(full);
  };
  const lastQuestion = (): string => {
    const body = kit.server.requests[kit.server.requests.length - 1].json;
    return body.messages[body.messages.length - 1].content;
  };
  const chips = () => messagesOfType(kit.posted, 'files').at(-1)?.files ?? [];

  beforeEach(async () => {
    kit = await createKit();
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'ask-llama-attach-'));
  });

  afterEach(async () => {
    await kit.dispose();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('sends two attached files with the question, then clears the chips', async () => {
    const a = await file('alpha.ts', lines('alpha', 3));
    const b = await file('beta.py', 'print("beta")\n');
    await kit.controller.addFiles([a, b]);
    assert.deepEqual(chips().map((c) => c.cut), [false, false]);
    assert.ok(chips()[0].label.endsWith('alpha.ts') && chips()[1].label.endsWith('beta.py'), JSON.stringify(chips()));

    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['ok']) });
    await kit.controller.handlePageMessage({ type: 'send', text: 'Compare these', includeSelection: false });
    const question = lastQuestion();
    assert.ok(question.startsWith('Compare these'));
    assert.ok(question.includes('alpha.ts (language: typescript)') && question.includes('const alpha2 = 2;'), question);
    assert.ok(question.includes('beta.py (language: python)') && question.includes('print("beta")'), question);
    assert.equal(kit.controller.currentChat.messages[0].files?.length, 2, 'the stored question keeps its files');
    assert.deepEqual(chips(), [], 'the chips go once the question carried them');
  });

  it('cuts what does not fit, says so on the chip, and sends only the lines that fit', async () => {
    kit.requests.settings!.contextLength = 2048;
    const small = await file('small.ts', lines('small', 20));
    const big = await file('big.ts', lines('big', 900));
    const more = await file('more.ts', lines('more', 5));
    await kit.controller.addFiles([small, big, more]);
    const [smallChip, bigChip, ...rest] = chips();
    assert.equal(smallChip.cut, false);
    const cut = /big\.ts \(lines 1–(\d+) of 900\)$/.exec(bigChip.label);
    assert.ok(bigChip.cut && cut, bigChip.label);
    const kept = Number(cut[1]);
    assert.deepEqual(rest, [], 'no room is left for a third file');
    const notice = messagesOfType(kit.posted, 'notice').at(-1);
    assert.ok(notice?.level === 'warning' && notice.text.includes('more.ts'), 'the refused file is named before sending');

    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['ok']) });
    await kit.controller.handlePageMessage({ type: 'send', text: 'Explain', includeSelection: false });
    const question = lastQuestion();
    assert.ok(question.includes(`const big${kept - 1} = ${kept - 1};`), 'the last kept line is sent');
    assert.ok(!question.includes(`const big${kept} = ${kept};`), 'nothing after the cut is sent');
    assert.ok(!question.includes('const more0'), 'the refused file is not sent');
  });

  it('refuses a binary file with a message', async () => {
    const bin = await file('image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
    await kit.controller.addFiles([bin]);
    assert.deepEqual(chips(), []);
    assert.match(messagesOfType(kit.posted, 'notice').at(-1)?.text ?? '', /image\.png: looks like a binary file/);
  });

  it('does not send a file whose chip was removed', async () => {
    const a = await file('keep.ts', 'const keep = 1;\n');
    const b = await file('drop.ts', 'const drop = 2;\n');
    await kit.controller.addFiles([a, b]);
    await kit.controller.handlePageMessage({ type: 'removeFile', index: 1 });
    assert.deepEqual(chips().map((c) => path.basename(c.label)), ['keep.ts']);

    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['ok']) });
    await kit.controller.handlePageMessage({ type: 'send', text: 'Why?', includeSelection: false });
    assert.ok(lastQuestion().includes('const keep = 1;'));
    assert.ok(!lastQuestion().includes('drop'), 'the removed file is not in the request');
  });
});
