// The streaming fast path. Most deltas are a few letters added to the text at the end of an open paragraph, list
// item or code block. When the added text cannot change how markdown reads what came before (no newline, no
// markdown punctuation, the line's start already settled), it is appended to the last text node directly, without
// lexing the open block again; anything else falls back to a full re-lex of the tail. The next full re-lex patches
// these nodes like any others, so the end result is always the lexer's.
import { keyOfLeaf, type RenderContext, type Rendered } from './tokenTree';

/**
 * Text that cannot complete an inline construct: no newline and none of the characters that close one (a code
 * span's backtick, emphasis, a link's ")" or "]", an autolink's ">", an entity's ";"). Opening characters are fine:
 * until something closes them they are plain text to markdown too. (A bare URL becomes a link only at the next
 * full lex, a frame or a line later.)
 */
const NOTHING_CLOSES = /^[^\n`*_~)\]>;\\]+$/;
const EMPHASIS_RUN = /[*_~]+/g;
/** A list, quote or heading marker followed by content: the line's block type is known. */
const MARKER_WITH_CONTENT = /^ {0,3}(?:[-+*]|\d{1,9}[.)]|#{1,6}|>)[ \t]+\S/;
/** A start no block marker can have: a letter, digits then a letter, or inline punctuation hugging a word. */
const PLAIN_START = /^ {0,3}(?:[A-Za-z]|\d+[A-Za-z]|\*\*?[A-Za-z0-9`]|__?[A-Za-z0-9]|`[^`\s]|\[[^\]\s])/;
const INLINE_PATH = new Set(['p', 'li', 'ul', 'ol', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const FENCE_OPENER = /^(?:`{3,}[^\n`]*|~{3,}[^\n]*)\n/;
const FENCE_LIKE_LINE = /(?:^|\n) {0,3}[`~]/;

/** What the previous fast append left at the very end of the source, so the next one can skip its checks. */
export interface FastAppendMemo {
  leaf?: Rendered;
}

/**
 * Tries to paint `added` (just appended to the source, whose open tail was `tailBefore`) without lexing.
 * Returns false when the caller must re-lex the tail.
 */
export function tryFastAppend(ctx: RenderContext, memo: FastAppendMemo, open: Rendered[], tailBefore: string, added: string): boolean {
  const endLeaf = memo.leaf;
  memo.leaf = undefined;
  const last = open[open.length - 1];
  if (!last || added === '') return false;
  // A line break alone, or the bare marker of the next list item or heading, shows nothing yet (the lexer drops a
  // block's final newline; an item without text is empty): wait for the text that follows it.
  if (!last.code && (/^\n+$/.test(added) || startsBareMarkerLine(tailBefore, added))) return true;
  if (last.code) return open.length === 1 && appendToOpenFence(ctx, last, tailBefore, added);
  if (endLeaf && NOTHING_CLOSES.test(added)) {
    // The last append ended in this text node and nothing since: its line is settled and it ends the source.
    appendToLeaf(ctx, endLeaf, added);
    memo.leaf = endLeaf;
    return true;
  }
  const leaf = appendToLastText(ctx, last, tailBefore, added);
  memo.leaf = leaf;
  return leaf !== undefined;
}

function appendToOpenFence(ctx: RenderContext, block: Rendered, tailBefore: string, added: string): boolean {
  const code = block.code!;
  const opener = FENCE_OPENER.exec(tailBefore);
  if (code.highlighted || !code.openFence || !opener) return false;
  const lineStart = tailBefore.lastIndexOf('\n') + 1;
  // Any line the new text touches that could be (or become) a closing fence needs the lexer.
  const touched = (lineStart >= opener[0].length ? tailBefore.slice(lineStart) : '') + added;
  if (FENCE_LIKE_LINE.test(touched)) return false;
  // The lexer shows an open fence's content without its final newline: hold a trailing newline back.
  const heldNewline = tailBefore.length > opener[0].length && tailBefore.endsWith('\n');
  let more = (heldNewline ? '\n' : '') + added;
  if (more.endsWith('\n')) more = more.slice(0, -1);
  code.parts.text.append(more);
  code.text += more;
  ctx.stats.renderedChars += more.length;
  return true;
}

function appendToLeaf(ctx: RenderContext, leaf: Rendered, added: string): void {
  (leaf.node as Text).appendData(added);
  leaf.text += added;
  leaf.key += added;
  ctx.stats.renderedChars += added.length;
}

function startsBareMarkerLine(tailBefore: string, added: string): boolean {
  if (added.includes('\n') || !tailBefore.endsWith('\n')) return false;
  return /^(?:[-+*>]|#{1,6}|\d{1,9}[.)]?)$/.test(added);
}

/** Appends to (or after) the last inline node of the open block; returns the text node now ending the source. */
function appendToLastText(ctx: RenderContext, block: Rendered, tailBefore: string, added: string): Rendered | undefined {
  if (!onlyOpens(tailBefore, added) || tailBefore.endsWith('\\') || !lineIsSettled(tailBefore)) return undefined;
  let parent: Rendered | undefined;
  let leaf = block;
  while (INLINE_PATH.has(leaf.type) && leaf.children?.length) {
    parent = leaf;
    leaf = leaf.children[leaf.children.length - 1];
  }
  const raw = keyOfLeaf(leaf.key);
  // The last node must end where the source ends (headings and list items trim trailing spaces, for instance).
  if (raw === undefined || !tailBefore.endsWith(raw)) return undefined;
  if (leaf.type === 'text' && leaf.text !== undefined) {
    appendToLeaf(ctx, leaf, added);
    return leaf;
  }
  if (parent?.host && endsCleanly(leaf, raw)) {
    // Text after a finished code span, link or *emphasis* is a new text run beside it.
    const node = ctx.doc.createTextNode(added);
    parent.host.appendChild(node);
    const text: Rendered = { key: `text\u0000${added}`, type: 'text', node, text: added };
    parent.children!.push(text);
    ctx.stats.renderedChars += added.length;
    return text;
  }
  return undefined;
}

/**
 * Whether `added` can only open inline constructs, never close one: no closing characters at all, or only
 * emphasis runs that follow whitespace (they cannot close) and a backtick when the paragraph's backticks are
 * balanced (it opens a code span).
 */
function onlyOpens(tailBefore: string, added: string): boolean {
  if (NOTHING_CLOSES.test(added)) return true;
  if (/[\n)\]>;\\]/.test(added)) return false;
  for (const run of added.matchAll(EMPHASIS_RUN)) {
    const before = run.index > 0 ? added[run.index - 1] : tailBefore[tailBefore.length - 1];
    if (before !== undefined && before !== ' ' && before !== '\t' && before !== '\n') return false;
  }
  const backticks = added.split('`').length - 1;
  if (backticks === 0) return true;
  if (backticks > 1) return false;
  const paragraph = tailBefore.slice(tailBefore.lastIndexOf('\n\n') + 1);
  return (paragraph.split('`').length - 1) % 2 === 0;
}

/** Whether letters right after this inline node leave it as it is. "__a__b" is not emphasis, "**a**b" is. */
function endsCleanly(leaf: Rendered, raw: string): boolean {
  if (leaf.type === 'code-leaf' || leaf.type === 'link' || leaf.type === 'image') return true;
  return (leaf.type === 'strong' || leaf.type === 'em') && raw.startsWith('*');
}

/**
 * Whether text added to the end of `tail` leaves the block structure alone: nothing added contains a newline, and
 * the current line's start already says what it is: a letter or word-hugging inline punctuation (a paragraph line),
 * or a list, quote or heading marker followed by content. "1" may still become "1." (a list), "<di" may become
 * "<div" (an HTML block).
 */
export function lineIsSettled(tail: string): boolean {
  const line = tail.slice(tail.lastIndexOf('\n') + 1);
  return MARKER_WITH_CONTENT.test(line) || PLAIN_START.test(line);
}

/** Whether `tail` is one paragraph as far as blocks go: no blank line, and its last line continues it. */
export function isSingleParagraph(tail: string): boolean {
  return PLAIN_START.test(tail.slice(tail.lastIndexOf('\n') + 1)) && !/\n[ \t]*\n/.test(tail);
}

const LIST_ITEM_START = /^(?:[-+*]|\d{1,9}[.)])[ \t]{1,4}(?=\S)/;
const ITEM_LINES = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/gm;

/**
 * For a lone open list whose last item is one line of inline text (the common "- point" item): that text, and the
 * item it belongs to; text without a newline added to it can change only its inline content.
 */
export function singleLineLastItem(open: Rendered[], tail: string): { item: Rendered; text: string } | undefined {
  const list = open.length === 1 ? open[0] : undefined;
  if (!list || (list.type !== 'ul' && list.type !== 'ol')) return undefined;
  const item = list.children?.[list.children.length - 1];
  if (!item || item.type !== 'li' || item.children?.some((child) => !INLINE_RESULT.has(child.type))) return undefined;
  const line = tail.slice(tail.lastIndexOf('\n') + 1);
  const marker = LIST_ITEM_START.exec(line);
  // The item must be the one this line starts, not an earlier one (this line's marker not lexed yet): as many
  // item lines as rendered items.
  if (!marker || (tail.match(ITEM_LINES)?.length ?? 0) !== list.children!.length) return undefined;
  const text = line.slice(marker[0].length);
  return /^\[[ xX]\]/.test(text) ? undefined : { item, text };
}

/** Rendered types an inline lex produces (as opposed to blocks nested in a list item). */
const INLINE_RESULT = new Set(['text', 'code-leaf', 'strong', 'em', 'del', 'link', 'image', 'br']);
