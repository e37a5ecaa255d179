// The size rows of the table: each shipped artefact against its budget and against Cline's 7.28 MB .vsix. A bundle
// over its budget gets its measured cause: what it is made of, by source folder (esbuild's metafile).
import { execFileSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as path from 'path';
import { type BenchRow, formatBytes } from './benchRow';
import { bundleBudgets, CLINE_VSIX_BYTES, measure, repoRoot, vsixBudget, vsixFile } from './sizeBudgets';

export async function benchSizes(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const budget of [...bundleBudgets, vsixBudget]) {
    const size = measure(budget);
    const target = `≤ ${formatBytes(budget.budgetBytes)}`;
    if (size.missing.length > 0) {
      rows.push({ figure: `Size: ${budget.name}`, reference: 'Cline .vsix: 7.28 MB', measured: 'not built', result: '—', target,
        met: false, notes: `missing: ${size.missing.join(', ')}` });
      continue;
    }
    const met = size.bytes <= budget.budgetBytes;
    const makeup = budget.files[0] === 'dist/extension.js' ? await extensionBundleMakeup() : budget === vsixBudget ? vsixMakeup() : undefined;
    const cause = !met && makeup ? `; over by ${formatBytes(size.bytes - budget.budgetBytes)}: ${makeup}` : '';
    rows.push({
      figure: `Size: ${budget.name} (${budget.files.map((file) => `\`${file}\``).join(' + ')})`,
      reference: 'Cline .vsix: 7.28 MB',
      measured: `${size.bytes.toLocaleString('en-US')} B`,
      result: `${formatBytes(size.bytes)} (${((size.bytes / CLINE_VSIX_BYTES) * 100).toFixed(1)}% of Cline)`,
      target,
      met,
      notes: `production build from \`npm run package\`; exact bytes, no repetition needed${cause}`,
    });
  }
  return rows;
}

/** The extension bundle's minified bytes by source folder, largest first (the same entry and options as esbuild.js). */
async function extensionBundleMakeup(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(repoRoot, 'src', 'extension.ts')], bundle: true, minify: true, platform: 'node', format: 'cjs',
    target: 'node18', external: ['vscode', 'node-fetch'], write: false, metafile: true, outfile: 'extension.js', logLevel: 'silent',
  });
  const byFolder = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const folder = file.split('/').slice(0, file.startsWith('src/host/') ? 3 : 2).join('/');
      byFolder.set(folder, (byFolder.get(folder) ?? 0) + input.bytesInOutput);
    }
  }
  return [...byFolder].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([folder, bytes]) => `${folder} ${formatBytes(bytes)}`).join(', ');
}

/** The .vsix's largest entries, compressed (zipinfo), largest first. */
function vsixMakeup(): string {
  try {
    const rows = execFileSync('zipinfo', ['-l', vsixFile], { encoding: 'utf8' }).split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields.length >= 10 && /^\d+$/.test(fields[5]))
      .map((fields) => ({ name: fields.slice(9).join(' ').replace(/^extension\//, ''), bytes: Number(fields[5]) }));
    return rows.sort((a, b) => b.bytes - a.bytes).slice(0, 6).map((row) => `${row.name} ${formatBytes(row.bytes)}`).join(', ') + ' (compressed)';
  } catch {
    return 'zipinfo unavailable';
  }
}
