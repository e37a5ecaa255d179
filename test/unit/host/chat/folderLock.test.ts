// The chat history lock (issue 20): never two writers inside, never a live owner's lock broken, a crashed owner's
// lock broken. The first test is the committed stress script (test/stress/historyLockStress.ts) at a small size.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { FolderLock } from '../../../../src/host/chat/folderLock';
import { bootMinute, processStartTicks } from '../../../../src/host/chat/processAlive';
import { stress } from '../../../stress/historyLockStress';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('FolderLock', () => {
  let folder: string;
  let lockFile: string;

  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'ask-llama-lock-'));
    lockFile = path.join(folder, 'index.lock');
  });

  afterEach(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  /** Writes a lock as another process would have left it. */
  const leaveLock = async (owner: Record<string, unknown>) => {
    await fs.mkdir(lockFile);
    await fs.writeFile(path.join(lockFile, 'owner.json'), JSON.stringify(owner));
  };

  /** Resolves true if the lock was taken within `ms`, false otherwise (then the attempt is still running). */
  const takenWithin = (lock: FolderLock, ms: number, release: Promise<void>) => {
    let inside = false;
    const running = lock.run(async () => {
      inside = true;
      await release;
    });
    return { within: sleep(ms).then(() => inside), running };
  };

  it('lets no two processes in at once and loses no saved turn: 3 writers, a killed holder, a stopped holder', async function () {
    this.timeout(120_000);
    const result = await stress({ writers: 3, rounds: 20, kills: 1, stalls: 1, staleMs: 100, json: true });
    assert.deepEqual(
      { doubles: result.doubles, lost: result.lost, duplicated: result.duplicated, problems: result.problems, timedOut: result.timedOut },
      { doubles: 0, lost: 0, duplicated: 0, problems: 0, timedOut: 0 },
      JSON.stringify(result),
    );
    assert.equal(result.kills, 1, 'a holder was killed while holding the lock');
    assert.equal(result.stalls, 1, 'a holder was stopped while holding the lock for five stale ages');
    assert.equal(result.acknowledged, 60);
  });

  it('never breaks the lock of a running process of this machine, however old', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await leaveLock({ pid: child.pid, host: os.hostname(), token: 'live', started: processStartTicks(child.pid!), boot: bootMinute() });
      const old = new Date(Date.now() - 3_600_000);
      await fs.utimes(path.join(lockFile, 'owner.json'), old, old);
      const attempt = takenWithin(new FolderLock(lockFile, { staleMs: 20 }), 400, Promise.resolve());
      assert.equal(await attempt.within, false, 'waits for the live owner');
      await fs.rm(lockFile, { recursive: true }); // the owner releases
      await attempt.running;
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('breaks at once the lock of a process that is gone, or of a pid now naming another process, or from before a reboot', async () => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    const owners = [
      { pid: child.pid, host: os.hostname(), token: 'dead', boot: bootMinute() },
      { pid: process.pid, host: os.hostname(), token: 'reused', boot: bootMinute() },
      { pid: 1, host: os.hostname(), token: 'before-reboot', boot: bootMinute() - 60 },
    ];
    if (processStartTicks(process.ppid) !== undefined) owners.push({ pid: process.ppid, host: os.hostname(), token: 'reused2', started: '1', boot: bootMinute() } as never);
    for (const owner of owners) {
      await leaveLock(owner);
      const lock = new FolderLock(lockFile, { staleMs: 3_600_000 });
      assert.equal(await lock.run(async () => 'in'), 'in', owner.token);
      await fs.rm(lockFile, { recursive: true, force: true });
    }
  });

  it("keeps another machine's live holder by its heartbeat, and breaks its lock once the heartbeat stops", async () => {
    const remote = new FolderLock(lockFile, { staleMs: 80, host: 'other-machine' });
    let releaseRemote!: () => void;
    const remoteHolds = new Promise<void>((resolve) => (releaseRemote = resolve));
    let remoteInside = false;
    const remoteRun = remote.run(async () => {
      remoteInside = true;
      await remoteHolds;
    });
    while (!remoteInside) await sleep(5);
    const attempt = takenWithin(new FolderLock(lockFile, { staleMs: 80 }), 500, Promise.resolve());
    assert.equal(await attempt.within, false, 'a holder working six stale ages with a heartbeat is not broken');
    releaseRemote();
    await Promise.all([remoteRun, attempt.running]);

    await leaveLock({ pid: 12345, host: 'crashed-machine', token: 'crashed', boot: 0 });
    assert.equal(await new FolderLock(lockFile, { staleMs: 80 }).run(async () => 'in'), 'in');
  });

  it("takes over an older version's lock file left by a previous process with this pid", async () => {
    // Our pid but not this process's token: a leftover of a previous process with the same pid.
    await fs.writeFile(lockFile, JSON.stringify({ pid: process.pid, host: os.hostname(), token: `${process.pid}-1-1` }));
    assert.equal(await new FolderLock(lockFile, { staleMs: 3_600_000 }).run(async () => 'in'), 'in');
    assert.deepEqual((await fs.readdir(folder)).filter((n) => !n.startsWith('index.lock.dead-')), []);
  });
});
