// What the request carries beyond plain text: images as `image_url` parts, reasoning sent back with tool calls, and
// `stream_options` dropped (once, at once) for a server that refuses it.
import * as assert from 'assert';
import { sseAnswer } from '../../support/scriptedServer';
import { JSON_HEADERS, runChat, SSE_HEADERS, useScriptedServer } from './apiTestKit';

const PIXEL = 'data:image/png;base64,iVBORw0KGgo=';

describe('api/chat request parts', () => {
  const server = useScriptedServer();

  it('sends a user message\'s images as image_url parts after its text', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['A cat.']) });
    await runChat(server(), { messages: [{ role: 'user', content: 'What is this?', images: [PIXEL] }] });
    assert.deepStrictEqual(server().requests[0].json.messages, [
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: PIXEL } }] },
    ]);
  });

  it('sends an assistant turn\'s reasoning back as reasoning_content with its tool calls, and only there', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['Done.']) });
    await runChat(server(), {
      messages: [
        { role: 'user', content: 'Weather?', reasoning: 'never sent on a user turn' },
        { role: 'assistant', content: '', reasoning: 'I should call the tool.', toolCalls: [{ id: 'c1', name: 'weather', arguments: {} }] },
        { role: 'tool', toolCallId: 'c1', content: 'sunny' },
        { role: 'assistant', content: 'Sunny.', reasoning: 'a plain answer: nothing to send back' },
      ],
    });
    const sent = server().requests[0].json.messages;
    assert.strictEqual(sent[0].reasoning_content, undefined);
    assert.strictEqual(sent[1].reasoning_content, 'I should call the tool.');
    assert.deepStrictEqual(sent[3], { role: 'assistant', content: 'Sunny.' });
  });

  it('asks again without stream_options when the server refuses it with a 400 naming it', async () => {
    server().enqueue({
      status: 400,
      headers: JSON_HEADERS,
      chunks: [JSON.stringify({ error: { message: 'Unrecognized request argument supplied: stream_options', type: 'invalid_request_error' } })],
    });
    server().enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['Hello']) });
    const { result } = await runChat(server(), { maxRetries: 0 });
    assert.strictEqual(result.text, 'Hello');
    const [first, second] = server().requests;
    assert.deepStrictEqual(first.json.stream_options, { include_usage: true });
    assert.strictEqual('stream_options' in second.json, false);
    assert.strictEqual(server().requests.length, 2);
  });

  it('does not ask again for a 400 about something else', async () => {
    server().enqueue({ status: 400, headers: JSON_HEADERS, chunks: [JSON.stringify({ message: 'Body validation error', statusCode: 400 })] });
    await assert.rejects(runChat(server()), (error: { kind: string }) => error.kind === 'bad_request');
    assert.strictEqual(server().requests.length, 1);
  });
});
