// The exact request the chat endpoint gets: only the parameters the caller set (the seed models reject unknown
// ones with 400 "Body validation error"), and the key only in the Authorization header.
import { randomUUID } from 'crypto';
import { endpointUrl } from './baseUrl';
import type { ChatRequest } from './types';

export const USER_AGENT = 'ask-llama/0.1';

export function chatUrl(request: ChatRequest): string {
  return endpointUrl(request.baseUrl, 'chat/completions');
}

export function chatBody(request: ChatRequest): string {
  const stream = request.stream ?? true;
  const body: Record<string, unknown> = {
    model: request.model,
    messages: request.messages.map(({ role, content }) => ({ role, content })),
    stream,
  };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (stream) body.stream_options = { include_usage: true };
  return JSON.stringify(body);
}

/** A fresh id per attempt; the AI/ML API echoes it, which ties a user's report to server logs. */
export function newClientRequestId(): string {
  return `askllama-${randomUUID()}`;
}

export function chatHeaders(request: ChatRequest, clientRequestId: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: (request.stream ?? true) ? 'text/event-stream, application/json' : 'application/json',
    'User-Agent': USER_AGENT,
    'X-Client-Request-Id': clientRequestId,
  };
  const key = request.apiKey?.trim();
  if (key) headers.Authorization = `Bearer ${key}`;
  return headers;
}
