// What the chat model provider and the @llama participant need from the rest of the host: the shared request context
// (settings, key, errors), the model list and the log. Requests go through chat() from src/api, imported directly.
import type * as vscode from 'vscode';
import type { ModelCatalog } from '../models/modelCatalog';
import type { RequestContext } from '../requestContext';

export interface LmDeps {
  requests: RequestContext;
  models: ModelCatalog;
  log: vscode.LogOutputChannel;
}
