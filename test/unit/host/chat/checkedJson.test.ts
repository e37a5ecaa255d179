// Copies of a corrupt history file moved aside (issue 20): only the newest few per file are kept, on a real folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { KEPT_CORRUPT_COPIES, readCheckedJson } from '../../../../src/host/chat/checkedJson';

const isAnything = (raw: unknown): raw is { schemaVersion: number } => typeof raw === 'object' && raw !== null;

describe('readCheckedJson: corrupt copies', () => {
  let folder: string;
  let problems: string[];

  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'ask-llama-corrupt-'));
    problems = [];
  });

  afterEach(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  const copiesOf = async (name: string) =>
    (await fs.readdir(folder)).filter((n) => n.startsWith(`${name}.corrupt-`)).sort((a, b) => Number(a.split('-').pop()) - Number(b.split('-').pop()));

  /** Writes a file that cannot be parsed and reads it: it is moved aside. Returns the new copy's name. */
  const corruptAndRead = async (name: string, content = '{ not json') => {
    const before = new Set(await copiesOf(name));
    await fs.writeFile(path.join(folder, name), content);
    const outcome = await readCheckedJson(path.join(folder, name), isAnything, (m) => problems.push(m));
    assert.deepEqual(outcome, { ok: false, reason: 'corrupt' });
    const made = (await copiesOf(name)).filter((n) => !before.has(n));
    assert.equal(made.length, 1, 'one new copy moved aside');
    return made[0];
  };

  it(`keeps the newest ${KEPT_CORRUPT_COPIES} copies of a file, removing older ones as new ones are made`, async () => {
    const made: string[] = [];
    for (let i = 0; i < KEPT_CORRUPT_COPIES + 3; i++) made.push(await corruptAndRead('abc.json', `{ bad ${i}`));
    assert.deepEqual(await copiesOf('abc.json'), made.slice(-KEPT_CORRUPT_COPIES));
    // The copies kept hold what was moved aside, newest last.
    assert.equal(await fs.readFile(path.join(folder, made[made.length - 1]), 'utf8'), `{ bad ${made.length - 1}`);
    assert.equal(problems.length, made.length, 'each move is reported');
    assert.ok(!(await fs.readdir(folder)).includes('abc.json'));
  });

  it('leaves the copies of other files, and other names, alone', async () => {
    await fs.writeFile(path.join(folder, 'other.json.corrupt-1'), 'x');
    await fs.writeFile(path.join(folder, 'abc.json.corrupt-1-note'), 'x');
    await fs.writeFile(path.join(folder, 'xabc.json.corrupt-2'), 'x');
    for (let i = 0; i < KEPT_CORRUPT_COPIES + 1; i++) await corruptAndRead('abc.json');
    const names = await fs.readdir(folder);
    for (const kept of ['other.json.corrupt-1', 'abc.json.corrupt-1-note', 'xabc.json.corrupt-2']) assert.ok(names.includes(kept), kept);
    assert.equal((await copiesOf('abc.json')).filter((n) => /corrupt-\d+$/.test(n)).length, KEPT_CORRUPT_COPIES);
  });

  it('never removes the copy just made, even when older copies carry later times (a clock set back)', async () => {
    const future = Date.now() + 10 * 365 * 24 * 3600 * 1000;
    for (let i = 0; i < KEPT_CORRUPT_COPIES + 1; i++) await fs.writeFile(path.join(folder, `abc.json.corrupt-${future + i}`), 'old');
    const made = await corruptAndRead('abc.json');
    const left = await copiesOf('abc.json');
    assert.ok(left.includes(made), 'the newest copy is kept');
    assert.equal(left.length, KEPT_CORRUPT_COPIES);
  });

  it('gives two copies made in one millisecond different names', async () => {
    const first = await corruptAndRead('abc.json', 'one');
    const second = await corruptAndRead('abc.json', 'two');
    assert.notEqual(first, second);
    assert.equal(await fs.readFile(path.join(folder, first), 'utf8'), 'one');
  });
});
