// The request module's public surface. Pure Node (no `vscode` import): every surface and every test uses this.
export { chat } from './chat';
export type { ChatOptions, RetryInfo } from './chat';
export { complete, clearSuffixMemory } from './complete';
export type { CompleteOptions } from './complete';
export type { CompletionEndpoint, CompletionRequest, CompletionResult } from './completionTypes';
export { pickCompletionEndpoint, localServerKindOf } from './completionEndpoint';
export { fimTemplateFor } from './fimTemplates';
export type { FimTemplate } from './fimTemplates';
export { listModels, clearModelCache } from './models';
export type { ListModelsOptions } from './models';
export { hostOf, isLocalBaseUrl, originOf } from './baseUrl';
export { findLocalServers, LOCAL_SERVER_PORTS } from './localServers';
export type { LocalServer, LocalServerPort } from './localServers';
export { plainExcerpt, quotedServerText, redactSecrets } from './redact';
export { ApiError, isApiError } from './apiError';
export type { ChatMessage, ChatRequest, ChatResult, ChatRole, ChatTool, ErrorKind, ModelInfo, ToolCall, ToolChoice, Usage } from './types';
