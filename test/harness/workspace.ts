// A throw-away workspace folder with a few small files, so suites have something to open and select.
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from './tempDirs';

export const workspaceFiles: Record<string, string> = {
  'src/sample.ts': [
    '// A small file to select code from.',
    'export function fibonacci(n: number): number {',
    '  if (n < 2) return n;',
    '  return fibonacci(n - 1) + fibonacci(n - 2);',
    '}',
    '',
    'export const greeting = (name: string) => `Hello, ${name}!`;',
    '',
  ].join('\n'),
  'README.md': '# Sample workspace\n\nUsed by the Ask Llama test suites.\n',
};

export function makeWorkspace(): string {
  const root = path.join(makeTempDir('workspace'), 'sample-workspace');
  for (const [relative, text] of Object.entries(workspaceFiles)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}
