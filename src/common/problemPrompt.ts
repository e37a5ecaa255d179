// What "Fix with Llama" asks: the problems (severity, message, code, source, line) and which lines of code come with
// them. Pure, so the wording and the context window around the problems are unit-tested.

export interface ProblemInfo {
  severity: 'error' | 'warning';
  message: string;
  /** The diagnostic's code, e.g. 2322 or "no-unused-vars", when it has one. */
  code?: string;
  /** Who reported it, e.g. "ts" or "eslint". */
  source?: string;
  /** 1-based lines the problem covers. */
  startLine: number;
  endLine: number;
}

/** Lines of code sent on each side of the problems, so the model sees the surrounding declarations. */
export const PROBLEM_CONTEXT_LINES = 8;

/** 1-based lines to send: the problems' lines and the context around them, within the document. */
export function problemLines(problems: readonly ProblemInfo[], lineCount: number, context = PROBLEM_CONTEXT_LINES): { startLine: number; endLine: number } {
  const first = Math.min(...problems.map((p) => p.startLine));
  const last = Math.max(...problems.map((p) => p.endLine));
  return { startLine: Math.max(1, first - context), endLine: Math.min(lineCount, last + context) };
}

/** One line per problem: "error at line 3 (ts 2322): Type 'string' is not assignable to type 'number'." */
export function describeProblem(problem: ProblemInfo): string {
  const where = problem.startLine === problem.endLine ? `line ${problem.startLine}` : `lines ${problem.startLine}-${problem.endLine}`;
  const origin = [problem.source, problem.code].filter((part) => part !== undefined && part !== '').join(' ');
  const message = problem.message.replace(/\s+/g, ' ').trim().slice(0, 1000);
  return `${problem.severity} at ${where}${origin ? ` (${origin})` : ''}: ${message}`;
}

/** The question shown in the chat and sent with the code of lines `startLine`–`endLine`. */
export function fixQuestion(problems: readonly ProblemInfo[], startLine: number, endLine: number): string {
  const list = problems.map((p) => `- ${describeProblem(p)}`).join('\n');
  return (
    `Fix ${problems.length === 1 ? 'this problem' : 'these problems'} reported in the code below:\n${list}\n\n` +
    `Explain the cause briefly, then give the corrected version of lines ${startLine}-${endLine} in one code block ` +
    `(all of those lines, so it can replace them).`
  );
}
