// Screenshots go to test-results/ (git-ignored); the README links the best of them.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { resultsDir } from '../harness/paths';

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** A file-name-safe version of a test title. */
export function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}
