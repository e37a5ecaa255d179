// A reasoning model's thinking, kept apart from the answer: `reasoning_content` / `reasoning` deltas and a leading
// `<think>…</think>` block (split anywhere across chunks) go to onReasoning and result.reasoning, never to onDelta.
import * as assert from 'assert';
import { sseAnswer, sseData } from '../../support/scriptedServer';
import { ThinkSplitter } from '../../../src/api/thinkSplitter';
import { runChat, SSE_HEADERS, useScriptedServer } from './apiTestKit';

function reasoningChunk(field: 'reasoning_content' | 'reasoning', text: string): string {
  return sseData({ choices: [{ index: 0, delta: { [field]: text }, finish_reason: null }] });
}

/** Feeds the pieces to a splitter and returns what it made of them. */
function split(pieces: string[]): { answer: string[]; reasoning: string[] } {
  const out = { answer: [] as string[], reasoning: [] as string[] };
  const splitter = new ThinkSplitter({ answer: (t) => out.answer.push(t), reasoning: (t) => out.reasoning.push(t) });
  for (const piece of pieces) splitter.push(piece);
  splitter.end();
  return out;
}

describe('api/chat reasoning', () => {
  const server = useScriptedServer();

  it('sends reasoning_content deltas to onReasoning and keeps them out of the answer', async () => {
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: [reasoningChunk('reasoning_content', 'The user wants '), reasoningChunk('reasoning_content', 'a greeting.'), ...sseAnswer(['Hello', '!'])],
    });
    const thinking: string[] = [];
    const { result, deltas } = await runChat(server(), {}, { onReasoning: (text) => thinking.push(text) });
    assert.deepStrictEqual(thinking, ['The user wants ', 'a greeting.']);
    assert.deepStrictEqual(deltas, ['Hello', '!']);
    assert.strictEqual(result.text, 'Hello!');
    assert.strictEqual(result.reasoning, 'The user wants a greeting.');
  });

  it('reads the `reasoning` field too (OpenRouter, newer vLLM and Ollama)', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: [reasoningChunk('reasoning', 'Hmm.'), ...sseAnswer(['Yes'])] });
    const { result, deltas } = await runChat(server());
    assert.deepStrictEqual(deltas, ['Yes']);
    assert.strictEqual(result.reasoning, 'Hmm.');
  });

  it('splits a leading <think> block, its tags cut across chunks, off the answer', async () => {
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: sseAnswer(['<thi', 'nk>Let me ', 'think.</th', 'ink>\n\n', 'The answer', ' is 4.']),
    });
    const thinking: string[] = [];
    const { result, deltas } = await runChat(server(), {}, { onReasoning: (text) => thinking.push(text) });
    assert.strictEqual(thinking.join(''), 'Let me think.');
    assert.deepStrictEqual(deltas, ['The answer', ' is 4.']);
    assert.strictEqual(result.text, 'The answer is 4.');
    assert.strictEqual(result.reasoning, 'Let me think.');
  });

  it('leaves an answer without a leading block untouched, even one that mentions <think> later', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['Use the ', '<think>', ' tag.']) });
    const { result, deltas } = await runChat(server());
    assert.deepStrictEqual(deltas, ['Use the ', '<think>', ' tag.']);
    assert.strictEqual(result.reasoning, undefined);
  });

  it('does not retry once reasoning was shown', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: [reasoningChunk('reasoning_content', 'Thinking')], end: 'destroy' });
    server().enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['second attempt']) });
    await assert.rejects(runChat(server()), (error: { kind: string }) => error.kind === 'truncated');
    assert.strictEqual(server().requests.length, 1);
  });
});

describe('api/thinkSplitter', () => {
  it('holds back a possible opening tag until it is settled', () => {
    assert.deepStrictEqual(split(['<', 'b>bold']), { answer: ['<b>bold'], reasoning: [] });
    assert.deepStrictEqual(split(['  <think>', 'x', '</think>', 'y']), { answer: ['y'], reasoning: ['x'] });
  });

  it('keeps an unclosed block as reasoning and a lone "<thi" as answer when the stream ends', () => {
    assert.deepStrictEqual(split(['<think>still going</thi']), { answer: [], reasoning: ['still going', '</thi'] });
    assert.deepStrictEqual(split(['<thi']), { answer: ['<thi'], reasoning: [] });
  });

  it('passes the answer straight through once it has started', () => {
    const splitter = new ThinkSplitter({ answer: () => undefined, reasoning: () => undefined });
    splitter.push('<think>a</think>');
    assert.strictEqual(splitter.passThrough, false);
    splitter.push('answer');
    assert.strictEqual(splitter.passThrough, true);
  });
});
