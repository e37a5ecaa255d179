// Screenshots go to test-results/ (git-ignored). The README's images in media/screenshots/ are some of them, made
// small for the .vsix as palette PNGs without dithering: `pngquant --nofs --strip 16 test-results/NAME.png` (12 colours
// for the two whole-window chat screenshots: as good to the eye, 8% smaller).
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { resultsDir } from '../harness/paths';

/** The whole page, or only the `clip` rectangle (page pixels) of it. */
export async function saveScreenshot(page: Page, name: string, clip?: Rect): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file, clip });
  return file;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The smallest rectangle holding every given box, widened by `margin` and kept inside the page. For README images:
 * a crop of the part that matters is a fraction of the bytes of the whole workbench.
 */
export async function around(page: Page, boxes: Array<Rect | null>, margin = 8): Promise<Rect> {
  const found = boxes.filter((box): box is Rect => box !== null);
  if (found.length === 0) throw new Error('nothing to crop around: no element had a box');
  const viewport = page.viewportSize() ?? { width: 1400, height: 900 };
  const left = Math.max(0, Math.min(...found.map((b) => b.x)) - margin);
  const top = Math.max(0, Math.min(...found.map((b) => b.y)) - margin);
  const right = Math.min(viewport.width, Math.max(...found.map((b) => b.x + b.width)) + margin);
  const bottom = Math.min(viewport.height, Math.max(...found.map((b) => b.y + b.height)) + margin);
  return { x: left, y: top, width: right - left, height: bottom - top };
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
