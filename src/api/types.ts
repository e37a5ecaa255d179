// The public data types of the request module. Every surface (commands, sidebar chat, tests) codes against these.

export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** On an assistant message: the tool calls the model made in that turn (sent back as OpenAI `tool_calls`). */
  toolCalls?: ToolCall[];
  /** On a `tool` message: the id of the call whose result `content` is. */
  toolCallId?: string;
  /**
   * On a user message: images sent after the text as OpenAI `image_url` parts (data: or https: URLs), for models
   * that take images.
   */
  images?: string[];
  /**
   * On an assistant message with tool calls: the model's reasoning for that turn, sent back as `reasoning_content`
   * (DeepSeek-style servers require it within a tool-call loop). Set only from a server's own reasoning.
   */
  reasoning?: string;
}

/** A function the model may call; sent as an OpenAI `{type: 'function', function: {…}}` tool. */
export interface ChatTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters?: object;
}

/** `auto` (the server's default), `none`, `required` (some tool), or one named tool. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** One call the model made: its arguments already parsed from the JSON text the server sent. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export interface ChatRequest {
  baseUrl: string;
  /** Sent only as `Authorization: Bearer …`; optional for local servers (see isLocalBaseUrl). */
  apiKey?: string;
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Default true. */
  stream?: boolean;
  /** Default 2. */
  maxRetries?: number;
  /** Longest wait for the response headers and the first body byte. Default 60 s. */
  timeoutMs?: number;
  /** Longest silence between stream chunks; keep-alive comments do not count as activity. Default 60 s. */
  idleTimeoutMs?: number;
  /** Functions the model may call. Omitted from the body when absent or empty. */
  tools?: ChatTool[];
  /** Sent only together with a non-empty `tools`. */
  toolChoice?: ToolChoice;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatResult {
  text: string;
  /** 'stop' | 'length' | …; Together's 'eos' is reported as 'stop'. */
  finishReason?: string;
  usage?: Usage;
  model?: string;
  requestId?: string;
  /** The calls the model made, in order; present only when it made some (finishReason is then usually 'tool_calls'). */
  toolCalls?: ToolCall[];
  /** A reasoning model's thinking (`reasoning_content`, or a leading `<think>` block), kept out of `text`. */
  reasoning?: string;
}

export type ErrorKind =
  | 'auth'
  | 'forbidden'
  | 'bad_request'
  | 'model_unavailable'
  | 'context_length'
  | 'rate_limited'
  | 'server'
  | 'stream_error'
  | 'truncated'
  | 'timeout'
  | 'bad_response'
  | 'network'
  /** A browser refused the request (CORS) or could not reach the server; the web build only (api/corsErrors.ts). */
  | 'cors'
  | 'cancelled';

export interface ModelInfo {
  id: string;
  aliases: string[];
  name?: string;
  developer?: string;
  contextLength?: number;
  type?: string;
}
