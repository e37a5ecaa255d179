// The public types of complete(): one inline suggestion for the hole between `prefix` and `suffix`.

/**
 * How the hole is filled: Ollama's `/api/generate` with `suffix`, llama.cpp's `/infill`, an OpenAI-style
 * `/v1/completions` (FIM template or `suffix`), or a chat model asked to fill a marked hole (servers without FIM).
 */
export type CompletionEndpoint = 'ollama' | 'llamacpp' | 'openai' | 'chat';

export interface CompletionRequest {
  baseUrl: string;
  /** The key stored for the base URL's origin (never another one); sent only as `Authorization: Bearer …`. */
  apiKey?: string;
  model: string;
  /** The text before the cursor (already cut to what the caller wants to send). */
  prefix: string;
  /** The text after the cursor. */
  suffix: string;
  /** Default: pickCompletionEndpoint(baseUrl, model). */
  endpoint?: CompletionEndpoint;
  /** The document's language id, named in the chat hole-filler's prompt. */
  languageId?: string;
  /** Default 128. */
  maxTokens?: number;
  /** Default 0.2. */
  temperature?: number;
  /** Extra stop sequences (e.g. "\n" for a single-line suggestion). */
  stop?: string[];
  /** Longest wait for the first byte, and longest silence between chunks. Default 10 s. */
  timeoutMs?: number;
}

export interface CompletionResult {
  /** The hole's text as the server gave it (not yet cleaned for the editor); '' for no suggestion. */
  text: string;
  endpoint: CompletionEndpoint;
  /** Milliseconds from sending to the first piece of text; undefined when no text came. */
  firstTokenMs?: number;
  totalMs: number;
  /** The chat hole-filler's reply was not just the hole's text (prose, several blocks…): no suggestion. */
  refused?: boolean;
  /** The server rejected `suffix`, so this suggestion saw only the prefix. */
  prefixOnly?: boolean;
}
