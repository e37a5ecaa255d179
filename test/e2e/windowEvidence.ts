// What a scenario in a window of its own (09, 10) leaves when it fails: the harness photographs only the main window,
// so a failure in another browser showed nothing of what happened there (scenario 10's lost question could not be
// explained from CI). This photographs that window and keeps code-server's logs (every extension host's: Ask Llama's
// own log, Copilot Chat's, the activations) beside the picture in test-results/.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { resultsDir } from '../harness/paths';
import { e2e } from './e2eContext';
import { saveScreenshot, slug } from './screenshots';

const logsSuffix = '-logs';

// test-results/ shows this run's failures only (the harness removes old failure pictures; these folders are ours).
if (fs.existsSync(resultsDir)) {
  for (const name of fs.readdirSync(resultsDir)) {
    if (name.startsWith('failure-') && name.endsWith(logsSuffix)) fs.rmSync(path.join(resultsDir, name), { recursive: true, force: true });
  }
}

/** After a failed test in `page` (a window of its own): its picture and code-server's logs, named after the test. */
export async function saveWindowEvidence(page: Page, testTitle: string): Promise<void> {
  const name = `failure-window-${slug(testTitle)}`;
  await saveScreenshot(page, name).catch(() => undefined);
  const logs = path.join(path.dirname(e2e().userSettingsFile), '..', 'logs');
  try {
    fs.cpSync(logs, path.join(resultsDir, `${name}${logsSuffix}`), { recursive: true });
  } catch {
    // No logs to keep: the picture is what there is.
  }
}
