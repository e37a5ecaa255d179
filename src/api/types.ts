// The public data types of the request module. Every surface (commands, sidebar chat, tests) codes against these.

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
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
  | 'cancelled';

export interface ModelInfo {
  id: string;
  aliases: string[];
  name?: string;
  developer?: string;
  contextLength?: number;
  type?: string;
}
