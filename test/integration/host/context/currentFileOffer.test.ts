// The chat's current-file chip in the real extension host: with nothing selected, the page is offered the active
// editor's file (the chip follows the editor and says which lines fit), Send carries exactly those lines to the
// scripted server, and a removed chip, a selection or askLlama.includeCurrentFile off sends no file. The current file
// gets what the attached files leave of the one context budget.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CurrentFileChip } from '../../../../src/common/protocol';
import { sseAnswer } from '../../../support/scriptedServer';
import { SSE_HEADERS, createKit, messagesOfType, until, type Kit } from '../chat/chatTestKit';
import { closeAllEditors, snapshotSettings, updateSettings } from '../hostTestKit';

const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `const ${prefix}${i} = ${i};`).join('\n');

describe('host: the chat’s current file', () => {
  let kit: Kit;
  let folder: string;
  let restoreSettings: () => Promise<void>;

  const write = async (name: string, text: string) => {
    const full = path.join(folder, name);
    await fs.writeFile(full, text);
    return vscode.Uri.file(full);
  };
  const open = async (name: string, text: string) => vscode.window.showTextDocument(await write(name, text));
  /** The chip the page shows now (the last `currentFile` message). */
  const chip = (): CurrentFileChip | undefined => messagesOfType(kit.posted, 'currentFile').at(-1)?.file;
  const chipFor = (name: string) => until(() => chip()?.fileName.endsWith(name) === true, `the chip of ${name}`);
  const lastQuestion = (): string => {
    const body = kit.server.requests[kit.server.requests.length - 1].json;
    return body.messages[body.messages.length - 1].content;
  };
  const send = async (text: string, includeCurrentFile: boolean) => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['ok']) });
    await kit.controller.handlePageMessage({ type: 'send', text, includeSelection: false, ...(includeCurrentFile ? { includeCurrentFile } : {}) });
  };

  beforeEach(async () => {
    restoreSettings = snapshotSettings();
    await closeAllEditors();
    kit = await createKit();
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'ask-llama-current-'));
  });

  afterEach(async () => {
    await kit.dispose();
    await closeAllEditors();
    await restoreSettings();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('follows the active editor, and Send carries the file to the server', async () => {
    await open('first.ts', 'export const first = 1;\n');
    await chipFor('first.ts');
    await open('parser.ts', 'export function parse() {\n  return 42;\n}\n');
    await chipFor('parser.ts');
    assert.deepEqual({ cut: chip()?.cut, label: path.basename(chip()!.label) }, { cut: false, label: 'parser.ts' });

    await send('What does it return?', true);
    const question = lastQuestion();
    assert.ok(question.includes('parser.ts (language: typescript)') && question.includes('return 42;'), question);
    assert.ok(!question.includes('first'), 'only the active file is sent');
    assert.equal(kit.controller.currentChat.messages[0].attachment?.endLine, 4);
  });

  it('is not sent when its chip was removed, when something is selected, or with askLlama.includeCurrentFile off', async () => {
    const editor = await open('quiet.ts', 'export const QUIET_MARKER = 1;\n');
    await chipFor('quiet.ts');
    await send('Removed chip', false);
    assert.ok(!lastQuestion().includes('QUIET_MARKER'), 'a removed chip sends nothing');

    editor.selection = new vscode.Selection(0, 0, 0, 6);
    await until(() => chip() === undefined, 'the chip to go while something is selected');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await chipFor('quiet.ts');

    await updateSettings({ includeCurrentFile: false });
    await until(() => chip() === undefined, 'the chip to go with the setting off');
    await send('Setting off', true);
    assert.ok(!lastQuestion().includes('QUIET_MARKER'), 'the setting off sends nothing, whatever the page says');
    assert.equal(kit.controller.currentChat.messages.at(-2)?.attachment, undefined);
  });

  it('over budget: the chip names the kept lines, the request holds exactly those, and attached files come first', async () => {
    kit.requests.settings!.contextLength = 2048;
    await open('big.ts', lines('big', 900));
    await until(() => /big\.ts \(lines 1–\d+ of 900\)$/.test(chip()?.label ?? ''), 'the cut chip');
    const keptAlone = Number(/lines 1–(\d+) of 900/.exec(chip()!.label)![1]);
    assert.ok(chip()?.cut && keptAlone > 1 && keptAlone < 900, chip()?.label);

    // An attached file takes its share first: the chip says so before anything is sent.
    await kit.controller.addFiles([await write('extra.ts', lines('extra', 40))]);
    await until(() => Number(/lines 1–(\d+) of 900/.exec(chip()?.label ?? '')?.[1]) < keptAlone, 'the chip to shrink');
    const kept = Number(/lines 1–(\d+) of 900/.exec(chip()!.label)![1]);

    await send('Summarise', true);
    const question = lastQuestion();
    assert.ok(question.includes('const extra39 = 39;'), 'the attached file is sent whole');
    assert.ok(question.includes(`const big${kept - 1} = ${kept - 1};`), 'the last line the chip named is sent');
    assert.ok(!question.includes(`const big${kept} = ${kept};`), 'nothing after it is sent');
    assert.deepEqual(kit.controller.currentChat.messages[0].attachment?.truncatedTo, { startLine: 1, endLine: kept });
    await until(() => chip()?.label.endsWith(`(lines 1–${keptAlone} of 900)`) === true, 'the whole budget back once the files went');
  });
});
