// Tool calling through chat(): what goes over the wire, and how streamed and whole `tool_calls` come back together.
import * as assert from 'assert';
import type { ChatMessage, ChatTool } from '../../../src/api';
import { sseData } from '../../support/scriptedServer';
import { failChat, JSON_HEADERS, runChat, SSE_HEADERS, splitBytes, useScriptedServer } from './apiTestKit';

const WEATHER: ChatTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

interface ToolDelta {
  index?: number;
  id?: string;
  name?: string;
  arguments?: unknown;
}

/** A `chat.completion.chunk` whose delta carries tool-call pieces (and optionally text). */
function toolChunk(calls: ToolDelta[], extra: { content?: string; finishReason?: string } = {}): object {
  const delta: Record<string, unknown> = {
    tool_calls: calls.map((call) => {
      const entry: Record<string, unknown> = {};
      if (call.index !== undefined) entry.index = call.index;
      if (call.id !== undefined) {
        entry.id = call.id;
        entry.type = 'function';
      }
      const fn: Record<string, unknown> = {};
      if (call.name !== undefined) fn.name = call.name;
      if (call.arguments !== undefined) fn.arguments = call.arguments;
      entry.function = fn;
      return entry;
    }),
  };
  if (extra.content !== undefined) delta.content = extra.content;
  return {
    id: 'chatcmpl-tools',
    object: 'chat.completion.chunk',
    model: 'scripted-model',
    choices: [{ index: 0, delta, finish_reason: extra.finishReason ?? null }],
  };
}

function finishChunk(reason = 'tool_calls'): string {
  return sseData({ id: 'chatcmpl-tools', object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: reason }] });
}

describe('api/chat tool calls', () => {
  const server = useScriptedServer();

  it('sends tools as OpenAI function tools, tool_choice, and assistant tool calls and tool results in OpenAI shape', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: [sseData(toolChunk([], { content: 'ok' })), finishChunk('stop'), sseData('[DONE]')] });
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Weather in Oslo?' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Oslo' } }] },
      { role: 'tool', toolCallId: 'call_1', content: '{"temp":3}' },
    ];
    await runChat(server(), { messages, tools: [WEATHER, { name: 'no_args' }], toolChoice: { name: 'get_weather' } });
    const body = server().requests[0].json;
    assert.deepStrictEqual(body.tools, [
      { type: 'function', function: { name: 'get_weather', description: 'Current weather for a city', parameters: WEATHER.parameters } },
      { type: 'function', function: { name: 'no_args', parameters: { type: 'object', properties: {} } } },
    ]);
    assert.deepStrictEqual(body.tool_choice, { type: 'function', function: { name: 'get_weather' } });
    assert.deepStrictEqual(body.messages, [
      { role: 'user', content: 'Weather in Oslo?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temp":3}' },
    ]);
  });

  it('sends no tools and no tool_choice when the list is empty, and a string tool_choice as is', async () => {
    const answer = { headers: SSE_HEADERS, chunks: [sseData(toolChunk([], { content: 'a' })), finishChunk('stop')] };
    server().enqueue(answer, answer);
    await runChat(server(), { tools: [], toolChoice: 'required' });
    await runChat(server(), { tools: [WEATHER], toolChoice: 'required' });
    assert.strictEqual('tools' in server().requests[0].json, false);
    assert.strictEqual('tool_choice' in server().requests[0].json, false);
    assert.strictEqual(server().requests[1].json.tool_choice, 'required');
  });

  it('assembles one call whose JSON arguments arrive in pieces, with the SSE bytes split inside the JSON', async () => {
    const body = [
      sseData(toolChunk([{ index: 0, id: 'call_abc', name: 'get_weather', arguments: '' }])),
      sseData(toolChunk([{ index: 0, arguments: '{"ci' }])),
      sseData(toolChunk([{ index: 0, arguments: 'ty": "Zürich' }])),
      sseData(toolChunk([{ index: 0, arguments: ' 🦙"}' }])),
      finishChunk(),
      sseData('[DONE]'),
    ].join('');
    const bytes = Buffer.from(body);
    const umlaut = bytes.indexOf(Buffer.from('ü'));
    const llama = bytes.indexOf(Buffer.from('🦙'));
    const split = bytes.indexOf(Buffer.from('"arguments":"{\\"ci'));
    server().enqueue({ headers: SSE_HEADERS, chunks: splitBytes(body, split + 5, umlaut + 1, llama + 2) });
    const { result, deltas } = await runChat(server(), { tools: [WEATHER] });
    assert.deepStrictEqual(deltas, [], 'tool-call pieces are not text');
    assert.strictEqual(result.text, '');
    assert.strictEqual(result.finishReason, 'tool_calls');
    assert.deepStrictEqual(result.toolCalls, [{ id: 'call_abc', name: 'get_weather', arguments: { city: 'Zürich 🦙' } }]);
  });

  it('keeps several calls apart by index, even when their pieces interleave, in the order they started', async () => {
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: [
        sseData(toolChunk([{ index: 0, id: 'call_a', name: 'get_weather', arguments: '{"city":' }])),
        sseData(toolChunk([{ index: 1, id: 'call_b', name: 'get_time', arguments: '{"zone"' }])),
        sseData(toolChunk([{ index: 0, arguments: '"Oslo"}' }, { index: 1, arguments: ':"CET"}' }])),
        sseData(toolChunk([{ index: 2, id: 'call_c', name: 'no_args', arguments: '' }])),
        finishChunk(),
        sseData('[DONE]'),
      ],
    });
    const { result } = await runChat(server(), { tools: [WEATHER] });
    assert.deepStrictEqual(result.toolCalls, [
      { id: 'call_a', name: 'get_weather', arguments: { city: 'Oslo' } },
      { id: 'call_b', name: 'get_time', arguments: { zone: 'CET' } },
      { id: 'call_c', name: 'no_args', arguments: {} },
    ]);
  });

  it('streams the text of an answer that also makes a call, and returns both', async () => {
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: [
        sseData(toolChunk([], { content: 'Let me ' })),
        sseData(toolChunk([], { content: 'check.' })),
        sseData(toolChunk([{ index: 0, id: 'call_1', name: 'get_weather', arguments: '{"city":"Rome"}' }])),
        finishChunk(),
        sseData({ id: 'chatcmpl-tools', object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14 } }),
        sseData('[DONE]'),
      ],
    });
    const { result, deltas } = await runChat(server(), { tools: [WEATHER] });
    assert.deepStrictEqual(deltas, ['Let me ', 'check.']);
    assert.strictEqual(result.text, 'Let me check.');
    assert.deepStrictEqual(result.toolCalls, [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Rome' } }]);
    assert.deepStrictEqual(result.usage, { promptTokens: 5, completionTokens: 9, totalTokens: 14 });
  });

  it('reads message.tool_calls from a non-streamed JSON completion (content null)', async () => {
    const completion = {
      id: 'chatcmpl-json',
      object: 'chat.completion',
      model: 'scripted-model',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_x', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lima"}' } },
              { id: 'call_y', type: 'function', function: { name: 'get_time', arguments: '{}' } },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
    };
    server().enqueue({ headers: JSON_HEADERS, chunks: splitBytes(JSON.stringify(completion), 40, 120) });
    const { result, deltas } = await runChat(server(), { tools: [WEATHER], stream: false });
    assert.deepStrictEqual(deltas, []);
    assert.strictEqual(result.finishReason, 'tool_calls');
    assert.deepStrictEqual(result.toolCalls, [
      { id: 'call_x', name: 'get_weather', arguments: { city: 'Lima' } },
      { id: 'call_y', name: 'get_time', arguments: {} },
    ]);
  });

  it('reports malformed JSON arguments as bad_response naming the tool, and does not retry', async () => {
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: [sseData(toolChunk([{ index: 0, id: 'call_1', name: 'get_weather', arguments: '{"city": "Oslo"' }])), finishChunk(), sseData('[DONE]')],
    });
    const { error } = await failChat(server(), { tools: [WEATHER] });
    assert.strictEqual(error.kind, 'bad_response');
    assert.match(error.message, /"get_weather".*not valid JSON/);
    assert.strictEqual(error.retryable, false);
    assert.strictEqual(server().requests.length, 1);
  });

  it('reports arguments that are JSON but not an object as bad_response', async () => {
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: [sseData(toolChunk([{ index: 0, id: 'call_1', name: 'get_weather', arguments: '["Oslo"]' }])), finishChunk()],
    });
    const { error } = await failChat(server(), { tools: [WEATHER] });
    assert.strictEqual(error.kind, 'bad_response');
    assert.match(error.message, /not a JSON object/);
  });

  it('reports a call without a tool name as bad_response', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: [sseData(toolChunk([{ index: 0, id: 'call_1', arguments: '{}' }])), finishChunk()] });
    const { error } = await failChat(server(), { tools: [WEATHER] });
    assert.strictEqual(error.kind, 'bad_response');
    assert.match(error.message, /without a tool name/);
  });

  it('tolerates servers that omit index and id, send arguments as an object, or encode them twice', async () => {
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: [
        // No index: a new id starts a new call; no id either: the call in progress continues.
        sseData(toolChunk([{ id: 'call_1', name: 'get_weather', arguments: { city: 'Oslo' } }])),
        sseData(toolChunk([{ id: 'call_2', name: 'get_time', arguments: '"{\\"zone\\":' }])),
        sseData(toolChunk([{ arguments: '\\"CET\\"}"' }])),
        sseData(toolChunk([{ index: 5, name: 'no_id' }])),
        finishChunk(),
      ],
    });
    const { result } = await runChat(server(), { tools: [WEATHER] });
    assert.deepStrictEqual(result.toolCalls, [
      { id: 'call_1', name: 'get_weather', arguments: { city: 'Oslo' } },
      { id: 'call_2', name: 'get_time', arguments: { zone: 'CET' } },
      { id: 'tool_call_2', name: 'no_id', arguments: {} },
    ]);
  });

  it('leaves toolCalls out of the result when the model made none', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: [sseData(toolChunk([], { content: 'plain' })), finishChunk('stop')] });
    const { result } = await runChat(server(), { tools: [WEATHER] });
    assert.strictEqual(result.text, 'plain');
    assert.strictEqual('toolCalls' in result, false);
  });
});
