// The exact request the chat endpoint gets: the parameters the caller set and no others (the seed models reject
// unknown ones with 400 "Body validation error"), plus `stream_options: {include_usage: true}` on streamed requests
// so the last chunk reports token usage (the AI/ML API documents it; chat.ts drops it for a server that rejects it);
// the key only in the Authorization header.
import { randomUUID } from 'crypto';
import { endpointUrl } from './baseUrl';
import type { ChatMessage, ChatRequest, ChatTool, ToolChoice } from './types';

export const USER_AGENT = 'ask-llama/0.1';

export function chatUrl(request: ChatRequest): string {
  return endpointUrl(request.baseUrl, 'chat/completions');
}

export function chatBody(request: ChatRequest, includeUsage = true): string {
  const stream = request.stream ?? true;
  const body: Record<string, unknown> = {
    model: request.model,
    messages: request.messages.map(wireMessage),
    stream,
  };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map(wireTool);
    if (request.toolChoice !== undefined) body.tool_choice = wireToolChoice(request.toolChoice);
  }
  if (stream && includeUsage) body.stream_options = { include_usage: true };
  return JSON.stringify(body);
}

/**
 * Plain messages stay `{role, content}`; tool calls and tool results get the OpenAI fields; a user message with
 * images becomes a list of `text` and `image_url` parts.
 */
function wireMessage(message: ChatMessage): Record<string, unknown> {
  const { role, content } = message;
  if (role === 'tool') return { role, tool_call_id: message.toolCallId ?? '', content };
  if (role === 'assistant' && message.toolCalls && message.toolCalls.length > 0) {
    const wire: Record<string, unknown> = {
      role,
      // OpenAI: content may be null when the turn is only tool calls.
      content: content === '' ? null : content,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: JSON.stringify(call.arguments) },
      })),
    };
    if (message.reasoning) wire.reasoning_content = message.reasoning;
    return wire;
  }
  if (role === 'user' && message.images && message.images.length > 0) {
    const parts: Record<string, unknown>[] = content === '' ? [] : [{ type: 'text', text: content }];
    for (const url of message.images) parts.push({ type: 'image_url', image_url: { url } });
    return { role, content: parts };
  }
  return { role, content };
}

function wireTool(tool: ChatTool): Record<string, unknown> {
  const fn: Record<string, unknown> = { name: tool.name };
  if (tool.description !== undefined) fn.description = tool.description;
  // Servers differ on a missing schema; an empty object schema is what every one of them accepts.
  fn.parameters = tool.parameters ?? { type: 'object', properties: {} };
  return { type: 'function', function: fn };
}

function wireToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
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
