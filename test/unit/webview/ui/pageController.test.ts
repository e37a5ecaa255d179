import * as assert from 'assert';
import type { Chat, ChatMessage } from '../../../../src/common/chatTypes';
import type { HostMessage, PageMessage } from '../../../../src/common/protocol';
import { FIRST_PAINT_MESSAGES } from '../../../../src/webview/ui/messageList';
import { renderMarkdown } from '../../../../src/webview/markdown/renderMarkdown';
import { mergeReturnedText, PageController } from '../../../../src/webview/ui/pageController';
import type { PageState, WebviewApi } from '../../../../src/webview/ui/webviewApi';
import { click, createWindow, keyEvent, type TestWindow } from '../domHelpers';

class FakeApi implements WebviewApi {
  readonly posted: PageMessage[] = [];
  state: PageState | undefined;
  postMessage(message: PageMessage): void {
    this.posted.push(message);
  }
  getState(): PageState | undefined {
    return this.state;
  }
  setState(state: PageState): void {
    this.state = state;
  }
}

/** Frames and idle callbacks run only when the test says so. */
class ManualSchedulers {
  frames: (() => void)[] = [];
  idles: (() => void)[] = [];
  frame = (callback: () => void) => void this.frames.push(callback);
  idle = (callback: () => void) => void this.idles.push(callback);
  runFrames(): void {
    const due = this.frames;
    this.frames = [];
    for (const callback of due) callback();
  }
  runIdle(): void {
    while (this.idles.length) this.idles.shift()!();
  }
}

interface Page {
  win: TestWindow;
  doc: Document;
  api: FakeApi;
  schedulers: ManualSchedulers;
  controller: PageController;
  $(selector: string): HTMLElement;
}

function openPage(saved?: PageState): Page {
  const win = createWindow();
  const doc = win.document;
  const api = new FakeApi();
  api.state = saved;
  const schedulers = new ManualSchedulers();
  const controller = new PageController(doc.getElementById('app')!, doc, api, schedulers);
  controller.start();
  const $ = (selector: string) => {
    const found = doc.querySelector(selector);
    assert.ok(found, `${selector} exists`);
    return found as HTMLElement;
  };
  return { win, doc, api, schedulers, controller, $ };
}

const question: ChatMessage = { id: 'u1', role: 'user', text: 'What does this do?', createdAt: 1, attachment: { fileName: 'src/util.ts', languageId: 'typescript', startLine: 10, endLine: 24, code: 'x' } };
const answer: ChatMessage = { id: 'a1', role: 'assistant', text: 'It **adds**.', createdAt: 2, status: 'done', usage: { promptTokens: 1024, completionTokens: 45, totalTokens: 1069 }, durationMs: 2300 };

function chat(messages: ChatMessage[], id = 'c1'): Chat {
  return { id, title: 'Test chat', createdAt: 0, updatedAt: 0, messages };
}

function state(messages: ChatMessage[], extra: Partial<Extract<HostMessage, { type: 'state' }>> = {}): HostMessage {
  return { type: 'state', chat: chat(messages), chats: [{ id: 'c1', title: 'Test chat', updatedAt: 0, messageCount: messages.length }], model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', busy: false, ...extra };
}

function type(page: Page, text: string): HTMLTextAreaElement {
  const input = page.$('textarea#prompt') as HTMLTextAreaElement;
  input.value = text;
  input.dispatchEvent(new page.win.Event('input', { bubbles: true }));
  return input;
}

describe('PageController', () => {
  it('asks the host for the state on load and exposes the stable DOM hooks', () => {
    const page = openPage();
    assert.deepStrictEqual(page.api.posted, [{ type: 'ready' }]);
    assert.strictEqual(page.$('textarea#prompt').getAttribute('aria-label'), 'Ask Llama a question');
    for (const hook of ['button#send', 'button#stop', 'button#new-chat', 'button#history', 'button#model', '#messages', '#selection-chip', '#current-file-chip', '#notice', '#chat-list']) page.$(hook);
    assert.strictEqual(page.$('#messages').getAttribute('role'), 'log');
    for (const button of page.doc.querySelectorAll('button')) assert.ok(button.getAttribute('aria-label'), `${button.outerHTML.slice(0, 60)} has a label`);
  });

  it('renders a state: messages, model, selection chip and the empty-state hint', () => {
    const page = openPage();
    page.controller.handle(state([]));
    assert.ok(page.$('#messages .empty-state').textContent?.includes('Ctrl+Alt+K'));
    assert.ok(page.$('#messages .empty-state').textContent?.includes('Explain Selection'));

    page.controller.handle(state([question, answer], { selection: { fileName: 'src/app.ts', startLine: 3, endLine: 9 } }));
    assert.strictEqual(page.doc.querySelector('.empty-state'), null);
    const articles = page.doc.querySelectorAll('article.message');
    assert.deepStrictEqual(Array.from(articles).map((a) => [a.getAttribute('data-role'), a.getAttribute('data-id')]), [['user', 'u1'], ['assistant', 'a1']]);
    assert.strictEqual(articles[1].getAttribute('data-status'), 'done');
    assert.strictEqual(articles[1].querySelector('.message-body strong')?.textContent, 'adds');
    assert.strictEqual(articles[1].querySelector('.message-meta')?.textContent, '1,069 tokens (1,024 in, 45 out) · 2.3 s');
    assert.strictEqual(articles[0].querySelector('.message-attachment')?.textContent, 'util.ts:10-24');
    assert.strictEqual(page.$('button#model').textContent, 'Llama-3.3-70B-Instruct-Turbo');
    // The page shows the same short name as the status bar (common/modelChoices shortModelName), also for a trailing slash.
    page.controller.handle({ type: 'model', model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo/' });
    assert.strictEqual(page.$('button#model').textContent, 'Llama-3.3-70B-Instruct-Turbo');
    assert.strictEqual(page.$('#selection-chip').hidden, false);
    assert.strictEqual(page.$('#selection-chip .chip-label').textContent, 'app.ts:3-9');
  });

  it('shows on a past question what it carried: its selection or current file (the lines sent) and its attached files', () => {
    const page = openPage();
    const withFiles: ChatMessage = {
      ...question,
      attachment: { fileName: 'src/parser.ts', languageId: 'typescript', startLine: 1, endLine: 900, code: 'x', truncatedTo: { startLine: 1, endLine: 420 } },
      files: [
        { fileName: 'a.ts', languageId: 'typescript', startLine: 1, endLine: 3, code: 'a' },
        { fileName: 'lib/b.py', languageId: 'python', startLine: 1, endLine: 700, code: 'b', truncatedTo: { startLine: 1, endLine: 40 } },
      ],
    };
    page.controller.handle(state([withFiles, answer]));
    const chips = Array.from(page.doc.querySelectorAll('article.message[data-role="user"] .message-attachment'));
    assert.deepStrictEqual(chips.map((c) => c.textContent), ['parser.ts:1-420', 'a.ts:1-3', 'b.py:1-40']);
    assert.deepStrictEqual(chips.map((c) => c.getAttribute('title')), ['src/parser.ts, lines 1–420 of 1–900 sent', 'a.ts, lines 1–3', 'lib/b.py, lines 1–40 of 1–700 sent']);
    assert.strictEqual(page.doc.querySelectorAll('article.message[data-role="assistant"] .message-attachment').length, 0);

    // A history file with malformed entries still shows the chat, without chips for them.
    const malformed = { ...question, attachment: { fileName: 7 }, files: [null, { fileName: 'c.ts', startLine: 1, endLine: 2, truncatedTo: 'x' }] } as unknown as ChatMessage;
    page.controller.handle(state([malformed, answer]));
    assert.strictEqual(page.doc.querySelectorAll('article.message').length, 2);
    assert.strictEqual(page.doc.querySelectorAll('.message-attachment').length, 0);
  });

  it('shows the server next to the model when questions go elsewhere than the default server, and only then', () => {
    const page = openPage();
    page.controller.handle(state([]));
    assert.strictEqual(page.doc.querySelector('button#model .model-host'), null, 'the default server is not named');
    page.controller.handle(state([], { host: 'localhost:11434' }));
    assert.strictEqual(page.$('button#model .model-host').textContent, 'localhost:11434');
    assert.match(page.$('button#model').getAttribute('aria-label') ?? '', /Llama-3\.3-70B-Instruct-Turbo on localhost:11434/);
    page.controller.handle({ type: 'model', model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', host: 'repo.example.test' });
    assert.strictEqual(page.$('button#model .model-host').textContent, 'repo.example.test');
    page.controller.handle({ type: 'model', model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo' });
    assert.strictEqual(page.doc.querySelector('button#model .model-host'), null, 'back on the default server');
    assert.strictEqual(page.$('button#model').textContent, 'Llama-3.3-70B-Instruct-Turbo');
  });

  it('paints the first delta at once, then the rest once per frame, and announces the finished answer', () => {
    const page = openPage();
    page.controller.handle(state([question]));
    const streaming: ChatMessage = { id: 'a2', role: 'assistant', text: '', createdAt: 3, status: 'streaming' };
    page.controller.handle({ type: 'messageAdded', chatId: 'c1', message: streaming });
    page.controller.handle({ type: 'busy', busy: true });
    for (const text of ['Hello', ' *wor', 'ld*', '!']) page.controller.handle({ type: 'delta', chatId: 'c1', messageId: 'a2', text });
    const body = page.$('article[data-id="a2"] .message-body');
    assert.strictEqual(body.textContent, 'Hello', 'the first delta painted at once, the next three wait for the frame');
    assert.strictEqual(page.schedulers.frames.length, 1, 'one frame requested for the three');
    page.schedulers.runFrames();
    assert.strictEqual(body.textContent, 'Hello world!');
    page.controller.handle({ type: 'delta', chatId: 'c1', messageId: 'a2', text: ' More' });
    assert.strictEqual(body.textContent, 'Hello world!', 'a delta right after a painted frame waits for the next frame');
    page.schedulers.runFrames();
    assert.strictEqual(body.textContent, 'Hello world! More');
    page.schedulers.runFrames(); // a frame without anything to paint
    assert.strictEqual(page.schedulers.frames.length, 0, 'no frames requested while nothing streams');
    page.controller.handle({ type: 'delta', chatId: 'c1', messageId: 'a2', text: '.' });
    assert.strictEqual(body.textContent, 'Hello world! More.', 'after a quiet frame, painted at once again');
    page.schedulers.runFrames();
    assert.strictEqual(body.querySelector('em')?.textContent, 'world');
    assert.strictEqual(page.$('#announcer').textContent, '', 'deltas are not announced');

    page.controller.handle({ type: 'messageUpdated', chatId: 'c1', message: { ...streaming, text: 'Hello *world*! Done.', status: 'done', durationMs: 1000 } });
    assert.strictEqual(page.$('article[data-id="a2"]').getAttribute('data-status'), 'done');
    assert.strictEqual(body.textContent, 'Hello world! Done.');
    assert.strictEqual(page.$('#announcer').textContent, 'Llama answered: Hello world! Done.');
    assert.strictEqual(page.$('article[data-id="a2"] .message-meta').textContent, '1.0 s');
  });

  it('ignores deltas for another chat', () => {
    const page = openPage();
    page.controller.handle(state([{ id: 'a3', role: 'assistant', text: 'x', createdAt: 1, status: 'streaming' }]));
    page.controller.handle({ type: 'delta', chatId: 'other', messageId: 'a3', text: 'y' });
    page.schedulers.runFrames();
    assert.strictEqual(page.$('article[data-id="a3"] .message-body').textContent, 'x');
  });

  it('marks partial and truncated answers, and shows errors with their action buttons', () => {
    const page = openPage();
    page.controller.handle(state([
      question,
      { id: 'p', role: 'assistant', text: 'Half', createdAt: 2, status: 'partial' },
      { id: 't', role: 'assistant', text: 'Long', createdAt: 3, status: 'partial', finishReason: 'length' },
      { id: 'e', role: 'assistant', text: '', createdAt: 4, status: 'error', error: { kind: 'auth', message: 'The API key was rejected.', actions: ['setApiKey', 'retry'] } },
    ]));
    assert.strictEqual(page.$('article[data-id="p"] .message-note').textContent, 'Stopped — partial answer');
    assert.match(page.$('article[data-id="t"] .message-note').textContent ?? '', /^Truncated/);
    const error = page.$('article[data-id="e"] .message-error');
    assert.ok(error.textContent?.includes('The API key was rejected.'));
    const buttons = Array.from(error.querySelectorAll('button[data-error-action]'));
    assert.deepStrictEqual(buttons.map((b) => b.getAttribute('data-error-action')), ['setApiKey', 'retry']);
    click(page.win, buttons[0]);
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'errorAction', action: 'setApiKey' });
  });

  it('sends on Enter with the selection, not on Shift+Enter, and honours removing the chip', () => {
    const page = openPage();
    page.controller.handle(state([], { selection: { fileName: 'a.ts', startLine: 1, endLine: 2 } }));
    let input = type(page, 'line one');
    input.dispatchEvent(keyEvent(page.win, 'Enter', { shiftKey: true }));
    assert.strictEqual(page.api.posted.length, 1, 'Shift+Enter does not send');
    input.dispatchEvent(keyEvent(page.win, 'Enter'));
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'send', text: 'line one', includeSelection: true });
    assert.strictEqual(input.value, '', 'the input is cleared');

    click(page.win, page.$('#selection-chip button.remove'));
    assert.strictEqual(page.$('#selection-chip').hidden, true);
    input = type(page, 'second');
    click(page.win, page.$('button#send'));
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'send', text: 'second', includeSelection: false });

    page.controller.handle({ type: 'selection', selection: { fileName: 'b.ts', startLine: 5, endLine: 5 } });
    assert.strictEqual(page.$('#selection-chip').hidden, false, 'a new selection is offered again');
    assert.strictEqual(page.$('#selection-chip .chip-label').textContent, 'b.ts:5');
  });

  it('offers the current file as a chip saying which lines go, sends it unless removed, and offers it again for the next question', () => {
    const page = openPage();
    page.controller.handle(state([]));
    assert.strictEqual(page.$('#current-file-chip').hidden, true, 'no chip before the host offers a file');
    page.controller.handle({ type: 'currentFile', file: { fileName: 'src/parser.ts', label: 'src/parser.ts (lines 1–420 of 900)', cut: true } });
    assert.strictEqual(page.$('#current-file-chip').hidden, false);
    assert.strictEqual(page.$('#current-file-chip .chip-label').textContent, 'src/parser.ts (lines 1–420 of 900)');
    type(page, 'first');
    click(page.win, page.$('button#send'));
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'send', text: 'first', includeSelection: false, includeCurrentFile: true });

    click(page.win, page.$('#current-file-chip button.remove'));
    assert.strictEqual(page.$('#current-file-chip').hidden, true);
    page.controller.handle({ type: 'currentFile', file: { fileName: 'src/parser.ts', label: 'src/parser.ts (lines 1–419 of 901)', cut: true } });
    assert.strictEqual(page.$('#current-file-chip').hidden, true, 'an edit of the same file keeps it removed');
    type(page, 'second');
    click(page.win, page.$('button#send'));
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'send', text: 'second', includeSelection: false }, 'a removed chip sends no file');
    assert.strictEqual(page.$('#current-file-chip').hidden, false, 'the next question is offered the file again');

    page.controller.handle({ type: 'currentFile' });
    assert.strictEqual(page.$('#current-file-chip').hidden, true, 'the chip goes when the host offers no file');
  });

  it('does not send an empty question, and Esc while busy stops the answer', () => {
    const page = openPage();
    page.controller.handle(state([]));
    const input = type(page, '   ');
    input.dispatchEvent(keyEvent(page.win, 'Enter'));
    assert.strictEqual(page.api.posted.length, 1);
    page.controller.handle({ type: 'busy', busy: true });
    assert.strictEqual(page.$('button#send').hidden, true);
    assert.strictEqual(page.$('button#stop').hidden, false);
    input.dispatchEvent(keyEvent(page.win, 'Escape'));
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'stop' });
    click(page.win, page.$('button#stop'));
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'stop' });
  });

  it('ArrowUp in an empty input edits the last question and Enter sends editLast', () => {
    const page = openPage();
    page.controller.handle(state([question, answer]));
    const input = type(page, '');
    input.dispatchEvent(keyEvent(page.win, 'ArrowUp'));
    assert.strictEqual(input.value, 'What does this do?');
    input.value = 'What does this really do?';
    input.dispatchEvent(keyEvent(page.win, 'Enter'));
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'editLast', text: 'What does this really do?' });
  });

  it('offers Retry on the last answer only when idle', () => {
    const page = openPage();
    page.controller.handle(state([question, answer]));
    const retry = page.$('article[data-id="a1"] button[data-message-action="retry"]');
    click(page.win, retry);
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'retry' });
    page.controller.handle({ type: 'busy', busy: true });
    assert.strictEqual(page.doc.querySelector('button[data-message-action="retry"]'), null);
  });

  it('posts code block actions with the code, language and answer id, and opens links through the host', () => {
    const page = openPage();
    page.controller.handle(state([question, { ...answer, text: 'See [docs](https://example.com/x).\n\n```ts\nconst x = 1;\n```\n' }]));
    for (const action of ['copy', 'insert', 'newEditor', 'apply']) {
      click(page.win, page.$(`.code-block button[data-action="${action}"]`));
      assert.deepStrictEqual(page.api.posted.at(-1), { type: 'codeBlock', action, code: 'const x = 1;', language: 'ts', messageId: 'a1' });
    }
    const event = click(page.win, page.$('.message-body a'));
    assert.strictEqual(event.defaultPrevented, true);
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'openLink', href: 'https://example.com/x' });
  });

  it('lists past chats and posts open, export and delete', () => {
    const page = openPage();
    page.controller.handle({ ...(state([]) as Extract<HostMessage, { type: 'state' }>), chats: [{ id: 'c1', title: 'Test chat', updatedAt: 5, messageCount: 0 }, { id: 'c0', title: 'Older chat', updatedAt: 1, messageCount: 4 }] });
    click(page.win, page.$('button#history'));
    assert.strictEqual(page.$('button#history').getAttribute('aria-expanded'), 'true');
    const items = page.doc.querySelectorAll('#chat-list [data-chat-id]');
    assert.deepStrictEqual(Array.from(items).map((i) => i.getAttribute('data-chat-id')), ['c1', 'c0']);
    click(page.win, page.$('[data-chat-id="c0"] button[data-chat-action="export"]'));
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'exportChat', chatId: 'c0' });
    click(page.win, page.$('[data-chat-id="c0"] button[data-chat-action="delete"]'));
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'deleteChat', chatId: 'c0' });
    click(page.win, page.$('[data-chat-id="c0"] button[data-chat-action="open"]'));
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'openChat', chatId: 'c0' });
    click(page.win, page.$('button#new-chat'));
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'newChat' });
    click(page.win, page.$('button#model'));
    assert.deepStrictEqual(page.api.posted.at(-1), { type: 'chooseModel' });
  });

  it('shows notices above the input and truncates messages on request', () => {
    const page = openPage();
    page.controller.handle(state([question, answer]));
    page.controller.handle({ type: 'notice', text: '2 older messages were left out.', level: 'warning' });
    assert.strictEqual(page.$('#notice').hidden, false);
    assert.ok(page.$('#notice').textContent?.includes('2 older messages were left out.'));
    page.controller.handle({ type: 'messagesTruncated', chatId: 'c1', keepCount: 1 });
    assert.deepStrictEqual(Array.from(page.doc.querySelectorAll('article')).map((a) => a.getAttribute('data-id')), ['u1']);
  });

  it('keeps the draft in the webview state and restores it after a reload; never anything else', () => {
    const page = openPage();
    page.controller.handle(state([]));
    type(page, 'half-written question');
    assert.strictEqual(page.api.state?.draft, 'half-written question');
    assert.deepStrictEqual(Object.keys(page.api.state ?? {}).sort(), ['chatId', 'draft']);
    const reloaded = openPage(page.api.state);
    assert.strictEqual((reloaded.$('textarea#prompt') as HTMLTextAreaElement).value, 'half-written question');
  });

  it('shows a long saved chat newest-first and fills in older messages when idle', () => {
    const page = openPage();
    const messages: ChatMessage[] = [];
    for (let i = 0; i < 250; i++) {
      messages.push({ id: `u${i}`, role: 'user', text: `Question ${i}`, createdAt: i });
      messages.push({ id: `a${i}`, role: 'assistant', text: `Answer **${i}**\n\n\`\`\`js\nlet v = ${i};\n\`\`\``, createdAt: i, status: 'done' });
    }
    page.controller.handle(state(messages));
    assert.strictEqual(page.doc.querySelectorAll('article').length, FIRST_PAINT_MESSAGES);
    assert.strictEqual(page.doc.querySelector('article')?.getAttribute('data-id'), `u${250 - FIRST_PAINT_MESSAGES / 2}`);
    page.schedulers.runIdle();
    const ids = Array.from(page.doc.querySelectorAll('article')).map((a) => a.getAttribute('data-id'));
    assert.strictEqual(ids.length, 500);
    assert.deepStrictEqual(ids.slice(0, 3), ['u0', 'a0', 'u1'], 'in order, oldest first');
  });
});

describe('PageController: long answers are painted over several frames (issue 12)', () => {
  const long = 'Some **bold** text with `code` and a [link](https://example.com/x).\n\n'.repeat(3000);
  const oneShot = () => {
    const doc = createWindow().document;
    const container = doc.createElement('div');
    renderMarkdown(container, doc, long);
    return container.innerHTML;
  };
  const body = (page: Page) => page.$('article[data-id="a1"] .message-body');

  it('opens a saved 200 KB answer at most 16 KB a frame, ending as a one-shot render', () => {
    const page = openPage();
    page.controller.handle(state([question, { ...answer, text: long }]));
    let frames = 0;
    for (let painted = body(page).textContent!.length; ; frames++) {
      assert.ok(painted <= (frames + 1) * 18 * 1024, `frame ${frames}: ${painted} characters painted`);
      if (!page.schedulers.frames.length) break;
      page.schedulers.runFrames();
      painted = body(page).textContent!.length;
    }
    assert.ok(frames >= 8, `${frames} frames for ${long.length} characters`);
    assert.strictEqual(body(page).innerHTML, oneShot());
  });

  it('paints a streamed answer that fell behind over several frames, and announces it once painted', () => {
    const page = openPage();
    page.controller.handle(state([question, { ...answer, text: '', status: 'streaming' }]));
    for (let at = 0; at < long.length; at += 4096) page.controller.handle({ type: 'delta', chatId: 'c1', messageId: 'a1', text: long.slice(at, at + 4096) });
    page.controller.handle({ type: 'messageUpdated', chatId: 'c1', message: { ...answer, text: long } });
    assert.strictEqual(page.$('#announcer').textContent, '', 'not announced before it is painted');
    let frames = 0;
    while (page.schedulers.frames.length && frames < 1000) {
      page.schedulers.runFrames();
      frames++;
    }
    assert.ok(frames >= 8, `${frames} frames`);
    assert.strictEqual(body(page).innerHTML, oneShot());
    assert.match(page.$('#announcer').textContent ?? '', /^Llama answered: Some bold text/);
  });
});

describe('mergeReturnedText', () => {
  it('puts a returned question into an empty input', () => {
    assert.strictEqual(mergeReturnedText('why?', ''), 'why?');
    assert.strictEqual(mergeReturnedText('why?', '  \n'), 'why?');
  });

  it('keeps what the user typed since, after the returned question', () => {
    assert.strictEqual(mergeReturnedText('first question', 'second thought'), 'first question\n\nsecond thought');
  });

  it('does not duplicate a question that is still in the input', () => {
    assert.strictEqual(mergeReturnedText('same', 'same'), 'same');
    assert.strictEqual(mergeReturnedText('part', 'part of a longer draft'), 'part of a longer draft');
  });
});
