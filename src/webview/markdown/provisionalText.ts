// Text shown plain at the end of a large open block while its next render waits (see renderBudget.ts): it is removed
// and rendered properly once the block has grown enough to be rendered again.
import type { RenderContext, Rendered } from './tokenTree';

export class ProvisionalText {
  #shown?: { text: string; node: Text };
  readonly #ctx: RenderContext;
  readonly #container: Element;

  constructor(ctx: RenderContext, container: Element) {
    this.#ctx = ctx;
    this.#container = container;
  }

  /** Whether any text is shown provisionally. */
  get shown(): boolean {
    return !!this.#shown;
  }

  /** Shows text plain at the end of the open block until the block is rendered again. */
  show(open: Rendered[], added: string): void {
    if (this.#shown) {
      this.#shown.node.appendData(added);
      this.#shown.text += added;
    } else {
      const node = this.#ctx.doc.createTextNode(added);
      provisionalHost(this.#container, open).appendChild(node);
      this.#shown = { text: added, node };
    }
    this.#ctx.stats.renderedChars += added.length;
  }

  /** Removes the provisional text from the page; returns it (it is rendered properly next). */
  drop(): string {
    const provisional = this.#shown;
    if (!provisional) return '';
    provisional.node.remove();
    this.#shown = undefined;
    return provisional.text;
  }
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
