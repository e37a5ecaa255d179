// The reference for the inline row (issue 22): VS Code's own keystroke → ghost text path, measured in the same run,
// the same workbench and the same typing. A throw-away extension, packaged here and installed beside Ask Llama, whose
// inline provider does no work: no debounce, no network, the suggestion returned synchronously. It serves only
// REFERENCE_FILE, a TypeScript file like the one Ask Llama is timed in (the TypeScript extension's work in the
// extension host is the same for both); Ask Llama is told to skip that file (askLlama.inlineSuggest.exclude), so
// the two providers never answer for the same file.
import { packageReferenceExtension } from './referenceExtension';

export const REFERENCE_FILE = 'reference.ts';

/** For `let <id> = ` (the whole line a round types): ghost text `BENCHMARK<id>;`; nothing for a partial line. */
const EXTENSION_JS = `const vscode = require('vscode');
exports.activate = (context) => {
  context.subscriptions.push(vscode.languages.registerInlineCompletionItemProvider({ pattern: '**/${REFERENCE_FILE}' }, {
    provideInlineCompletionItems(document, position) {
      const match = /^let (\\w+) = $/.exec(document.lineAt(position.line).text.slice(0, position.character));
      return match ? [new vscode.InlineCompletionItem('BENCHMARK' + match[1] + ';', new vscode.Range(position, position))] : [];
    },
  }));
};
`;

const MANIFEST = {
  name: 'bench-reference-inline',
  publisher: 'ask-llama-bench',
  version: '0.0.1',
  description: 'The inline-suggestion bench reference: a provider that does no work.',
  engines: { vscode: '^1.90.0' },
  main: './extension.js',
  activationEvents: ['onLanguage:typescript'],
};

/** The reference extension, packaged; returns the .vsix. */
export function referenceExtensionVsix(): string {
  return packageReferenceExtension(MANIFEST, EXTENSION_JS);
}
