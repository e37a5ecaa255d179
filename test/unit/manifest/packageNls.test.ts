// Every string the manifest shows to people is a %key% placeholder resolved by package.nls.json, so a translation
// (package.nls.<locale>.json) covers the whole contribution. New commands, settings and walkthrough steps fail here
// until their strings move to package.nls.json.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_MODEL } from '../../../src/common/modelChoices';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));

/** Fields VS Code (or the Marketplace) shows as text, wherever they appear under `contributes`. */
const SHOWN_FIELDS = new Set([
  'title',
  'shortTitle',
  'category',
  'name',
  'description',
  'markdownDescription',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'enumItemLabels',
  'contextualTitle',
  'altText',
  'displayName',
  'fullName',
]);

/** Every shown string under `value` with its JSON path; schema `default` values and ids are data, not text. */
function shownStrings(value: unknown, at: string, out: Array<[string, string]>, shown = false): void {
  if (typeof value === 'string') {
    if (shown) out.push([at, value]);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => shownStrings(item, `${at}[${i}]`, out, shown));
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'default' || key === 'when' || key === 'completionEvents') continue;
      // A chat participant's and its slash commands' `name` is what users type (@llama, /explain): an id, not text.
      if (key === 'name' && at.includes('chatParticipants')) continue;
      shownStrings(child, `${at}.${key}`, out, SHOWN_FIELDS.has(key));
    }
  }
}

/**
 * Everything under `contributes` and `capabilities`. The top-level `displayName` and `description` stay literal: galleries read them raw
 * from package.json (Open VSX rejected `%displayName%` until eclipse-openvsx/openvsx#1833; the Marketplace's manifest
 * API does not resolve them either, microsoft/vscode#161798), and they are the extension's name in every listing.
 */
function manifestStrings(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  shownStrings(manifest.contributes, 'contributes', out);
  // The Restricted Mode description (capabilities.untrustedWorkspaces.description) is shown in the trust dialog.
  shownStrings(manifest.capabilities, 'capabilities', out);
  return out;
}

describe('manifest strings (package.nls.json)', () => {
  it('every shown string in package.json is a %key% that package.nls.json defines', () => {
    const strings = manifestStrings();
    assert.ok(strings.length > 20, `found only ${strings.length} manifest strings: the walk is broken`);
    const raw = strings.filter(([, text]) => !/^%[^%\s]+%$/.test(text));
    assert.deepStrictEqual(raw, [], 'move these strings into package.nls.json and reference them as %key%');
    const undefinedKeys = strings.map(([, text]) => text.slice(1, -1)).filter((key) => typeof nls[key] !== 'string');
    assert.deepStrictEqual(undefinedKeys, [], 'package.nls.json lacks these keys');
  });

  it('package.nls.json has no key the manifest does not use', () => {
    const used = new Set(manifestStrings().map(([, text]) => text.slice(1, -1)));
    assert.deepStrictEqual(Object.keys(nls).filter((key) => !used.has(key)), []);
  });

  it('the name and description shown in galleries are literal text', () => {
    assert.ok(manifest.displayName && !manifest.displayName.includes('%'), manifest.displayName);
    assert.ok(manifest.description && !manifest.description.includes('%'), manifest.description);
  });

  it('the askLlama.model default is the one the code falls back to', () => {
    assert.strictEqual(manifest.contributes.configuration.properties['askLlama.model'].default, DEFAULT_MODEL);
  });
});
