// How much work the page may spend re-rendering one open block, so that no frame blocks the page however the model
// writes. The cost of lexing, building and laying out a block grows with its length and, far faster, with its
// markup: 4 KB of `**_*` makes thousands of elements where 4 KB of prose makes one text node. So a block's cost is
// estimated as its length plus MARKUP_WEIGHT per markup character, in "work units" (measured in Chromium: about
// 0.1–1.5 µs of script and layout per unit, the worst shapes being code spans and table cells).

/** Extra work units per character that can start or end an inline construct. */
export const MARKUP_WEIGHT = 8;
/**
 * An open block estimated above this is re-rendered only after its estimate has grown by GROWTH_FRACTION since its
 * last render (text that arrives in between is shown plain at its end), so the renders of one block cost a
 * geometric series: linear in its length, however it grows.
 */
export const DEFER_ABOVE_WORK = 2 * 1024;
export const GROWTH_FRACTION = 1 / 4;
/**
 * A block estimated above this (about 6 KB of prose, under 1 KB of pure markup) is not rendered as markdown at all
 * but shown as the plain text it is, up to its next blank line: a single render of it could block the page for
 * longer than a frame budget allows. Fenced code is exempt (it costs no inline parsing).
 */
export const PLAIN_ABOVE_WORK = 8 * 1024;
/** Streamed or saved text is painted this many characters at a time at most, so one step's work stays bounded. */
export const PAINT_PIECE_CHARS = 2048;

const MARKUP = /[*_~`[\]()<>!\\&|]/g;

/** The estimated render cost of `text`, in work units. */
export function renderWork(text: string): number {
  MARKUP.lastIndex = 0;
  let markup = 0;
  while (MARKUP.exec(text)) markup++;
  return text.length + MARKUP_WEIGHT * markup;
}

/** Whether `text` starts with a code fence ("```" or "~~~", up to three spaces in). */
export function isFenceStart(text: string): boolean {
  return /^ {0,3}(?:`{3}|~{3})/.test(text);
}

/** An open tail's estimated render cost. An open fence costs no inline parsing: its length is its cost. */
export function tailRenderWork(tail: string, tailWork: number): number {
  return isFenceStart(tail) ? tail.length : tailWork;
}

/**
 * Whether the tail's render may wait: it is large (`work`) and has not grown by GROWTH_FRACTION since its last
 * render (`renderedWork`). `added` is the text just appended to `tailBefore`, making `tail`.
 */
export function mayDeferRender(work: number, renderedWork: number, tail: string, tailBefore: string, added: string): boolean {
  if (work <= DEFER_ABOVE_WORK || work >= renderedWork * (1 + GROWTH_FRACTION)) return false;
  // A fence that may just have closed is rendered at once, so that what follows is not held inside the code block.
  return !(isFenceStart(tail) && /\n {0,3}(?:`{3}|~{3})/.test(tailBefore.slice(-6) + added));
}

/** Whether the tail's first block (up to its first blank line) is too costly to render as markdown. */
export function tooCostlyToRender(tail: string, work: number): boolean {
  if (work <= PLAIN_ABOVE_WORK || isFenceStart(tail)) return false;
  const blank = /\n[ \t]*\n/.exec(tail.replace(/^(?:[ \t]*\n)+/, ''));
  return !blank || renderWork(tail.slice(0, blank.index)) > PLAIN_ABOVE_WORK;
}
