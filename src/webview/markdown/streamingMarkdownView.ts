// Renders a markdown answer while it streams in, with work that grows linearly with its length whatever its shape.
//
// The source is split into committed blocks and an open tail. A block is committed once a later block has started
// after it (or, for a fenced code block, once its closing fence line is complete): markdown cannot change it any
// more, so it is rendered once and never touched again, and only the tail is lexed on each flush. Inside the tail,
// the previous frame's nodes are patched rather than rebuilt: unchanged tokens keep their nodes and a growing text
// run or open code block only has the new characters appended. Fenced code is highlighted when its fence closes.
//
// Degenerate output (a model looping on `**_*` or backticks) is bounded by renderBudget.ts: text is painted in
// pieces; a large open block is lexed again only after it has grown by a fixed fraction (meanwhile new text is shown
// plain at its end), so its renders add up to a geometric series; and a block too costly to render at all is shown
// as plain text up to its next blank line. Once a block is complete it is rendered exactly as a one-shot render
// would (blocks over the plain-text limit are plain in both).
//
// The class only needs a Document, so tests and benchmarks run it under linkedom in Node. Its private members are
// #fields, which the minifier shortens: the page bundle has a size budget.
import { Lexer, type Token, type Tokens } from 'marked';
import { isSingleParagraph, singleLineLastItem, tryFastAppend, type FastAppendMemo } from './fastAppend';
import { guardNesting, toSourceOffset } from './nestingGuard';
import { PlainBlock, plainBlockEnd } from './plainBlock';
import { DEFER_ABOVE_WORK, GROWTH_FRACTION, PAINT_PIECE_CHARS, PLAIN_ABOVE_WORK, renderWork } from './renderBudget';
import { finalizeRendered, hasClosingFence, isClosedFence } from './codeFenceState';
import { patchInlineChildren, reconcileChildren } from './patchToken';
import type { RenderContext, Rendered, RenderStats } from './tokenTree';

type LinkTable = Record<string, { href: string; title: string }>;

export class StreamingMarkdownView {
  /** Source of the committed blocks (rendered for good). Kept apart so each flush touches only the tail. */
  #committed = '';
  /** Uncommitted source already painted. */
  #tail = '';
  /** Source appended since the last paint. */
  #pending = '';
  /** Renderings of the tail's blocks, in order, after all committed nodes in the container. */
  #open: Rendered[] = [];
  /** Reference-style link definitions from committed blocks, known to later blocks. */
  readonly #links: LinkTable = Object.create(null) as LinkTable;
  /** renderWork() of the tail (markup weighted), kept as text is added. */
  #tailWork = 0;
  /** The tail's work when it was last rendered: it is rendered again once it has grown by GROWTH_FRACTION. */
  #renderedWork = 0;
  /** Text added to the tail since its last render, shown plain at its end until the next one. */
  #provisional?: { text: string; node: Text };
  /** The open block when it is shown as plain text. */
  #plain?: PlainBlock;
  #pendingCarriageReturn = false;
  readonly #fastAppendMemo: FastAppendMemo = {};
  #finished = false;
  readonly #ctx: RenderContext;

  readonly #container: Element;

  constructor(container: Element, doc: Document) {
    this.#container = container;
    this.#ctx = { doc, stats: { renderedChars: 0 } };
  }

  /** All text appended so far (line endings normalised to \n). */
  get text(): string {
    return this.#committed + this.#tail + this.#pending + (this.#pendingCarriageReturn ? '\n' : '');
  }

  /** Characters of answer text written into the DOM so far: the total render work. */
  get renderedChars(): number {
    return this.#ctx.stats.renderedChars;
  }

  get stats(): Readonly<RenderStats> {
    return this.#ctx.stats;
  }

  get isFinished(): boolean {
    return this.#finished;
  }

  /** Buffers text; nothing is painted until `flush`. */
  append(text: string): void {
    if (this.#finished || text === '') return;
    let chunk = this.#pendingCarriageReturn ? `\r${text}` : text;
    // A "\r\n" pair may be split across two deltas: hold a trailing "\r" back until the next one.
    this.#pendingCarriageReturn = chunk.endsWith('\r');
    if (this.#pendingCarriageReturn) chunk = chunk.slice(0, -1);
    this.#pending += chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk;
  }

  /** How many appended characters are still waiting to be painted. */
  get pendingLength(): number {
    return this.#pending.length;
  }

  /** Paints what was appended since the last flush. Call at most once per animation frame. */
  flush(): void {
    while (this.paintPiece());
  }

  /**
   * Paints the next PAINT_PIECE_CHARS (at most) of the appended text; returns whether more is waiting. Callers with
   * a time budget (a frame, an idle slice) paint piece by piece and come back for the rest.
   */
  paintPiece(): boolean {
    if (this.#pending === '' || this.#finished) return false;
    let piece = this.#pending.slice(0, PAINT_PIECE_CHARS);
    // Never split a surrogate pair between two pieces.
    if (piece.length < this.#pending.length && /[\uD800-\uDBFF]$/.test(piece)) piece = piece.slice(0, -1);
    this.#pending = this.#pending.slice(piece.length);
    this.#paint(piece);
    return this.#pending !== '';
  }

  #paint(text: string): void {
    let added: string | undefined = text;
    while (added) {
      if (this.#plain) {
        added = this.#appendPlain(added);
        continue;
      }
      const tailBefore = this.#tail;
      // Past the plain-text limit even appending without lexing is refused: laying out one huge block is slow too.
      const fast = !this.#provisional && this.#work() <= PLAIN_ABOVE_WORK && tryFastAppend(this.#ctx, this.#fastAppendMemo, this.#open, tailBefore, added);
      this.#grow(added);
      if (fast) return;
      if (this.#mayWait(tailBefore, added)) {
        this.#showProvisionally(added);
        return;
      }
      const sinceRender = this.#dropProvisional() + added;
      if (this.#tooCostly()) {
        added = this.#startPlain();
        continue;
      }
      if (!this.#relexOpenParagraph(sinceRender) && !this.#relexLastListItem(sinceRender)) this.#renderTail(false);
      this.#renderedWork = this.#work();
      return;
    }
  }

  #grow(added: string): void {
    this.#tail += added;
    this.#tailWork += renderWork(added);
  }

  /** The tail's estimated render cost. An open fence costs no inline parsing: its length is its cost. */
  #work(): number {
    return isFenceStart(this.#tail) ? this.#tail.length : this.#tailWork;
  }

  /** Whether the tail's render may wait: it is large and has not grown by GROWTH_FRACTION since its last render. */
  #mayWait(tailBefore: string, added: string): boolean {
    const work = this.#work();
    if (work <= DEFER_ABOVE_WORK || work >= this.#renderedWork * (1 + GROWTH_FRACTION)) return false;
    // A fence that may just have closed is rendered at once, so that what follows is not held inside the code block.
    return !(isFenceStart(this.#tail) && /\n {0,3}(?:`{3}|~{3})/.test(tailBefore.slice(-6) + added));
  }

  /** Shows text plain at the end of the open block until the block is rendered again. */
  #showProvisionally(added: string): void {
    this.#fastAppendMemo.leaf = undefined;
    if (this.#provisional) {
      this.#provisional.node.appendData(added);
      this.#provisional.text += added;
    } else {
      const node = this.#ctx.doc.createTextNode(added);
      provisionalHost(this.#container, this.#open).appendChild(node);
      this.#provisional = { text: added, node };
    }
    this.#ctx.stats.renderedChars += added.length;
  }

  /** Removes the provisional text from the page; returns it (it is rendered properly next). */
  #dropProvisional(): string {
    const provisional = this.#provisional;
    if (!provisional) return '';
    provisional.node.remove();
    this.#provisional = undefined;
    return provisional.text;
  }

  /** Whether the tail's first block (up to its first blank line) is too costly to render as markdown. */
  #tooCostly(): boolean {
    if (this.#work() <= PLAIN_ABOVE_WORK || isFenceStart(this.#tail)) return false;
    const blank = /\n[ \t]*\n/.exec(this.#tail.replace(/^(?:[ \t]*\n)+/, ''));
    return !blank || renderWork(this.#tail.slice(0, blank.index)) > PLAIN_ABOVE_WORK;
  }

  /**
   * Replaces the open blocks by a plain-text block holding the tail up to its first blank line; returns the rest of
   * the tail, to be painted after it.
   */
  #startPlain(): string {
    for (const rendered of this.#open) rendered.node.remove();
    const tail = this.#tail;
    // Leading blank lines render nothing: they belong to the blocks before.
    const lead = /^(?:[ \t]*\n)*/.exec(tail)![0];
    this.#committed += lead;
    this.#tail = '';
    this.#tailWork = 0;
    this.#plain = new PlainBlock(this.#ctx);
    this.#container.appendChild(this.#plain.rendered.node);
    this.#open = [this.#plain.rendered];
    return this.#appendPlain(tail.slice(lead.length));
  }

  /** Appends to the plain block up to its end (a blank line): then commits it and returns the text after it. */
  #appendPlain(added: string): string {
    const plain = this.#plain!;
    const end = plainBlockEnd(plain, added);
    const own = end < 0 ? added : added.slice(0, end);
    if (own) {
      plain.append(own);
      this.#tail += own;
    }
    if (end < 0) return '';
    this.#committed += this.#tail;
    this.#tail = '';
    this.#tailWork = 0;
    this.#renderedWork = 0;
    this.#plain = undefined;
    this.#open = [];
    return added.slice(end);
  }

  /**
   * The second-fastest path: text without a newline added to a lone open paragraph, whose last line continues it,
   * cannot change the block structure, so only the paragraph's inline content is lexed again.
   */
  #relexOpenParagraph(added: string): boolean {
    const paragraph = this.#open.length === 1 ? this.#open[0] : undefined;
    // Deferred line breaks may have started a new block in the tail: then the block lexer must see it.
    if (!paragraph || paragraph.type !== 'p' || added.includes('\n') || !isSingleParagraph(this.#tail)) return false;
    const lexed = this.#lexInline(this.#tail);
    if (!lexed) return false;
    this.#open = [patchInlineChildren(this.#ctx, paragraph, `paragraph\u0000${lexed.text}`, lexed.tokens)];
    return true;
  }

  /** The answer is complete: paint the rest, highlight any code still open, and commit everything. */
  finish(): void {
    if (this.#finished) return;
    if (this.#pendingCarriageReturn) {
      this.#pendingCarriageReturn = false;
      this.#pending += '\n';
    }
    this.flush();
    this.#dropProvisional();
    // A plain block stays plain; otherwise the tail gets its final render, plain up to a blank line if too costly.
    let rest = this.#plain ? '' : this.#tail;
    while (rest) {
      this.#tail = '';
      this.#tailWork = 0;
      this.#grow(rest);
      if (this.#tooCostly()) {
        rest = this.#startPlain();
      } else {
        this.#renderTail(true);
        rest = '';
      }
    }
    this.#plain = undefined;
    this.#committed += this.#tail;
    this.#tail = '';
    this.#finished = true;
  }

  #renderTail(final: boolean): void {
    const tail = this.#tail;
    const guarded = guardNesting(tail);
    const tokens = this.#lex(guarded.text);
    const content = tokens.filter(isRenderedToken);
    this.#open = reconcileChildren(this.#ctx, this.#container, this.#open, content, 0);

    const commitCount = final ? tokens.length : committableCount(tokens);
    if (commitCount === 0) return;
    const committed = tokens.slice(0, commitCount);
    const rawLength = committed.reduce((sum, token) => sum + token.raw.length, 0);
    // Offsets come from the tokens' raw text; if marked ever rewrote the source, committing would misplace the
    // tail, so keep re-lexing it instead (slower, still correct).
    if (!final && guarded.text.slice(0, rawLength) !== committed.map((token) => token.raw).join('')) return;

    const committedContent = committed.filter(isRenderedToken).length;
    for (const rendered of this.#open.slice(0, committedContent)) finalizeRendered(this.#ctx, rendered);
    this.#open = this.#open.slice(committedContent);
    for (const token of committed) {
      if (token.type === 'def' && !(token.tag in this.#links)) this.#links[token.tag] = { href: token.href, title: token.title };
    }
    const sourceLength = final ? tail.length : toSourceOffset(guarded, rawLength);
    this.#committed += tail.slice(0, sourceLength);
    this.#tail = tail.slice(sourceLength);
    this.#tailWork = renderWork(this.#tail);
  }

  /** Likewise for the one-line last item of a lone open list: only that item's inline content is lexed again. */
  #relexLastListItem(added: string): boolean {
    if (added.includes('\n')) return false;
    const last = singleLineLastItem(this.#open, this.#tail);
    if (!last) return false;
    const lexed = this.#lexInline(last.text);
    if (!lexed) return false;
    last.item.children = reconcileChildren(this.#ctx, last.item.host!, last.item.children ?? [], lexed.tokens, 1);
    return true;
  }

  /** Inline tokens of `text` after the nesting guard; undefined when marked gives up (the caller re-lexes fully). */
  #lexInline(text: string): { text: string; tokens: Token[] } | undefined {
    const guarded = guardNesting(text);
    try {
      return { text: guarded.text, tokens: this.#newLexer().inlineTokens(guarded.text) };
    } catch {
      return undefined;
    }
  }

  #newLexer(): Lexer {
    const lexer = new Lexer({ gfm: true });
    Object.assign(lexer.tokens.links, this.#links);
    return lexer;
  }

  #lex(text: string): Token[] {
    try {
      return this.#newLexer().lex(text);
    } catch {
      // Input that still defeats the lexer is shown as the plain text it is.
      const fallback: Tokens.HTML = { type: 'html', block: true, pre: false, raw: text, text };
      return [fallback];
    }
  }
}

/** Whether `text` starts with a code fence ("```" or "~~~", up to three spaces in). */
function isFenceStart(text: string): boolean {
  return /^ {0,3}(?:`{3}|~{3})/.test(text);
}

/** Where provisional text goes: the end of the open block's innermost text container, or of its code. */
function provisionalHost(container: Element, open: Rendered[]): Element {
  let block = open[open.length - 1];
  if (block?.code) return block.code.parts.code;
  if (!block?.host || !TEXT_CONTAINERS.has(block.type)) return container;
  for (;;) {
    const last = block.children?.[block.children.length - 1];
    if (!last?.host || !TEXT_CONTAINERS.has(last.type)) return block.host!;
    block = last;
  }
}

const TEXT_CONTAINERS = new Set(['p', 'li', 'ul', 'ol', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function isRenderedToken(token: Token): boolean {
  return token.type !== 'space' && token.type !== 'def';
}

/**
 * How many leading tokens can no longer change: everything before the last non-blank token (a later block has
 * started after them), plus that last token too if it is a fenced code block whose closing line is complete.
 */
function committableCount(tokens: Token[]): number {
  let last = tokens.length - 1;
  while (last >= 0 && tokens[last].type === 'space') last--;
  if (last < 0) return 0;
  const lastToken = tokens[last];
  if (lastToken.type === 'code') {
    const code = lastToken as Tokens.Code;
    // Closed for good: its closing line ends with a newline (in its own raw, or as the blank lines after it).
    if (isClosedFence(code) || (last < tokens.length - 1 && hasClosingFence(code))) return tokens.length;
  }
  return last;
}
