// Finds where a code block from an answer belongs in a file when nothing says so: the declaration in the file with the
// same name and kind as the block's first declaration (function, class, method, def, …), and the lines it spans.
// Pure and heuristic on purpose: the result is only ever proposed through a diff the user accepts. When the block
// brings its own doc comment or decorators, the region takes in the file's (declarationPreamble.ts), so they are
// replaced rather than duplicated. When the name is declared more than once (two classes' `__init__`), a same-named
// declaration with the block's signature is preferred; if that does not settle it, there is no guess: the result is
// ambiguous and the host asks for a selection.
import { preambleStart, skipPreamble } from './declarationPreamble';

export interface LineRegion {
  /** 0-based, inclusive. */
  startLine: number;
  endLine: number;
  /** The declared name that matched. */
  name: string;
}

/** The block's name is declared several times in the file and nothing tells which one it is. */
export interface AmbiguousMatch {
  ambiguous: true;
  name: string;
  /** 0-based lines of the declarations. */
  startLines: number[];
}

/** Declarations, each with the name in group 1; tried in order on the block's first lines. */
const DECLARATIONS: readonly RegExp[] = [
  /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*[<(]/,
  /^\s*(?:(?:export|default|abstract|public|private|protected|internal|static|sealed|partial|final)\s+)*class\s+([A-Za-z_$][\w$]*)/,
  /^\s*(?:export\s+|pub(?:\([\w\s]+\))?\s+|(?:public|internal|private)\s+)?(?:interface|enum|struct|trait|impl|type)\s+([A-Za-z_$][\w$]*)/,
  /^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/,
  /^\s*(?:pub(?:\([\w\s]+\))?\s+)?(?:async\s+)?fn\s+([A-Za-z_]\w*)/,
  /^\s*func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*\(/,
  /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=/,
  // A C#/Java method: at least one modifier, a return type, the name and its parameters (the brace may come later).
  /^\s*(?:(?:public|private|protected|internal|static|virtual|override|async|sealed|abstract|extern|unsafe|final|synchronized)\s+)+(?:[\w<>[\],.?]+\s+)+?([A-Za-z_]\w*)\s*\(/,
  // A method: modifiers, a name, a parameter list, then a body or a return type.
  /^\s*(?:(?:public|private|protected|static|async|override|readonly|get|set)\s+)*([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*(?::[^{]+)?\{\s*$/,
];

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'else', 'do', 'with']);

/** The first declaration in the block: the name, the pattern that found it, its line, and whether a preamble came first. */
export function declaredName(code: string): { name: string; pattern: RegExp; line: string; hasPreamble: boolean } | undefined {
  const lines = code.replace(/\r\n?/g, '\n').split('\n');
  const { index, hasPreamble } = skipPreamble(lines);
  // Only the first code line may declare: a name used further down is not what the block is.
  const line = lines[index];
  if (line === undefined) return undefined;
  for (const pattern of DECLARATIONS) {
    const name = pattern.exec(line)?.[1];
    if (name && !KEYWORDS.has(name)) return { name, pattern, line, hasPreamble };
  }
  return undefined;
}

/** A declaration line with what does not change its meaning removed: `export`, spacing, the opening `{` or `:`. */
function signature(line: string): string {
  return line
    .trim()
    .replace(/^export\s+(?:default\s+)?/, '')
    .replace(/\s*[{:]?\s*$/, '')
    .replace(/\s*([(),:<>=[\]])\s*/g, '$1')
    .replace(/\s+/g, ' ');
}

/**
 * The region of `fileText` that declares the same name as `code` does (with its doc comment and decorators when the
 * block has its own), ambiguous when the name is declared more than once and no single one has the block's signature,
 * or undefined when nothing matches.
 */
export function findBestMatch(fileText: string, code: string): LineRegion | AmbiguousMatch | undefined {
  const declared = declaredName(code);
  if (!declared) return undefined;
  const lines = fileText.replace(/\r\n?/g, '\n').split('\n');
  const candidates = lines.flatMap((line, i) => (declared.pattern.exec(line)?.[1] === declared.name ? [i] : []));
  if (!candidates.length) return undefined;
  let chosen = candidates;
  if (chosen.length > 1) {
    const wanted = signature(declared.line);
    chosen = candidates.filter((i) => signature(lines[i]) === wanted);
  }
  if (chosen.length !== 1) return { ambiguous: true, name: declared.name, startLines: candidates };
  const start = chosen[0];
  return { startLine: declared.hasPreamble ? preambleStart(lines, start) : start, endLine: declarationEnd(lines, start), name: declared.name };
}

/** The last line of the declaration starting at `start`: its braces balanced, or its indented block (Python). */
export function declarationEnd(lines: readonly string[], start: number): number {
  let depth = 0;
  let opened = false;
  const scanner = new BraceScanner();
  for (let i = start; i < lines.length; i++) {
    for (const delta of scanner.braces(lines[i])) {
      depth += delta;
      if (delta > 0) opened = true;
      if (opened && depth <= 0) return i;
    }
    // A declaration line that ends without an opening brace: a one-line statement, or an indentation block.
    // (A brace on the next line, as C# and Java write it, opens the body.)
    if (!opened && i === start && !/[{(,=]\s*$/.test(lines[i]) && !/^\s*\{/.test(lines[i + 1] ?? '')) {
      return /:\s*(?:#.*)?$/.test(lines[i]) ? indentedBlockEnd(lines, start) : start;
    }
    if (!opened && i > start + 5) return start;
  }
  return opened ? lines.length - 1 : start;
}

function indentedBlockEnd(lines: readonly string[], start: number): number {
  const indent = leadingWidth(lines[start]);
  let last = start;
  for (let i = start + 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    if (leadingWidth(lines[i]) <= indent) break;
    last = i;
  }
  return last;
}

function leadingWidth(line: string): number {
  return /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
}

/** Braces outside strings and comments, line by line (a block comment or template string may span lines). */
class BraceScanner {
  private inBlockComment = false;
  private inTemplate = false;

  *braces(line: string): Generator<number> {
    let quote: string | undefined = this.inTemplate ? '`' : undefined;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (this.inBlockComment) {
        if (ch === '*' && line[i + 1] === '/') {
          this.inBlockComment = false;
          i++;
        }
        continue;
      }
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = undefined;
        continue;
      }
      if (ch === '/' && line[i + 1] === '/') break;
      if (ch === '/' && line[i + 1] === '*') {
        this.inBlockComment = true;
        i++;
      } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
      else if (ch === '{') yield 1;
      else if (ch === '}') yield -1;
    }
    this.inTemplate = quote === '`';
  }
}
