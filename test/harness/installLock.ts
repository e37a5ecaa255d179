// A cross-process lock around the toolchain install: several engineers and CI jobs share one `.vscode-test/`
// cache, and two concurrent 100-second native builds into the same folder would corrupt it.
import * as fs from 'fs';
import * as path from 'path';
import { progress } from './log';
import { delay } from './processGroup';

const waitLimitMs = 20 * 60 * 1000;

export async function withInstallLock<T>(cacheDir: string, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const lockDir = path.join(cacheDir, '.install.lock');
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      // mkdir is atomic: exactly one process creates it.
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lockDir)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!announced) {
        progress(`another process is installing the test toolchain (${lockDir}); waiting for it`);
        announced = true;
      }
      if (Date.now() - started > waitLimitMs) throw new Error(`gave up waiting for ${lockDir}`);
      await delay(1000);
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** A lock whose owner died (killed install, crashed CI job) must not block the next run forever. */
function isStale(lockDir: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
  } catch {
    // The owner has created the folder but not yet written its pid; treat it as alive unless it stays that way.
    const stat = fs.statSync(lockDir, { throwIfNoEntry: false });
    return stat !== undefined && Date.now() - stat.mtimeMs > 10_000;
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
