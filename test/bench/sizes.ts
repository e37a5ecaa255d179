// The size rows of the table: each shipped artefact against its budget and against Cline's 7.28 MB .vsix.
import { type BenchRow, formatBytes } from './benchRow';
import { bundleBudgets, CLINE_VSIX_BYTES, measure, vsixBudget } from './sizeBudgets';

export function benchSizes(): BenchRow[] {
  return [...bundleBudgets, vsixBudget].map((budget) => {
    const size = measure(budget);
    const target = `≤ ${formatBytes(budget.budgetBytes)}`;
    if (size.missing.length > 0) {
      return { figure: `Size: ${budget.name}`, reference: 'Cline .vsix: 7.28 MB', measured: 'not built', result: '—', target,
        met: false, notes: `missing: ${size.missing.join(', ')}` };
    }
    return {
      figure: `Size: ${budget.name} (${budget.files.map((file) => `\`${file}\``).join(' + ')})`,
      reference: 'Cline .vsix: 7.28 MB',
      measured: `${size.bytes.toLocaleString('en-US')} B`,
      result: `${formatBytes(size.bytes)} (${((size.bytes / CLINE_VSIX_BYTES) * 100).toFixed(1)}% of Cline)`,
      target,
      met: size.bytes <= budget.budgetBytes,
      notes: 'production build from `npm run package`; exact bytes, no repetition needed',
    };
  });
}
