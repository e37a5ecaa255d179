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
