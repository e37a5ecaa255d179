// Reading one JSON file of the chat history: a file that cannot be parsed or fails its check is moved aside (never
// deleted, never thrown at the caller) and reported; a file written by a newer Ask Llama is left alone and reported.
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

async function moveAside(file: string, onProblem: (message: string) => void): Promise<void> {
  const aside = `${file}.corrupt-${Date.now()}`;
  try {
    await fs.rename(file, aside);
    onProblem(`${path.basename(file)} in the chat history could not be read; it was moved to ${path.basename(aside)}.`);
  } catch (err) {
    onProblem(`${path.basename(file)} in the chat history could not be read or moved aside: ${err instanceof Error ? err.message : String(err)}`);
  }
}
