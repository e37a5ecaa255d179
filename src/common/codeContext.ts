// Whether the cursor sits inside a string or a comment, read from the text before it: for the
// askLlama.inlineSuggest.inStringsAndComments setting (off: no suggestion request there). A small scanner per family
// of languages, not a parser. `prefix` must begin at a line start (the caller takes whole lines above the cursor): a
// block comment or string opened above it is not seen. A language it does not know answers false (never suppresses
// what it cannot read).

interface Syntax {
  line: string[];
  block?: [string, string];
  /** Quotes whose strings end at the line's end (unless escaped). */
  quotes: string[];
  /** Quotes whose strings run over lines. */
  multiline: string[];
  /** JavaScript's template literals: `${` goes back to code. */
  templates?: boolean;
}

const C_LIKE: Syntax = { line: ['//'], block: ['/*', '*/'], quotes: ['"', "'"], multiline: [] };
const SCRIPT: Syntax = { ...C_LIKE, multiline: ['`'], templates: true };
const HASH: Syntax = { line: ['#'], quotes: ['"', "'"], multiline: [] };
const PYTHON: Syntax = { line: ['#'], quotes: ['"', "'"], multiline: ['"""', "'''"] };
const DASH: Syntax = { line: ['--'], block: ['/*', '*/'], quotes: ["'", '"'], multiline: [] };

const SYNTAX: Record<string, Syntax> = {
  javascript: SCRIPT,
  javascriptreact: SCRIPT,
  typescript: SCRIPT,
  typescriptreact: SCRIPT,
  c: C_LIKE,
  cpp: C_LIKE,
  csharp: C_LIKE,
  java: C_LIKE,
  kotlin: C_LIKE,
  scala: C_LIKE,
  swift: C_LIKE,
  dart: C_LIKE,
  php: C_LIKE,
  jsonc: C_LIKE,
  go: { ...C_LIKE, multiline: ['`'] },
  // A Rust lifetime ('a) is no string: only double quotes.
  rust: { ...C_LIKE, quotes: ['"'] },
  css: { line: [], block: ['/*', '*/'], quotes: ['"', "'"], multiline: [] },
  scss: C_LIKE,
  less: C_LIKE,
  python: PYTHON,
  ruby: HASH,
  perl: HASH,
  r: HASH,
  shellscript: HASH,
  powershell: HASH,
  yaml: HASH,
  toml: HASH,
  dockerfile: HASH,
  makefile: HASH,
  elixir: HASH,
  sql: DASH,
  lua: { line: ['--'], quotes: ['"', "'"], multiline: [] },
  haskell: { line: ['--'], quotes: ['"'], multiline: [] },
};

type State = { kind: 'code' } | { kind: 'line' } | { kind: 'block' } | { kind: 'string'; quote: string };

export function inStringOrComment(prefix: string, languageId: string): boolean {
  const syntax = SYNTAX[languageId];
  if (!syntax) return false;
  const text = prefix;
  let state: State = { kind: 'code' };
  /** Open `${` of template literals: the brace depth inside each, to know which `}` goes back to the string. */
  const templates: number[] = [];
  const at = (i: number, token: string) => text.startsWith(token, i);
  for (let i = 0; i < text.length; ) {
    const char = text[i];
    if (state.kind === 'line') {
      if (char === '\n') state = { kind: 'code' };
      i++;
    } else if (state.kind === 'block') {
      if (syntax.block && at(i, syntax.block[1])) {
        state = { kind: 'code' };
        i += syntax.block[1].length;
      } else i++;
    } else if (state.kind === 'string') {
      const { quote } = state;
      if (char === '\\') i += 2;
      else if (at(i, quote)) {
        state = { kind: 'code' };
        i += quote.length;
      } else if (syntax.templates && quote === '`' && at(i, '${')) {
        templates.push(0);
        state = { kind: 'code' };
        i += 2;
      } else if (char === '\n' && !syntax.multiline.includes(quote)) {
        state = { kind: 'code' }; // an unclosed one-line string ends with its line
        i++;
      } else i++;
    } else {
      const comment = syntax.line.find((token) => at(i, token));
      const quote = [...syntax.multiline, ...syntax.quotes].find((token) => at(i, token));
      if (comment) {
        state = { kind: 'line' };
        i += comment.length;
      } else if (syntax.block && at(i, syntax.block[0])) {
        state = { kind: 'block' };
        i += syntax.block[0].length;
      } else if (quote) {
        state = { kind: 'string', quote };
        i += quote.length;
      } else {
        if (templates.length > 0 && char === '{') templates[templates.length - 1]++;
        else if (templates.length > 0 && char === '}') {
          if (templates[templates.length - 1] === 0) {
            templates.pop();
            state = { kind: 'string', quote: '`' };
          } else templates[templates.length - 1]--;
        }
        i++;
      }
    }
  }
  return state.kind !== 'code';
}
