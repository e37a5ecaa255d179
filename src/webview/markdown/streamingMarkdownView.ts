// Renders a markdown answer while it streams in, with work that grows linearly with its length.
//
// The source is split into committed blocks and an open tail. A block is committed once a later block has started
// after it (or, for a fenced code block, once its closing fence line is complete): markdown cannot change it any
// more, so it is rendered once and never touched again, and only the tail is lexed on each flush. Inside the tail,
// the previous frame's nodes are patched rather than rebuilt: unchanged tokens keep their nodes and a growing text
// run or open code block only has the new characters appended. Fenced code is highlighted when its fence closes.
//
// The class only needs a Document, so tests and benchmarks run it under linkedom in Node.
import { Lexer, type Token, type Tokens } from 'marked';
import { isSingleParagraph, singleLineLastItem, tryFastAppend, type FastAppendMemo } from './fastAppend';
import { guardNesting, toSourceOffset } from './nestingGuard';
import { finalizeRendered, hasClosingFence, isClosedFence, patchInlineChildren, reconcileChildren, type RenderContext, type Rendered, type RenderStats } from './tokenTree';

type LinkTable = Record<string, { href: string; title: string }>;

export class StreamingMarkdownView {
  /** Source of the committed blocks (rendered for good). Kept apart so each flush touches only the tail. */
  private committed = '';
  /** Uncommitted source already painted. */
  private tail = '';
  /** Source appended since the last paint. */
  private pending = '';
  /** Renderings of the tail's blocks, in order, after all committed nodes in the container. */
  private open: Rendered[] = [];
  /** Reference-style link definitions from committed blocks, known to later blocks. */
  private readonly links: LinkTable = Object.create(null) as LinkTable;
  private pendingCarriageReturn = false;
  private readonly fastAppendMemo: FastAppendMemo = {};
  private finished = false;
  private readonly ctx: RenderContext;

  constructor(
    private readonly container: Element,
    doc: Document,
  ) {
    this.ctx = { doc, stats: { renderedChars: 0 } };
  }

  /** All text appended so far (line endings normalised to \n). */
  get text(): string {
    return this.committed + this.tail + this.pending + (this.pendingCarriageReturn ? '\n' : '');
  }

  /** Characters of answer text written into the DOM so far: the total render work. */
  get renderedChars(): number {
    return this.ctx.stats.renderedChars;
  }

  get stats(): Readonly<RenderStats> {
    return this.ctx.stats;
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** Buffers text; nothing is painted until `flush`. */
  append(text: string): void {
    if (this.finished || text === '') return;
    let chunk = this.pendingCarriageReturn ? `\r${text}` : text;
    // A "\r\n" pair may be split across two deltas: hold a trailing "\r" back until the next one.
    this.pendingCarriageReturn = chunk.endsWith('\r');
    if (this.pendingCarriageReturn) chunk = chunk.slice(0, -1);
    this.pending += chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk;
  }

  /** Paints what was appended since the last flush. Call at most once per animation frame. */
  flush(): void {
    if (this.pending === '' || this.finished) return;
    const added = this.pending;
    const fast = tryFastAppend(this.ctx, this.fastAppendMemo, this.open, this.tail, added);
    this.tail += added;
    this.pending = '';
    if (!fast && !this.relexOpenParagraph(added) && !this.relexLastListItem(added)) this.renderTail(false);
  }

  /**
   * The second-fastest path: text without a newline added to a lone open paragraph, whose last line continues it,
   * cannot change the block structure, so only the paragraph's inline content is lexed again.
   */
  private relexOpenParagraph(added: string): boolean {
    const paragraph = this.open.length === 1 ? this.open[0] : undefined;
    // Deferred line breaks may have started a new block in the tail: then the block lexer must see it.
    if (!paragraph || paragraph.type !== 'p' || added.includes('\n') || !isSingleParagraph(this.tail)) return false;
    const lexed = this.lexInline(this.tail);
    if (!lexed) return false;
    this.open = [patchInlineChildren(this.ctx, paragraph, `paragraph\u0000${lexed.text}`, lexed.tokens)];
    return true;
  }

  /** The answer is complete: paint the rest, highlight any code still open, and commit everything. */
  finish(): void {
    if (this.finished) return;
    if (this.pendingCarriageReturn) {
      this.pendingCarriageReturn = false;
      this.pending += '\n';
    }
    this.tail += this.pending;
    this.pending = '';
    this.renderTail(true);
    this.finished = true;
  }

  private renderTail(final: boolean): void {
    const tail = this.tail;
    const guarded = guardNesting(tail);
    const tokens = this.lex(guarded.text);
    const content = tokens.filter(isRenderedToken);
    this.open = reconcileChildren(this.ctx, this.container, this.open, content, 0);

    const commitCount = final ? tokens.length : committableCount(tokens);
    if (commitCount === 0) return;
    const committed = tokens.slice(0, commitCount);
    const rawLength = committed.reduce((sum, token) => sum + token.raw.length, 0);
    // Offsets come from the tokens' raw text; if marked ever rewrote the source, committing would misplace the
    // tail, so keep re-lexing it instead (slower, still correct).
    if (!final && guarded.text.slice(0, rawLength) !== committed.map((token) => token.raw).join('')) return;

    const committedContent = committed.filter(isRenderedToken).length;
    for (const rendered of this.open.slice(0, committedContent)) finalizeRendered(this.ctx, rendered);
    this.open = this.open.slice(committedContent);
    for (const token of committed) {
      if (token.type === 'def' && !(token.tag in this.links)) this.links[token.tag] = { href: token.href, title: token.title };
    }
    const sourceLength = final ? tail.length : toSourceOffset(guarded, rawLength);
    this.committed += tail.slice(0, sourceLength);
    this.tail = tail.slice(sourceLength);
  }

  /** Likewise for the one-line last item of a lone open list: only that item's inline content is lexed again. */
  private relexLastListItem(added: string): boolean {
    if (added.includes('\n')) return false;
    const last = singleLineLastItem(this.open, this.tail);
    if (!last) return false;
    const lexed = this.lexInline(last.text);
    if (!lexed) return false;
    last.item.children = reconcileChildren(this.ctx, last.item.host!, last.item.children ?? [], lexed.tokens, 1);
    return true;
  }

  /** Inline tokens of `text` after the nesting guard; undefined when marked gives up (the caller re-lexes fully). */
  private lexInline(text: string): { text: string; tokens: Token[] } | undefined {
    const guarded = guardNesting(text);
    try {
      return { text: guarded.text, tokens: this.newLexer().inlineTokens(guarded.text) };
    } catch {
      return undefined;
    }
  }

  private newLexer(): Lexer {
    const lexer = new Lexer({ gfm: true });
    Object.assign(lexer.tokens.links, this.links);
    return lexer;
  }

  private lex(text: string): Token[] {
    try {
      return this.newLexer().lex(text);
    } catch {
      // Input that still defeats the lexer is shown as the plain text it is.
      const fallback: Tokens.HTML = { type: 'html', block: true, pre: false, raw: text, text };
      return [fallback];
    }
  }
}

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
