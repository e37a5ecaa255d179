import * as assert from 'assert';
import { describeProblem, fixQuestion, problemLines, type ProblemInfo } from '../../../src/common/problemPrompt';

const error: ProblemInfo = { severity: 'error', message: "Type 'string' is not\nassignable to type 'number'.", code: '2322', source: 'ts', startLine: 12, endLine: 12 };
const warning: ProblemInfo = { severity: 'warning', message: "'x' is unused.", startLine: 20, endLine: 21 };

describe('problemPrompt', () => {
  it('describes a problem with its severity, line, source and code, on one line', () => {
    assert.strictEqual(describeProblem(error), "error at line 12 (ts 2322): Type 'string' is not assignable to type 'number'.");
    assert.strictEqual(describeProblem(warning), "warning at lines 20-21: 'x' is unused.");
  });

  it('sends the problems’ lines with context, clamped to the document', () => {
    assert.deepStrictEqual(problemLines([error, warning], 100), { startLine: 4, endLine: 29 });
    assert.deepStrictEqual(problemLines([error], 14, 8), { startLine: 4, endLine: 14 });
    assert.deepStrictEqual(problemLines([{ ...error, startLine: 2, endLine: 2 }], 100, 8), { startLine: 1, endLine: 10 });
  });

  it('asks for the corrected lines as one replaceable block', () => {
    const question = fixQuestion([error, warning], 4, 29);
    assert.match(question, /^Fix these problems reported/);
    assert.match(question, /- error at line 12 \(ts 2322\)/);
    assert.match(question, /- warning at lines 20-21/);
    assert.match(question, /corrected version of lines 4-29 in one code block/);
    assert.match(fixQuestion([error], 4, 20), /^Fix this problem/);
  });
});
