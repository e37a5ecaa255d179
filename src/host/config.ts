// Reads the askLlama.* settings. Always fresh from the configuration, so edits apply to the next request without a
// reload; nothing here caches.
import * as vscode from 'vscode';
import { hostOf, isLocalBaseUrl, originOf } from '../api';
import { DEFAULT_MODEL } from '../common/modelChoices';
import { chooseBaseUrl, restrictedValue, writeTarget } from './workspaceSettings';

export const CONFIG_SECTION = 'askLlama';
export const DEFAULT_BASE_URL = 'https://api.aimlapi.com/v1';

export interface UserSettings {
  baseUrl: string;
  /** A workspace base URL on another server, waiting for the user's approval; until then `baseUrl` is the user's. */
  unapprovedBaseUrl?: string;
  model: string;
  temperature: number;
  maxTokens: number;
  systemPrompt: string;
  timeoutSeconds: number;
  /** Tokens the model can take in, set by the user for a model the server's list does not describe; 0 = from the list. */
  contextWindow: number;
  /** Whether the lightbulb offers "Explain Selection". */
  explainInLightbulb: boolean;
  /** With nothing selected, whether a question carries the active editor's file. */
  includeCurrentFile: boolean;
}

const DEFAULTS: UserSettings = {
  baseUrl: DEFAULT_BASE_URL,
  model: DEFAULT_MODEL,
  temperature: 0.2,
  maxTokens: 1024,
  systemPrompt: '',
  timeoutSeconds: 60,
  contextWindow: 0,
  explainInLightbulb: true,
  includeCurrentFile: true,
};

/**
 * The settings in effect, and the only reader of askLlama.* values. Where questions go, what is sent and what it
 * costs (base URL, system prompt, model, temperature, max tokens, context window, current file) follow the rules of
 * workspaceSettings.ts: workspace values only in a trusted workspace, and another server only once approved.
 */
export function readSettings(): UserSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const systemPrompt = restrictedValue(config, 'systemPrompt');
  const { baseUrl, unapproved } = chooseBaseUrl(config, cleanBaseUrl, DEFAULTS.baseUrl);
  return {
    baseUrl,
    unapprovedBaseUrl: unapproved,
    model: stringSetting(restrictedValue(config, 'model')) || DEFAULTS.model,
    temperature: clampNumber(restrictedValue(config, 'temperature'), 0, 2, DEFAULTS.temperature),
    maxTokens: Math.round(clampNumber(restrictedValue(config, 'maxTokens'), 1, 131072, DEFAULTS.maxTokens)),
    systemPrompt: typeof systemPrompt === 'string' ? systemPrompt : DEFAULTS.systemPrompt,
    timeoutSeconds: clampNumber(config.get<number>('requestTimeoutSeconds'), 5, 600, DEFAULTS.timeoutSeconds),
    contextWindow: Math.floor(clampNumber(restrictedValue(config, 'contextWindow'), 0, 10_000_000, DEFAULTS.contextWindow)),
    explainInLightbulb: config.get('explainInLightbulb') !== false,
    includeCurrentFile: restrictedValue(config, 'includeCurrentFile') !== false,
  };
}

/**
 * Where the single key of earlier versions goes: the origin of the user-level (global) base URL, never a workspace
 * value. That key was never sent to a local server, so a local or unusable user-level URL gets the default's origin.
 */
export function legacyKeyOrigin(): string {
  const userValue = stringSetting(vscode.workspace.getConfiguration(CONFIG_SECTION).inspect('baseUrl')?.globalValue);
  const origin = originOf(userValue);
  return origin && !isLocalBaseUrl(userValue) ? origin : originOf(DEFAULT_BASE_URL)!;
}

/** A local server picked in Select Model: its base URL and model together, each where it takes effect (writeTarget). */
export async function writeServerAndModel(baseUrl: string, model: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  await config.update('baseUrl', baseUrl, writeTarget(config, 'baseUrl'));
  await config.update('model', model, writeTarget(config, 'model'));
}

/** The host to show next to the model: only when questions go to another server than the default. */
export function shownHost(baseUrl: string): string | undefined {
  return originOf(baseUrl) === originOf(DEFAULT_BASE_URL) ? undefined : hostOf(baseUrl);
}

/**
 * The model choice goes to the user (global) settings, unless a trusted workspace sets the model: then to the
 * workspace's, since a user-level value would stay shadowed and the pick would do nothing (writeTarget).
 */
export async function writeModel(model: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  await config.update('model', model, writeTarget(config, 'model'));
}

export function affectsModelOrBaseUrl(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${CONFIG_SECTION}.model`) || event.affectsConfiguration(`${CONFIG_SECTION}.baseUrl`);
}

/** A trailing slash would make "{baseUrl}/chat/completions" contain "//", which some servers reject. */
function cleanBaseUrl(value: unknown): string {
  return stringSetting(value).replace(/\/+$/, '');
}

function stringSetting(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Hand-edited settings.json can hold anything; out-of-range or non-numeric values fall back or clamp. */
function clampNumber(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}
