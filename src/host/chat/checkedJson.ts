// Reading one JSON file of the chat history: a file that cannot be parsed or fails its check is moved aside (never
// deleted, never thrown at the caller) and reported; a file written by a newer Ask Llama is left alone and reported.
// Of the copies moved aside for one file only the newest few are kept: a file that keeps going bad (a disk that
// fails, another program writing there) must not fill the folder with copies nobody reads (issue 20).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isRecord } from '../../api/isRecord';
import { SCHEMA_VERSION } from './historyFiles';

export type ReadOutcome<T> = { ok: true; value: T } | { ok: false; reason: 'missing' | 'corrupt' | 'newer' };

/** `onProblem` is told, in words, about a file moved aside or skipped. Never given its content. */
export async function readCheckedJson<T extends { schemaVersion: number }>(
  file: string,
  isValid: (raw: unknown) => raw is T,
  onProblem: (message: string) => void,
): Promise<ReadOutcome<T>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return { ok: false, reason: 'missing' };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  if (isRecord(raw) && typeof raw.schemaVersion === 'number' && raw.schemaVersion > SCHEMA_VERSION) {
    // Written by a newer Ask Llama: leave it alone rather than destroy data we cannot read.
    onProblem(`${path.basename(file)} was saved by a newer version of Ask Llama and is skipped.`);
    return { ok: false, reason: 'newer' };
  }
  if (!isValid(raw)) {
    await moveAside(file, onProblem);
    return { ok: false, reason: 'corrupt' };
  }
  return { ok: true, value: raw };
}

/** How many copies moved aside are kept per file, the newest. */
export const KEPT_CORRUPT_COPIES = 3;

/** The last stamp used here: two files moved aside in one millisecond must not take the same name. */
let lastStamp = 0;

async function moveAside(file: string, onProblem: (message: string) => void): Promise<void> {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  const aside = `${file}.corrupt-${lastStamp}`;
  try {
    await fs.rename(file, aside);
    onProblem(`${path.basename(file)} in the chat history could not be read; it was moved to ${path.basename(aside)}.`);
  } catch (err) {
    onProblem(`${path.basename(file)} in the chat history could not be read or moved aside: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  await removeOlderCopies(file, path.basename(aside)).catch(() => undefined); // a copy left over is harmless
}

/** Removes the copies of `file` moved aside before the newest KEPT_CORRUPT_COPIES; never `newest`, just written. */
async function removeOlderCopies(file: string, newest: string): Promise<void> {
  const folder = path.dirname(file);
  const prefix = `${path.basename(file)}.corrupt-`;
  const copies = (await fs.readdir(folder))
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)) && name !== newest)
    .sort((a, b) => Number(b.slice(prefix.length)) - Number(a.slice(prefix.length)));
  for (const name of copies.slice(KEPT_CORRUPT_COPIES - 1)) await fs.rm(path.join(folder, name), { force: true });
}
