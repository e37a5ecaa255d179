// Answers the question a bench round is waiting for, recognised by its text in the request, whatever else reaches the
// server. VS Code's Chat view goes through Copilot Chat, which sends requests of its own to the picked model; a plain
// queue of scripted answers would hand the held answer to one of those. One of them carries the question too: while
// it sits typed in the Chat view's input, Copilot Chat asks the model to complete it (ghost text in the input; seen in
// the first run, where that request took the held answer and the chat itself got the filler). So every request
// carrying the question gets the held answer, and the round picks the first that reached the server after its Enter.
// Requests not carrying it get a short filler answer.
import type { AnswerScript, ServedAnswer, TimedLlm } from './timedLlm';

/** The question a round asks: its id appears in the request body verbatim (JSON leaves it alone). */
export const questionText = (id: string): string => `Question ${id}?`;

interface Awaited {
  id: string;
  /** The answers given to requests carrying the question, in the order they reached the server. */
  served: ServedAnswer[];
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
   * rest once `release` is called. `served` resolves when the first such answer's first byte is out; `all` lists
   * every answer given to a request carrying the question so far.
   */
  expect(id: string): { served: Promise<ServedAnswer>; all: () => readonly ServedAnswer[]; release: () => void } {
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const answers: ServedAnswer[] = [];
    const served = new Promise<ServedAnswer>((resolve) => {
      this.awaited = { id, served: answers, resolve, released };
    });
    return { served, all: () => answers, release };
  }

  private answer(body: string): AnswerScript {
    const awaited = this.awaited;
    if (awaited && body.includes(questionText(awaited.id))) {
      // TimedLlm records the answer synchronously after asking for its script; a microtask later it is there.
      const index = this.llm.answers.length;
      queueMicrotask(() => {
        awaited.served.push(this.llm.answers[index]);
        awaited.resolve(this.llm.answers[index]);
      });
      return { kind: 'hold', tokens: [`BENCHMARK${awaited.id} `, 'and ', 'the ', 'rest.'], release: awaited.released };
    }
    this.fillers++;
    return { kind: 'rate', token: (index) => ['Noted', '.'][index], total: 2, perSecond: 1000 };
  }
}
