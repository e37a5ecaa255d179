// A block shown as the plain text it is, when rendering it as markdown would cost too much (see renderBudget.ts).
// The text goes into block-level chunks of at most PLAIN_CHUNK_CHARS, so that appending to a long block lays out
// only its last chunk again, not the whole block.
import { element } from '../dom';
import { l10n } from '../l10n';
import type { RenderContext, Rendered } from './tokenTree';

export const PLAIN_CHUNK_CHARS = 2048;

export class PlainBlock {
  readonly rendered: Rendered;
  #chunk?: Text;
  #chunkLength = 0;
  /** Whether the text so far ends with a line break and then only spaces: a line break next makes a blank line. */
  endsOnEmptyLine = false;

  readonly #ctx: RenderContext;

  constructor(ctx: RenderContext) {
    this.#ctx = ctx;
    const node = element(ctx.doc, 'div', { class: 'plain-block', title: l10n.t('Shown as plain text: too large to format') });
    this.rendered = { key: 'plain\u0000', type: 'plain', node, host: node };
  }

  append(text: string): void {
    for (let at = 0; at < text.length; ) {
      if (!this.#chunk || this.#chunkLength >= PLAIN_CHUNK_CHARS) {
        this.#chunk = this.#ctx.doc.createTextNode('');
        this.rendered.host!.append(element(this.#ctx.doc, 'div', {}, this.#chunk));
        this.#chunkLength = 0;
      }
      const piece = text.slice(at, at + PLAIN_CHUNK_CHARS - this.#chunkLength);
      this.#chunk.appendData(piece);
      this.#chunkLength += piece.length;
      at += piece.length;
    }
    this.#ctx.stats.renderedChars += text.length;
    const lastBreak = text.lastIndexOf('\n');
    const after = text.slice(lastBreak + 1);
    const blank = /^[ \t]*$/.test(after);
    this.endsOnEmptyLine = lastBreak >= 0 ? blank : this.endsOnEmptyLine && blank;
  }
}

/**
 * Where the plain block ends in `added` (text appended after it): the start of its first blank line, or -1. A
 * blank line ends every block but a list or a fence, and a plain block is neither any more.
 */
export function plainBlockEnd(block: PlainBlock, added: string): number {
  const prefix = block.endsOnEmptyLine ? '\n' : '';
  const blank = /\n[ \t]*\n/.exec(prefix + added);
  return blank ? Math.max(0, blank.index - prefix.length) : -1;
}
