// Two VS Code windows over one chat history, as two chat controllers over one folder in the real extension host:
// chats belong to their workspace, neither window loses the other's turns, a window shows what the other added when it
// next shows the chat, and a chat deleted while it streams stays deleted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { type HostMessage, type HostPost, unbatch } from '../../../../src/common/protocol';
import { ChatController } from '../../../../src/host/chat/chatController';
import { HistoryStore } from '../../../../src/host/chat/historyStore';
import { chatChunk, sseAnswer, sseData, ScriptedServer } from '../../../support/scriptedServer';
import { SSE_HEADERS, ScriptedRequests, messagesOfType, recordingLog, until } from './chatTestKit';

interface Window {
  controller: ChatController;
  posted: HostMessage[];
  confirmAnswers: boolean[];
}

describe('ChatController: two windows, one history', () => {
  let server: ScriptedServer;
  let folder: string;
  let windows: Window[];

  beforeEach(async () => {
    server = await ScriptedServer.start();
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'ask-llama-windows-'));
    windows = [];
  });

  afterEach(async () => {
    for (const w of windows) await w.controller.dispose();
    await server.close();
    await fs.rm(folder, { recursive: true, force: true });
  });

  function openWindow(workspace: string): Window {
    const posted: HostMessage[] = [];
    const confirmAnswers: boolean[] = [];
    const controller = new ChatController({
      context: {} as vscode.ExtensionContext,
      requests: new ScriptedRequests(server.baseUrl),
      log: recordingLog([]),
      historyFolder: folder,
      workspace,
      confirm: async () => confirmAnswers.shift() ?? false,
    });
    controller.attachPage(async (message) => {
      posted.push(...unbatch(JSON.parse(JSON.stringify(message)) as HostPost));
      return true;
    });
    const window = { controller, posted, confirmAnswers };
    windows.push(window);
    return window;
  }

  const lastState = (w: Window) => messagesOfType(w.posted, 'state').pop()!;
  const lastChatList = (w: Window) => {
    const lists = w.posted.filter((m): m is Extract<HostMessage, { type: 'state' | 'chats' }> => m.type === 'state' || m.type === 'chats');
    return lists[lists.length - 1].chats.map((c) => c.id);
  };
  const texts = (messages: { text: string }[]) => messages.map((m) => m.text);

  it('lists and restores the chats of its own workspace, and every workspace\'s on request', async () => {
    server.enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['answer in A']) });
    const projectA = openWindow('ws-a');
    await projectA.controller.ask('question in project A');
    const chatId = projectA.controller.currentChat.id;

    const projectB = openWindow('ws-b');
    await projectB.controller.handlePageMessage({ type: 'ready' });
    assert.deepEqual(lastState(projectB).chat.messages, [], 'project B does not open project A\'s chat');
    assert.deepEqual(lastState(projectB).chats, [], 'nor list it');
    await projectB.controller.showChatsFromAllWorkspaces(true);
    assert.deepEqual(lastChatList(projectB), [chatId]);
    await projectB.controller.showChatsFromAllWorkspaces(false);
    assert.deepEqual(lastChatList(projectB), []);

    const projectAAgain = openWindow('ws-a');
    await projectAAgain.controller.handlePageMessage({ type: 'ready' });
    assert.equal(lastState(projectAAgain).chat.id, chatId, 'a new window on project A restores its chat');
    assert.equal((await new HistoryStore(folder).load(chatId))?.workspace, 'ws-a');
  });

  it('two windows continuing one chat keep every turn, and each shows the other\'s turns when it next shows the chat', async () => {
    server.enqueue(
      { headers: SSE_HEADERS, chunks: sseAnswer(['a1']) },
      { headers: SSE_HEADERS, chunks: sseAnswer(['a2']) },
      { headers: SSE_HEADERS, chunks: sseAnswer(['a3']) },
    );
    const windowA = openWindow('ws');
    const windowB = openWindow('ws');
    await windowA.controller.ask('q1');
    const chatId = windowA.controller.currentChat.id;
    await windowB.controller.handlePageMessage({ type: 'ready' });
    assert.deepEqual(texts(lastState(windowB).chat.messages), ['q1', 'a1']);

    await windowA.controller.ask('q2');
    await windowB.controller.handlePageMessage({ type: 'ready' }); // B's view shown again
    assert.deepEqual(texts(lastState(windowB).chat.messages), ['q1', 'a1', 'q2', 'a2'], 'B shows the turn A added');

    await windowB.controller.ask('q3');
    assert.deepEqual(texts((await new HistoryStore(folder).load(chatId))!.messages), ['q1', 'a1', 'q2', 'a2', 'q3', 'a3']);
    await windowA.controller.handlePageMessage({ type: 'openChat', chatId });
    assert.deepEqual(texts(lastState(windowA).chat.messages), ['q1', 'a1', 'q2', 'a2', 'q3', 'a3'], 'and A shows the turn B added');
  });

  it('a chat deleted while its answer streams stays deleted (no ghost in the list, nothing on disk)', async () => {
    server.enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('streaming when deleted'))], end: 'hang' });
    const windowA = openWindow('ws');
    const asking = windowA.controller.ask('delete me mid-answer');
    await until(() => messagesOfType(windowA.posted, 'delta').length === 1, 'the first delta');
    const chatId = windowA.controller.currentChat.id;

    windowA.confirmAnswers.push(true);
    await windowA.controller.deleteChat(chatId);
    await asking;
    await windowA.controller.store.flush();

    assert.deepEqual(await windowA.controller.store.list('all'), [], 'this window lists no ghost');
    assert.deepEqual(lastChatList(windowA), []);
    assert.deepEqual(await new HistoryStore(folder).list('all'), [], 'nor does the next window');
    assert.ok(!(await fs.readdir(folder)).includes(`${chatId}.json`));
  });

  it('dispose() (what deactivate() returns) stops the answer and writes its text before it resolves', async () => {
    server.enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('written at close'))], end: 'hang' });
    const windowA = openWindow('ws');
    const asking = windowA.controller.ask('close the window mid-answer');
    await until(() => messagesOfType(windowA.posted, 'delta').length === 1, 'the first delta');
    const chatId = windowA.controller.currentChat.id;

    await windowA.controller.dispose();
    const onDisk = await new HistoryStore(folder).load(chatId);
    assert.equal(onDisk?.messages[1].text, 'written at close');
    assert.equal(onDisk?.messages[1].status, 'partial');
    await asking;
  });
});
