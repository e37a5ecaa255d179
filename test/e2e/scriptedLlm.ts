// The model server the extension under test talks to: a ScriptedServer whose answers are routed by endpoint.
// `GET /models` always answers a fixed catalogue (the extension may ask for it at any time, e.g. to learn the
// context window), and `POST /chat/completions` answers come from this class's own queue, so a scenario scripts
// only the answers it cares about without counting the extension's other requests.
import { ScriptedServer, RecordedRequest, Responder, ScriptedResponse, sseAnswer } from '../support/scriptedServer';

export const scriptedModelId = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';

const modelCatalogue = {
  object: 'list',
  data: [
    {
      id: scriptedModelId,
      type: 'openai/chat-completions',
      info: { name: 'Llama 3.3 70B Instruct Turbo', developer: 'Meta', contextLength: 128000 },
    },
    {
      id: 'meta-llama/Llama-3.2-3B-Instruct-Turbo',
      type: 'openai/chat-completions',
      info: { name: 'Llama 3.2 3B Instruct Turbo', developer: 'Meta', contextLength: 131000 },
    },
  ],
};

export class ScriptedLlm {
  private readonly chatQueue: Responder[] = [];
  private readonly chatIndexes: number[] = [];
  private readonly holeIndexes: number[] = [];
  private holeResponder: Responder | undefined;

  /**
   * `headersFor` adds what a browser needs of a server on another origin (test/support/corsResponses.ts): the web
   * host's e2e runs the extension in the workbench's web worker, whose requests are cross-origin.
   */
  constructor(readonly server: ScriptedServer, headersFor?: (request: RecordedRequest, response: ScriptedResponse) => ScriptedResponse) {
    server.setFallback(async (request, index) => {
      const response = await this.route(request, index);
      return headersFor ? headersFor(request, response) : response;
    });
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  /** Answers for the next chat requests, in order. */
  answerNext(...responders: Responder[]): void {
    this.chatQueue.push(...responders);
  }

  /**
   * Drops the answers scripted but never asked for: a scenario that failed before its request must not hand its
   * answer to the next one.
   */
  discardUnusedAnswers(): void {
    this.chatQueue.length = 0;
  }

  /**
   * How inline suggestion requests (the chat hole-filler's, told by their system prompt) are answered from now on;
   * they are kept apart from the chat requests, so they never take a scripted chat answer.
   */
  answerHoles(responder: Responder | undefined): void {
    this.holeResponder = responder;
  }

  /** Every inline suggestion request so far, in order. */
  holeRequests(): RecordedRequest[] {
    return this.holeIndexes.map((index) => this.server.requests[index]);
  }

  /** Every chat completion request so far, in order. */
  chatRequests(): RecordedRequest[] {
    return this.chatIndexes.map((index) => this.server.requests[index]);
  }

  /** Resolves with the `n`-th chat request (1-based) once it has arrived. */
  async waitForChatRequest(n: number, timeoutMs = 30_000): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    while (this.chatIndexes.length < n) {
      if (Date.now() > deadline) {
        throw new Error(`expected chat request #${n} within ${timeoutMs / 1000} s; saw ${this.chatIndexes.length}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this.server.requests[this.chatIndexes[n - 1]];
  }

  private async route(request: RecordedRequest, index: number): Promise<ScriptedResponse> {
    const path = new URL(request.url, 'http://placeholder').pathname;
    if (request.method === 'GET' && path.endsWith('/models')) {
      return { headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify(modelCatalogue)] };
    }
    if (request.method === 'POST' && path.endsWith('/chat/completions') && isHoleRequest(request)) {
      this.holeIndexes.push(index);
      const responder = this.holeResponder ?? streamedAnswer(['']);
      return typeof responder === 'function' ? responder(request, index) : responder;
    }
    if (request.method === 'POST' && path.endsWith('/chat/completions')) {
      this.chatIndexes.push(index);
      const responder = this.chatQueue.shift();
      if (!responder) return streamedAnswer(['(no answer was scripted for this request)']);
      return typeof responder === 'function' ? responder(request, index) : responder;
    }
    return { status: 404, headers: { 'content-type': 'application/json' }, chunks: ['{"message":"Not found","statusCode":404}'] };
  }
}

/** The chat hole-filler's request (src/api/holeFiller.ts): its system prompt marks a hole. */
function isHoleRequest(request: RecordedRequest): boolean {
  const system = request.json?.messages?.[0];
  return system?.role === 'system' && typeof system.content === 'string' && system.content.startsWith('You fill in code.');
}

/** A complete SSE answer; `chunkDelayMs` spaces the pieces so the page paints them one by one. */
export function streamedAnswer(pieces: string[], chunkDelayMs = 0): ScriptedResponse {
  return { headers: { 'content-type': 'text/event-stream' }, chunks: sseAnswer(pieces), chunkDelayMs };
}
