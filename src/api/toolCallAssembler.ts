// Puts tool calls back together from OpenAI-compatible `tool_calls` entries: streamed deltas carry the id and name
// once and the JSON arguments in pieces, keyed by `index`; a whole completion carries each call in one entry.
// `index` is not trusted alone: Ollama streams every call whole at `index: 0` (ollama/ollama#15457), so a new id at
// a used index is a new call; and servers that send whole calls with neither index nor id get one call per entry.
// The arguments are only parsed once the answer is over, and text that is not a JSON object is a bad_response.
import { ApiError } from './apiError';
import { isRecord } from './isRecord';
import type { ToolCall } from './types';

interface PartialCall {
  id?: string;
  name: string;
  argumentsText: string;
}

/** A model is not allowed to make the client hold unbounded text in one call's arguments. */
const MAX_ARGUMENTS_CHARS = 4 * 1024 * 1024;

export class ToolCallAssembler {
  private readonly calls: PartialCall[] = [];
  private readonly slotByIndex = new Map<number, PartialCall>();

  get hasCalls(): boolean {
    return this.calls.length > 0;
  }

  /** One `delta.tool_calls` (or `message.tool_calls`) array. Entries that are not objects are ignored. */
  add(entries: unknown): void {
    if (!Array.isArray(entries)) return;
    for (const entry of entries) if (isRecord(entry)) this.addEntry(entry);
  }

  /**
   * The finished calls in the order they started. Throws ApiError('bad_response') for unusable arguments or names,
   * or ApiError('truncated') when the answer stopped at max_tokens (`finishReason` 'length') before a call's
   * arguments were complete: the model did nothing wrong, the limit cut it off.
   */
  finish(finishReason?: string): ToolCall[] {
    return this.calls.map((call, position) => {
      if (call.name === '') throw new ApiError('bad_response', 'The model made a tool call without a tool name.');
      return { id: call.id ?? `tool_call_${position}`, name: call.name, arguments: parseArguments(call, finishReason === 'length') };
    });
  }

  private addEntry(entry: Record<string, unknown>): void {
    const id = typeof entry.id === 'string' && entry.id !== '' ? entry.id : undefined;
    const fn = isRecord(entry.function) ? entry.function : undefined;
    const named = fn !== undefined && typeof fn.name === 'string' && fn.name !== '';
    const call = this.slotFor(entry.index, id, named);
    if (id !== undefined) call.id ??= id;
    if (!fn) return;
    // The name comes whole in the first delta; a server that repeats it must not double it.
    if (typeof fn.name === 'string' && fn.name !== '' && call.name === '') call.name = fn.name;
    const args = fn.arguments;
    // Some servers send the arguments as an object instead of JSON text.
    const piece = typeof args === 'string' ? args : isRecord(args) ? JSON.stringify(args) : '';
    if (call.argumentsText.length + piece.length > MAX_ARGUMENTS_CHARS) {
      throw new ApiError('bad_response', `The model's arguments for the tool "${call.name}" are too long.`);
    }
    call.argumentsText += piece;
  }

  /**
   * By `index` when the server gives one, unless the entry names another id than the call there (Ollama: every call
   * at index 0); else by id (a new id starts a new call); else the call in progress, unless the entry names a tool
   * and that call is already whole (named, its arguments complete JSON): then it is the next whole call.
   */
  private slotFor(index: unknown, id: string | undefined, named: boolean): PartialCall {
    if (typeof index === 'number' && Number.isInteger(index) && index >= 0) {
      const existing = this.slotByIndex.get(index);
      if (existing && (id === undefined || existing.id === undefined || existing.id === id)) return existing;
      const created = this.newCall();
      this.slotByIndex.set(index, created);
      return created;
    }
    if (id !== undefined) return this.calls.find((call) => call.id === id) ?? this.newCall();
    const current = this.calls[this.calls.length - 1];
    if (current === undefined || (named && isWhole(current))) return this.newCall();
    return current;
  }

  private newCall(): PartialCall {
    const call: PartialCall = { name: '', argumentsText: '' };
    this.calls.push(call);
    return call;
  }
}

/**
 * A call that has its name and complete JSON arguments: a later named entry is not part of it. No arguments yet is
 * not whole: a server may repeat the name in every piece of one call (whole calls without arguments send `{}`).
 */
function isWhole(call: PartialCall): boolean {
  const text = call.argumentsText.trim();
  if (call.name === '' || text === '') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parseArguments(call: PartialCall, cutByMaxTokens: boolean): Record<string, unknown> {
  const text = call.argumentsText.trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
    // A few servers encode the arguments twice: a JSON string holding the JSON object.
    if (typeof parsed === 'string') parsed = JSON.parse(parsed);
  } catch {
    if (cutByMaxTokens) {
      throw new ApiError(
        'truncated',
        `The answer reached the max tokens limit while the model was writing the arguments of the tool "${call.name}". Raise the max tokens, then retry.`,
        { cutByMaxTokens: true },
      );
    }
    throw new ApiError('bad_response', `The model called the tool "${call.name}" with arguments that are not valid JSON.`);
  }
  if (!isRecord(parsed)) {
    throw new ApiError('bad_response', `The model called the tool "${call.name}" with arguments that are not a JSON object.`);
  }
  return parsed;
}
