// Which workspace values of the settings that decide where questions go, what is sent and what it costs are
// believed. A cloned repository's .vscode/settings.json is not the user's choice: in Restricted Mode its values for
// these settings are ignored (the manifest lists them as restrictedConfigurations, and they are read through
// inspect() here too), and in a trusted workspace a base URL on another server is used only once the user has
// approved that server for this workspace.
import * as vscode from 'vscode';
import { originOf } from '../api';

/**
 * Settings whose workspace and folder values count only in a trusted workspace (keep equal to the manifest): where
 * questions go (baseUrl), what is sent (systemPrompt, includeCurrentFile, contextWindow: how much file and history
 * fit) and what it costs on a paid server (model, maxTokens, contextWindow, temperature). Left to the workspace:
 * requestTimeoutSeconds (a client-side timeout is never retried, so it cannot multiply requests) and
 * explainInLightbulb (a menu entry).
 */
export const RESTRICTED_SETTINGS = [
  'baseUrl',
  'systemPrompt',
  'model',
  'temperature',
  'maxTokens',
  'contextWindow',
  'includeCurrentFile',
  // Inline suggestions: a request per pause in typing (cost), their model, and which files are never sent.
  'inlineSuggest.enable',
  'inlineSuggest.model',
  'inlineSuggest.exclude',
] as const;

export type BaseUrlDecision = 'allow' | 'deny';

export interface WorkspaceSettingsPolicy {
  isTrusted(): boolean;
  /** The user's remembered answer for a workspace base URL on this origin, if any. */
  decision(origin: string): BaseUrlDecision | undefined;
}

/** Until activation installs the real one: workspace values only from a trusted workspace, no server approved. */
let policy: WorkspaceSettingsPolicy = { isTrusted: () => vscode.workspace.isTrusted, decision: () => undefined };

/** Called once by activate(): the trust state and the remembered approvals that readSettings() consults. */
export function useWorkspaceSettingsPolicy(installed: WorkspaceSettingsPolicy): void {
  policy = installed;
}

/** A restricted setting's value: the user's (or the default) unless the workspace is trusted. */
export function restrictedValue(config: vscode.WorkspaceConfiguration, name: (typeof RESTRICTED_SETTINGS)[number]): unknown {
  if (policy.isTrusted()) return config.get(name);
  const inspected = config.inspect(name);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/**
 * Where a value the user picks (Select Model, "Switch to …") must be written to take effect: a trusted workspace's
 * own value shadows the user's, so it goes to the workspace's settings (the user trusted it, it is theirs to change);
 * otherwise, and always in Restricted Mode (where the workspace's value is ignored), to the user's settings.
 */
export function writeTarget(config: vscode.WorkspaceConfiguration, name: (typeof RESTRICTED_SETTINGS)[number]): vscode.ConfigurationTarget {
  if (policy.isTrusted() && config.inspect(name)?.workspaceValue !== undefined) return vscode.ConfigurationTarget.Workspace;
  return vscode.ConfigurationTarget.Global;
}

export interface BaseUrlChoice {
  /** Where the next question goes. */
  baseUrl: string;
  /** A workspace or folder base URL on another server than the user's, not yet approved or declined. */
  unapproved?: string;
}

/**
 * The base URL in effect: the workspace's (trusted workspaces only) when it is on the user's own server or the user
 * approved its server; otherwise the user-level one (or the default).
 */
export function chooseBaseUrl(config: vscode.WorkspaceConfiguration, clean: (value: unknown) => string, fallback: string): BaseUrlChoice {
  const inspected = config.inspect('baseUrl');
  const user = clean(inspected?.globalValue) || fallback;
  const workspace = policy.isTrusted() ? clean(inspected?.workspaceFolderValue ?? inspected?.workspaceValue) : '';
  if (!workspace || originOf(workspace) === originOf(user)) return { baseUrl: workspace || user };
  const origin = originOf(workspace);
  // Not an http(s) URL: nothing to approve, and nothing that could work; the user's server it is.
  const decision = origin ? policy.decision(origin) : 'deny';
  if (decision === 'allow') return { baseUrl: workspace };
  return { baseUrl: user, unapproved: decision ? undefined : workspace };
}
