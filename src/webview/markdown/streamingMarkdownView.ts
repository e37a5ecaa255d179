// Renders a markdown answer while it streams in, with work that grows linearly with its length whatever its shape.
//
// The source is split into committed blocks and an open tail. A block is committed once a later block has started
// after it (or, for a fenced code block, once its closing fence line is complete): markdown cannot change it any
// more, so it is rendered once and never touched again, and only the tail is lexed on each flush. Inside the tail,
// the previous frame's nodes are patched rather than rebuilt: unchanged tokens keep their nodes and a growing text
// run or open code block only has the new characters appended. Fenced code is highlighted when its fence closes.
//
// Degenerate output (a model looping on `**_*` or backticks) is bounded by renderBudget.ts: text is painted in
// pieces (pendingText.ts); a large open block is lexed again only after it has grown by a fixed fraction (meanwhile
// new text is shown plain at its end, provisionalText.ts), so its renders add up to a geometric series; and a block
// too costly to render at all is shown as plain text up to its next blank line (plainBlock.ts). Once a block is
// complete (blockCommit.ts) it is rendered exactly as a one-shot render would (blocks over the plain-text limit are
// plain in both).
//
// The class only needs a Document, so tests and benchmarks run it under linkedom in Node. Its private members are
// #fields, which the minifier shortens: the page bundle has a size budget.
import { Lexer, type Token, type Tokens } from 'marked';
import { isSingleParagraph, singleLineLastItem, tryFastAppend, type FastAppendMemo } from './fastAppend';
import { guardNesting, toSourceOffset } from './nestingGuard';
import { PlainBlock, plainBlockEnd } from './plainBlock';
import { PendingText } from './pendingText';
import { ProvisionalText } from './provisionalText';
import { mayDeferRender, PLAIN_ABOVE_WORK, renderWork, tailRenderWork, tooCostlyToRender } from './renderBudget';
import { committableCount, isRenderedToken } from './blockCommit';
import { groupCommittedBlocks } from './blockGroups';
import { finalizeRendered } from './codeFenceState';
import { patchInlineChildren, reconcileChildren } from './patchToken';
import type { RenderContext, Rendered, RenderStats } from './tokenTree';

type LinkTable = Record<string, { href: string; title: string }>;

export class StreamingMarkdownView {
  /** Source of the committed blocks (rendered for good). Kept apart so each flush touches only the tail. */
  #committed = '';
  /** Uncommitted source already painted. */
  #tail = '';
  /** Source appended since the last paint. */
  readonly #pending = new PendingText();
  /** Renderings of the tail's blocks, in order, after all committed nodes in the container. */
  #open: Rendered[] = [];
  /** Reference-style link definitions from committed blocks, known to later blocks. */
  readonly #links: LinkTable = Object.create(null) as LinkTable;
  /** renderWork() of the tail (markup weighted), kept as text is added. */
  #tailWork = 0;
  /** The tail's work when it was last rendered: it is rendered again once it has grown by GROWTH_FRACTION. */
  #renderedWork = 0;
  /** Text added to the tail since its last render, shown plain at its end until the next one. */
  readonly #provisional: ProvisionalText;
  /** The open block when it is shown as plain text. */
  #plain?: PlainBlock;
  readonly #fastAppendMemo: FastAppendMemo = {};
  #finished = false;
  readonly #ctx: RenderContext;

  readonly #container: Element;

  constructor(container: Element, doc: Document) {
    this.#container = container;
    this.#ctx = { doc, stats: { renderedChars: 0 } };
    this.#provisional = new ProvisionalText(this.#ctx, container);
  }

  /** All text appended so far (line endings normalised to \n). */
  get text(): string {
    return this.#committed + this.#tail + this.#pending.text;
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
    this.#pending.add(text);
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
    if (this.#pending.length === 0 || this.#finished) return false;
    this.#paint(this.#pending.take());
    return this.#pending.length > 0;
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
      const fast = !this.#provisional.shown && this.#work() <= PLAIN_ABOVE_WORK && tryFastAppend(this.#ctx, this.#fastAppendMemo, this.#open, tailBefore, added);
      this.#grow(added);
      if (fast) return;
      if (mayDeferRender(this.#work(), this.#renderedWork, this.#tail, tailBefore, added)) {
        this.#fastAppendMemo.leaf = undefined;
        this.#provisional.show(this.#open, added);
        return;
      }
      const sinceRender = this.#provisional.drop() + added;
      if (tooCostlyToRender(this.#tail, this.#work())) {
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

  /** The tail's estimated render cost (see tailRenderWork). */
  #work(): number {
    return tailRenderWork(this.#tail, this.#tailWork);
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
    this.#pending.end();
    this.flush();
    this.#provisional.drop();
    // A plain block stays plain; otherwise the tail gets its final render, plain up to a blank line if too costly.
    let rest = this.#plain ? '' : this.#tail;
    while (rest) {
      this.#tail = '';
      this.#tailWork = 0;
      this.#grow(rest);
      if (tooCostlyToRender(this.#tail, this.#work())) {
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
    groupCommittedBlocks(this.#ctx.doc, this.#container, undefined);
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
    groupCommittedBlocks(this.#ctx.doc, this.#container, this.#open[0]?.node);
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
