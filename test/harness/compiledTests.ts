// The compiled test files of a suite. `tsc` never deletes output, so a renamed or deleted test would otherwise
// keep running from a stale .js in out/: only files whose TypeScript source still exists are returned.
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './paths';

const outRoot = path.join(repoRoot, 'out');

/** Every `*.test.js` under `outDir` (recursively) that has a `.ts` source, sorted by path. */
export function compiledTestFiles(outDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.test.js') && fs.existsSync(sourceOf(full))) found.push(full);
    }
  };
  walk(outDir);
  return found.sort();
}

function sourceOf(compiled: string): string {
  return path.join(repoRoot, path.relative(outRoot, compiled)).replace(/\.js$/, '.ts');
}
