// Switches the colour theme as a person does (Preferences: Color Theme), and waits until both the workbench and the
// chat page have taken it.
import type { Page } from 'playwright-core';
import { chatFrame } from './chatView';
import { pickQuickPickItem, runCommand } from './workbench';

export interface ThemeCase {
  /** Used in screenshot names. */
  name: 'dark' | 'light' | 'high-contrast';
  /** Its label in Preferences: Color Theme. */
  theme: string;
  /** Class VS Code puts on the workbench element. */
  workbenchClass: string;
  /** Class VS Code puts on a webview's body. */
  webviewBodyClass: string;
}

export const themeCases: ThemeCase[] = [
  { name: 'dark', theme: 'Dark Modern', workbenchClass: 'vs-dark', webviewBodyClass: 'vscode-dark' },
  { name: 'light', theme: 'Light Modern', workbenchClass: 'vs', webviewBodyClass: 'vscode-light' },
  { name: 'high-contrast', theme: 'Dark High Contrast', workbenchClass: 'hc-black', webviewBodyClass: 'vscode-high-contrast' },
];

export async function applyTheme(page: Page, theme: ThemeCase): Promise<void> {
  await applyWorkbenchTheme(page, theme);
  await chatFrame(page).locator(`body.${theme.webviewBodyClass}`).waitFor({ timeout: 20_000 });
}

/** The theme for the workbench alone (the chat need not be open): for screenshots of editors and menus. */
export async function applyWorkbenchTheme(page: Page, theme: ThemeCase): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  await pickQuickPickItem(page, theme.theme);
  await page.locator(`.monaco-workbench.${theme.workbenchClass}`).waitFor({ timeout: 20_000 });
}
