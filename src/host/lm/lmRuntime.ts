// What the chat model provider and the @llama participant borrow from the extension bundle at run time. Both ship as
// their own file (dist/lm.js), loaded on the first call (registerLanguageModelSurfaces.ts); handing them the extension
// bundle's request module and settings reader keeps one copy of each, so errors and requests stay the sidebar's.
import type { chat, hostOf } from '../../api';
import type { readSettings } from '../config';
import type { ModelCatalog } from '../models/modelCatalog';
import type { RequestContext, streamedChatRequest } from '../requestContext';
import type * as vscode from 'vscode';

export interface LmRuntime {
  chat: typeof chat;
  hostOf: typeof hostOf;
  readSettings: typeof readSettings;
  streamedChatRequest: typeof streamedChatRequest;
}

/** What both surfaces need: the shared request context, the model list, the log, and the runtime above. */
export interface LmDeps {
  requests: RequestContext;
  models: ModelCatalog;
  log: vscode.LogOutputChannel;
  runtime: LmRuntime;
}
