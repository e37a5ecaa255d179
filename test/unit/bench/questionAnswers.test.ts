// The VS Code Chat bench gives its held answer to the request carrying the round's question and a filler to
// everything else Copilot Chat sends; if it handed the held answer to another request, the round would time the wrong
// answer (or wait for a marker that never shows).
import * as assert from 'assert';
import * as http from 'http';
import { QuestionAnswers, questionText } from '../../bench/questionAnswers';
import { TimedLlm } from '../../bench/timedLlm';

function post(llm: TimedLlm, body: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${llm.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (part: Buffer) => (text += part.toString('utf8')));
      response.on('end', () => resolve(text));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

describe('bench: QuestionAnswers', () => {
  let llm: TimedLlm;
  beforeEach(async () => {
    llm = await TimedLlm.start();
  });
  afterEach(() => llm.close());

  it('holds the answer to every request carrying the question it awaits and gives every other request a filler', async () => {
    const answers = new QuestionAnswers(llm);
    const { served, all, release } = answers.expect('q7');
    // A title request about an earlier question, sent before the question itself.
    const filler = await post(llm, { messages: [{ role: 'user', content: `Title for: ${questionText('q6')}` }] });
    assert.match(filler, /Noted/);
    assert.ok(!filler.includes('BENCHMARK'), 'the filler carries no marker');
    // The input's completion request carries the question before Enter; then the question itself.
    const completion = post(llm, { prompt: `Complete: ${questionText('q7')}` });
    const first = await served;
    assert.strictEqual(first, llm.answers[1], 'served is the first answer carrying the question, not the filler');
    const held = post(llm, { messages: [{ role: 'user', content: `<userRequest>${questionText('q7')}</userRequest>` }] });
    while (all().length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepStrictEqual(all(), [llm.answers[1], llm.answers[2]]);
    assert.strictEqual(all()[1].endAt, undefined, 'the rest is held until release');
    release();
    for (const text of [await completion, await held]) {
      assert.match(text, /BENCHMARKq7 /);
      assert.match(text, /rest\./);
    }
    assert.strictEqual(answers.fillers, 1);
  });
});
