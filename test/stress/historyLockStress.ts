// Stress test of the chat history lock with real processes, as several VS Code windows would use it (issue 20).
//
//   npm run compile-tests && node out/test/stress/historyLockStress.js [--writers 3] [--rounds 500] [--kills 5]
//     [--stalls 3] [--stale-ms 100] [--json]
//
// Each writer is a child process with one real HistoryStore over a shared folder (a window). Every round it loads
// one of three shared chats, appends a message with a unique id and saves it; once the save has resolved it tells
// the parent (the message is acknowledged). Every tenth round it also holds the bare FolderLock for longer than the
// stale age, as a slow write would. Inside every critical section (the store's and the bare ones) a marker file is
// created with O_EXCL: finding another live writer's marker there means two writers were inside at once (a double).
// Meanwhile the parent, reading who holds the lock, SIGKILLs holders (a replacement writer takes over their rounds)
// and SIGSTOPs holders for several stale ages before SIGCONT. At the end every acknowledged message must be on disk.
// Prints one line of figures and exits non-zero on any double, lost message or problem.
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Chat } from '../../src/common/chatTypes';
import { FolderLock } from '../../src/host/chat/folderLock';
import { HistoryStore } from '../../src/host/chat/historyStore';

interface Options {
  writers: number;
  rounds: number;
  kills: number;
  stalls: number;
  staleMs: number;
  json: boolean;
}

type WorkerMessage = { type: 'ack'; round: number; id: string } | { type: 'double'; detail: string } | { type: 'problem'; detail: string } | { type: 'done' };

const CHATS = ['shared-0', 'shared-1', 'shared-2'];
const MARKER = 'inside.marker';

function argValue(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// ---- the writer (child process) ----

async function runWriter(folder: string, label: string, firstRound: number, rounds: number, staleMs: number): Promise<void> {
  const send = (message: WorkerMessage) => process.send?.(message);
  const marker = path.join(folder, MARKER);
  let entries = 0;
  // Every critical section of this process, the store's included, checks that it is alone.
  const run = FolderLock.prototype.run;
  FolderLock.prototype.run = function <T>(this: FolderLock, work: () => Promise<T>): Promise<T> {
    return run.call(this, async () => {
      const mine = `${process.pid}:${++entries}`;
      const temp = `${marker}.${process.pid}`;
      fs.writeFileSync(temp, mine);
      try {
        fs.linkSync(temp, marker);
      } catch {
        const other = fs.readFileSync(marker, 'utf8');
        const otherPid = Number(other.split(':')[0]);
        // A killed holder's marker is a leftover; a live process's marker means it is inside now.
        if (otherPid !== process.pid && alive(otherPid)) send({ type: 'double', detail: `${mine} entered while ${other} was inside` });
        fs.renameSync(temp, marker);
      }
      fs.rmSync(temp, { force: true });
      try {
        return await work();
      } finally {
        const now = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '';
        if (now === mine) fs.rmSync(marker);
        else send({ type: 'double', detail: `${now || 'nobody'} replaced ${mine} inside` });
      }
    }) as Promise<T>;
  } as typeof run;

  const store = new HistoryStore(folder, { lockStaleMs: staleMs, onProblem: (detail) => send({ type: 'problem', detail }) });
  const bare = new FolderLock(path.join(folder, 'index.lock'), { staleMs });
  for (let round = firstRound; round < rounds; round++) {
    const chatId = CHATS[round % CHATS.length];
    const chat: Chat = (await store.load(chatId)) ?? { id: chatId, title: chatId, createdAt: Date.now(), updatedAt: Date.now(), messages: [] };
    const id = `${label}-r${round}`;
    chat.messages.push({ id, role: 'user', text: `message ${id}`, createdAt: Date.now() });
    chat.updatedAt = Date.now();
    let failed = false;
    const problem = (detail: string) => {
      failed = true;
      send({ type: 'problem', detail });
    };
    const saved = store.save(chat);
    await saved.catch((err: unknown) => problem(String(err)));
    if (!failed) send({ type: 'ack', round, id });
    if (round % 10 === 0) await bare.run(() => sleep(staleMs * 2)); // slower than the stale age, owner alive
  }
  await store.dispose();
  send({ type: 'done' });
}

// ---- the parent ----

interface Writer {
  label: string;
  child: ChildProcess;
  nextRound: number;
  done: boolean;
  exited: Promise<void>;
}

function lockHolderPid(folder: string): number | undefined {
  const lock = path.join(folder, 'index.lock');
  try {
    const file = fs.statSync(lock).isDirectory() ? path.join(lock, 'owner.json') : lock; // main's lock was a file
    return Number((JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: unknown }).pid) || undefined;
  } catch {
    return undefined;
  }
}

export async function stress(options: Options): Promise<Record<string, number | string>> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ask-llama-lock-stress-'));
  const started = Date.now();
  const acked = new Set<string>();
  const doubles: string[] = [];
  const problems: string[] = [];
  const writers: Writer[] = [];
  let generation = 0;

  const spawnWriter = (slot: number, firstRound: number) => {
    const label = `w${slot}g${generation++}`;
    const child = fork(__filename, ['--writer', folder, label, String(firstRound), String(options.rounds), String(options.staleMs)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    const writer: Writer = { label, child, nextRound: firstRound, done: false, exited: new Promise((resolve) => child.once('exit', () => resolve())) };
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'ack') {
        acked.add(message.id);
        writer.nextRound = message.round + 1;
      } else if (message.type === 'double') doubles.push(message.detail);
      else if (message.type === 'problem') problems.push(message.detail);
      else writer.done = true;
    });
    writers[slot] = writer;
  };
  for (let slot = 0; slot < options.writers; slot++) spawnWriter(slot, 0);

  let kills = 0;
  let stalls = 0;
  const deadline = Date.now() + 10 * 60_000; // stops by itself
  while (writers.some((w) => !w.done) && Date.now() < deadline) {
    await sleep(kills + stalls < options.kills + options.stalls ? 20 + Math.random() * 60 : 50);
    const wantKill = kills < options.kills && (stalls >= options.stalls || Math.random() < 0.5);
    const wantStall = !wantKill && stalls < options.stalls;
    if (!wantKill && !wantStall) continue;
    const pid = lockHolderPid(folder);
    const slot = writers.findIndex((w) => !w.done && w.child.pid === pid);
    if (slot < 0) continue;
    const writer = writers[slot];
    if (wantKill) {
      writer.child.kill('SIGKILL');
      await writer.exited;
      // Counted only if it died holding the lock (it may have released it between our look and the signal).
      if (lockHolderPid(folder) === pid) kills++;
      spawnWriter(slot, writer.nextRound);
    } else {
      writer.child.kill('SIGSTOP');
      if (lockHolderPid(folder) === pid) {
        stalls++;
        await sleep(options.staleMs * 5); // far longer than the stale age: waiters must still not break in
      }
      writer.child.kill('SIGCONT');
    }
  }
  const timedOut = writers.some((w) => !w.done);
  for (const writer of writers) if (!writer.done) writer.child.kill('SIGKILL');
  await Promise.all(writers.map((w) => w.exited));

  const onDisk = new Set<string>();
  let duplicated = 0;
  for (const chatId of CHATS) {
    const chat = await new HistoryStore(folder).load(chatId);
    for (const message of chat?.messages ?? []) {
      if (onDisk.has(message.id)) duplicated++;
      onDisk.add(message.id);
    }
  }
  const lost = [...acked].filter((id) => !onDisk.has(id));
  fs.rmSync(folder, { recursive: true, force: true });
  return {
    writers: options.writers,
    rounds: options.rounds,
    staleMs: options.staleMs,
    kills,
    stalls,
    acknowledged: acked.size,
    onDisk: onDisk.size,
    doubles: doubles.length,
    lost: lost.length,
    duplicated,
    problems: problems.length,
    timedOut: timedOut ? 1 : 0,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    ...(doubles.length ? { firstDouble: doubles[0] } : {}),
    ...(lost.length ? { firstLost: lost[0] } : {}),
    ...(problems.length ? { firstProblem: problems[0] } : {}),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--writer') {
    const [folder, label, first, rounds, staleMs] = args.slice(1);
    await runWriter(folder, label, Number(first), Number(rounds), Number(staleMs));
    process.disconnect?.();
    return;
  }
  const options: Options = {
    writers: argValue(args, 'writers', 3),
    rounds: argValue(args, 'rounds', 500),
    kills: argValue(args, 'kills', 5),
    stalls: argValue(args, 'stalls', 3),
    staleMs: argValue(args, 'stale-ms', 100),
    json: args.includes('--json'),
  };
  const result = await stress(options);
  const failed = Number(result.doubles) + Number(result.lost) + Number(result.duplicated) + Number(result.problems) + Number(result.timedOut) > 0;
  console.log(options.json ? JSON.stringify(result) : Object.entries(result).map(([k, v]) => `${k}=${v}`).join(' '));
  process.exitCode = failed ? 1 : 0;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 2;
  });
}
