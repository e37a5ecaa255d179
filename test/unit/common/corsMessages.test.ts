// What a user on a browser workbench reads when fetch is refused (CORS) or cannot reach the server (issue 23).
import * as assert from 'assert';
import { describeErrorKind, type ErrorDetails, type Translate } from '../../../src/common/errorTable';

const t: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const at = (host: string): ErrorDetails => ({ model: 'llama3.2', host, timeoutSeconds: 60 });

describe('errorTable: cors (the web build)', () => {
  it('names the setting of the local server on the base URL\'s port', () => {
    assert.match(describeErrorKind('cors', at('127.0.0.1:11434'), t).message, /OLLAMA_ORIGINS/);
    assert.match(describeErrorKind('cors', at('localhost:1234'), t).message, /lms server start --cors/);
    assert.match(describeErrorKind('cors', at('127.0.0.1:8080'), t).message, /llama-server with `--cors-origins`/);
    assert.match(describeErrorKind('cors', at('127.0.0.1:8000'), t).message, /--allowed-origins/);
    assert.doesNotMatch(describeErrorKind('cors', at('127.0.0.1:11434'), t).message, /lms server/);
  });

  it('lists every local server when the port is not a usual one', () => {
    const message = describeErrorKind('cors', at('127.0.0.1:9999'), t).message;
    for (const advice of [/OLLAMA_ORIGINS/, /lms server start --cors/, /--cors-origins/, /--allowed-origins/]) assert.match(message, advice);
    assert.match(message, /not running, or it does not allow requests from this page \(CORS\)/);
  });

  it('says plainly that a remote API may not allow browsers', () => {
    const view = describeErrorKind('cors', at('api.aimlapi.com'), t);
    assert.match(view.message, /api\.aimlapi\.com.*does not allow requests from a web page \(CORS\).*VS Code desktop or a remote workspace/);
    assert.doesNotMatch(view.message, /OLLAMA_ORIGINS/);
    assert.deepStrictEqual(view.actions, ['openSettings', 'retry', 'showLog']);
  });
});
