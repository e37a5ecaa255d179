// Builds one answer from OpenAI-compatible stream events (or a whole JSON completion), tolerating what real
// providers send: usage chunks with `choices: []` or `null`, Together's `eos` and duplicate `text` field,
// llama.cpp `timings`, `meta.usage` cost blocks, and errors reported inside a 200 stream. Tool calls are assembled
// alongside the text (see toolCallAssembler.ts) and returned with the result, never through onDelta. A reasoning
// model's thinking (`reasoning_content` / `reasoning` deltas, or a leading `<think>…</think>` block in the content,
// see thinkSplitter.ts) goes to onReasoning and `result.reasoning`, never into the answer text.
import { ApiError } from './apiError';
import { errorFromEmbedded } from './embeddedError';
import { isRecord } from './isRecord';
import { ThinkSplitter } from './thinkSplitter';
import { ToolCallAssembler } from './toolCallAssembler';
import type { ChatResult, Usage } from './types';

const OPEN_BRACE = 123;

export class AnswerAccumulator {
  /** The text so far, joined once at the end: cheaper than growing one string by 40,000 small appends. */
  private readonly pieces: string[] = [];
  private finishReason: string | undefined;
  private usage: Usage | undefined;
  private model: string | undefined;
  private bodyRequestId: string | undefined;
  private readonly toolCalls = new ToolCallAssembler();
  private readonly reasoningPieces: string[] = [];
  /** Watches the start of the content for a `<think>` block; dropped once the answer has started. */
  private think: ThinkSplitter | undefined = new ThinkSplitter({
    answer: (text) => this.deliverAnswer(text),
    reasoning: (text) => this.deliverReasoning(text),
  });
  /** `data: [DONE]` arrived. */
  doneMarkerSeen = false;
  /** At least one piece of text went to onDelta: from now on nothing may be retried. */
  delivered = false;

  constructor(
    private readonly onDelta: ((text: string) => void) | undefined,
    private readonly apiKey: string | undefined,
    private readonly onReasoning?: (text: string) => void,
  ) {}

  /** A finish reason or [DONE] arrived: the answer is whole, even if the connection now drops. */
  get finished(): boolean {
    return this.doneMarkerSeen || this.finishReason !== undefined;
  }

  /** Nothing more worth waiting for. */
  get complete(): boolean {
    return this.doneMarkerSeen || (this.finishReason !== undefined && this.usage !== undefined);
  }

  /** One SSE event. Throws ApiError for error events and unparseable data. */
  handleEvent(data: string, eventName: string | undefined): void {
    if (eventName === 'error') throw this.streamError(parseLoosely(data), data);
    // Nearly every event is a JSON object with nothing around it: JSON.parse skips whitespace itself, so only the
    // rest needs the trimmed copy to recognise an empty event or the [DONE] marker.
    if (data.charCodeAt(0) !== OPEN_BRACE) {
      const trimmed = data.trim();
      if (trimmed === '') return;
      if (trimmed === '[DONE]') {
        this.doneMarkerSeen = true;
        return;
      }
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      throw new ApiError('bad_response', 'The server sent a stream event that is not valid JSON.');
    }
    if (!isRecord(chunk)) return;
    if (chunk.error !== undefined && chunk.error !== null) throw this.streamError(chunk, data);
    this.readCommonFields(chunk);
    const choice = firstChoice(chunk);
    if (!choice) return;
    const delta = choice.delta;
    if (isRecord(delta)) {
      const reasoning = reasoningOf(delta);
      if (reasoning !== undefined) this.deliverReasoning(reasoning);
      if (typeof delta.content === 'string') this.deliver(delta.content);
      this.toolCalls.add(delta.tool_calls);
    }
    this.readFinishReason(choice);
  }

  /** A whole non-streaming `chat.completion` body (also what a gateway sends when it ignores stream:true). */
  handleCompletion(body: unknown): void {
    if (!isRecord(body)) throw new ApiError('bad_response', 'The server answered with JSON that is not a chat completion.');
    if (body.error !== undefined && body.error !== null) throw this.streamError(body, '');
    const choice = firstChoice(body);
    if (!choice) throw new ApiError('bad_response', 'The server answered without any choices.');
    this.readCommonFields(body);
    const message = choice.message;
    const content = isRecord(message) && typeof message.content === 'string' ? message.content : choice.text;
    const reasoning = isRecord(message) ? reasoningOf(message) : undefined;
    if (reasoning !== undefined) this.deliverReasoning(reasoning);
    if (typeof content === 'string') this.deliver(content);
    if (isRecord(message)) this.toolCalls.add(message.tool_calls);
    this.readFinishReason(choice);
    this.finishReason ??= 'stop';
  }

  /**
   * The whole answer. Throws ApiError('bad_response') when a tool call's arguments are not a JSON object, or
   * ApiError('truncated') when max_tokens cut them off.
   */
  result(headerRequestId: string | undefined): ChatResult {
    this.think?.end();
    this.think = undefined;
    const result: ChatResult = { text: this.pieces.join('') };
    if (this.reasoningPieces.length > 0) result.reasoning = this.reasoningPieces.join('');
    if (this.toolCalls.hasCalls) result.toolCalls = this.toolCalls.finish(this.finishReason);
    if (this.finishReason !== undefined) result.finishReason = this.finishReason;
    if (this.usage !== undefined) result.usage = this.usage;
    if (this.model !== undefined) result.model = this.model;
    const requestId = headerRequestId ?? this.bodyRequestId;
    if (requestId !== undefined) result.requestId = requestId;
    return result;
  }

  private deliver(piece: string): void {
    if (piece.length === 0) return;
    if (this.think === undefined) {
      this.deliverAnswer(piece);
      return;
    }
    this.think.push(piece);
    if (this.think.passThrough) this.think = undefined;
  }

  private deliverAnswer(piece: string): void {
    this.pieces.push(piece);
    this.delivered = true;
    this.onDelta?.(piece);
  }

  private deliverReasoning(piece: string): void {
    if (piece.length === 0) return;
    this.reasoningPieces.push(piece);
    this.delivered = true;
    this.onReasoning?.(piece);
  }

  private readCommonFields(chunk: Record<string, unknown>): void {
    if (typeof chunk.model === 'string' && chunk.model !== '') this.model = chunk.model;
    if (this.bodyRequestId === undefined) {
      const requestId = typeof chunk.requestId === 'string' ? chunk.requestId : chunk.id;
      if (typeof requestId === 'string' && requestId !== '') this.bodyRequestId = requestId;
    }
    const usage = readUsage(chunk.usage);
    if (usage) this.usage = usage;
  }

  private readFinishReason(choice: Record<string, unknown>): void {
    const reason = choice.finish_reason;
    if (typeof reason === 'string' && reason !== '') this.finishReason = reason === 'eos' ? 'stop' : reason;
  }

  /** An error reported inside the 200 answer, classified like the HTTP status it names (embeddedError.ts). */
  private streamError(payload: unknown, raw: string): ApiError {
    return errorFromEmbedded(payload, raw, { apiKey: this.apiKey, endpoint: 'chat', midAnswer: this.delivered });
  }
}

function firstChoice(chunk: Record<string, unknown>): Record<string, unknown> | undefined {
  const choices = chunk.choices;
  if (!Array.isArray(choices) || choices.length === 0) return undefined;
  const first = choices[0];
  return isRecord(first) ? first : undefined;
}

/** DeepSeek and vLLM say `reasoning_content`; OpenRouter and newer vLLM/Ollama say `reasoning`. */
function reasoningOf(delta: Record<string, unknown>): string | undefined {
  const value = typeof delta.reasoning_content === 'string' ? delta.reasoning_content : delta.reasoning;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function readUsage(value: unknown): Usage | undefined {
  if (!isRecord(value)) return undefined;
  const prompt = value.prompt_tokens;
  const completion = value.completion_tokens;
  if (typeof prompt !== 'number' && typeof completion !== 'number') return undefined;
  const promptTokens = typeof prompt === 'number' ? prompt : 0;
  const completionTokens = typeof completion === 'number' ? completion : 0;
  const total = value.total_tokens;
  return { promptTokens, completionTokens, totalTokens: typeof total === 'number' ? total : promptTokens + completionTokens };
}

function parseLoosely(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
