// The shipped bundles and the .vsix stay within their budgets (issue 6). Sizes are stable, so they are checked on
// every test run; timings are not, and live only in `npm run bench`.
// Needs `npm run build` (dist/) before it runs; the .vsix check also needs `npm run package`.
import * as assert from 'assert';
import * as fs from 'fs';
import { bundleBudgets, distDir, looksUnminified, measure, vsixBudget, vsixFile, type MeasuredSize } from '../../bench/sizeBudgets';

function assertWithinBudget(size: MeasuredSize): void {
  assert.ok(
    size.bytes <= size.budget.ceilingBytes,
    `${size.budget.name} (${size.budget.files.join(' + ')}) is ${size.bytes} bytes, over its ceiling of ` +
      `${size.budget.ceilingBytes} bytes (${(size.budget.ceilingBytes / 1024).toFixed(0)} KB) by ${size.bytes - size.budget.ceilingBytes} bytes`,
  );
}

describe('bundle size budgets', () => {
  before(() => {
    // Never a silent skip: without a build there is nothing to measure, and that is a failure to fix.
    assert.ok(fs.existsSync(distDir), `${distDir} is missing: run \`npm run build\` (or \`npm run package\`) before the unit tests`);
  });

  for (const budget of bundleBudgets) {
    it(`${budget.name} is at most ${budget.ceilingBytes / 1024} KB`, () => {
      const size = measure(budget);
      assert.deepStrictEqual(size.missing, [], `${budget.name}: ${size.missing.join(', ')} missing; run \`npm run build\` first`);
      for (const file of budget.files) {
        assert.ok(!looksUnminified(file), `${file} is not minified (a \`npm run watch\` build?): run \`npm run build\` before measuring`);
      }
      assertWithinBudget(size);
    });
  }

  it(`.vsix is at most ${vsixBudget.ceilingBytes / 1024} KB`, function () {
    // The package exists only after `npm run package` (CI: `npm test` packages before the unit tests). A missing
    // file is reported as pending with the reason, not passed.
    if (!fs.existsSync(vsixFile)) this.skip();
    assertWithinBudget(measure(vsixBudget));
  });
});
