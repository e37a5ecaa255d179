// Answers the question a bench round is waiting for, recognised by its text in the request, whatever else reaches the
// server. VS Code's Chat view goes through Copilot Chat, which may send requests of its own to the picked model (a
// title for the chat, for one) before or after the question; a plain queue of scripted answers would hand the held
// answer to one of those. Every request not carrying the awaited question gets a short filler answer.
import type { AnswerScript, ServedAnswer, TimedLlm } from './timedLlm';

/** The question a round asks: its id appears in the request body verbatim (JSON leaves it alone). */
export const questionText = (id: string): string => `Question ${id}?`;

interface Awaited {
  id: string;
  taken: boolean;
  resolve(answer: ServedAnswer): void;
  /** Resolves when the round lets the rest of the answer go. */
  released: Promise<void>;
}

export class QuestionAnswers {
  /** Requests answered with the filler: what Copilot Chat (or anything else) asked besides the questions. */
  fillers = 0;
  private awaited: Awaited | undefined;

  constructor(private readonly llm: TimedLlm) {
    llm.respondWith((body) => this.answer(body));
  }

  /**
   * Arms the server for the question with `id`: its answer is the marker `BENCHMARK<id>` with the headers, then the
   * rest once `release` is called. `served` resolves when that answer's first byte is out.
   */
  expect(id: string): { served: Promise<ServedAnswer>; release: () => void } {
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const served = new Promise<ServedAnswer>((resolve) => {
      this.awaited = { id, taken: false, resolve, released };
    });
    return { served, release };
  }

  private answer(body: string): AnswerScript {
    const awaited = this.awaited;
    if (awaited && !awaited.taken && body.includes(questionText(awaited.id))) {
      awaited.taken = true;
      // TimedLlm records the answer synchronously after asking for its script; a microtask later it is there.
      const index = this.llm.answers.length;
      queueMicrotask(() => awaited.resolve(this.llm.answers[index]));
      return { kind: 'hold', tokens: [`BENCHMARK${awaited.id} `, 'and ', 'the ', 'rest.'], release: awaited.released };
    }
    this.fillers++;
    return { kind: 'rate', token: (index) => ['Noted', '.'][index], total: 2, perSecond: 1000 };
  }
}
