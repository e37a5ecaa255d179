// Generates l10n/bundle.l10n.json (every `vscode.l10n.t` / `l10n.t` string of src/, in English) with @vscode/l10n-dev,
// and, for each translation beside it, dist/l10n/ gets a copy with the chat page's strings only. Run by esbuild.js on every build, so the bundle never lags
// behind the sources; translators copy it to bundle.l10n.<locale>.json.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const srcDir = path.join(root, 'src');
const outFile = path.join(root, 'l10n', 'bundle.l10n.json');
const l10nDir = path.dirname(outFile);
/** Per translation, the page's strings only: what the host hands the chat page (src/host/chat/pageL10n.ts). */
const pageBundleDir = path.join(root, 'dist', 'l10n');

function tsFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.isFile() && entry.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * The extractor only reads files that import `vscode` (or `@vscode/l10n`). The pure layers cannot: src/common takes
 * VS Code's translator as an argument and src/webview has its own (src/webview/l10n.ts), both called as `l10n.t(...)`.
 * For them the extractor is shown the file behind an import line, which makes it look for exactly those calls.
 */
function asScript(file) {
  const contents = fs.readFileSync(file, 'utf8');
  const importsVscode = /from 'vscode'|require\('vscode'\)/.test(contents);
  return { extension: '.ts', contents: importsVscode ? contents : `import * as vscode from 'vscode';\n${contents}` };
}

/** For each l10n/bundle.l10n.<locale>.json, dist/l10n/ gets the same name with only the page's strings. */
function writePageBundles(pageKeys, fromDir = l10nDir, toDir = pageBundleDir) {
  fs.rmSync(toDir, { recursive: true, force: true });
  fs.mkdirSync(toDir, { recursive: true });
  for (const name of fs.readdirSync(fromDir).filter((n) => /^bundle\.l10n\..+\.json$/.test(n))) {
    const translations = JSON.parse(fs.readFileSync(path.join(fromDir, name), 'utf8'));
    const picked = {};
    for (const key of pageKeys) {
      const value = Object.prototype.hasOwnProperty.call(translations, key) ? translations[key] : undefined;
      // l10n-dev's format allows { message, comment } entries; the page needs the text.
      const text = typeof value === 'string' ? value : value && typeof value.message === 'string' ? value.message : undefined;
      if (text !== undefined) picked[key] = text;
    }
    fs.writeFileSync(path.join(toDir, name), JSON.stringify(picked));
  }
}

async function exportL10n() {
  // Loaded lazily: the extractor starts a tree-sitter parser, which a build that does not need it should not pay for.
  const { getL10nJson } = require('@vscode/l10n-dev');
  const files = tsFiles(srcDir).sort();
  const isPage = (file) => file.startsWith(path.join(srcDir, 'webview') + path.sep);
  // Two passes over disjoint files (each file parsed once): the page's strings are also what the host hands the page.
  const page = await getL10nJson(files.filter(isPage).map(asScript));
  const all = { ...(await getL10nJson(files.filter((f) => !isPage(f)).map(asScript))), ...page };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const text = `${JSON.stringify(all, null, 2)}\n`;
  if (!fs.existsSync(outFile) || fs.readFileSync(outFile, 'utf8') !== text) fs.writeFileSync(outFile, text);
  writePageBundles(Object.keys(page));
  return { strings: Object.keys(all).length, pageKeys: Object.keys(page).sort() };
}

module.exports = { exportL10n, writePageBundles, outFile, pageBundleDir };

if (require.main === module) {
  exportL10n().then(
    ({ strings, pageKeys }) => console.log(`${path.relative(root, outFile)}: ${strings} strings, ${pageKeys.length} of them on the chat page`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
