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
import { guardNesting, toSourceOffset } from './nestingGuard';
import { finalizeRendered, isClosedFence, reconcileChildren, type RenderContext, type Rendered, type RenderStats } from './tokenTree';

type LinkTable = Record<string, { href: string; title: string }>;

export class StreamingMarkdownView {
  private source = '';
  /** Offset in `source` where the open (uncommitted) tail begins. */
  private committedLength = 0;
  /** Renderings of the tail's blocks, in order, after all committed nodes in the container. */
  private open: Rendered[] = [];
  /** Reference-style link definitions from committed blocks, known to later blocks. */
  private readonly links: LinkTable = Object.create(null) as LinkTable;
  private pendingCarriageReturn = false;
  private dirty = false;
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
    return this.source + (this.pendingCarriageReturn ? '\n' : '');
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
    this.source += chunk.replace(/\r\n?/g, '\n');
    this.dirty = true;
  }

  /** Paints what was appended since the last flush. Call at most once per animation frame. */
  flush(): void {
    if (!this.dirty || this.finished) return;
    this.dirty = false;
    this.renderTail(false);
  }

  /** The answer is complete: paint the rest, highlight any code still open, and commit everything. */
  finish(): void {
    if (this.finished) return;
    if (this.pendingCarriageReturn) {
      this.pendingCarriageReturn = false;
      this.source += '\n';
    }
    this.renderTail(true);
    this.dirty = false;
    this.finished = true;
  }

  private renderTail(final: boolean): void {
    const tail = this.source.slice(this.committedLength);
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
    this.committedLength += final ? tail.length : toSourceOffset(guarded, rawLength);
  }

  private lex(text: string): Token[] {
    try {
      const lexer = new Lexer({ gfm: true });
      Object.assign(lexer.tokens.links, this.links);
      return lexer.lex(text);
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
  if (lastToken.type === 'code' && isClosedFence(lastToken as Tokens.Code)) return tokens.length;
  return last;
}
