// Shared set-up for the chat integration tests: a controller wired to a scripted RequestContext, a recording page
// and a recording log, with its history in a temp folder. The request itself goes through the real request module to
// the real scripted HTTP server.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { hostOf } from '../../../../src/api';
import type { Attachment, ErrorView } from '../../../../src/common/chatTypes';
import { type HostMessage, type HostPost, unbatch } from '../../../../src/common/protocol';
import { ChatController } from '../../../../src/host/chat/chatController';
import { describeFailure } from '../../../../src/host/errorMessages';
import type { RequestContext, RequestSettings } from '../../../../src/host/requestContext';
import { ScriptedServer } from '../../../support/scriptedServer';

export const TEST_KEY = 'sk-test-SECRET-0123456789';

export class ScriptedRequests implements RequestContext {
  settings: RequestSettings | undefined;
  selection: Attachment | undefined | null = undefined;
  constructor(baseUrl: string) {
    this.settings = {
      baseUrl,
      apiKey: TEST_KEY,
      model: 'meta-llama/test-llama',
      temperature: 0.2,
      maxTokens: 256,
      systemPrompt: 'You are a test assistant.',
      timeoutMs: 10_000,
    };
  }
  async prepare(): Promise<RequestSettings | undefined> {
    return this.settings && { ...this.settings };
  }
  async current(): Promise<RequestSettings> {
    if (!this.settings) throw new Error('no scripted settings');
    return { ...this.settings };
  }
  async currentWithConsent(): Promise<RequestSettings | undefined> {
    return this.current();
  }
  async captureCurrentFile(): Promise<Attachment | undefined> {
    return undefined;
  }
  async captureSelection(): Promise<Attachment | undefined | null> {
    return this.selection;
  }
  /**
   * The product's own sentence builder (what RequestContextImpl uses), so the page shows the real error text. It is
   * given no keys to scrub: any key in the text must already have been removed by the request module.
   */
  describeError(error: unknown): ErrorView {
    return describeFailure(error, { model: this.settings?.model ?? '', host: hostOf(this.settings?.baseUrl ?? ''), timeoutSeconds: 10 });
  }
}

export interface LogLine {
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  text: string;
}

export function recordingLog(lines: LogLine[]): vscode.LogOutputChannel {
  const at = (level: LogLine['level']) => (message: unknown) => lines.push({ level, text: String(message) });
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as unknown as vscode.LogOutputChannel;
}

export interface Kit {
  server: ScriptedServer;
  requests: ScriptedRequests;
  controller: ChatController;
  posted: HostMessage[];
  /** Every post to the page as it was made (a batch is one post). */
  posts: HostPost[];
  logLines: LogLine[];
  historyFolder: string;
  opened: string[];
  confirmAnswers: boolean[];
  detachPage(): void;
  attachPage(): void;
  dispose(): Promise<void>;
}

export async function createKit(): Promise<Kit> {
  const server = await ScriptedServer.start();
  const requests = new ScriptedRequests(server.baseUrl);
  const historyFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'ask-llama-chat-'));
  const posted: HostMessage[] = [];
  const posts: HostPost[] = [];
  const logLines: LogLine[] = [];
  const opened: string[] = [];
  const confirmAnswers: boolean[] = [];
  const controller = new ChatController({
    context: {} as vscode.ExtensionContext,
    requests,
    log: recordingLog(logLines),
    historyFolder,
    openExternal: async (uri) => {
      opened.push(uri.toString(true));
      return true;
    },
    confirm: async () => confirmAnswers.shift() ?? false,
  });
  let page: vscode.Disposable | undefined;
  const attachPage = () => {
    page = controller.attachPage(async (message) => {
      const copy = JSON.parse(JSON.stringify(message)) as HostPost;
      posts.push(copy);
      posted.push(...unbatch(copy));
      return true;
    });
  };
  attachPage();
  return {
    server,
    requests,
    controller,
    posted,
    posts,
    logLines,
    historyFolder,
    opened,
    confirmAnswers,
    attachPage,
    detachPage: () => page?.dispose(),
    dispose: async () => {
      controller.stop();
      await controller.dispose();
      await server.close();
      await fs.rm(historyFolder, { recursive: true, force: true });
    },
  };
}

/** Waits until `condition` holds (polling the recorded state); fails with `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function messagesOfType<T extends HostMessage['type']>(posted: HostMessage[], type: T): Extract<HostMessage, { type: T }>[] {
  return posted.filter((m): m is Extract<HostMessage, { type: T }> => m.type === type);
}

export const SSE_HEADERS = { 'content-type': 'text/event-stream' };

/** Closes every editor without the "Save changes?" dialog that closing a dirty untitled document would raise. */
export async function revertAndCloseAllEditors(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}
