// What saving costs while an answer streams, by chat size (issue 20): a measurement, not a pass/fail test.
//
//   npm run compile-tests && node out/test/stress/historySaveCost.js [--seconds 10]
//
// For chats of about 0.1, 1 and 3.9 MB (under the one-chat bound, chatSize.ts) it prints the CPU time of one save,
// then streams into the chat's last answer for `--seconds` (a delta every 50 ms, each followed by scheduleSave at the
// default delay, as answerTurn.ts does) and prints how many saves reached the disk and the CPU time per second. The
// time per save grows with the chat; the time per second of streaming should not. The CPU time includes this
// script's own polling (about 10 ms a second).
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Chat } from '../../src/common/chatTypes';
import { HistoryStore } from '../../src/host/chat/historyStore';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

async function measure(kilobytes: number, seconds: number): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'ask-llama-save-cost-'));
  const file = path.join(folder, 'c1.json');
  try {
    const store = new HistoryStore(folder);
    const count = Math.round((kilobytes * 1000) / 2100);
    const chat: Chat = { id: 'c1', title: 't', createdAt: 1, updatedAt: 1, messages: [] };
    for (let i = 0; i < count; i++) {
      chat.messages.push({ id: `m${i}`, role: i % 2 ? 'assistant' : 'user', text: 'x'.repeat(2000), createdAt: i, ...(i % 2 ? { status: 'done' as const } : {}) });
    }
    const answer = { id: 'answer', role: 'assistant' as const, text: '', createdAt: count, status: 'streaming' as const };
    chat.messages.push(answer);
    await store.save(chat);
    const size = (await fs.stat(file)).size;

    const rounds = 10;
    let since = process.cpuUsage();
    for (let i = 0; i < rounds; i++) {
      answer.text += 'token '.repeat(20);
      await store.save(chat);
    }
    const perSave = cpuMs(since) / rounds;

    let writes = 0;
    let last = (await fs.stat(file)).mtimeMs;
    since = process.cpuUsage();
    for (const end = Date.now() + seconds * 1000; Date.now() < end; ) {
      answer.text += 'token ';
      store.scheduleSave(chat);
      await sleep(50);
      const mtime = (await fs.stat(file)).mtimeMs;
      if (mtime !== last) writes++;
      last = mtime;
    }
    const perSecond = cpuMs(since) / seconds;
    await store.flush();
    return `chat ${(size / 1e6).toFixed(2)} MB: ${perSave.toFixed(1)} ms CPU per save; streaming ${seconds} s: ${writes} saves, ${perSecond.toFixed(0)} ms CPU per second`;
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--seconds');
  const seconds = at === -1 ? 10 : Number(process.argv[at + 1]);
  for (const kilobytes of [100, 1000, 3900]) console.log(await measure(kilobytes, seconds));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
