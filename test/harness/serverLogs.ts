// The code-server's own logs (server, remote extension host, the extensions' log channels) under its user-data
// folder: copied to test-results/server-logs/ after every integration run for diagnosis, and (compat suite) searched
// for errors and warnings the extension caused: an activation failure or an uncaught exception lands in the extension
// host's log, not in the suite's output.
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot, resultsDir } from './paths';

const savedDir = path.join(resultsDir, 'server-logs');

/** A log entry starts with its timestamp; the lines after it (a stack) belong to it. */
const entryStart = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \[/;
const problem = /^\S+ \S+ \[(error|warning)\]/;

/** Warnings VS Code logs against the extension that are VS Code's own doing, each with the reason. */
const notTheExtensions: RegExp[] = [
  // VS Code 1.90's webview host renders the chat view's still-empty document when the view's options arrive before
  // its HTML (resolveWebviewView sets both, options first: the other order renders the whole page once without
  // scripts) and, now and then, reports that empty document as lacking a CSP. The page's own CSP is checked by
  // test/integration/host/chat/chatViewProvider.test.ts.
  /created a webview without a content security policy/,
];

/**
 * The error and warning entries in `files` that concern this extension: every one in its own log channel, and those
 * elsewhere (the extension host's log, the window's) that name it or run through its bundles.
 */
export function extensionErrorsInLogs(files: string[], extensionId = 'ask-llama.ask-llama'): string[] {
  const bundles = path.join(repoRoot, 'dist') + path.sep;
  const found: string[] = [];
  for (const file of files) {
    const ownChannel = file.split(path.sep).includes(extensionId);
    for (const entry of logEntries(fs.readFileSync(file, 'utf8'))) {
      if (!problem.test(entry) || notTheExtensions.some((noise) => noise.test(entry))) continue;
      if (ownChannel || entry.includes(extensionId) || entry.includes(bundles)) found.push(`${path.relative(resultsDir, file)}: ${entry}`);
    }
  }
  return found;
}

/** Copies every log file of the server under test-results/server-logs/; returns their paths there. */
export function saveServerLogs(userDataDir: string): string[] {
  fs.rmSync(savedDir, { recursive: true, force: true });
  const logsDir = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logsDir)) return [];
  fs.cpSync(logsDir, savedDir, { recursive: true });
  return listFiles(savedDir);
}

/** Every file below `dir` (none when it does not exist). */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

function logEntries(text: string): string[] {
  const entries: string[] = [];
  for (const line of text.split('\n')) {
    if (entryStart.test(line) || entries.length === 0) entries.push(line);
    else entries[entries.length - 1] += `\n${line}`;
  }
  return entries;
}
