// The sidebar view `askLlama.chat`: renders the page shell and relays messages between the page and the controller.
// Every message from the page is checked by parsePageMessage first; the page renders model output and is less trusted.
import * as vscode from 'vscode';
import { parsePageMessage } from '../../common/pageMessageGuard';
import type { HostPost, PageMessage } from '../../common/protocol';
import { pageTranslations } from './pageL10n';
import { createNonce, renderChatHtml } from './webviewHtml';

/** What the view needs from the chat controller. */
export interface ChatPageHandler {
  /** Connects a page; the controller posts through `post` until the returned disposable is disposed. */
  attachPage(post: (message: HostPost) => Thenable<boolean>): vscode.Disposable;
  handlePageMessage(message: PageMessage): Promise<void>;
}

export class ChatViewProvider implements vscode.WebviewViewProvider {
  static readonly viewType = 'askLlama.chat';

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly handler: ChatPageHandler,
    private readonly log?: vscode.LogOutputChannel,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    const webview = view.webview;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [dist, vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    webview.html = renderChatHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
      translations: pageTranslations(this.extensionUri),
    });
    const page = this.handler.attachPage((message) => webview.postMessage(message));
    const receiving = webview.onDidReceiveMessage((raw: unknown) => {
      const message = parsePageMessage(raw);
      if (!message) {
        this.log?.warn('Ignored a malformed message from the chat page.');
        return;
      }
      this.handler.handlePageMessage(message).catch((err: unknown) => {
        this.log?.error(`Chat page message "${message.type}" failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    });
    view.onDidDispose(() => {
      receiving.dispose();
      page.dispose();
    });
  }
}
