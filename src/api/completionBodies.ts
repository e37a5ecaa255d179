// The exact body each fill-in-the-middle endpoint gets, and how one streamed piece of its answer reads. All three are
// streamed, so the log can tell the time to the first token from the total.
import type { CompletionRequest } from './completionTypes';
import { fimTemplateFor } from './fimTemplates';
import { isRecord } from './isRecord';

export const DEFAULT_COMPLETION_TOKENS = 128;
export const DEFAULT_COMPLETION_TEMPERATURE = 0.2;

export type FimEndpoint = 'ollama' | 'llamacpp' | 'openai';

/** How the OpenAI-style endpoint is asked: a template prompt, `prompt` + `suffix`, or the prefix alone. */
export type OpenAiShape = 'template' | 'suffix' | 'prefixOnly';

export function openAiShapeFor(model: string, suffixRejected: boolean): OpenAiShape {
  if (fimTemplateFor(model)) return 'template';
  return suffixRejected ? 'prefixOnly' : 'suffix';
}

export function completionBody(endpoint: FimEndpoint, request: CompletionRequest, shape: OpenAiShape = 'suffix'): string {
  const maxTokens = request.maxTokens ?? DEFAULT_COMPLETION_TOKENS;
  const temperature = request.temperature ?? DEFAULT_COMPLETION_TEMPERATURE;
  const stop = [...(request.stop ?? [])];
  if (endpoint === 'ollama') {
    const options: Record<string, unknown> = { temperature, num_predict: maxTokens };
    if (stop.length > 0) options.stop = stop;
    return JSON.stringify({ model: request.model, prompt: request.prefix, suffix: request.suffix, stream: true, options });
  }
  if (endpoint === 'llamacpp') {
    const body: Record<string, unknown> = {
      input_prefix: request.prefix,
      input_suffix: request.suffix,
      n_predict: maxTokens,
      temperature,
      stream: true,
      cache_prompt: true, // the next keystroke's prompt shares almost all of this one
    };
    if (stop.length > 0) body.stop = stop;
    return JSON.stringify(body);
  }
  const body: Record<string, unknown> = { model: request.model, max_tokens: maxTokens, temperature, stream: true };
  const template = fimTemplateFor(request.model);
  if (shape === 'template' && template) {
    body.prompt = template.prompt(request.prefix, request.suffix);
    stop.push(...template.stop);
  } else {
    body.prompt = request.prefix;
    if (shape === 'suffix') body.suffix = request.suffix;
  }
  // OpenAI allows at most four stop sequences.
  if (stop.length > 0) body.stop = stop.slice(0, 4);
  return JSON.stringify(body);
}

export interface CompletionPiece {
  text?: string;
  /** The server says the answer is complete. */
  done: boolean;
  /** An error reported inside a 200 answer. */
  error?: string;
}

/** One parsed NDJSON line (Ollama) or SSE event's data (llama.cpp, OpenAI-style). */
export function completionPiece(endpoint: FimEndpoint, data: unknown): CompletionPiece {
  if (!isRecord(data)) return { done: false };
  const error = errorText(data.error);
  if (error !== undefined) return { done: true, error };
  if (endpoint === 'ollama') return { text: stringOr(data.response), done: data.done === true };
  if (endpoint === 'llamacpp') return { text: stringOr(data.content), done: data.stop === true };
  const choice = Array.isArray(data.choices) && isRecord(data.choices[0]) ? data.choices[0] : undefined;
  if (!choice) return { done: false };
  const finish = choice.finish_reason;
  return { text: stringOr(choice.text), done: typeof finish === 'string' && finish !== '' };
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function errorText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value.message === 'string') return value.message;
  return undefined;
}
