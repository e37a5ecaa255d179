// The seam between the editor commands/settings side of the host and the chat side.
// The chat controller asks for everything it needs for one request through this interface, so it never reads
// settings, secrets or model lists itself, and every surface (command, context menu, sidebar) shares one path.
import type { ChatRequest } from '../api';
import type { Attachment, ErrorView } from '../common/chatTypes';

/** Everything one request needs, resolved at the moment it is sent (settings changes apply without a reload). */
export interface RequestSettings {
  baseUrl: string;
  /** Undefined for local servers, which need no key. Never logged, never sent to the page. */
  apiKey?: string;
  model: string;
  temperature: number;
  maxTokens: number;
  systemPrompt: string;
  /** From the askLlama.requestTimeoutSeconds setting: first-byte and idle timeout. */
  timeoutMs: number;
  /** The model's context window in tokens when the model list knows it; else undefined (use a safe default). */
  contextLength?: number;
}

export interface RequestContext {
  /**
   * Resolves the settings for the next request. When something is missing it asks the user (e.g. "Set API Key"
   * button, or offers a live model when the configured one is gone) and resolves once fixed, so the waiting question
   * is sent; resolves undefined if the user backs out.
   */
  prepare(): Promise<RequestSettings | undefined>;
  /**
   * The settings as they are now, with the key stored for the server if there is one. Never asks the user anything
   * and never checks the model: for surfaces where VS Code already picked the model (the chat model provider).
   * `model`: the model VS Code picked, in place of the configured one (its context window is the one given).
   */
  current(model?: string): Promise<RequestSettings>;
  /**
   * current(), for a request VS Code started for the user (the chat model provider): a stored key that would go over
   * plain http to another machine goes only once the user agreed, asked at most once per server and session (a "no"
   * is not asked again on every request). Undefined when the user said no: send nothing.
   */
  currentWithConsent(model?: string): Promise<RequestSettings | undefined>;
  /**
   * The active editor's selection as an attachment: refuses binary/non-text documents with a message, and when the
   * selection is too large for the model's context offers to send a truncated part (saying which lines).
   * Resolves undefined when there is no usable selection, null when the user cancelled (send nothing). `alongside`:
   * files the question also carries; the selection gets what they leave of the budget.
   */
  captureSelection(alongside?: readonly Attachment[]): Promise<Attachment | undefined | null>;
  /**
   * With no selection: the active editor's file, as much as fits the model's context window (`truncatedTo` says which
   * lines), unless askLlama.includeCurrentFile is off. Undefined when there is no usable file.
   */
  captureCurrentFile(): Promise<Attachment | undefined>;
  /**
   * Turns any failure (ApiError or other) into the sentence and actions the page shows. Never contains the key.
   * `model` names the model the request went to when it was not the configured one.
   */
  describeError(error: unknown, model?: string): ErrorView;
}

/**
 * The streamed chat request every surface sends: these settings (the timeout applies to the first byte and to every
 * silence between chunks), `messages` and the `maxTokens` the prompt budget left for the answer.
 */
export function streamedChatRequest(settings: RequestSettings, messages: ChatRequest['messages'], maxTokens: number): ChatRequest {
  const { baseUrl, apiKey, model, temperature, timeoutMs } = settings;
  return { baseUrl, apiKey, model, messages, temperature, maxTokens, stream: true, timeoutMs, idleTimeoutMs: timeoutMs };
}
