// "One home per helper" (ARCHITECTURE.md, issue 21): a rule that several surfaces need is written once, in the home
// ARCHITECTURE.md names, and imported everywhere else. Each entry below is a rule that was copied before; the test
// finds every place in src/ that spells it out again.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const src = path.resolve(__dirname, '..', '..', '..', 'src');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The files under src/ (relative, with `/`) whose text matches `pattern`. */
function filesMatching(pattern: RegExp): string[] {
  return tsFiles(src)
    .filter((file) => pattern.test(fs.readFileSync(file, 'utf8')))
    .map((file) => path.relative(src, file).split(path.sep).join('/'))
    .sort();
}

const homes: { rule: string; pattern: RegExp; home: string }[] = [
  {
    rule: "the selection's last line (a range ending at column 0 stops on the line before)",
    pattern: /\.character\s*===\s*0\s*&&\s*[\w.]*line\s*>/,
    home: 'host/editorSelection.ts',
  },
  {
    rule: 'the read-only proposal documents behind the Apply and Edit Selection diffs',
    pattern: /registerTextDocumentContentProvider\(/,
    home: 'host/edits/proposalDocuments.ts',
  },
  {
    rule: 'closing the diff of a proposal once the user has decided',
    pattern: /tabGroups\.close\(/,
    home: 'host/edits/proposalDocuments.ts',
  },
];

describe('one home per helper', () => {
  for (const { rule, pattern, home } of homes) {
    it(`${rule}: only in ${home}`, () => {
      assert.deepStrictEqual(filesMatching(pattern), [home]);
    });
  }

  it('every host surface that calls chat() builds its request with streamedChatRequest() (host/requestContext.ts)', () => {
    // A request built by hand can miss a field the others send (the idle timeout, `stream`) and drifts as they change.
    const callers = filesMatching(/import\s*{[^}]*\bchat\b[^}]*}\s*from\s*'(\.\.\/)+api'/).filter((file) => file.startsWith('host/'));
    assert.ok(callers.length >= 4, `the sidebar, Edit Selection, the model provider and @llama call chat(): ${callers.join(', ')}`);
    const byHand = callers.filter((file) => !fs.readFileSync(path.join(src, file), 'utf8').includes('streamedChatRequest('));
    assert.deepStrictEqual(byHand, []);
  });
});
