// Temporary folders that are removed at cleanup, whatever happens.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { onCleanup } from './cleanup';

export function makeTempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ask-llama-${label}-`));
  onCleanup(`temp folder ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));
  return dir;
}
