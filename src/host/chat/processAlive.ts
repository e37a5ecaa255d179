// Whether a process id is running on this machine: used to tell a crashed writer's leftovers (lock, temp file) from
// those of a live window. Plain Node.

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
