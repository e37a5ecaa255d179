// The request module's public surface. Pure Node (no `vscode` import): every surface and every test uses this.
export { chat } from './chat';
export type { ChatOptions, RetryInfo } from './chat';
export { listModels, clearModelCache } from './models';
export type { ListModelsOptions } from './models';
export { hostOf, isLocalBaseUrl, originOf } from './baseUrl';
export { plainExcerpt, redactSecrets } from './redact';
export { ApiError, isApiError } from './apiError';
export type { ChatMessage, ChatRequest, ChatResult, ChatRole, ChatTool, ErrorKind, ModelInfo, ToolCall, ToolChoice, Usage } from './types';
