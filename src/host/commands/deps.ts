// What the commands need from the rest of the host. The chat side is seen only through the part of the
// ChatController contract the commands call, so each command file stays small and independent of the chat code.
import type * as vscode from 'vscode';
import type { Attachment } from '../../common/chatTypes';
import type { LocalServerPort } from '../../api';
import type { RequestContext } from '../requestContext';
import type { RequestContextDeps } from '../requestContextImpl';
import type { WalkthroughStep } from '../walkthroughProgress';

export interface ChatActions {
  ask(question: string, attachment?: Attachment): Promise<void>;
  /** Attaches files to the chat's next question (Add File to Chat). */
  addFiles(uris: readonly vscode.Uri[]): Promise<void>;
  /** Opens the chat view without taking focus, so its page is ready when the answer starts. */
  openViewInBackground(): void;
  stop(): void;
  newChat(): Promise<void>;
  showChatsFromAllWorkspaces(all: boolean): Promise<void>;
}

/**
 * The request context's own dependencies, and more. Of those, Manage API Keys also reviews and revokes `approvals`
 * (this workspace's answers about its base URL's server) and `plainHttp` (origins a key may go to over plain http).
 */
export interface CommandDeps extends RequestContextDeps {
  chat: ChatActions;
  requests: RequestContext;
  /** The loopback ports Select Model probes for local servers, and how long one may take; tests replace them. */
  localServers: { ports: LocalServerPort[]; timeoutMs?: number };
  /** Told when a walkthrough step really happens (Select Model: a model chosen). */
  walkthrough: { complete(step: WalkthroughStep): void };
}
