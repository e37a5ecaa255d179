// The README is the Extensions view's page (it ships in the .vsix): it is written for the people who install Ask
// Llama. How to build, test, measure and publish is in CONTRIBUTING.md, which is not packaged (issue 21). CI
// (.ci/run) runs "the README's test command", so that command stays in the README literally.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const contributing = fs.readFileSync(path.join(root, 'CONTRIBUTING.md'), 'utf8');

describe('README for users, CONTRIBUTING for contributors', () => {
  it('keeps the two set-up commands and links the contributor guide', () => {
    assert.ok(readme.includes('npm ci && npm run try'), 'README names `npm ci && npm run try`');
    assert.ok(readme.includes('npm ci && npm test'), 'README names `npm ci && npm test` (.ci/run relies on it)');
    assert.match(readme, /\]\(CONTRIBUTING\.md\)/);
    assert.match(readme, /^## Build from source$/m);
  });

  it('leaves the harness, its switches, the suites and the bench to CONTRIBUTING.md', () => {
    // ASK_LLAMA_API_KEY is a user's way to hand over a key; every other ASK_LLAMA_* variable drives the test harness.
    const switches = [...new Set(readme.match(/ASK_LLAMA_[A-Z_]+/g) ?? [])].filter((name) => name !== 'ASK_LLAMA_API_KEY');
    assert.deepStrictEqual(switches, [], 'test switches in the README');
    for (const internal of ['npm run test:', 'npm run bench', '.ci/run', 'test/e2e/', 'node-fetch', 'vsce publish']) {
      assert.ok(!readme.includes(internal), `README mentions ${internal}`);
    }
    for (const moved of ['ASK_LLAMA_TEST_GREP', 'npm run bench', '.ci/run', 'vsce publish']) {
      assert.ok(contributing.includes(moved), `CONTRIBUTING.md documents ${moved}`);
    }
  });

  it('puts install and the first question before the features, and troubleshooting after privacy', () => {
    const order = ['## Install', '## Your first question', '## Ask about more than a selection', '## Settings', '## Privacy', '## Reliability', '## Troubleshooting', '## Build from source'];
    const at = order.map((heading) => readme.indexOf(`\n${heading}`));
    assert.ok(at.every((index) => index > 0), `missing: ${order.filter((_, i) => at[i] <= 0).join(', ')}`);
    assert.deepStrictEqual([...at].sort((a, b) => a - b), at, 'sections in order');
  });
});
