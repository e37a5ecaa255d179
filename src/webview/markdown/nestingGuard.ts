// marked recurses once per nesting level and its inline emphasis search is superlinear in the number of open
// delimiters, so "> > > > …" or "*a *a *a …" a few thousand deep overflows the stack or stalls the page for seconds.
// Before lexing we neutralise nesting beyond what any honest answer uses, by inserting a backslash escape.
// Fenced code is never touched.

export const MAX_CONTAINER_MARKERS = 8;
export const MAX_MARKER_INDENT = 40;
export const MAX_DELIMITERS_PER_PARAGRAPH = 160;

export interface GuardedText {
  text: string;
  /** Offsets in `text` where a backslash was inserted, ascending. */
  inserted: number[];
}

const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const DELIMITER = /[*_~]/;

export function guardNesting(src: string): GuardedText {
  if (!needsGuard(src)) return { text: src, inserted: [] };
  const out: string[] = [];
  const inserted: number[] = [];
  let length = 0;
  let fence: string | undefined;
  let delimiters = 0;
  const emit = (piece: string) => {
    out.push(piece);
    length += piece.length;
  };
  const escape = () => {
    inserted.push(length);
    emit('\\');
  };

  for (const line of src.split(/(?<=\n)/)) {
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = undefined;
      emit(line);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      emit(line);
      continue;
    }
    if (line.trim() === '') delimiters = 0;
    let i = containerPrefixEnd(line, (at) => {
      emit(line.slice(0, at));
      escape();
    });
    if (i < 0) {
      // The callback already emitted the prefix and an escape; the rest of the line is emitted below.
      i = -i - 1;
    } else {
      emit(line.slice(0, i));
    }
    for (; i < line.length; i++) {
      const ch = line[i];
      if (DELIMITER.test(ch) && ++delimiters > MAX_DELIMITERS_PER_PARAGRAPH) escape();
      emit(ch);
    }
  }
  return { text: out.join(''), inserted };
}

/** Offset in the original source for an offset in the guarded text. */
export function toSourceOffset(guarded: GuardedText, offset: number): number {
  let before = 0;
  for (const at of guarded.inserted) {
    if (at >= offset) break;
    before++;
  }
  return offset - before;
}

const DEEP_MARKERS = /^(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])){9}/m;
const DEEP_INDENT = new RegExp(`^[ \\t]{${MAX_MARKER_INDENT},}(?:>|[-+*]|\\d{1,9}[.)])`, 'm');
const DELIMITERS = /[*_~]/g;

/** Cheap pre-check so ordinary answers skip the per-character pass. */
function needsGuard(src: string): boolean {
  if (DEEP_MARKERS.test(src) || DEEP_INDENT.test(src)) return true;
  if (src.length <= MAX_DELIMITERS_PER_PARAGRAPH) return false;
  DELIMITERS.lastIndex = 0;
  let delimiters = 0;
  while (DELIMITERS.exec(src)) if (++delimiters > MAX_DELIMITERS_PER_PARAGRAPH) return true;
  return false;
}

/**
 * Walks the line's leading block markers ("> ", "- ", "1. "). Returns where the prefix ends, or, when the prefix is
 * too deep, calls `cut(at)` for the marker to escape and returns -(at)-1.
 */
function containerPrefixEnd(line: string, cut: (at: number) => void): number {
  let i = 0;
  let markers = 0;
  for (;;) {
    let indent = 0;
    while (line[i + indent] === ' ' || line[i + indent] === '\t') indent++;
    const rest = line.slice(i + indent, i + indent + 11);
    const marker = /^(?:>|[-+*](?=[ \t]|$|\n)|\d{1,9}[.)](?=[ \t]|$|\n))/.exec(rest);
    if (!marker) return i;
    const at = i + indent;
    if (++markers > MAX_CONTAINER_MARKERS || indent > MAX_MARKER_INDENT) {
      // "\>" and "\-" are escapes; an ordered marker is escaped on its "." or ")" ("1\.").
      const escapeAt = /\d/.test(rest[0]) ? at + marker[0].length - 1 : at;
      cut(escapeAt);
      return -escapeAt - 1;
    }
    i = at + marker[0].length;
  }
}
