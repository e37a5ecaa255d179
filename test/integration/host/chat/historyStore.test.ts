// The history store against a real folder: what a window reload or a crash would find on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Chat } from '../../../../src/common/chatTypes';
import { HistoryStore, SCHEMA_VERSION } from '../../../../src/host/chat/historyStore';

function makeChat(id: string, updatedAt: number, answerStatus: 'done' | 'streaming' = 'done'): Chat {
  return {
    id,
    title: `chat ${id}`,
    createdAt: updatedAt,
    updatedAt,
    messages: [
      { id: `${id}-q`, role: 'user', text: `question ${id}`, createdAt: updatedAt },
      { id: `${id}-a`, role: 'assistant', text: `answer ${id}`, createdAt: updatedAt, status: answerStatus },
    ],
  };
}

describe('HistoryStore (disk)', () => {
  let folder: string;
  let problems: string[];

  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'ask-llama-history-'));
    problems = [];
  });

  afterEach(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  const open = (options: ConstructorParameters<typeof HistoryStore>[1] = {}) => new HistoryStore(folder, { onProblem: (m) => problems.push(m), ...options });

  it('reloads saved chats in a new store instance over the same folder, newest first', async () => {
    const first = open();
    await first.save(makeChat('older', 1000));
    await first.save(makeChat('newer', 2000));

    const reloaded = open();
    assert.deepEqual((await reloaded.list()).map((c) => c.id), ['newer', 'older']);
    const chat = await reloaded.load('older');
    assert.equal(chat?.messages[1].text, 'answer older');
    assert.equal(chat?.messages[1].status, 'done');
    assert.deepEqual(problems, []);
  });

  it('writes a schema version and leaves no temp files behind', async () => {
    const store = open();
    await store.save(makeChat('c1', 1));
    const names = await fs.readdir(folder);
    assert.deepEqual(names.sort(), ['c1.json', 'index.json']);
    const raw = JSON.parse(await fs.readFile(path.join(folder, 'c1.json'), 'utf8'));
    assert.equal(raw.schemaVersion, SCHEMA_VERSION);
    const index = JSON.parse(await fs.readFile(path.join(folder, 'index.json'), 'utf8'));
    assert.equal(index.schemaVersion, SCHEMA_VERSION);
    assert.equal(index.chats[0].id, 'c1');
  });

  it('loads an answer that was still streaming as a partial answer', async () => {
    await open().save(makeChat('crashed', 5, 'streaming'));
    const chat = await open().load('crashed');
    assert.equal(chat?.messages[1].status, 'partial');
    assert.equal(chat?.messages[1].text, 'answer crashed');
  });

  it('moves a corrupt chat file aside, reports it, and keeps working', async () => {
    const store = open();
    await store.save(makeChat('good', 1));
    await store.save(makeChat('bad', 2));
    await fs.writeFile(path.join(folder, 'bad.json'), '{"schemaVersion":1,"chat":{"id":"bad", "messa');

    const reloaded = open();
    assert.equal(await reloaded.load('bad'), undefined);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /bad\.json.*moved/);
    const names = await fs.readdir(folder);
    assert.ok(names.some((n) => n.startsWith('bad.json.corrupt-')), names.join(','));
    assert.deepEqual((await reloaded.list()).map((c) => c.id), ['good']);
    assert.equal((await reloaded.load('good'))?.title, 'chat good');
  });

  it('rebuilds a corrupt index from the chat files', async () => {
    const store = open();
    await store.save(makeChat('a', 1));
    await store.save(makeChat('b', 2));
    await fs.writeFile(path.join(folder, 'index.json'), 'not json at all');

    const reloaded = open();
    assert.deepEqual((await reloaded.list()).map((c) => c.id), ['b', 'a']);
    assert.equal(problems.length, 1);
  });

  it('finds chats that a crash left out of the index, and forgets index entries without a file', async () => {
    const store = open();
    await store.save(makeChat('listed', 1));
    await fs.writeFile(path.join(folder, 'orphan.json'), JSON.stringify({ schemaVersion: SCHEMA_VERSION, chat: makeChat('orphan', 9) }));
    await store.save(makeChat('gone', 3));
    await fs.rm(path.join(folder, 'gone.json'));

    assert.deepEqual((await open().list()).map((c) => c.id), ['orphan', 'listed']);
  });

  it('skips, without moving, a file written by a newer schema', async () => {
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, 'future.json'), JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, chat: { id: 'future' } }));
    const store = open();
    assert.deepEqual(await store.list(), []);
    assert.ok(problems.some((p) => /newer version/.test(p)));
    assert.ok((await fs.readdir(folder)).includes('future.json'));
  });

  it('prunes the oldest chats beyond the limit', async () => {
    const store = open({ maxChats: 3 });
    for (let i = 1; i <= 5; i++) await store.save(makeChat(`c${i}`, i));
    assert.deepEqual((await store.list()).map((c) => c.id), ['c5', 'c4', 'c3']);
    assert.deepEqual((await fs.readdir(folder)).sort(), ['c3.json', 'c4.json', 'c5.json', 'index.json']);
  });

  it('prunes by total size, never the chat just saved', async () => {
    const store = open({ maxBytes: 1500 });
    const big = (id: string, t: number) => ({ ...makeChat(id, t), title: 'x'.repeat(600) });
    await store.save(big('x1', 1));
    await store.save(big('x2', 2));
    await store.save(big('x3', 3));
    const ids = (await store.list()).map((c) => c.id);
    assert.ok(ids.includes('x3'));
    assert.ok(!ids.includes('x1'));
  });

  it('coalesces scheduled saves into one write of the latest content', async () => {
    const store = open({ saveDelayMs: 60_000 });
    const chat = makeChat('live', 1, 'streaming');
    store.scheduleSave(chat);
    chat.messages[1].text += ' more';
    store.scheduleSave(chat);
    await assert.rejects(fs.readFile(path.join(folder, 'live.json'), 'utf8'), 'nothing written before the delay or a flush');
    await store.flush();
    const loaded = await open().load('live');
    assert.equal(loaded?.messages[1].text, 'answer live more');
  });

  it('deletes a chat and its file', async () => {
    const store = open();
    await store.save(makeChat('d', 1));
    await store.delete('d');
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(await fs.readdir(folder), ['index.json']);
  });

  it('refuses ids that are not plain names', async () => {
    const store = open();
    assert.equal(await store.load('../etc'), undefined);
    await store.delete('../x');
    assert.deepEqual(problems, []);
  });

  it('removes temp files that a crash left behind, but not fresh ones', async () => {
    await fs.mkdir(folder, { recursive: true });
    const stale = path.join(folder, 'x.json.1.1.tmp');
    const fresh = path.join(folder, 'y.json.1.2.tmp');
    await fs.writeFile(stale, '{');
    await fs.writeFile(fresh, '{');
    const old = new Date(Date.now() - 10 * 60_000);
    await fs.utimes(stale, old, old);
    assert.deepEqual(await open().list(), []);
    assert.deepEqual(await fs.readdir(folder), ['y.json.1.2.tmp']);
  });
});
