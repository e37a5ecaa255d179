// "Small files, one concept each": no TypeScript file in src/ is over 300 lines (ARCHITECTURE.md, issue 21). A file
// that grows past it is split by concept, as streamingMarkdownView.ts was into pendingText.ts, provisionalText.ts,
// blockCommit.ts and renderBudget.ts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const MAX_LINES = 300;
const src = path.resolve(__dirname, '..', '..', '..', 'src');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Lines as `wc -l` counts them: newline characters. */
function lineCount(file: string): number {
  return fs.readFileSync(file, 'utf8').split('\n').length - 1;
}

describe('source file size', () => {
  it(`no .ts file in src/ is over ${MAX_LINES} lines`, () => {
    const files = tsFiles(src);
    assert.ok(files.length > 50, `found only ${files.length} .ts files under ${src}`);
    const over = files
      .map((file) => ({ file: path.relative(src, file), lines: lineCount(file) }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `src/${file}: ${lines} lines`);
    assert.deepStrictEqual(over, []);
  });
});
