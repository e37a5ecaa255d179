// Finds where a code block from an answer belongs in a file when nothing says so: the declaration in the file with the
// same name and kind as the block's first declaration (function, class, method, def, …), and the lines it spans.
// Pure and heuristic on purpose: the result is only ever proposed through a diff the user accepts.

export interface LineRegion {
  /** 0-based, inclusive. */
  startLine: number;
  endLine: number;
  /** The declared name that matched. */
  name: string;
}

/** Declarations, each with the name in group 1; tried in order on the block's first lines. */
const DECLARATIONS: readonly RegExp[] = [
  /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*[<(]/,
  /^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/,
  /^\s*(?:export\s+)?(?:interface|enum|struct|trait|impl|type)\s+([A-Za-z_$][\w$]*)/,
  /^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/,
  /^\s*(?:pub(?:\([\w\s]+\))?\s+)?(?:async\s+)?fn\s+([A-Za-z_]\w*)/,
  /^\s*func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*\(/,
  /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=/,
  // A method: modifiers, a name, a parameter list, then a body or a return type.
  /^\s*(?:(?:public|private|protected|static|async|override|readonly|get|set)\s+)*([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*(?::[^{]+)?\{\s*$/,
];

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'else', 'do', 'with']);

/** The first declaration in the block: the name and the pattern that found it. */
export function declaredName(code: string): { name: string; pattern: RegExp } | undefined {
  const lines = code.replace(/\r\n?/g, '\n').split('\n').slice(0, 20);
  for (const line of lines) {
    if (/^\s*(?:\/\/|#|\*|\/\*|@)/.test(line) || !line.trim()) continue;
    for (const pattern of DECLARATIONS) {
      const name = pattern.exec(line)?.[1];
      if (name && !KEYWORDS.has(name)) return { name, pattern };
    }
    // Only the first code line may declare: a name used further down is not what the block is.
    return undefined;
  }
  return undefined;
}

/** The region of `fileText` that declares the same name as `code` does, or undefined. */
export function findBestMatch(fileText: string, code: string): LineRegion | undefined {
  const declared = declaredName(code);
  if (!declared) return undefined;
  const lines = fileText.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (declared.pattern.exec(lines[i])?.[1] !== declared.name) continue;
    return { startLine: i, endLine: declarationEnd(lines, i), name: declared.name };
  }
  return undefined;
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
    if (!opened && i === start && !/[{(,=]\s*$/.test(lines[i])) {
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
