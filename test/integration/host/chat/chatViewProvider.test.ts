// The webview shell and the relay: CSP with a fresh nonce, no inline script, restricted resource roots, and only
// well-formed page messages reach the controller.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostPost, PageMessage } from '../../../../src/common/protocol';
import { ChatViewProvider, type ChatPageHandler } from '../../../../src/host/chat/chatViewProvider';

interface FakeView {
  view: vscode.WebviewView;
  webview: { options: vscode.WebviewOptions; html: string; cspSource: string };
  receive(message: unknown): void;
  dispose(): void;
  posted: unknown[];
}

function fakeView(): FakeView {
  const listeners: Array<(m: unknown) => void> = [];
  const disposeListeners: Array<() => void> = [];
  const posted: unknown[] = [];
  const webview = {
    options: {} as vscode.WebviewOptions,
    html: '',
    cspSource: 'https://webview.test',
    asWebviewUri: (uri: vscode.Uri) => uri.with({ scheme: 'https', authority: 'webview.test' }),
    postMessage: async (m: unknown) => {
      posted.push(m);
      return true;
    },
    onDidReceiveMessage: (listener: (m: unknown) => void) => {
      listeners.push(listener);
      return new vscode.Disposable(() => listeners.splice(listeners.indexOf(listener), 1));
    },
  };
  const view = {
    webview,
    onDidDispose: (listener: () => void) => {
      disposeListeners.push(listener);
      return new vscode.Disposable(() => undefined);
    },
  } as unknown as vscode.WebviewView;
  return {
    view,
    webview,
    posted,
    receive: (m) => listeners.forEach((l) => l(m)),
    dispose: () => disposeListeners.forEach((l) => l()),
  };
}

class RecordingHandler implements ChatPageHandler {
  received: PageMessage[] = [];
  post: ((m: HostPost) => Thenable<boolean>) | undefined;
  attachPage(post: (m: HostPost) => Thenable<boolean>): vscode.Disposable {
    this.post = post;
    return new vscode.Disposable(() => (this.post = undefined));
  }
  async handlePageMessage(message: PageMessage): Promise<void> {
    this.received.push(message);
  }
}

const extensionUri = vscode.Uri.file('/ext/ask-llama');

function nonceOf(html: string): string {
  const match = /script-src 'nonce-([^']+)'/.exec(html);
  assert.ok(match, 'CSP has a script nonce');
  return match[1];
}

describe('ChatViewProvider', () => {
  it('renders the page with a strict CSP, a fresh nonce per render and no inline script', () => {
    const first = fakeView();
    const second = fakeView();
    const provider = new ChatViewProvider(extensionUri, new RecordingHandler());
    provider.resolveWebviewView(first.view);
    provider.resolveWebviewView(second.view);
    const html = first.webview.html;

    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    const nonce = nonceOf(html);
    assert.equal(
      csp,
      `default-src 'none'; style-src https://webview.test; font-src https://webview.test; img-src https://webview.test data:; script-src 'nonce-${nonce}';`,
    );
    assert.ok(nonce.length >= 16);
    assert.notEqual(nonceOf(second.webview.html), nonce, 'a new nonce per render');

    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0][2].trim(), '', 'no inline script');
    assert.ok(scripts[0][1].includes(`nonce="${nonce}"`));
    assert.ok(scripts[0][1].includes('src="https://webview.test/ext/ask-llama/dist/webview.js"'));
    assert.ok(html.includes('<link rel="stylesheet" href="https://webview.test/ext/ask-llama/dist/webview.css">'));
    assert.ok(html.includes('<div id="app"></div>'));
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
  });

  it('enables scripts, no command URIs, and loads resources only from dist/ and media/', () => {
    const fake = fakeView();
    new ChatViewProvider(extensionUri, new RecordingHandler()).resolveWebviewView(fake.view);
    const options = fake.webview.options;
    assert.equal(options.enableScripts, true);
    assert.equal(options.enableCommandUris, false);
    assert.deepEqual(options.localResourceRoots?.map((u) => u.path), ['/ext/ask-llama/dist', '/ext/ask-llama/media']);
  });

  it('relays well-formed page messages, drops malformed ones, and posts host messages to the page', async () => {
    const fake = fakeView();
    const handler = new RecordingHandler();
    new ChatViewProvider(extensionUri, handler).resolveWebviewView(fake.view);
    fake.receive({ type: 'send', text: 'hello', includeSelection: false, injected: '<img>' });
    fake.receive({ type: 'openChat', chatId: '../../etc/passwd' });
    fake.receive({ type: 'errorAction', action: 'rm -rf' });
    fake.receive('ready');
    fake.receive({ type: 'ready' });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(handler.received, [{ type: 'send', text: 'hello', includeSelection: false }, { type: 'ready' }]);

    await handler.post?.({ type: 'busy', busy: true });
    assert.deepEqual(fake.posted, [{ type: 'busy', busy: true }]);
    fake.dispose();
    assert.equal(handler.post, undefined, 'detached when the view is disposed');
  });
});
