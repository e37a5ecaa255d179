// VS Code's chat messages and options → the request module's messages, tools and tool choice (plain objects stand in
// for the vscode part classes: the mapping recognises parts by shape).
import * as assert from 'assert';
import { messageText, toChatMessages, toChatTools, toToolChoice } from '../../../../src/host/lm/lmMessages';

const USER = 1;
const ASSISTANT = 2;
const SYSTEM = 3;
const text = (value: string) => ({ value });
const call = (callId: string, name: string, input: object) => ({ callId, name, input });
const result = (callId: string, content: unknown[]) => ({ callId, content });

describe('host/lm message mapping', () => {
  it('maps user, assistant and system text, joining a message\'s text parts', () => {
    assert.deepStrictEqual(
      toChatMessages([
        { role: SYSTEM, content: [text('Be brief.')] },
        { role: USER, content: [text('Hel'), text('lo')] },
        { role: ASSISTANT, content: [text('Hi')] },
        { role: USER, content: 'plain string content' },
      ]),
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Hi' },
        { role: 'user', content: 'plain string content' },
      ],
    );
  });

  it('keeps an assistant turn\'s tool calls with its text, and turns tool results into tool messages before the user text', () => {
    assert.deepStrictEqual(
      toChatMessages([
        { role: ASSISTANT, content: [text('Checking.'), call('c1', 'get_weather', { city: 'Oslo' }), call('c2', 'get_time', {})] },
        { role: USER, content: [result('c1', [text('3 °C')]), result('c2', [text('12:00'), { value: { tz: 'CET' } }]), text('And tomorrow?')] },
      ]),
      [
        {
          role: 'assistant',
          content: 'Checking.',
          toolCalls: [
            { id: 'c1', name: 'get_weather', arguments: { city: 'Oslo' } },
            { id: 'c2', name: 'get_time', arguments: {} },
          ],
        },
        { role: 'tool', toolCallId: 'c1', content: '3 °C' },
        { role: 'tool', toolCallId: 'c2', content: '12:00{"tz":"CET"}' },
        { role: 'user', content: 'And tomorrow?' },
      ],
    );
  });

  it('sends images as data: URLs, leaves out other data parts, and drops messages left empty', () => {
    const image = { mimeType: 'image/png', data: new Uint8Array([1, 2]) };
    const json = { mimeType: 'application/json', data: new Uint8Array([123, 125]) };
    assert.deepStrictEqual(
      toChatMessages([{ role: USER, content: [image] }, { role: ASSISTANT, content: [] }, { role: USER, content: [json, image, text('What is this?')] }, { role: USER, content: [json] }]),
      [
        { role: 'user', content: '', images: ['data:image/png;base64,AQI='] },
        { role: 'user', content: 'What is this?', images: ['data:image/png;base64,AQI='] },
      ],
    );
  });

  it('keeps thinking parts out of the answer text and sends them back only with tool calls', () => {
    const thinking = (value: string | string[]) => ({ value, thinking: true });
    const kinds = { isThinking: (part: unknown) => (part as { thinking?: boolean }).thinking === true };
    assert.deepStrictEqual(
      toChatMessages(
        [
          { role: ASSISTANT, content: [thinking('Plan: '), text('Hi')] },
          { role: ASSISTANT, content: [thinking(['Need ', 'the tool.']), call('c1', 'now', {})] },
        ],
        kinds,
      ),
      [
        { role: 'assistant', content: 'Hi' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'now', arguments: {} }], reasoning: 'Need the tool.' },
      ],
    );
  });

  it('maps tools to function tools, dropping empty schemas and descriptions', () => {
    assert.strictEqual(toChatTools(undefined), undefined);
    assert.strictEqual(toChatTools([]), undefined);
    const schema = { type: 'object', properties: { q: { type: 'string' } } };
    assert.deepStrictEqual(toChatTools([{ name: 'search', description: 'Find', inputSchema: schema }, { name: 'now', description: '', inputSchema: {} }]), [
      { name: 'search', description: 'Find', parameters: schema },
      { name: 'now' },
    ]);
  });

  it('asks for a tool only in Required mode: the one tool by name, else any', () => {
    const one = [{ name: 'a' }];
    const two = [{ name: 'a' }, { name: 'b' }];
    assert.strictEqual(toToolChoice(1, two), undefined);
    assert.deepStrictEqual(toToolChoice(2, one), { name: 'a' });
    assert.strictEqual(toToolChoice(2, two), 'required');
    assert.strictEqual(toToolChoice(2, []), undefined);
  });

  it('gives the text to count: text, tool calls and tool results', () => {
    assert.strictEqual(messageText('abc'), 'abc');
    assert.strictEqual(messageText({ role: ASSISTANT, content: [text('x'), call('c', 'f', { a: 1 })] }), 'xf{"a":1}');
    assert.strictEqual(messageText({ role: USER, content: [result('c', [text('done')])] }), 'done');
  });
});
