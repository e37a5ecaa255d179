// The parts of VS Code's language-model and chat API that Ask Llama uses but @types/vscode 1.90 (our `engines`
// floor) does not declare: the chat model provider (finalized in 1.104), tool-call parts (1.95), thinking and data
// parts, and the picked model on a chat request (1.95). Declared here as a module augmentation, all of it as optional or as classes only touched
// after feature detection (see registerLanguageModelSurfaces.ts), so the extension still loads on VS Code 1.90.
// Shapes copied from vscode.d.ts 1.104; when @types/vscode is raised past 1.104, delete this file.
import 'vscode';

declare module 'vscode' {
  export class LanguageModelTextPart {
    value: string;
    constructor(value: string);
  }

  export class LanguageModelToolCallPart {
    callId: string;
    name: string;
    input: object;
    constructor(callId: string, name: string, input: object);
  }

  export class LanguageModelToolResultPart {
    callId: string;
    content: Array<LanguageModelTextPart | unknown>;
    constructor(callId: string, content: Array<LanguageModelTextPart | unknown>);
  }

  /** A model's reasoning (proposed languageModelThinkingPart; the class exists from about 1.104). */
  export interface LanguageModelThinkingPartLike {
    value: string | string[];
    id?: string;
  }

  /** Undefined on a VS Code without it: always feature-detect. */
  export const LanguageModelThinkingPart: (new (value: string | string[], id?: string) => LanguageModelThinkingPartLike) | undefined;

  /** Bytes with a MIME type: an image in a request, or the token usage in a response (1.105+). */
  export interface LanguageModelDataPartLike {
    mimeType: string;
    data: Uint8Array;
  }

  /** Undefined on a VS Code without it: always feature-detect. */
  export const LanguageModelDataPart: (new (data: Uint8Array, mimeType: string) => LanguageModelDataPartLike) | undefined;

  export type LanguageModelResponsePart =
    | LanguageModelTextPart
    | LanguageModelToolCallPart
    | LanguageModelThinkingPartLike
    | LanguageModelDataPartLike;

  export enum LanguageModelChatToolMode {
    Auto = 1,
    Required = 2,
  }

  export interface LanguageModelChatTool {
    name: string;
    description: string;
    inputSchema?: object | undefined;
  }

  /** A message as a provider receives it (1.104): `content` is a list of parts, never a plain string. */
  export interface LanguageModelChatRequestMessage {
    readonly role: LanguageModelChatMessageRole;
    readonly content: ReadonlyArray<unknown>;
    readonly name: string | undefined;
  }

  export interface LanguageModelChatCapabilities {
    readonly imageInput?: boolean;
    readonly toolCalling?: boolean | number;
  }

  export interface LanguageModelChatInformation {
    readonly id: string;
    readonly name: string;
    readonly family: string;
    readonly tooltip?: string;
    readonly detail?: string;
    readonly version: string;
    readonly maxInputTokens: number;
    readonly maxOutputTokens: number;
    readonly capabilities: LanguageModelChatCapabilities;
  }

  export interface PrepareLanguageModelChatModelOptions {
    /** True when the provider must not ask the user anything (no key prompt). */
    readonly silent: boolean;
  }

  export interface ProvideLanguageModelChatResponseOptions {
    readonly modelOptions?: { readonly [name: string]: unknown };
    readonly tools?: readonly LanguageModelChatTool[];
    readonly toolMode: LanguageModelChatToolMode;
  }

  export interface LanguageModelChatProvider<T extends LanguageModelChatInformation = LanguageModelChatInformation> {
    readonly onDidChangeLanguageModelChatInformation?: Event<void>;
    provideLanguageModelChatInformation(options: PrepareLanguageModelChatModelOptions, token: CancellationToken): ProviderResult<T[]>;
    provideLanguageModelChatResponse(
      model: T,
      messages: readonly LanguageModelChatRequestMessage[],
      options: ProvideLanguageModelChatResponseOptions,
      progress: Progress<LanguageModelResponsePart>,
      token: CancellationToken,
    ): Thenable<void>;
    provideTokenCount(model: T, text: string | LanguageModelChatRequestMessage, token: CancellationToken): Thenable<number>;
  }

  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace lm {
    /** Undefined before VS Code 1.104: always feature-detect. */
    export const registerLanguageModelChatProvider:
      | ((vendor: string, provider: LanguageModelChatProvider) => Disposable)
      | undefined;
  }

  export interface LanguageModelChatRequestOptions {
    tools?: LanguageModelChatTool[];
    toolMode?: LanguageModelChatToolMode;
  }

  export interface LanguageModelChatResponse {
    /** 1.95+: text and tool-call parts as they arrive. */
    stream: AsyncIterable<LanguageModelTextPart | LanguageModelToolCallPart | unknown>;
  }

  export interface ChatRequest {
    /** 1.95+: the model picked in the chat's model picker. Undefined on older VS Code. */
    readonly model?: LanguageModelChat;
  }
}
