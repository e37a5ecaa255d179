// Takes the code out of a model's reply that was asked for code only. Models often wrap it in a Markdown fence
// anyway, sometimes with a sentence before or after; the rewrite applied to a file must be the code and nothing else.
// Works on partial replies too (a fence that has opened but not yet closed), so a streaming preview shows code only.
//
// Where the block ends follows CommonMark (a closing fence is a line of the opening's character, at least as long, with
// nothing after it), so a rewrite that contains shorter fences, like ``` inside ````, keeps them (prompt.ts sends code
// the same way, with a fence longer than any inside). One rule goes beyond CommonMark, because models often use ``` for
// both the outer block and the blocks inside it (a Markdown file with a ```sh example): a fence line WITH an info
// string (```sh) inside the block can never close it, so it is taken as the opening of a nested block, and the next
// bare fence at least as long closes that nested block rather than the outer one. Strict CommonMark would end the outer
// block at that bare fence and cut the rewrite there. What this cannot tell apart is a nested block opened by a bare
// fence (no info string): that line closes the outer block, as in CommonMark; the edit prompt asks for a longer fence.

/** A fence line: 3+ backticks or tildes, an optional info string, nothing else (group 1 the marker, 2 the info). */
const FENCE_LINE = /^[ \t]{0,3}(`{3,}|~{3,})([^`\n]*)$/;
/** While streaming, the last line may be the start of a fence line that has not fully arrived. */
const PARTIAL_FENCE = /^[ \t]{0,3}[`~]+[ \t]*$/;

export interface ExtractedCode {
  code: string;
  /** True when a fence opened and its closing line has arrived (or there was no fence at all and the reply is final). */
  closed: boolean;
}

interface Fence {
  char: string;
  length: number;
  /** The info string (a language): a fence with one can only open a block, never close one. */
  info: string;
}

function fenceOf(line: string): Fence | undefined {
  const match = FENCE_LINE.exec(line);
  return match ? { char: match[1][0], length: match[1].length, info: match[2].trim() } : undefined;
}

/**
 * The code in `reply`: the body of the first fenced block when there is one, else the reply itself. A fence is only
 * recognised at the start of a line; see the top of the file for where the block ends. `final`: the whole reply has
 * arrived, so its last line is complete (while streaming, a last line that may be a fence still arriving is held back).
 */
export function extractCode(reply: string, options: { final?: boolean } = {}): ExtractedCode {
  const lines = reply.replace(/\r\n?/g, '\n').split('\n');
  // While streaming, the last line has no line break after it yet: it may be a fence that is still arriving (`` that
  // becomes ``` that becomes ```sh), so it neither opens, closes nor shows.
  const pending = !options.final && PARTIAL_FENCE.test(lines[lines.length - 1]) ? lines.pop() : undefined;
  const open = lines.findIndex((line) => FENCE_LINE.test(line));
  if (open < 0) return { code: lines.join('\n').replace(/^\n+/, ''), closed: pending === undefined };
  const outer = fenceOf(lines[open])!;
  /** The lengths of the nested blocks open inside the outer one (same character, opened with an info string). */
  const nested: number[] = [];
  const body: string[] = [];
  for (let i = open + 1; i < lines.length; i++) {
    const fence = fenceOf(lines[i]);
    if (fence && fence.char === outer.char && fence.length >= outer.length) {
      if (fence.info) nested.push(fence.length);
      else if (!nested.length) return { code: body.join('\n'), closed: true };
      else if (fence.length >= nested[nested.length - 1]) nested.pop();
    }
    body.push(lines[i]);
  }
  // Still open: the outer block, or a block nested in it, has not closed yet.
  return { code: body.join('\n'), closed: false };
}

/** Gives `code` the same trailing line break as `original` (a whole-line selection keeps ending in a newline). */
export function matchTrailingNewline(code: string, original: string): string {
  const trimmed = code.replace(/\n+$/, '');
  return original.endsWith('\n') ? trimmed + '\n' : trimmed;
}
