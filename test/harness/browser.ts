// Debian's chromium driven by playwright-core (no browser download), with a fresh profile that is deleted at
// cleanup. Playwright's own signal handlers are off: the harness cleanup closes the browser in order.
import { BrowserContext, chromium, Page } from 'playwright-core';
import * as fs from 'fs';
import * as path from 'path';
import { onCleanup } from './cleanup';
import { chromiumPath } from './paths';
import { ensureChromium } from './systemPackages';
import { makeTempDir } from './tempDirs';

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  ensureChromium(chromiumPath);
  const profile = makeTempDir('chromium');
  const context = await chromium.launchPersistentContext(path.join(profile, 'user-data'), {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profile, 'xdg-config'), XDG_CACHE_HOME: path.join(profile, 'xdg-cache') },
    viewport: { width: 1400, height: 900 },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  // The profile goes with the browser: a caller without the harness's final cleanup (a mocha suite) leaves nothing.
  const close = onCleanup('chromium', async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close };
}
