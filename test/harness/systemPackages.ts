// The Debian packages the suites need (chromium for the browser, libkrb5-dev and pkg-config for code-server's native
// modules). On a fresh machine where we are root with apt-get (CI, these dev machines) they are installed on first
// use, so `npm test` and `npm run try` work from a fresh clone; elsewhere the error names the command to run.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { progress, secondsSince } from './log';

export interface DebianPackage {
  name: string;
  /** A cheap check that does not need dpkg (e.g. the binary exists). Defaults to dpkg's own status. */
  present?: () => boolean;
}

function installedPerDpkg(name: string): boolean {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function canInstall(): boolean {
  return process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
}

export function ensureDebianPackages(packages: DebianPackage[], neededFor: string): void {
  const missing = packages.filter((p) => !(p.present ? p.present() : installedPerDpkg(p.name))).map((p) => p.name);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!canInstall()) {
    throw new Error(`${neededFor} needs the Debian package(s) ${missing.join(', ')}; install them with: sudo ${command}`);
  }
  const started = Date.now();
  progress(`installing Debian package(s) ${missing.join(', ')} for ${neededFor}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
    const result = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) throw new Error(`apt-get ${args[0]} failed (exit ${result.status}); run it by hand: ${command}`);
  }
  progress(`installed ${missing.join(', ')} in ${secondsSince(started)}`);
}

/** Debian's chromium at `executablePath`, installed if missing (see above). */
export function ensureChromium(executablePath: string): void {
  if (executablePath !== '/usr/bin/chromium') {
    if (!fs.existsSync(executablePath)) throw new Error(`ASK_LLAMA_CHROMIUM points at ${executablePath}, which does not exist`);
    return;
  }
  ensureDebianPackages([{ name: 'chromium', present: () => fs.existsSync(executablePath) }], 'the real-browser suites');
}
