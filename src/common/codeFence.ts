// Takes the code out of a model's reply that was asked for code only. Models often wrap it in a Markdown fence
// anyway, sometimes with a sentence before or after; the rewrite applied to a file must be the code and nothing else.
// Works on partial replies too (a fence that has opened but not yet closed), so a streaming preview shows code only.

/** A fence line: 3+ backticks or tildes, an optional info string, nothing else. */
const OPENING_FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[^`\n]*$/;

export interface ExtractedCode {
  code: string;
  /** True when a fence opened and its closing line has arrived (or there was no fence at all and the reply is final). */
  closed: boolean;
}

/**
 * The code in `reply`: the body of the first fenced block when there is one, else the reply itself. A fence is only
 * recognised at the start of a line; the closing fence must use the same character and be at least as long.
 */
export function extractCode(reply: string): ExtractedCode {
  const lines = reply.replace(/\r\n?/g, '\n').split('\n');
  const open = lines.findIndex((line) => OPENING_FENCE.test(line));
  if (open < 0) return { code: reply.replace(/\r\n?/g, '\n').replace(/^\n+/, ''), closed: true };
  const marker = OPENING_FENCE.exec(lines[open])![1];
  const closing = new RegExp(`^[ \\t]{0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
  const body: string[] = [];
  for (let i = open + 1; i < lines.length; i++) {
    if (closing.test(lines[i])) return { code: body.join('\n'), closed: true };
    body.push(lines[i]);
  }
  // Still open: while streaming, the last line may be the start of the closing fence; do not show it as code.
  const last = body[body.length - 1];
  if (last !== undefined && /^[ \t]{0,3}[`~]{1,}[ \t]*$/.test(last)) body.pop();
  return { code: body.join('\n'), closed: false };
}

/** Gives `code` the same trailing line break as `original` (a whole-line selection keeps ending in a newline). */
export function matchTrailingNewline(code: string, original: string): string {
  const trimmed = code.replace(/\n+$/, '');
  return original.endsWith('\n') ? trimmed + '\n' : trimmed;
}
