// The history store against a real folder: what a window reload or a crash would find on disk.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Chat } from '../../../../src/common/chatTypes';
import { SCHEMA_VERSION } from '../../../../src/host/chat/historyFiles';
import { HistoryStore } from '../../../../src/host/chat/historyStore';

function makeChat(id: string, updatedAt: number, answerStatus: 'done' | 'streaming' = 'done', workspace?: string): Chat {
  return {
    id,
    title: `chat ${id}`,
    createdAt: updatedAt,
    updatedAt,
    messages: [
      { id: `${id}-q`, role: 'user', text: `question ${id}`, createdAt: updatedAt },
      { id: `${id}-a`, role: 'assistant', text: `answer ${id}`, createdAt: updatedAt, status: answerStatus },
    ],
    ...(workspace === undefined ? {} : { workspace }),
  };
}

function addTurn(chat: Chat, turnId: string, at: number): void {
  chat.messages.push(
    { id: `${turnId}-q`, role: 'user', text: `question ${turnId}`, createdAt: at },
    { id: `${turnId}-a`, role: 'assistant', text: `answer ${turnId}`, createdAt: at, status: 'done' },
  );
  chat.updatedAt = at;
}

const ids = (chat: Chat | undefined) => chat?.messages.map((m) => m.id);


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

  it('leaves a newer version\'s index and chats byte-identical, reads what it can, and says so once', async () => {
    await fs.mkdir(folder, { recursive: true });
    const future = { schemaVersion: SCHEMA_VERSION + 1, chats: [{ id: 'future', title: 'new', updatedAt: 5, newField: 1 }], deleted: [], extra: true };
    const futureChat = { schemaVersion: SCHEMA_VERSION + 1, chat: { ...makeChat('future', 5), newField: 'x' } };
    await fs.writeFile(path.join(folder, 'index.json'), JSON.stringify(future));
    await fs.writeFile(path.join(folder, 'future.json'), JSON.stringify(futureChat));
    await fs.writeFile(path.join(folder, 'old.json'), JSON.stringify({ schemaVersion: SCHEMA_VERSION, chat: makeChat('old', 3) }));
    const before = async () => Promise.all(['index.json', 'future.json', 'old.json'].map((n) => fs.readFile(path.join(folder, n), 'utf8')));
    const original = await before();

    const store = open();
    assert.deepEqual((await store.list()).map((c) => c.id), ['old'], 'what this version can read');
    const old = (await store.load('old'))!;
    addTurn(old, 'more', 9);
    await store.save(old);
    await store.save(makeChat('future', 9));
    await store.save(makeChat('fresh', 10));
    await store.delete('old');
    await store.save(old);

    assert.deepEqual(await before(), original, 'nothing written over the newer data');
    assert.deepEqual((await fs.readdir(folder)).sort(), ['future.json', 'index.json', 'old.json']);
    assert.equal(problems.filter((p) => /newer version of Ask Llama\. This window/.test(p)).length, 1, problems.join('\n'));
  });

  it('leaves a newer version\'s chat file byte-identical when the index is of this version', async () => {
    const store = open();
    await store.save(makeChat('future', 1));
    const file = path.join(folder, 'future.json');
    const body = JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, chat: { ...makeChat('future', 5), newField: 'x' } });
    await fs.writeFile(file, body);
    await store.save(makeChat('future', 9));
    await store.save(makeChat('future', 10));
    assert.equal(await fs.readFile(file, 'utf8'), body);
    assert.equal(problems.filter((p) => /This window does not change it/.test(p)).length, 1, problems.join('\n'));
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

  describe('two windows (two stores on one folder)', () => {
    it('keeps both windows\' turns when they continue the same chat, and the finished answer over a stale copy', async () => {
      const windowA = open();
      const windowB = open();
      const chatA = makeChat('shared', 1, 'streaming');
      chatA.messages[1].text = 'half an';
      await windowA.save(chatA);

      const chatB = await windowB.load('shared');
      assert.ok(chatB);
      addTurn(chatB, 'b1', 2);
      await windowB.save(chatB);

      chatA.messages[1].text = 'half an answer, finished';
      chatA.messages[1].status = 'done';
      await windowA.save(chatA);
      chatB.messages[3].text += ' (edited while streaming)';
      await windowB.save(chatB); // B still holds A's half answer: it must not bring it back

      const onDisk = await open().load('shared');
      assert.deepEqual(ids(onDisk), ['shared-q', 'shared-a', 'b1-q', 'b1-a']);
      assert.equal(onDisk?.messages[1].text, 'half an answer, finished');
      assert.equal(onDisk?.messages[1].status, 'done');
      assert.equal(onDisk?.messages[3].text, 'answer b1 (edited while streaming)');
      assert.deepEqual(problems, []);
    });

    it('loses no turn and no index entry when both write at the same time, many times over', async () => {
      const windowA = open();
      const windowB = open();
      await windowA.save(makeChat('busy', 1));
      const chatA = (await windowA.load('busy'))!;
      const chatB = (await windowB.load('busy'))!;
      const writes: Promise<void>[] = [];
      for (let round = 0; round < 15; round++) {
        addTurn(chatA, `a${round}`, 10 + round);
        addTurn(chatB, `b${round}`, 10 + round);
        writes.push(windowA.save(chatA), windowB.save(chatB));
        writes.push(windowA.save(makeChat(`newA${round}`, 100 + round)), windowB.save(makeChat(`newB${round}`, 100 + round)));
      }
      await Promise.all(writes);

      const onDisk = await open().load('busy');
      assert.equal(onDisk?.messages.length, 2 + 15 * 4);
      for (let round = 0; round < 15; round++) {
        for (const turn of [`a${round}`, `b${round}`]) assert.ok(ids(onDisk)?.includes(`${turn}-a`), `turn ${turn} kept`);
      }
      const indexFile = JSON.parse(await fs.readFile(path.join(folder, 'index.json'), 'utf8')) as { chats: { id: string }[] };
      assert.equal(indexFile.chats.length, 1 + 30, 'the index itself lists every chat, not only a rebuild from the folder');
      assert.deepEqual((await fs.readdir(folder)).filter((n) => !n.endsWith('.json')), [], 'no lock or temp file left');
      assert.deepEqual(problems, []);
    });

    it('shows the chats and turns another window added the next time it lists or loads', async () => {
      const windowA = open();
      const windowB = open();
      await windowA.save(makeChat('first', 1));
      assert.deepEqual((await windowB.list()).map((c) => c.id), ['first']);
      await windowA.save(makeChat('second', 2));
      const chat = (await windowA.load('first'))!;
      addTurn(chat, 'more', 3);
      await windowA.save(chat);

      assert.deepEqual((await windowB.list()).map((c) => c.id), ['first', 'second']);
      assert.deepEqual(ids(await windowB.load('first')), ['first-q', 'first-a', 'more-q', 'more-a']);
    });

    it('honours a turn removed in one window (retry, edit) when the other writes its copy', async () => {
      const windowA = open();
      const windowB = open();
      const chatA = makeChat('edited', 1);
      addTurn(chatA, 't', 2);
      await windowA.save(chatA);
      const chatB = (await windowB.load('edited'))!;

      chatA.messages.length = 2; // A regenerates: drops turn t
      await windowA.save(chatA);
      chatB.title = 'renamed in B';
      await windowB.save(chatB);
      assert.deepEqual(ids(await open().load('edited')), ['edited-q', 'edited-a']);
    });

    it('breaks the lock and removes the temp file of a writer killed mid-write', async function () {
      this.timeout(30_000);
      const storeModule = path.resolve(__dirname, '../../../../src/host/chat/historyStore.js');
      // The child saves once, then, on its second save, stops for good between writing the temp file and renaming
      // it (holding the folder lock) and says so: the moment a crash hurts most, reached every time.
      const script = `
        const fsp = require('node:fs/promises');
        const rename = fsp.rename;
        let saves = 0;
        fsp.rename = (from, to) => {
          if (to.endsWith('big.json') && ++saves === 2) { process.stdout.write('stuck'); return new Promise(() => {}); }
          return rename(from, to);
        };
        const { HistoryStore } = require(${JSON.stringify(storeModule)});
        const store = new HistoryStore(${JSON.stringify(folder)});
        const text = 'x'.repeat(1000000);
        (async () => {
          for (let i = 1; i <= 2; i++) {
            await store.save({ id: 'big', title: 'big', createdAt: 1, updatedAt: i, messages: [{ id: 'q', role: 'user', text: text + i, createdAt: 1 }] });
          }
        })();`;
      const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      const names = await fs.readdir(folder);
      child.kill('SIGKILL');
      await exited;
      assert.ok(names.some((n) => n.endsWith('.tmp')), `the writer was stopped mid-write: ${names.join(', ')}`);

      const next = open({ lockStaleMs: 60_000 }); // only the dead pid can let it in quickly
      const big = await next.load('big');
      assert.equal(big?.messages[0].text, `${'x'.repeat(1000000)}1`, 'the last whole save, never half a file');
      await next.save(makeChat('after', Date.now()));
      assert.deepEqual((await next.list()).map((c) => c.id).sort(), ['after', 'big']);
      const left = (await fs.readdir(folder)).sort();
      // The broken lock is kept a day under its dead name, so that a late second breaker cannot move a fresh lock.
      assert.deepEqual(left.filter((n) => !n.startsWith('index.lock.dead-')), ['after.json', 'big.json', 'index.json']);
      assert.equal(left.filter((n) => n.startsWith('index.lock.dead-')).length, 1);
      assert.deepEqual(problems, []);
    });

    it('breaks a lock left by an earlier process that had this pid (a live owner is never broken by age)', async () => {
      await fs.mkdir(folder, { recursive: true });
      const lock = path.join(folder, 'index.lock');
      await fs.writeFile(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'stuck' }));
      const old = new Date(Date.now() - 60_000);
      await fs.utimes(lock, old, old);
      const store = open({ lockStaleMs: 1000 });
      await store.save(makeChat('unstuck', 1));
      assert.deepEqual((await store.list()).map((c) => c.id), ['unstuck']);
    });
  });

  describe('delete', () => {
    it('is final even while the answer streams: queued, scheduled and later saves do not bring it back', async () => {
      const store = open({ saveDelayMs: 10 });
      const chat = makeChat('ghost', 1, 'streaming');
      const firstSave = store.save(chat);
      store.scheduleSave(chat);
      const deleting = store.delete('ghost');
      chat.messages[1].status = 'partial';
      const finalSave = store.save(chat); // the controller's save when the stopped answer settles
      await Promise.all([firstSave, deleting, finalSave]);
      store.scheduleSave(chat);
      await store.flush();

      assert.deepEqual(await store.list(), []);
      assert.deepEqual(await open().list(), []);
      assert.deepEqual((await fs.readdir(folder)).filter((n) => n !== 'index.json'), []);
    });

    it('is final across windows: another window still streaming into the chat cannot bring it back', async () => {
      const windowA = open();
      const windowB = open();
      await windowA.save(makeChat('gone', 1, 'streaming'));
      const chatB = (await windowB.load('gone'))!;
      await windowA.delete('gone');
      chatB.messages[1].text += ' and more';
      await windowB.save(chatB);

      assert.deepEqual(await windowA.list(), []);
      assert.deepEqual(await windowB.list(), []);
      assert.equal(await open().load('gone'), undefined);
    });
  });

  describe('workspaces', () => {
    it('lists the chats of one workspace (and older chats saved without one), or all of them', async () => {
      const store = open();
      await store.save(makeChat('here', 1, 'done', 'ws-here'));
      await store.save(makeChat('there', 2, 'done', 'ws-there'));
      await store.save(makeChat('legacy', 3));

      assert.deepEqual((await store.list({ workspace: 'ws-here' })).map((c) => c.id), ['legacy', 'here']);
      assert.deepEqual((await open().list({ workspace: 'ws-there' })).map((c) => c.id), ['legacy', 'there']);
      assert.deepEqual((await store.list('all')).map((c) => c.id), ['legacy', 'there', 'here']);
      assert.equal((await open().load('there'))?.workspace, 'ws-there');
    });
  });
});
