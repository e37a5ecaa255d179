// Child processes started in their own process group, so stopping one also stops everything it spawned
// (code-server forks an extension host and file watchers; chromium forks renderers).
import { ChildProcess, spawn, SpawnOptions } from 'child_process';
import { onCleanup } from './cleanup';

export interface GroupProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or null when killed by a signal). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const graceMs = 3000;

export function spawnGroup(label: string, command: string, args: string[], options: SpawnOptions): GroupProcess {
  // detached: true makes the child a process-group leader (setsid), so -pid addresses the whole group.
  const child = spawn(command, args, { ...options, detached: true });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const stop = onCleanup(label, () => killGroup(child, exited));
  return { child, exited, stop };
}

async function killGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.pid === undefined) return;
  const pid = child.pid;
  signalGroup(pid, 'SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), delay(graceMs).then(() => true)]);
  // The leader may exit while grandchildren linger; SIGKILL the group either way (ESRCH just means all gone).
  signalGroup(pid, 'SIGKILL');
  if (timedOut) await Promise.race([exited, delay(graceMs)]);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
