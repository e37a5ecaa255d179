// Whether a process id is running on this machine: used to tell a crashed writer's leftovers (lock, temp file) from
// those of a live window. Plain Node.
import { readFileSync } from 'node:fs';
import * as os from 'node:os';

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'EPERM';
  }
}

/**
 * When the process `pid` started, as the kernel counts it (Linux: clock ticks since boot, /proc/<pid>/stat field 22),
 * so that a pid reused by another process is not taken for the one that wrote a file; undefined where unknown.
 */
export function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces or ')': count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19]; // field 22 overall: fields 3.. start at index 0
  } catch {
    return undefined;
  }
}

/** When this machine booted, to the nearest minute: a pid recorded before a reboot names no process of this boot. */
export function bootMinute(): number {
  return Math.round((Date.now() - os.uptime() * 1000) / 60_000);
}
