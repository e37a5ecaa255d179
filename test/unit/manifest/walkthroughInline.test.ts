// The walkthrough tells a new user about inline suggestions and their default (issue 22): on for a server on this
// machine, off for a remote paid one until turned on, with the toggle one click away.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const resolve = (text: string) => text.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? text);

describe('manifest: the walkthrough step for inline suggestions', () => {
  const steps: Array<{ id: string; title: string; description: string; completionEvents?: string[] }> =
    manifest.contributes.walkthroughs.flatMap((walkthrough: { steps: unknown[] }) => walkthrough.steps);
  const step = steps.find((candidate) => candidate.id === 'askLlama.firstRun.inline');

  it('exists, says the default for local and remote servers, and links the toggle', () => {
    assert.ok(step, 'no askLlama.firstRun.inline step');
    const description = resolve(step.description);
    assert.match(description, /On by default for a server on this machine/);
    assert.match(description, /off for a remote, paid server/);
    assert.match(description, /\n\[Toggle Inline Suggestions\]\(command:askLlama\.toggleInlineSuggestions\)/);
    assert.ok(manifest.contributes.commands.some((command: { command: string }) => command.command === 'askLlama.toggleInlineSuggestions'));
  });

  it('is checked by the toggle or by setting askLlama.inlineSuggest.enable', () => {
    assert.deepStrictEqual(step?.completionEvents, ['onCommand:askLlama.toggleInlineSuggestions', 'onSettingChanged:askLlama.inlineSuggest.enable']);
  });
});
