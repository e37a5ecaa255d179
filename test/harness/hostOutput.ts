// Turns what the workbench forwards through `codeAutomationLog(level, args)` into plain lines. The args are a
// console call's arguments, so a format string (`'  %d passing (%s)', 4, '38ms'`) is expanded the way Node would.
import { format } from 'util';

export function formatHostLog(level: unknown, args: unknown): string {
  const parts = Array.isArray(args) ? args : [args];
  const text = format(...parts);
  return level === 'error' || level === 'warn' ? `[${String(level)}] ${text}` : text;
}
