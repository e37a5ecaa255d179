// The chat controller in the real extension host, talking through the real request module to a scripted server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Attachment, ChatMessage } from '../../../../src/common/chatTypes';
import { unbatch } from '../../../../src/common/protocol';
import { HistoryStore } from '../../../../src/host/chat/historyStore';
import { chatChunk, sseAnswer, sseData } from '../../../support/scriptedServer';
import { SSE_HEADERS, TEST_KEY, createKit, messagesOfType, revertAndCloseAllEditors, until, type Kit } from './chatTestKit';

const attachment: Attachment = {
  fileName: 'src/sum.ts',
  languageId: 'typescript',
  startLine: 3,
  endLine: 5,
  code: 'export function sum(a: number, b: number) {\n  return a + b; // ```\n}',
};

function lastAnswer(kit: Kit): ChatMessage {
  const messages = kit.controller.currentChat.messages;
  return messages[messages.length - 1];
}

describe('ChatController (extension host, scripted server)', () => {
  let kit: Kit;

  beforeEach(async () => {
    kit = await createKit();
  });

  afterEach(async () => {
    await kit.dispose();
  });

  it('sends the question with its attachment and streams the answer into the page and the stored chat', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['It adds ', 'two numbers.'], { usage: { prompt_tokens: 40, completion_tokens: 5, total_tokens: 45 } }) });
    await kit.controller.ask('What does this do?', attachment);

    const body = kit.server.requests[0].json;
    assert.equal(body.model, 'meta-llama/test-llama');
    assert.equal(body.stream, true);
    assert.equal(body.messages[0].role, 'system');
    const question: string = body.messages[body.messages.length - 1].content;
    assert.ok(question.startsWith('What does this do?'));
    assert.ok(question.includes('File: src/sum.ts (language: typescript), lines 3-5'));
    assert.ok(question.includes('````typescript\n' + attachment.code + '\n````'), 'fenced with a fence longer than the code\'s ```');
    assert.equal(kit.server.requests[0].headers.authorization, `Bearer ${TEST_KEY}`);

    const deltas = messagesOfType(kit.posted, 'delta').map((d) => d.text);
    assert.equal(deltas.join(''), 'It adds two numbers.');
    const updated = messagesOfType(kit.posted, 'messageUpdated').pop()!.message;
    assert.equal(updated.status, 'done');
    assert.deepEqual(updated.usage, { promptTokens: 40, completionTokens: 5, totalTokens: 45 });
    assert.equal(updated.finishReason, 'stop');
    assert.equal(typeof updated.durationMs, 'number');

    const stored = await new HistoryStore(kit.historyFolder).load(kit.controller.currentChat.id);
    assert.equal(stored?.title, 'What does this do?');
    assert.equal(stored?.messages[0].attachment?.code, attachment.code);
    assert.equal(stored?.messages[1].text, 'It adds two numbers.');
    assert.equal(stored?.messages[1].status, 'done');
  });

  it('keeps a stopped answer as partial, in the page and on disk', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('Half an ')), sseData(chatChunk('answer'))], end: 'hang' });
    const busy: boolean[] = [];
    kit.controller.onDidChangeBusy((b) => busy.push(b));
    const asking = kit.controller.ask('Tell me a long story');
    await until(() => messagesOfType(kit.posted, 'delta').length === 2, 'two deltas');
    assert.equal(kit.controller.busy, true);
    await until(() => busy.length === 1, 'the workbench to hear that an answer streams');
    kit.controller.stop();
    await asking;

    assert.equal(kit.controller.busy, false);
    assert.deepEqual(busy, [true, false]);
    const answer = lastAnswer(kit);
    assert.equal(answer.status, 'partial');
    assert.equal(answer.text, 'Half an answer');
    const stored = await new HistoryStore(kit.historyFolder).load(kit.controller.currentChat.id);
    assert.equal(stored?.messages[1].status, 'partial');
    assert.equal(stored?.messages[1].text, 'Half an answer');
  });

  it('starts an answer with one post to the page, and tells the workbench after it', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('First'))], end: 'hang' });
    const postsWhenWorkbenchHeard: number[] = [];
    kit.controller.onDidChangeBusy(() => postsWhenWorkbenchHeard.push(kit.posts.length));
    const before = kit.posts.length;
    const asking = kit.controller.ask('Quick question');
    await until(() => messagesOfType(kit.posted, 'delta').length === 1, 'the first delta');
    const start = kit.posts.findIndex((post, index) => index >= before && unbatch(post).some((m) => m.type === 'messageAdded'));
    const kinds = unbatch(kit.posts[start]).map((m) => (m.type === 'messageAdded' ? `${m.type} ${m.message.role}` : m.type));
    // Each post crosses the workbench's queues on its own: the first token would wait behind four.
    assert.deepEqual(kinds, ['messageAdded user', 'messageAdded assistant', 'busy', 'model']);
    await until(() => postsWhenWorkbenchHeard.length === 1, 'the workbench to hear that an answer streams');
    assert.ok(postsWhenWorkbenchHeard[0] > start, 'the context key and status bar change after the page was told, not before');
    kit.controller.stop();
    await asking;
  });

  it('never holds streamed text behind the messages that follow it, such as the whole answer at its end', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['One', ' two', ' three.']) });
    const before = kit.posts.length;
    await kit.controller.ask('Count to three');
    const posts = kit.posts.slice(before).map(unbatch);
    assert.ok(posts.some((messages) => messages.some((m) => m.type === 'delta')), 'deltas were posted');
    for (const messages of posts) {
      const delta = messages.findIndex((m) => m.type === 'delta');
      assert.ok(delta === -1 || delta === messages.length - 1, `a delta went out with what followed it: ${messages.map((m) => m.type).join(', ')}`);
    }
    assert.equal(lastAnswer(kit).text, 'One two three.');
  });

  it('saves the partial answer while it streams, so a crash mid-answer keeps it (loaded as partial)', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('Saved while streaming'))], end: 'hang' });
    const asking = kit.controller.ask('Stream slowly');
    await until(() => messagesOfType(kit.posted, 'delta').length === 1, 'the first delta');
    const chatId = kit.controller.currentChat.id;
    // A fresh store over the same folder is what the next window would see; the coalesced save lands within ~1 s.
    let onDisk: ChatMessage | undefined;
    await until(() => {
      void new HistoryStore(kit.historyFolder).load(chatId).then((c) => (onDisk = c?.messages[1]));
      return onDisk?.text === 'Saved while streaming';
    }, 'the streaming answer on disk', 5000);
    assert.equal(onDisk?.status, 'partial');
    kit.controller.stop();
    await asking;
  });

  it('a new question while busy stops the current answer (kept as partial) and answers the new one', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('first, cut'))], end: 'hang' });
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['second answer']) });
    const first = kit.controller.ask('first question');
    await until(() => messagesOfType(kit.posted, 'delta').length === 1, 'the first delta');
    await kit.controller.ask('second question');
    await first;

    const messages = kit.controller.currentChat.messages;
    assert.deepEqual(messages.map((m) => [m.role, m.text, m.status]), [
      ['user', 'first question', undefined],
      ['assistant', 'first, cut', 'partial'],
      ['user', 'second question', undefined],
      ['assistant', 'second answer', 'done'],
    ]);
    const secondBody = kit.server.requests[1].json;
    assert.deepEqual(secondBody.messages.slice(1).map((m: { content: string }) => m.content), ['first question', 'first, cut', 'second question']);
  });

  it('keeps the partial text and the described error when the stream fails', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('Some text')), sseData({ error: { message: 'upstream exploded' } })] });
    await kit.controller.ask('fail please');
    const answer = lastAnswer(kit);
    assert.equal(answer.status, 'error');
    assert.equal(answer.text, 'Some text');
    assert.match(answer.error?.message ?? '', /reported an error in the middle of the answer \(.*upstream exploded\)/);
  });

  it('marks a stream that ends without a finish as partial, keeping its text', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('cut off mid'))], end: 'normal' });
    await kit.controller.ask('truncate');
    const answer = lastAnswer(kit);
    assert.equal(answer.status, 'partial');
    assert.equal(answer.text, 'cut off mid');
  });

  it('shows an error from the server as an error answer with the description', async () => {
    kit.server.enqueue({ status: 401, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ message: 'This request requires a valid API key', statusCode: 401 })] });
    await kit.controller.ask('who am I');
    const answer = lastAnswer(kit);
    assert.equal(answer.status, 'error');
    assert.equal(answer.error?.kind, 'auth');
    assert.ok(kit.logLines.some((l) => l.level === 'warn' && /outcome=error\(auth\).*status=401/.test(l.text)));
  });

  it('regenerates the last answer on retry', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['one']) }, { headers: SSE_HEADERS, chunks: sseAnswer(['two']) });
    await kit.controller.ask('count');
    await kit.controller.retry();
    assert.deepEqual(kit.controller.currentChat.messages.map((m) => m.text), ['count', 'two']);
    assert.deepEqual(messagesOfType(kit.posted, 'messagesTruncated').map((m) => m.keepCount), [1]);
    assert.deepEqual(kit.server.requests[1].json.messages.slice(1).map((m: { content: string }) => m.content), ['count']);
  });

  it('edits the last question, keeping its attachment, and asks again', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['a']) }, { headers: SSE_HEADERS, chunks: sseAnswer(['b']) });
    await kit.controller.ask('Explain', attachment);
    await kit.controller.handlePageMessage({ type: 'editLast', text: 'Explain briefly' });
    const messages = kit.controller.currentChat.messages;
    assert.deepEqual(messages.map((m) => m.text), ['Explain briefly', 'b']);
    assert.equal(messages[0].attachment?.fileName, 'src/sum.ts');
    const sent: string = kit.server.requests[1].json.messages.at(-1).content;
    assert.ok(sent.startsWith('Explain briefly') && sent.includes(attachment.code));
  });

  it('gives the text back to the input, and adds nothing, when prepare() backs out', async () => {
    kit.requests.settings = undefined;
    await kit.controller.handlePageMessage({ type: 'send', text: 'kept in the input', includeSelection: false });
    assert.deepEqual(messagesOfType(kit.posted, 'focusInput'), [{ type: 'focusInput', text: 'kept in the input' }]);
    assert.equal(kit.controller.currentChat.messages.length, 0);
    assert.equal(kit.server.requests.length, 0);
  });

  it('gives an overtaken question back to the input instead of dropping it (two questions while prepare() waits)', async () => {
    // prepare() is slow for the first question (think: the key prompt is open), so the second one overtakes it.
    const settings = kit.requests.settings;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    kit.requests.prepare = async () => {
      calls += 1;
      if (calls === 1) await gate;
      return settings && { ...settings };
    };
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['second answer']) });
    const first = kit.controller.handlePageMessage({ type: 'send', text: 'first question', includeSelection: false });
    const second = kit.controller.handlePageMessage({ type: 'send', text: 'second question', includeSelection: false });
    await second;
    release();
    await first;
    assert.deepEqual(
      kit.controller.currentChat.messages.filter((m) => m.role === 'user').map((m) => m.text),
      ['second question'],
    );
    assert.deepEqual(messagesOfType(kit.posted, 'focusInput'), [{ type: 'focusInput', text: 'first question' }]);
  });

  it('sends nothing when the selection capture is cancelled, and attaches it when captured', async () => {
    kit.requests.selection = null;
    await kit.controller.handlePageMessage({ type: 'send', text: 'about the selection', includeSelection: true });
    assert.deepEqual(messagesOfType(kit.posted, 'focusInput'), [{ type: 'focusInput', text: 'about the selection' }]);
    assert.equal(kit.server.requests.length, 0);

    kit.requests.selection = attachment;
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['ok']) });
    await kit.controller.handlePageMessage({ type: 'send', text: 'about the selection', includeSelection: true });
    assert.ok(kit.server.requests[0].json.messages.at(-1).content.includes(attachment.code));
    assert.equal(kit.controller.currentChat.messages[0].attachment?.code, attachment.code);
  });

  it('drops the oldest turns to fit a small context window and says so', async () => {
    kit.requests.settings!.contextLength = 2048;
    kit.requests.settings!.maxTokens = 512;
    const long = 'x'.repeat(1500);
    for (let i = 0; i < 4; i++) {
      kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer([`answer ${i} ${long}`]) });
      await kit.controller.ask(`question ${i} ${long}`);
    }
    const lastBody = kit.server.requests[3].json;
    const contents: string[] = lastBody.messages.map((m: { content: string }) => m.content);
    assert.ok(!contents.some((c) => c.startsWith('question 0 ')), 'the oldest question was left out');
    assert.ok(contents[contents.length - 1].startsWith('question 3 '));
    assert.ok(lastBody.max_tokens <= 512);
    const notices = messagesOfType(kit.posted, 'notice');
    assert.ok(notices.length > 0);
    assert.match(notices[notices.length - 1].text, /left out/);
  });

  it('sends the streaming text so far when the page comes back (hide/show mid-stream)', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('visible before hiding'))], end: 'hang' });
    const asking = kit.controller.ask('keep streaming');
    await until(() => messagesOfType(kit.posted, 'delta').length === 1, 'the first delta');
    kit.detachPage();
    kit.posted.length = 0;
    kit.attachPage();
    await kit.controller.handlePageMessage({ type: 'ready' });
    const state = messagesOfType(kit.posted, 'state')[0];
    assert.equal(state.busy, true);
    assert.equal(state.model.length > 0, true);
    const streaming = state.chat.messages[1];
    assert.equal(streaming.status, 'streaming');
    assert.equal(streaming.text, 'visible before hiding');
    kit.controller.stop();
    await asking;
  });

  it('never puts the key in page messages or the log, logs the host only, and content only at trace', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['fine']) });
    kit.server.enqueue({ status: 401, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ message: `bad key ${TEST_KEY}` })] });
    // Errors whose server text reaches the answer's error sentence, each echoing the key.
    kit.server.enqueue({ status: 400, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ message: `field x is invalid for key ${TEST_KEY}` })] });
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('Some text')), sseData({ error: { message: `upstream rejected Bearer ${TEST_KEY}` } })] });
    await kit.controller.ask('secret question text');
    await kit.controller.ask('second');
    await kit.controller.ask('third');
    await kit.controller.ask('fourth');
    await kit.controller.handlePageMessage({ type: 'ready' });
    // The server's words did reach the page (so the check below is on the real text path), without the key.
    const errors = kit.controller.currentChat.messages.map((m) => m.error?.message).filter((m): m is string => m !== undefined);
    assert.equal(errors.length, 3, JSON.stringify(errors));
    assert.match(errors[1], /field x is invalid for key \[redacted\]/);
    assert.match(errors[2], /upstream rejected Bearer \[redacted\]/);
    assert.ok(!JSON.stringify(kit.posted).includes(TEST_KEY), 'key in a page message');
    assert.ok(!kit.logLines.some((l) => l.text.includes(TEST_KEY)), 'key in the log');
    const port = new URL(kit.server.baseUrl).port;
    const done = kit.logLines.find((l) => l.level === 'info' && l.text.includes('outcome=done'));
    assert.ok(done, 'a request line at info level');
    assert.match(done.text, new RegExp(`host=127\\.0\\.0\\.1:${port} `));
    assert.match(done.text, /model=meta-llama\/test-llama .*ttft=\d+ms total=\d+ms tokens=10\+1=11 retries=0/);
    assert.ok(!done.text.includes('/v1'));
    const withContent = kit.logLines.filter((l) => l.text.includes('secret question text'));
    assert.ok(withContent.length > 0 && withContent.every((l) => l.level === 'trace'));
  });

  it('starts a new chat and reopens the old one from history; deleting the open chat starts a fresh one', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['old answer']) });
    await kit.controller.ask('old question');
    const oldId = kit.controller.currentChat.id;
    await kit.controller.newChat();
    assert.notEqual(kit.controller.currentChat.id, oldId);
    assert.equal(kit.controller.currentChat.messages.length, 0);
    const state = messagesOfType(kit.posted, 'state').pop()!;
    assert.deepEqual(state.chats.map((c) => c.id), [oldId]);

    await kit.controller.handlePageMessage({ type: 'openChat', chatId: oldId });
    assert.equal(kit.controller.currentChat.id, oldId);
    assert.equal(kit.controller.currentChat.messages[1].text, 'old answer');

    kit.confirmAnswers.push(false);
    await kit.controller.handlePageMessage({ type: 'deleteChat', chatId: oldId });
    assert.equal(kit.controller.currentChat.id, oldId, 'declining the confirmation keeps the chat');
    assert.equal((await new HistoryStore(kit.historyFolder).list()).length, 1);

    kit.confirmAnswers.push(true);
    await kit.controller.handlePageMessage({ type: 'deleteChat', chatId: oldId });
    assert.notEqual(kit.controller.currentChat.id, oldId);
    assert.deepEqual(await new HistoryStore(kit.historyFolder).list(), []);
  });

  it('exports a chat as a Markdown document', async () => {
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['**bold** answer']) });
    await kit.controller.ask('export me', attachment);
    const document = await kit.controller.exportChat(kit.controller.currentChat.id);
    assert.equal(document?.languageId, 'markdown');
    const text = document!.getText();
    assert.ok(text.startsWith('# export me'));
    assert.ok(text.includes('**bold** answer'));
    assert.ok(text.includes(attachment.code));
    await revertAndCloseAllEditors();
  });

  it('opens only http(s) links from answers', async () => {
    for (const href of ['javascript:alert(1)', 'file:///etc/passwd', 'command:workbench.action.terminal.new', 'vscode://ask-llama/x']) {
      assert.equal(await kit.controller.openLink(href), false, href);
    }
    await kit.controller.handlePageMessage({ type: 'openLink', href: 'command:askLlama.clearApiKey' });
    assert.deepEqual(kit.opened, []);
    assert.equal(await kit.controller.openLink('https://example.com/docs?q=1'), true);
    assert.deepEqual(kit.opened, ['https://example.com/docs?q=1']);
  });

  it('follows the editor selection for the chip: file name and lines, never the code', async () => {
    const document = await vscode.workspace.openTextDocument({ content: 'alpha\nbeta SECRET_CODE\ngamma\n', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 0, 2, 3);
    await until(() => messagesOfType(kit.posted, 'selection').some((m) => m.selection?.startLine === 2), 'a selection message');
    const chip = messagesOfType(kit.posted, 'selection').pop()!.selection!;
    assert.deepEqual({ startLine: chip.startLine, endLine: chip.endLine }, { startLine: 2, endLine: 3 });
    assert.ok(chip.fileName.length > 0);
    assert.ok(!JSON.stringify(kit.posted).includes('SECRET_CODE'));
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await until(() => messagesOfType(kit.posted, 'selection').pop()?.selection === undefined, 'the chip cleared');
    await revertAndCloseAllEditors();
  });

  it('runs Retry from an error answer', async () => {
    kit.server.enqueue({ status: 401, headers: { 'content-type': 'application/json' }, chunks: ['{"message":"no key yet"}'] });
    kit.server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['recovered']) });
    await kit.controller.ask('flaky');
    assert.equal(lastAnswer(kit).status, 'error');
    await kit.controller.handlePageMessage({ type: 'errorAction', action: 'retry' });
    assert.deepEqual(kit.controller.currentChat.messages.map((m) => [m.text, m.status]), [['flaky', undefined], ['recovered', 'done']]);
    assert.equal(kit.server.requests.length, 2);
  });
});
