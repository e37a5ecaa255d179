// Switches the workbench colour theme the way a user setting would, and waits until both the workbench and the
// chat page have taken it.
import * as fs from 'fs';
import type { Page } from 'playwright-core';
import { chatFrame } from './chatView';

export interface ThemeCase {
  /** Used in screenshot names. */
  name: 'dark' | 'light' | 'high-contrast';
  theme: string;
  /** Class VS Code puts on the workbench element. */
  workbenchClass: string;
  /** Class VS Code puts on a webview's body. */
  webviewBodyClass: string;
}

export const themeCases: ThemeCase[] = [
  { name: 'dark', theme: 'Default Dark Modern', workbenchClass: 'vs-dark', webviewBodyClass: 'vscode-dark' },
  { name: 'light', theme: 'Default Light Modern', workbenchClass: 'vs', webviewBodyClass: 'vscode-light' },
  { name: 'high-contrast', theme: 'Default High Contrast', workbenchClass: 'hc-black', webviewBodyClass: 'vscode-high-contrast' },
];

export async function applyTheme(page: Page, userSettingsFile: string, theme: ThemeCase): Promise<void> {
  const settings = JSON.parse(fs.readFileSync(userSettingsFile, 'utf8')) as Record<string, unknown>;
  settings['workbench.colorTheme'] = theme.theme;
  fs.writeFileSync(userSettingsFile, JSON.stringify(settings, null, 2));
  await page.locator(`.monaco-workbench.${theme.workbenchClass}`).waitFor({ timeout: 20_000 });
  await chatFrame(page).locator(`body.${theme.webviewBodyClass}`).waitFor({ timeout: 20_000 });
}
