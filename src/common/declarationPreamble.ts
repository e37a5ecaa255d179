// What sits directly above a declaration and belongs to it: doc comments (`/** */`, `///`), a block of `//` or `#`
// comments, decorators (`@Component({...})`, `@app.route("/")`, Java annotations), Rust `#[attr]` and C# `[Attr]`
// lines. Apply without a range (bestMatch.ts) replaces them too when the answer's block has its own, so they are not
// left above the new copy and duplicated. Python docstrings are inside the body and need nothing here. Pure.

/** A one-line comment, or a line of a block comment (`/*`, ` * `, `*\/`). `#[` is an attribute, not a comment. */
const COMMENT = /^\s*(?:\/\/|#(?!\[)|\/\*|\*)/;
/** A whole decorator or attribute line: `@name`, `@a.b(...)`, `#[derive(Debug)]`, `[HttpGet("x")]`, `[A, B(1)]`. */
const ANNOTATION =
  /^\s*(?:@[\w$.]+(?:\s*\(.*\))?|#\[.*\]|\[[A-Za-z_][\w.]*(?:\(.*\))?(?:\s*,\s*[A-Za-z_][\w.]*(?:\(.*\))?)*\])\s*$/;
/** The first line of one whose arguments go on over the next lines: `@Component({`, `#[cfg(all(`. */
const ANNOTATION_START = /^\s*(?:@[\w$.]+\s*\(|#\[|\[[A-Za-z_][\w.]*\()/;

function isAnnotation(line: string): boolean {
  return ANNOTATION.test(line);
}

function startsMultiLineAnnotation(line: string): boolean {
  return ANNOTATION_START.test(line) && netClosing(line) < 0;
}

/** How many more brackets `line` closes than it opens (strings are not parsed: decorator arguments rarely need it). */
function netClosing(line: string): number {
  let net = 0;
  for (const ch of line) {
    if (ch === '(' || ch === '[' || ch === '{') net--;
    else if (ch === ')' || ch === ']' || ch === '}') net++;
  }
  return net;
}

/**
 * Where the declaration of a code block starts: the index of its first line that is neither blank nor part of a
 * comment or decorator before it, and whether there was such a preamble.
 */
export function skipPreamble(lines: readonly string[]): { index: number; hasPreamble: boolean } {
  let hasPreamble = false;
  let inBlockComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (inBlockComment) {
      inBlockComment = !line.includes('*/');
      continue;
    }
    if (!line.trim()) continue;
    if (COMMENT.test(line)) {
      hasPreamble = true;
      inBlockComment = /^\s*\/\*/.test(line) && !line.includes('*/');
      continue;
    }
    if (!isAnnotation(line) && !startsMultiLineAnnotation(line)) return { index: i, hasPreamble };
    hasPreamble = true;
    // A decorator whose arguments span lines: skip to the line that balances its brackets.
    let open = -netClosing(line);
    while (open > 0 && i + 1 < lines.length) open -= netClosing(lines[++i]);
  }
  return { index: lines.length, hasPreamble };
}

/**
 * The first line of the preamble directly above the declaration at `declaration` in a file (no blank line between),
 * or `declaration` itself when there is none.
 */
export function preambleStart(lines: readonly string[], declaration: number): number {
  let start = declaration;
  let i = declaration - 1;
  while (i >= 0 && lines[i].trim()) {
    const line = lines[i];
    if (/\*\/\s*$/.test(line) && !/^\s*\/\//.test(line)) {
      // The end of a block comment: its first line is the nearest one above that opens it.
      let first = i;
      while (first >= 0 && !lines[first].includes('/*')) first--;
      if (first < 0) break;
      start = i = first;
    } else if (COMMENT.test(line) || isAnnotation(line)) {
      start = i;
    } else if (netClosing(line) > 0) {
      // The last line of a decorator whose arguments span lines, e.g. `})` under `@Component({`.
      let first = i;
      let closing = netClosing(line);
      while (closing > 0 && first > 0) closing += netClosing(lines[--first]);
      if (closing !== 0 || !startsMultiLineAnnotation(lines[first])) break;
      start = i = first;
    } else {
      break;
    }
    i--;
  }
  return start;
}
