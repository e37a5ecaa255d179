// Writing a file so that a crash never leaves half of it: the body goes to a temp file beside the target, which is
// then renamed over it. A temp file is `<target>.<pid>.<n>.tmp`, so a later reader can tell whether its writer is
// still running and remove what a killed one left behind.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isProcessAlive } from './processAlive';

const TEMP_NAME = /\.(\d+)\.\d+\.tmp$/;
/** A temp file of a live writer older than this is left over all the same. */
const STALE_TEMP_MS = 60_000;
let tempCounter = 0;

/** Writes `body` to `target` all at once, or not at all. The folder must exist. */
export async function writeFileAtomic(target: string, body: string): Promise<void> {
  const temp = `${target}.${process.pid}.${++tempCounter}.tmp`;
  try {
    await fs.writeFile(temp, body, 'utf8');
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/** Removes the temp files among `names` (in `folder`) whose writer is gone, or that are older than a minute. */
export async function removeStaleTempFiles(folder: string, names: readonly string[]): Promise<void> {
  const cutoff = Date.now() - STALE_TEMP_MS;
  for (const name of names.filter((n) => n.endsWith('.tmp'))) {
    const file = path.join(folder, name);
    const pid = Number(TEMP_NAME.exec(name)?.[1]);
    const writerGone = pid !== process.pid && !isProcessAlive(pid);
    const stat = writerGone ? undefined : await fs.stat(file).catch(() => undefined);
    if (writerGone || (stat && stat.mtimeMs < cutoff)) await fs.rm(file, { force: true });
  }
}
