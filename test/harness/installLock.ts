// A cross-process lock around the toolchain install: several engineers and CI jobs share one `.vscode-test/`
// cache, and two concurrent 100-second native builds into the same folder would corrupt it. The holder refreshes
// a heartbeat file; a lock whose heartbeat stopped (its owner was killed) is taken over. A heartbeat, not a pid
// check, because the processes sharing the folder need not share a pid namespace.
import * as fs from 'fs';
import * as path from 'path';
import { progress } from './log';
import { delay } from './processGroup';

const waitLimitMs = 20 * 60 * 1000;
const heartbeatMs = 2000;
const staleAfterMs = 30_000;

export async function withInstallLock<T>(cacheDir: string, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const lockDir = path.join(cacheDir, '.install.lock');
  const heartbeatFile = path.join(lockDir, 'heartbeat');
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      // mkdir is atomic: exactly one process creates it.
      fs.mkdirSync(lockDir);
      fs.writeFileSync(heartbeatFile, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lockDir, heartbeatFile)) {
        progress(`taking over an abandoned install lock (${lockDir})`);
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
  const beat = setInterval(() => {
    const now = new Date();
    fs.utimes(heartbeatFile, now, now, () => undefined);
  }, heartbeatMs);
  try {
    return await work();
  } finally {
    clearInterval(beat);
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function isStale(lockDir: string, heartbeatFile: string): boolean {
  // Before the heartbeat file exists, the folder's own time stands in for it.
  const stat = fs.statSync(heartbeatFile, { throwIfNoEntry: false }) ?? fs.statSync(lockDir, { throwIfNoEntry: false });
  return stat !== undefined && Date.now() - stat.mtimeMs > staleAfterMs;
}
