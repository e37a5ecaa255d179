// Screenshots go to test-results/ (git-ignored); the README links the best of them.
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
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

/** A screenshot of the smallest rectangle holding every visible element of `locators` (for the README's crops). */
export async function saveScreenshotOf(page: Page, name: string, locators: Locator[], margin = 8): Promise<string> {
  const boxes = (await Promise.all(locators.map((locator) => locator.boundingBox()))).filter((box) => box !== null);
  if (boxes.length === 0) throw new Error(`nothing to photograph for ${name}`);
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + margin;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + margin;
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file, clip: { x, y, width: right - x, height: bottom - y } });
  return file;
}
