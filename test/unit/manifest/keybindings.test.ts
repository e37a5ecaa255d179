// VS Code drops a keybinding without a key (and one naming an unknown command) with only a log warning, so a
// misplaced entry in `contributes.keybindings` would go unnoticed until a user looks for the shortcut.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const contributes = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes;

describe('manifest: keybindings', () => {
  const commands = new Set<string>(contributes.commands.map((entry: { command: string }) => entry.command));

  for (const binding of contributes.keybindings as Array<Record<string, unknown>>) {
    it(`${String(binding.command)} has a key and names a contributed command`, () => {
      assert.strictEqual(typeof binding.key, 'string', 'a keybinding needs "key"');
      assert.ok(commands.has(String(binding.command)), `${String(binding.command)} is not in contributes.commands`);
      const allowed = new Set(['command', 'key', 'mac', 'linux', 'win', 'when', 'args']);
      const unknown = Object.keys(binding).filter((field) => !allowed.has(field));
      assert.deepStrictEqual(unknown, [], 'fields a keybinding does not have');
    });
  }
});

/**
 * Evaluates the `when` subset the manifest uses (`&&`, `||`, `!`, `==`, `!=`, bare keys) against `context`, as VS
 * Code's context key service would; an unset key is undefined (falsy, and unequal to any value).
 */
function evaluateWhen(when: string, context: Record<string, string | boolean | undefined>): boolean {
  return when.split('||').some((clause) =>
    clause.split('&&').every((term) => {
      const t = term.trim();
      const compare = /^([\w.]+)\s*(==|!=)\s*([\w.-]+)$/.exec(t);
      if (compare) return (String(context[compare[1]]) === compare[3]) === (compare[2] === '==');
      if (/^![\w.]+$/.test(t)) return !context[t.slice(1)];
      if (/^[\w.]+$/.test(t)) return Boolean(context[t]);
      throw new Error(`the test's evaluator does not know "${t}"`);
    }),
  );
}

describe('manifest: Edit Selection keys fire only in its own diff', () => {
  const bindings = contributes.keybindings as Array<{ command: string; key: string; when: string }>;
  const accept = bindings.find((b) => b.command === 'askLlama.acceptEdit')!;
  const reject = bindings.find((b) => b.command === 'askLlama.rejectEdit')!;
  const edit = { 'askLlama.editReady': true, 'askLlama.editPending': true };
  // In a diff editor, `resourceScheme` is the editor group's active editor's primary (modified, right-hand) side
  // whichever side has focus: VS Code's editorGroupView sets it from getOriginalUri(activeEditor, PRIMARY). The
  // proposal is always the modified side (`ask-llama-edit`, proposalDocuments.ts), the file the original.
  const ourDiffRight = { ...edit, isInDiffEditor: true, isInDiffRightEditor: true, resourceScheme: 'ask-llama-edit' };
  const ourDiffLeft = { ...edit, isInDiffEditor: true, isInDiffRightEditor: false, resourceScheme: 'ask-llama-edit' };
  const otherDiff = { ...edit, isInDiffEditor: true, isInDiffRightEditor: true, resourceScheme: 'file' };
  const otherDiffLeft = { ...edit, isInDiffEditor: true, isInDiffRightEditor: false, resourceScheme: 'git' };
  // Apply's diff is served by the same provider under its own scheme (proposalDocuments.ts APPLY_PROPOSAL_SCHEME).
  const applyDiff = { ...edit, isInDiffEditor: true, isInDiffRightEditor: true, resourceScheme: 'ask-llama-proposal' };
  const plainEditor = { ...edit, isInDiffEditor: false, resourceScheme: 'file' };

  it('Ctrl/Cmd+Enter and Esc work with focus in either side of the proposal diff', () => {
    for (const context of [ourDiffRight, ourDiffLeft]) {
      assert.ok(evaluateWhen(accept.when, context), `accept: ${JSON.stringify(context)}`);
      assert.ok(evaluateWhen(reject.when, context), `reject: ${JSON.stringify(context)}`);
    }
  });

  it('they do nothing in any other diff editor (Apply\'s too) or in a plain editor while a proposal is pending', () => {
    for (const context of [otherDiff, otherDiffLeft, applyDiff, plainEditor]) {
      assert.ok(!evaluateWhen(accept.when, context), `accept: ${JSON.stringify(context)}`);
      assert.ok(!evaluateWhen(reject.when, context), `reject: ${JSON.stringify(context)}`);
    }
  });

  it('Esc leaves the suggest, find and rename widgets of the proposal diff alone, and Accept waits for a finished rewrite', () => {
    for (const widget of ['suggestWidgetVisible', 'findWidgetVisible', 'renameInputVisible']) {
      assert.ok(!evaluateWhen(reject.when, { ...ourDiffRight, [widget]: true }), widget);
    }
    assert.ok(!evaluateWhen(accept.when, { ...ourDiffRight, 'askLlama.editReady': false }));
  });
});
