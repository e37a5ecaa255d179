// Splits a reasoning model's `<think>…</think>` preamble off the answer text. Models served without a reasoning
// parser (DeepSeek-R1 distills, Qwen3, QwQ on llama.cpp or Ollama's OpenAI endpoint) put their reasoning at the start
// of `content` between these tags; every surface wants it apart from the answer (a thinking part, or nothing), never
// as answer text. Only a block that opens the answer counts: a `<think>` later on is the answer's own text (a model
// explaining markup). Tags may arrive split across stream chunks. After the first piece that settles it, the answer
// passes straight through (`passThrough`), so a long stream pays nothing per delta.

const OPEN = '<think>';
const CLOSE = '</think>';

export interface ThinkSink {
  answer(text: string): void;
  reasoning(text: string): void;
}

type State = 'start' | 'thinking' | 'afterThinking' | 'answer';

export class ThinkSplitter {
  private state: State = 'start';
  /** Text held back: the start while it may still become `<think>`, or a tail that may be the start of `</think>`. */
  private held = '';

  constructor(private readonly sink: ThinkSink) {}

  /** True once the answer has started: the caller may hand pieces to the sink itself. */
  get passThrough(): boolean {
    return this.state === 'answer';
  }

  push(piece: string): void {
    let text = this.held + piece;
    this.held = '';
    if (this.state === 'start') {
      const trimmed = text.trimStart();
      if (trimmed.startsWith(OPEN)) {
        this.state = 'thinking';
        text = trimmed.slice(OPEN.length);
      } else if (OPEN.startsWith(trimmed)) {
        this.held = text; // "", "  " or "<thi": not settled yet
        return;
      } else {
        this.state = 'answer';
        this.sink.answer(text);
        return;
      }
    }
    if (this.state === 'thinking') {
      const close = text.indexOf(CLOSE);
      if (close === -1) {
        const keep = partialTagLength(text, CLOSE);
        this.emitReasoning(text.slice(0, text.length - keep));
        this.held = text.slice(text.length - keep);
        return;
      }
      this.emitReasoning(text.slice(0, close));
      this.state = 'afterThinking';
      text = text.slice(close + CLOSE.length);
    }
    if (this.state === 'afterThinking') {
      // The blank lines between the block and the answer are layout, not answer text.
      text = text.replace(/^\s+/, '');
      if (text === '') return;
      this.state = 'answer';
    }
    this.sink.answer(text);
  }

  /** The stream ended: whatever was held back is what it looked like (an unclosed block stays reasoning). */
  end(): void {
    const held = this.held;
    this.held = '';
    if (held === '') return;
    if (this.state === 'thinking') this.emitReasoning(held);
    else if (this.state === 'start') this.sink.answer(held);
  }

  private emitReasoning(text: string): void {
    if (text !== '') this.sink.reasoning(text);
  }
}

/** How many characters at the end of `text` could be the start of `tag` (0 when none). */
function partialTagLength(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(tag.slice(0, length))) return length;
  }
  return 0;
}
