// Streamed tool calls as real servers send them, byte for byte: OpenAI (id and name at an index, then argument
// pieces at that index with no id), vLLM (no arguments in the first piece, `choices: null` usage chunk), llama.cpp
// (`arguments: ""` first, `timings`), and Ollama, which streams each call whole and numbers every one `index: 0`
// (ollama/ollama#15457); plus whole calls with neither index nor id. Two calls must stay two calls.
import * as assert from 'assert';
import type { ChatTool } from '../../../src/api';
import { failChat, runChat, SSE_HEADERS, useScriptedServer } from './apiTestKit';

const TOOLS: ChatTool[] = [
  { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } },
  { name: 'list_dir', parameters: { type: 'object', properties: { path: { type: 'string' } } } },
];

/** The stream as written on the wire: each JSON text exactly as given, as `data: …` events, one write each. */
function wire(...events: string[]): string[] {
  return events.map((event) => `data: ${event}\n\n`);
}

const TWO_CALLS = [
  { id: 'call_1', name: 'read_file', arguments: { path: 'src/a.ts' } },
  { id: 'call_2', name: 'list_dir', arguments: { path: 'src' } },
];

describe('api/chat tool calls: real streamed shapes', () => {
  const server = useScriptedServer();

  async function callsOf(chunks: string[]) {
    server().enqueue({ headers: SSE_HEADERS, chunks });
    const { result } = await runChat(server(), { tools: TOOLS });
    return result;
  }

  it('Ollama: two whole calls, each at index 0 in its own chunk, are two calls', async () => {
    const result = await callsOf(
      wire(
        String.raw`{"id":"chatcmpl-18","object":"chat.completion.chunk","created":1744446075,"model":"qwen2.5-coder:7b","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"","tool_calls":[{"id":"call_1","index":0,"type":"function","function":{"name":"read_file","arguments":"{\"path\":\"src/a.ts\"}"}}]},"finish_reason":null}]}`,
        String.raw`{"id":"chatcmpl-18","object":"chat.completion.chunk","created":1744446075,"model":"qwen2.5-coder:7b","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"","tool_calls":[{"id":"call_2","index":0,"type":"function","function":{"name":"list_dir","arguments":"{\"path\":\"src\"}"}}]},"finish_reason":null}]}`,
        String.raw`{"id":"chatcmpl-18","object":"chat.completion.chunk","created":1744446075,"model":"qwen2.5-coder:7b","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"tool_calls"}]}`,
        '[DONE]',
      ),
    );
    assert.strictEqual(result.finishReason, 'tool_calls');
    assert.deepStrictEqual(result.toolCalls, TWO_CALLS);
  });

  it('Ollama: two whole calls in one chunk, both at index 0, are two calls', async () => {
    const result = await callsOf(
      wire(
        String.raw`{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1775700000,"model":"qwen3-coder:30b","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"","tool_calls":[{"id":"call_1","index":0,"type":"function","function":{"name":"read_file","arguments":"{\"path\":\"src/a.ts\"}"}},{"id":"call_2","index":0,"type":"function","function":{"name":"list_dir","arguments":"{\"path\":\"src\"}"}}]},"finish_reason":null}]}`,
        String.raw`{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1775700000,"model":"qwen3-coder:30b","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"tool_calls"}]}`,
        '[DONE]',
      ),
    );
    assert.deepStrictEqual(result.toolCalls, TWO_CALLS);
  });

  it('whole calls with neither index nor id are separate calls', async () => {
    const result = await callsOf(
      wire(
        String.raw`{"id":"chatcmpl-9","object":"chat.completion.chunk","created":1744446075,"model":"local","choices":[{"index":0,"delta":{"tool_calls":[{"type":"function","function":{"name":"read_file","arguments":"{\"path\":\"src/a.ts\"}"}}]},"finish_reason":null}]}`,
        String.raw`{"id":"chatcmpl-9","object":"chat.completion.chunk","created":1744446075,"model":"local","choices":[{"index":0,"delta":{"tool_calls":[{"type":"function","function":{"name":"list_dir","arguments":{"path":"src"}}}]},"finish_reason":null}]}`,
        String.raw`{"id":"chatcmpl-9","object":"chat.completion.chunk","created":1744446075,"model":"local","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}`,
      ),
    );
    assert.deepStrictEqual(result.toolCalls, [
      { id: 'tool_call_0', name: 'read_file', arguments: { path: 'src/a.ts' } },
      { id: 'tool_call_1', name: 'list_dir', arguments: { path: 'src' } },
    ]);
  });

  it('OpenAI: id and name at an index, then argument pieces at the same index with no id; two calls in parallel', async () => {
    const head = String.raw`"object":"chat.completion.chunk","created":1744446075,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_f33640a400"`;
    const piece = (index: number, args: string) =>
      `{"id":"chatcmpl-B1",${head},"choices":[{"index":0,"delta":{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(args)}}}]},"logprobs":null,"finish_reason":null}]}`;
    const result = await callsOf(
      wire(
        `{"id":"chatcmpl-B1",${head},"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"read_file","arguments":""}}],"refusal":null},"logprobs":null,"finish_reason":null}]}`,
        piece(0, '{"pa'),
        piece(0, 'th": "src/a.ts"}'),
        `{"id":"chatcmpl-B1",${head},"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"list_dir","arguments":""}}]},"logprobs":null,"finish_reason":null}]}`,
        piece(1, '{"path"'),
        piece(1, ': "src"}'),
        `{"id":"chatcmpl-B1",${head},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]}`,
        '[DONE]',
      ),
    );
    assert.deepStrictEqual(result.toolCalls, TWO_CALLS);
  });

  it('a server that repeats the same id (and name) on every piece of one call keeps it one call', async () => {
    const piece = (args: string) =>
      `{"id":"chatcmpl-R","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"read_file","arguments":${JSON.stringify(args)}}}]},"finish_reason":null}]}`;
    const result = await callsOf(
      wire(piece(''), piece('{"path":'), piece('"src/a.ts"}'), `{"id":"chatcmpl-R","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}`),
    );
    assert.deepStrictEqual(result.toolCalls, [TWO_CALLS[0]]);
  });

  it('vLLM: no arguments in the first piece, then pieces; usage chunk with choices null', async () => {
    const head = String.raw`"object":"chat.completion.chunk","created":1744446075,"model":"meta-llama/Llama-3.1-8B-Instruct"`;
    const result = await callsOf(
      wire(
        `{"id":"chatcmpl-v",${head},"choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}`,
        `{"id":"chatcmpl-v",${head},"choices":[{"index":0,"delta":{"tool_calls":[{"id":"chatcmpl-tool-1","type":"function","index":0,"function":{"name":"read_file"}}]},"logprobs":null,"finish_reason":null}]}`,
        String.raw`{"id":"chatcmpl-v",${head},"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"path\": \""}}]},"logprobs":null,"finish_reason":null}]}`,
        String.raw`{"id":"chatcmpl-v",${head},"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"src/a.ts\"}"}}]},"logprobs":null,"finish_reason":null}]}`,
        `{"id":"chatcmpl-v",${head},"choices":[{"index":0,"delta":{"tool_calls":[{"id":"chatcmpl-tool-2","type":"function","index":1,"function":{"name":"list_dir"}}]},"logprobs":null,"finish_reason":null}]}`,
        String.raw`{"id":"chatcmpl-v",${head},"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\"path\": \"src\"}"}}]},"logprobs":null,"finish_reason":null}]}`,
        `{"id":"chatcmpl-v",${head},"choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"tool_calls","stop_reason":128008}]}`,
        `{"id":"chatcmpl-v",${head},"choices":null,"usage":{"prompt_tokens":310,"total_tokens":352,"completion_tokens":42}}`,
        '[DONE]',
      ),
    );
    assert.deepStrictEqual(result.toolCalls, [
      { id: 'chatcmpl-tool-1', name: 'read_file', arguments: { path: 'src/a.ts' } },
      { id: 'chatcmpl-tool-2', name: 'list_dir', arguments: { path: 'src' } },
    ]);
    assert.deepStrictEqual(result.usage, { promptTokens: 310, completionTokens: 42, totalTokens: 352 });
  });

  it('llama.cpp: arguments "" with the id and name, then pieces; timings on the last chunk', async () => {
    const tail = String.raw`"created":1744446075,"id":"chatcmpl-l","model":"llama-3.2-3b","system_fingerprint":"b5460-4a4f4269","object":"chat.completion.chunk"`;
    const result = await callsOf(
      wire(
        `{"choices":[{"finish_reason":null,"index":0,"delta":{"tool_calls":[{"index":0,"id":"Ab12","type":"function","function":{"name":"read_file","arguments":""}}]}}],${tail}}`,
        String.raw`{"choices":[{"finish_reason":null,"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"path\":\"src/a.ts\"}"}}]}}],${tail}}`,
        `{"choices":[{"finish_reason":null,"index":0,"delta":{"tool_calls":[{"index":1,"id":"Cd34","type":"function","function":{"name":"list_dir","arguments":""}}]}}],${tail}}`,
        String.raw`{"choices":[{"finish_reason":null,"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\"path\":"}}]}}],${tail}}`,
        String.raw`{"choices":[{"finish_reason":null,"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\"src\"}"}}]}}],${tail}}`,
        `{"choices":[{"finish_reason":"tool_calls","index":0,"delta":{}}],${tail},"usage":{"completion_tokens":40,"prompt_tokens":300,"total_tokens":340},"timings":{"prompt_n":300,"predicted_n":40}}`,
        '[DONE]',
      ),
    );
    assert.deepStrictEqual(result.toolCalls, [
      { id: 'Ab12', name: 'read_file', arguments: { path: 'src/a.ts' } },
      { id: 'Cd34', name: 'list_dir', arguments: { path: 'src' } },
    ]);
  });

  describe('a call cut by max_tokens (finish_reason length)', () => {
    const cut = (finishReason: string) =>
      wire(
        String.raw`{"id":"chatcmpl-c","object":"chat.completion.chunk","created":1744446075,"model":"meta-llama/Llama-3.3-70B-Instruct-Turbo","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"read_file","arguments":""}}]},"finish_reason":null}]}`,
        String.raw`{"id":"chatcmpl-c","object":"chat.completion.chunk","created":1744446075,"model":"meta-llama/Llama-3.3-70B-Instruct-Turbo","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"path\":\"src/very/long/pa"}}]},"finish_reason":null}]}`,
        `{"id":"chatcmpl-c","object":"chat.completion.chunk","created":1744446075,"model":"meta-llama/Llama-3.3-70B-Instruct-Turbo","choices":[{"index":0,"delta":{},"finish_reason":"${finishReason}"}]}`,
        `{"id":"chatcmpl-c","object":"chat.completion.chunk","created":1744446075,"model":"meta-llama/Llama-3.3-70B-Instruct-Turbo","choices":[],"usage":{"prompt_tokens":900,"completion_tokens":64,"total_tokens":964}}`,
      );

    it('is truncated (retryable, says to raise the max tokens), not bad_response, and is not sent again', async () => {
      server().enqueue({ headers: SSE_HEADERS, chunks: cut('length') });
      const { error } = await failChat(server(), { tools: TOOLS, maxTokens: 64 });
      assert.strictEqual(error.kind, 'truncated');
      assert.strictEqual(error.retryable, true);
      assert.strictEqual(error.cutByMaxTokens, true);
      assert.match(error.message, /max tokens/);
      assert.match(error.message, /"read_file"/);
      assert.strictEqual(server().requests.length, 1, 'the same limit would cut it again: not retried by itself');
    });

    it('the same cut arguments with another finish reason are still bad JSON from the model', async () => {
      server().enqueue({ headers: SSE_HEADERS, chunks: cut('tool_calls') });
      const { error } = await failChat(server(), { tools: TOOLS });
      assert.strictEqual(error.kind, 'bad_response');
      assert.strictEqual(error.cutByMaxTokens, undefined);
    });

    it('a whole completion cut at length is truncated too', async () => {
      const body = {
        id: 'chatcmpl-j',
        object: 'chat.completion',
        model: 'm',
        choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"sr' } }] }, finish_reason: 'length' }],
      };
      server().enqueue({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify(body)] });
      const { error } = await failChat(server(), { tools: TOOLS, stream: false });
      assert.strictEqual(error.kind, 'truncated');
      assert.strictEqual(error.cutByMaxTokens, true);
    });

    it('complete calls in an answer that ended at length are returned as they are', async () => {
      const result = await callsOf(
        wire(
          String.raw`{"id":"x","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"src/a.ts\"}"}}]},"finish_reason":"length"}]}`,
          '[DONE]',
        ),
      );
      assert.strictEqual(result.finishReason, 'length');
      assert.deepStrictEqual(result.toolCalls, [TWO_CALLS[0]]);
    });
  });
});
