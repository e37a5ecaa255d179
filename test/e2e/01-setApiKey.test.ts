// A person sets the API key with "Ask Llama: Set API Key" (a password box) before the first question, as a user of
// the hosted API does. The server is plain http, so the first question asks before the key goes (Send Anyway). The
// request then carries it as a bearer token, and the key shows up nowhere it should not: not in the chat page, the
// workbench DOM or the settings file.
import * as assert from 'assert';
import * as fs from 'fs';
import { chatFrame, waitForAnswer } from './chatView';
import { e2e } from './e2eContext';
import { streamedAnswer } from './scriptedLlm';
import { askFirstQuestion, setApiKeyThroughCommand } from './apiKey';

describe('Set API Key', () => {
  const key = `sk-e2e-${Date.now().toString(36)}-secret`;

  it('stores the key from a password box and sends it as a bearer token', async () => {
    const { page, llm, userSettingsFile } = e2e();
    await setApiKeyThroughCommand(page, key);

    const requestNumber = llm.chatRequests().length + 1;
    llm.answerNext(streamedAnswer(['Key received.']));
    // Plain http to a host that is not this machine: the extension asks before the key goes, naming the host.
    await askFirstQuestion(page, 'Does the key reach the server?');
    const request = await llm.waitForChatRequest(requestNumber);
    assert.strictEqual(request.headers.authorization, `Bearer ${key}`);
    // Addressed to the remote-looking API host (through the proxy), which is why the key was sent at all.
    assert.match(request.headers.host ?? '', /^api\.ask-llama\.test:/);
    await waitForAnswer(chatFrame(page), 'Key received.', 'done');

    assert.ok(!(await chatFrame(page).locator('html').innerHTML()).includes(key), 'the key is in the chat page DOM');
    assert.ok(!(await page.content()).includes(key), 'the key is in the workbench DOM');
    assert.ok(!fs.readFileSync(userSettingsFile, 'utf8').includes(key), 'the key is in the user settings file');
  });
});
