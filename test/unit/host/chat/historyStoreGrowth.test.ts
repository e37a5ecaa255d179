// The history store's growth bounds on a real folder (issue 20): one chat past its size bound is split, losing no
// turn, in this window or another; a scheduled (streaming) save of a large chat waits longer.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Chat } from '../../../../src/common/chatTypes';
import { STREAMING_SAVE_BYTES } from '../../../../src/host/chat/chatSize';
import { HistoryStore } from '../../../../src/host/chat/historyStore';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function addTurn(chat: Chat, n: number, chars = 400): void {
  const at = 1000 + 2 * n;
  chat.messages.push(
    { id: `q${n}`, role: 'user', text: `question ${n} ${'q'.repeat(chars)}`, createdAt: at },
    { id: `a${n}`, role: 'assistant', text: `answer ${n} ${'a'.repeat(chars)}`, createdAt: at + 1, status: 'done' },
  );
  chat.updatedAt = at + 1;
}

const newChat = (): Chat => ({ id: 'long', title: 'Long', createdAt: 1000, updatedAt: 1000, messages: [] });

describe('HistoryStore growth bounds (disk)', () => {
  let folder: string;
  let problems: string[];

  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'ask-llama-growth-'));
    problems = [];
  });

  afterEach(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  const open = (options: ConstructorParameters<typeof HistoryStore>[1] = {}) =>
    new HistoryStore(folder, { onProblem: (m) => problems.push(m), earlierTitle: (t) => `${t} (earlier)`, ...options });

  /** Every message id on disk, chat by chat, oldest chat first, and the chats' titles. */
  const onDisk = async (store: HistoryStore) => {
    const chats = (await store.list()).reverse();
    const loaded = await Promise.all(chats.map((c) => store.load(c.id)));
    return { titles: chats.map((c) => c.title), ids: loaded.flatMap((c) => c?.messages.map((m) => m.id) ?? []) };
  };

  it('moves the oldest turns of a chat past its bound to a chat of their own, says so, and loses none', async () => {
    const maxChatBytes = 20_000;
    const store = open({ maxChatBytes });
    const chat = newChat();
    const all: string[] = [];
    for (let n = 0; n < 60; n++) {
      addTurn(chat, n);
      all.push(`q${n}`, `a${n}`);
      await store.save(chat); // the window keeps its whole chat in memory and saves it after every turn
      const file = await fs.stat(path.join(folder, 'long.json'));
      assert.ok(file.size <= maxChatBytes, `turn ${n}: the chat file is ${file.size} bytes`);
    }
    const { titles, ids } = await onDisk(store);
    assert.deepEqual(ids, all, 'every turn is on disk exactly once, in order');
    assert.ok(titles.length >= 3, `split more than once: ${titles.join(', ')}`);
    assert.deepEqual(new Set(titles), new Set(['Long', 'Long (earlier)']));
    assert.equal(problems.length, 1, 'the same notice is told once per window');
    assert.match(problems[0], /A chat grew past .*oldest messages were moved to a new chat, listed as “… \(earlier\)”/);
    assert.ok(!problems[0].includes('question'), 'no chat content in the notice');
  });

  it('loses nothing and duplicates nothing when another window that read the chat before the split saves it', async () => {
    const maxChatBytes = 20_000;
    const first = open({ maxChatBytes });
    const chat = newChat();
    for (let n = 0; n < 15; n++) addTurn(chat, n);
    await first.save(chat); // under the bound
    const second = open({ maxChatBytes });
    const theirs = await second.load('long');
    assert.ok(theirs);
    for (let n = 15; n < 30; n++) addTurn(chat, n);
    await first.save(chat); // past it: split
    addTurn(theirs, 100); // the other window adds a turn to its old copy
    await second.save(theirs);
    const expected = [...Array(30).keys(), 100].flatMap((n) => [`q${n}`, `a${n}`]);
    assert.deepEqual((await onDisk(open())).ids, expected);
  });

  it('waits longer before a scheduled save of a large chat: the bytes saved per second of streaming are bounded', async () => {
    const saveDelayMs = 100;
    const store = open({ saveDelayMs });
    const chat = newChat();
    for (let n = 0; chat.messages.length < 2 * 1900; n++) addTurn(chat, n, 500); // about 4 × STREAMING_SAVE_BYTES
    chat.messages.push({ id: 'streaming', role: 'assistant', text: '', createdAt: 9999, status: 'streaming' });
    await store.save(chat);
    const bytes = (await fs.stat(path.join(folder, 'long.json'))).size;
    const expectedDelay = (saveDelayMs * bytes) / STREAMING_SAVE_BYTES;
    assert.ok(expectedDelay > 3 * saveDelayMs, `the chat is ${bytes} bytes`);

    const started = Date.now();
    chat.messages[chat.messages.length - 1].text = 'first tokens';
    store.scheduleSave(chat);
    const saved = async () => (await fs.readFile(path.join(folder, 'long.json'), 'utf8')).includes('first tokens');
    await sleep(2 * saveDelayMs);
    assert.equal(await saved(), false, 'not saved after twice the base delay');
    while (!(await saved())) {
      assert.ok(Date.now() - started < expectedDelay + 5000, 'saved in the end');
      await sleep(20);
    }
    assert.ok(Date.now() - started >= expectedDelay - 20, `saved after ${Date.now() - started} ms, expected ${expectedDelay}`);
    // The chat file is written before the index and the lock's release: let the save end before the folder goes.
    await store.dispose();
  });

  it('saves a small chat after the base delay', async () => {
    const store = open({ saveDelayMs: 50 });
    const chat = newChat();
    addTurn(chat, 0);
    await store.save(chat);
    chat.messages[1].text = 'changed';
    const started = Date.now();
    store.scheduleSave(chat);
    while (!(await fs.readFile(path.join(folder, 'long.json'), 'utf8')).includes('changed')) await sleep(10);
    assert.ok(Date.now() - started < 1000);
    await store.dispose();
  });
});
