// The extension as shipped asks VS Code to start it once start-up has finished (onStartupFinished), so by the time the
// bench's host entry could call `extension.activate()` there is nothing left to time. The activation timings load
// this copy instead: the same built files, its manifest without onStartupFinished, so it stays inactive until asked.
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from '../harness/tempDirs';

/** What a window needs of an extension folder (the repo or an unpacked .vsix): the manifest and what it names. */
const PARTS = ['package.json', 'package.nls.json', 'dist', 'media', 'l10n'];

/** Copies the extension in `extensionPath` to a temporary folder, without onStartupFinished; returns the copy's path. */
export function dormantCopy(extensionPath: string): string {
  const copy = makeTempDir('bench-dormant-extension');
  for (const entry of fs.readdirSync(extensionPath)) {
    if (PARTS.includes(entry) || /^package\.nls\..+\.json$/.test(entry)) {
      fs.cpSync(path.join(extensionPath, entry), path.join(copy, entry), { recursive: true });
    }
  }
  const manifestFile = path.join(copy, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { activationEvents?: string[] };
  manifest.activationEvents = (manifest.activationEvents ?? []).filter((event) => event !== 'onStartupFinished' && event !== '*');
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return copy;
}
