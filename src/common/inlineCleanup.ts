// Cleans a model's suggestion before it becomes ghost text: what the editor already has after the cursor is not
// suggested again, a suggestion spans several lines only where a block can start, and it is written in the file's
// style. Pure, so every rule is a unit test; the host passes the cursor's surroundings.
import { inFileStyle, type TextStyle } from './textStyle';

export interface CleanupContext {
  /** The cursor's line up to the cursor. */
  linePrefix: string;
  /** The document after the cursor (at least its next few lines). */
  suffix: string;
  style: TextStyle;
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);

/** The suggestion to show, or '' for none. */
export function cleanSuggestion(raw: string, context: CleanupContext): string {
  const suffix = context.suffix.replace(/\r\n?/g, '\n');
  const lineRest = suffix.split('\n', 1)[0];
  let text = raw.replace(/\r\n?/g, '\n');
  // Multi-line only at a block boundary: the cursor ends its line. Mid-line, a second line would push the rest of the
  // line down under new code.
  if (lineRest.trim() !== '') text = text.split('\n', 1)[0];
  text = withoutRepeatedSuffixLines(text, suffix, context.linePrefix.trim() === '');
  text = trimTrailingWhitespace(text);
  text = withoutLineRestOverlap(text, lineRest.trimStart());
  text = trimTrailingWhitespace(text);
  if (text.trim() === '') return '';
  const newline = text.indexOf('\n');
  if (newline < 0) return text;
  // The first line continues the cursor's line as it is; the lines below take the file's indentation and line ends.
  return text.slice(0, newline) + inFileStyle(text.slice(newline), context.style);
}

function trimTrailingWhitespace(text: string): string {
  return text.replace(/[ \t]+$/gm, '').replace(/\s+$/, '');
}

/**
 * Models that write a block often go on to write the line that already follows it (the closing `}`, the next
 * statement). A suggestion line equal to the suffix's first line ends the suggestion there when that line says
 * something (a statement); a line of brackets only is dropped only at the suggestion's end, since a `}` inside the
 * suggestion usually closes a block the suggestion itself opened.
 */
function withoutRepeatedSuffixLines(text: string, suffix: string, onBlankLine: boolean): string {
  const suffixLines = suffix.split('\n').slice(1).map((line) => line.trim()).filter((line) => line !== '');
  const firstSuffixLine = suffix.split('\n', 1)[0].trim() === '' ? suffixLines[0] : undefined;
  if (firstSuffixLine === undefined) return text;
  const lines = text.split('\n');
  if (/\w/.test(firstSuffixLine) && firstSuffixLine.length >= 4) {
    // On a blank line the first line stands alone, so it may be the repeat too; after code it continues that code.
    const repeatAt = lines.findIndex((line, index) => (index > 0 || onBlankLine) && line.trim() === firstSuffixLine);
    if (repeatAt >= 0) return lines.slice(0, repeatAt).join('\n');
  }
  // Trailing lines that repeat the suffix's first lines, in order, unless they close what the suggestion opened.
  const unmatched = unmatchedClosers(text);
  for (let count = Math.min(lines.length - 1, suffixLines.length); count > 0; count--) {
    const tail = lines.slice(lines.length - count).map((line) => line.trim());
    if (!tail.every((line, index) => line === suffixLines[index])) continue;
    const kept = lines.slice(0, lines.length - count).join('\n');
    const closesOwn = [...text.slice(kept.length)].some((ch, index) => CLOSERS.has(ch) && !unmatched.has(kept.length + index));
    if (!closesOwn) return kept;
  }
  return text;
}

/**
 * The rest of the cursor's line is already there: a suggestion that ends by writing it again (all of it, or the
 * brackets and punctuation it starts with) has that part removed. A closer is removed only when the suggestion did not
 * open it itself: `f(x)` before `)` keeps its own `)`; `a, b)` before `)` loses the one the line already closes.
 */
function withoutLineRestOverlap(text: string, restHead: string): string {
  if (restHead === '') return text;
  const rest = restHead.trimEnd();
  if (text.length > rest.length && text.endsWith(rest) && rest.length >= 2) return text.slice(0, text.length - rest.length);
  const unmatched = unmatchedClosers(text);
  for (let length = Math.min(rest.length, text.length); length > 0; length--) {
    const overlap = rest.slice(0, length);
    if (!/^[)\]}\s;,]+$/.test(overlap) || !text.endsWith(overlap)) continue;
    const start = text.length - length;
    const closersOwn = [...overlap].every((ch, index) => !CLOSERS.has(ch) || unmatched.has(start + index));
    if (closersOwn) return text.slice(0, start);
  }
  return text;
}

/** Positions of closing brackets with no opening bracket before them in the same text (strings are not parsed). */
function unmatchedClosers(text: string): Set<number> {
  const open: string[] = [];
  const unmatched = new Set<number>();
  for (let index = 0; index < text.length; index++) {
    const ch = text[index];
    if (ch in OPENERS) open.push(OPENERS[ch]);
    else if (CLOSERS.has(ch)) {
      if (open.length > 0 && open[open.length - 1] === ch) open.pop();
      else unmatched.add(index);
    }
  }
  return unmatched;
}
