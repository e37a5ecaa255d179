import * as assert from 'assert';
import { describeErrorKind, describeUnexpected, ERROR_KINDS, isKnownErrorKind, type ErrorDetails, type Translate } from '../../../src/common/errorTable';

// Mimics vscode.l10n.t for English: substitutes {0}, {1}…
const t: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

const details: ErrorDetails = { model: 'meta-llama/Llama-3.2-3B-Instruct-Turbo', host: 'api.aimlapi.com', timeoutSeconds: 60 };

describe('errorTable', () => {
  it('gives every kind one non-empty sentence', () => {
    for (const kind of ERROR_KINDS) {
      const view = describeErrorKind(kind, details, t);
      assert.strictEqual(view.kind, kind);
      assert.ok(view.message.length > 10, kind);
      assert.ok(!/\{\d\}/.test(view.message), `${kind} left a placeholder: ${view.message}`);
      assert.ok(!view.message.includes('\n'), `${kind} is more than one line`);
    }
  });

  it('maps each kind to the actions that fix it', () => {
    const actionsOf = (kind: (typeof ERROR_KINDS)[number]) => describeErrorKind(kind, details, t).actions;
    assert.deepStrictEqual(actionsOf('auth'), ['setApiKey']);
    assert.deepStrictEqual(actionsOf('forbidden'), ['openSettings']);
    assert.deepStrictEqual(actionsOf('model_unavailable'), ['chooseModel']);
    assert.deepStrictEqual(actionsOf('context_length'), ['chooseModel']);
    assert.deepStrictEqual(actionsOf('rate_limited'), ['retry']);
    for (const kind of ['server', 'stream_error', 'truncated', 'timeout', 'bad_response'] as const) {
      assert.deepStrictEqual(actionsOf(kind), ['retry', 'showLog'], kind);
    }
    assert.deepStrictEqual(actionsOf('network'), ['retry', 'openSettings', 'showLog']);
    assert.deepStrictEqual(actionsOf('cancelled'), []);
  });

  it('says what each situation means in its sentence', () => {
    assert.match(describeErrorKind('forbidden', details, t).message, /credits/);
    assert.match(describeErrorKind('model_unavailable', details, t).message, /Llama-3\.2-3B-Instruct-Turbo.*deprecated/);
    assert.match(describeErrorKind('context_length', details, t).message, /[Ss]horten the selection/);
    assert.match(describeErrorKind('network', details, t).message, /api\.aimlapi\.com.*proxy.*base URL/);
    assert.match(describeErrorKind('timeout', details, t).message, /60 s/);
    assert.match(describeErrorKind('cancelled', details, t).message, /partial/);
  });

  it('mentions the wait time of a rate limit when the server gave one, rounded up to seconds', () => {
    assert.match(describeErrorKind('rate_limited', { ...details, retryAfterMs: 2500 }, t).message, /Wait 3 s/);
    assert.doesNotMatch(describeErrorKind('rate_limited', details, t).message, /\d s/);
  });

  it('includes the status of a server error and the server message of a bad request when known', () => {
    assert.match(describeErrorKind('server', { ...details, status: 503 }, t).message, /HTTP 503/);
    assert.match(describeErrorKind('bad_request', { ...details, serverMessage: 'Body validation error' }, t).message, /Body validation error/);
  });

  it('a tool call cut by the max tokens limit says to raise askLlama.maxTokens and offers that setting, not a lost connection', () => {
    const view = describeErrorKind('truncated', { ...details, cutByMaxTokens: true }, t);
    assert.match(view.message, /token limit \(askLlama\.maxTokens\).*tool call.*[Rr]aise/);
    assert.doesNotMatch(view.message, /connection/);
    assert.deepStrictEqual(view.actions, ['openMaxTokens', 'retry']);
    assert.match(describeErrorKind('truncated', details, t).message, /connection/);
  });

  it("quotes the server's own words in a quota or plan stop, keeping the kind's advice and action", () => {
    const words = "You've reached your free limit for the hour";
    const forbidden = describeErrorKind('forbidden', { ...details, serverMessage: words }, t);
    assert.strictEqual(
      forbidden.message,
      `api.aimlapi.com refused the request and said: “${words}”. The account may be out of credits or not allowed to use meta-llama/Llama-3.2-3B-Instruct-Turbo. Check your plan, or the base URL in settings.`,
    );
    assert.deepStrictEqual(forbidden.actions, ['openSettings']);
    const limited = describeErrorKind('rate_limited', { ...details, serverMessage: words, retryAfterMs: 2000 }, t);
    assert.match(limited.message, /said: “You've reached your free limit for the hour”\. Wait 2 s/);
    assert.deepStrictEqual(limited.actions, ['retry']);
    assert.match(describeErrorKind('rate_limited', { ...details, serverMessage: words }, t).message, /free limit for the hour/);
  });

  it('recognises exactly the request module error kinds', () => {
    assert.ok(isKnownErrorKind('context_length'));
    assert.ok(!isKnownErrorKind('unknown'));
    assert.ok(!isKnownErrorKind(401));
  });

  it('describes unexpected failures with the log as the way out', () => {
    const view = describeUnexpected('boom', t);
    assert.strictEqual(view.kind, 'unknown');
    assert.match(view.message, /boom/);
    assert.deepStrictEqual(view.actions, ['retry', 'showLog']);
    assert.match(describeUnexpected('', t).message, /log/);
  });
});
