// The plain text of a code block, growing in place while its fence is open. Kept in block-level chunks, each closed
// at the first line end after CODE_CHUNK_CHARS: an append to one text node makes Chromium lay out the whole node again,
// which at the end of a 200 KB unclosed fence took 42 ms of a frame (browser suite, "an unclosed code fence"); with
// chunks an append lays out only the last one. Chunks end with their newline, so the code element's textContent (what
// Copy reads) is the code exactly, and a block boundary after a final newline adds no empty line.
import { element } from '../dom';

export const CODE_CHUNK_CHARS = 4096;

export class CodeText {
  private last: Text;
  /** Everything appended, so a caller can tell whether the block already shows a given text. */
  private shown = '';

  constructor(private readonly doc: Document, private readonly container: HTMLElement, text = '') {
    this.last = this.newChunk();
    this.append(text);
  }

  /** Adds text at the end. Where chunks end depends only on the whole text, not on how it arrived. */
  get text(): string {
    return this.shown;
  }

  append(more: string): void {
    this.shown += more;
    while (more) {
      const lineEnd = more.indexOf('\n', Math.max(0, CODE_CHUNK_CHARS - 1 - this.last.length));
      if (lineEnd < 0) {
        this.last.appendData(more);
        return;
      }
      this.last.appendData(more.slice(0, lineEnd + 1));
      more = more.slice(lineEnd + 1);
      this.last = this.newChunk();
    }
  }

  private newChunk(): Text {
    const text = this.doc.createTextNode('');
    this.container.append(element(this.doc, 'span', { class: 'code-chunk' }, text));
    return text;
  }
}
