import * as assert from 'node:assert/strict';
import { attachedTokens, fileChipLabel, fitFile } from '../../../src/common/fileAttachments';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `const line${i} = ${i};`).join('\n');

describe('fileAttachments', () => {
  it('attaches a small file whole', () => {
    const file = fitFile('a.ts', 'typescript', lines(3), 1000, []);
    assert.deepEqual(file && { end: file.endLine, cut: file.truncatedTo }, { end: 3, cut: undefined });
  });

  it('gives a later file only what the earlier files left, as its first lines', () => {
    const first = fitFile('a.ts', 'typescript', lines(40), 600, []);
    assert.ok(first && !first.truncatedTo, 'the first file fits whole');
    const second = fitFile('b.ts', 'typescript', lines(200), 600, [first]);
    assert.ok(second?.truncatedTo, 'the second file is cut');
    assert.ok(second.truncatedTo.endLine < 200 && second.truncatedTo.endLine > 0);
    assert.equal(second.code.split('\n').length, second.truncatedTo.endLine);
    assert.ok(attachedTokens([first, second]) <= 600, 'together they stay in the budget');
  });

  it('refuses a file when nothing is left', () => {
    const first = fitFile('a.ts', 'typescript', lines(200), 300, []);
    assert.ok(first?.truncatedTo);
    assert.equal(fitFile('b.ts', 'typescript', lines(5), 300, [first]), undefined);
    assert.equal(fitFile('c.ts', 'typescript', 'x', 300, [first]), undefined, 'not even a one-line file slips in after a cut');
  });

  it('labels a cut file with the lines kept', () => {
    assert.equal(fileChipLabel({ fileName: 'p.ts', endLine: 900, truncatedTo: { startLine: 1, endLine: 420 } }), 'p.ts (lines 1–420 of 900)');
    assert.equal(fileChipLabel({ fileName: 'p.ts', endLine: 900 }), 'p.ts');
  });
});
