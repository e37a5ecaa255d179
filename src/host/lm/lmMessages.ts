// VS Code's language-model messages and options → the request module's ChatRequest fields. Pure (no `vscode` import):
// parts are recognised by shape, so the mapping is unit tested with plain objects and works with whatever class
// instances the running VS Code hands over.
import { isRecord } from '../../api/isRecord';
import type { ChatMessage, ChatTool, ToolCall, ToolChoice } from '../../api/types';

/** vscode.LanguageModelChatMessageRole: User = 1, Assistant = 2, System = 3 (proposed, sent by some callers). */
const ROLE_ASSISTANT = 2;
const ROLE_SYSTEM = 3;
/** vscode.LanguageModelChatToolMode.Required. */
const TOOL_MODE_REQUIRED = 2;

export interface LmMessageLike {
  readonly role: number;
  readonly content: ReadonlyArray<unknown> | string;
}

export interface LmToolLike {
  readonly name: string;
  readonly description?: string;
  readonly inputSchema?: object;
}

/** What only the running VS Code can tell: a thinking part looks like a text part (both have `value`). */
export interface LmPartKinds {
  isThinking(part: unknown): boolean;
}

const NO_THINKING: LmPartKinds = { isThinking: () => false };

/**
 * Assistant messages keep their text and tool calls, and their thinking only as the reasoning that goes back with
 * tool calls (never as answer text); a user message's tool results become `tool` messages placed first (OpenAI wants
 * them right after the assistant turn that made the calls), then its text and images (data: URLs). Other data parts
 * are left out; empty messages are dropped.
 */
export function toChatMessages(messages: readonly LmMessageLike[], kinds: LmPartKinds = NO_THINKING): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const message of messages) {
    const parts = typeof message.content === 'string' ? [{ value: message.content }] : message.content;
    const answerParts = parts.filter((part) => !kinds.isThinking(part));
    const text = answerParts.map(textOf).join('');
    if (message.role === ROLE_ASSISTANT) {
      const toolCalls = parts.filter(isToolCallPart).map(toToolCall);
      if (text === '' && toolCalls.length === 0) continue;
      if (toolCalls.length === 0) {
        out.push({ role: 'assistant', content: text });
        continue;
      }
      const reasoning = parts.filter((part) => kinds.isThinking(part)).map(thinkingText).join('');
      out.push(reasoning === '' ? { role: 'assistant', content: text, toolCalls } : { role: 'assistant', content: text, toolCalls, reasoning });
      continue;
    }
    for (const result of parts.filter(isToolResultPart)) {
      out.push({ role: 'tool', toolCallId: result.callId, content: toolResultText(result.content) });
    }
    const images = parts.filter(isImagePart).map(dataUrl);
    if (text === '' && images.length === 0) continue;
    const chatMessage: ChatMessage = { role: message.role === ROLE_SYSTEM ? 'system' : 'user', content: text };
    if (images.length > 0 && chatMessage.role === 'user') chatMessage.images = images;
    out.push(chatMessage);
  }
  return out;
}

export function toChatTools(tools: readonly LmToolLike[] | undefined): ChatTool[] | undefined {
  if (!tools || tools.length === 0) return undefined;
  return tools.map((tool) => {
    const mapped: ChatTool = { name: tool.name };
    if (tool.description) mapped.description = tool.description;
    if (tool.inputSchema && Object.keys(tool.inputSchema).length > 0) mapped.parameters = tool.inputSchema;
    return mapped;
  });
}

/** Required mode with one tool names it (VS Code's contract); with several, any tool. Auto is the server default. */
export function toToolChoice(toolMode: number | undefined, tools: readonly LmToolLike[] | undefined): ToolChoice | undefined {
  if (toolMode !== TOOL_MODE_REQUIRED || !tools || tools.length === 0) return undefined;
  return tools.length === 1 ? { name: tools[0].name } : 'required';
}

/** The text of a message for token counting: text parts, tool-call arguments and tool results. */
export function messageText(message: LmMessageLike | string): string {
  if (typeof message === 'string') return message;
  const parts = typeof message.content === 'string' ? [{ value: message.content }] : message.content;
  return parts
    .map((part) => {
      if (isToolCallPart(part)) return part.name + JSON.stringify(part.input ?? {});
      if (isToolResultPart(part)) return toolResultText(part.content);
      return textOf(part);
    })
    .join('');
}

interface ToolCallPartLike {
  callId: string;
  name: string;
  input: unknown;
}

interface ToolResultPartLike {
  callId: string;
  content: ReadonlyArray<unknown>;
}

interface ImagePartLike {
  mimeType: string;
  data: Uint8Array;
}

/** vscode.LanguageModelDataPart (1.105+) holding an image, e.g. `LanguageModelDataPart.image(bytes, 'image/png')`. */
function isImagePart(part: unknown): part is ImagePartLike {
  return isRecord(part) && typeof part.mimeType === 'string' && /^image\//i.test(part.mimeType) && part.data instanceof Uint8Array;
}

function dataUrl(part: ImagePartLike): string {
  return `data:${part.mimeType.toLowerCase()};base64,${Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength).toString('base64')}`;
}

/** A thinking part's `value` is a string or a list of strings. */
function thinkingText(part: unknown): string {
  if (!isRecord(part)) return '';
  if (typeof part.value === 'string') return part.value;
  return Array.isArray(part.value) ? part.value.filter((v): v is string => typeof v === 'string').join('') : '';
}

function textOf(part: unknown): string {
  return isRecord(part) && typeof part.value === 'string' && !('callId' in part) ? part.value : '';
}

function isToolCallPart(part: unknown): part is ToolCallPartLike {
  return isRecord(part) && typeof part.callId === 'string' && typeof part.name === 'string' && 'input' in part;
}

function isToolResultPart(part: unknown): part is ToolResultPartLike {
  return isRecord(part) && typeof part.callId === 'string' && Array.isArray(part.content);
}

function toToolCall(part: ToolCallPartLike): ToolCall {
  const args = isRecord(part.input) ? part.input : {};
  return { id: part.callId, name: part.name, arguments: args };
}

/** Text parts as they are; anything else a tool returned (prompt-tsx trees, JSON values) as JSON. */
function toolResultText(content: ReadonlyArray<unknown>): string {
  return content
    .map((part) => {
      if (isRecord(part) && typeof part.value === 'string') return part.value;
      if (isRecord(part) && 'value' in part) return JSON.stringify(part.value);
      return typeof part === 'string' ? part : '';
    })
    .join('');
}
