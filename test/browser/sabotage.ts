// Proof that the browser suite can fail: builds the chat page with one safety removed (in memory only; no source
// file changes) into a temp folder and prints the folder. Run the suite against it:
//   node out/test/browser/sabotage.js raw-html   → prints DIR
//   ASK_LLAMA_BROWSER_BUNDLE=DIR npx mocha --no-config --timeout 60000 "out/test/browser/**/*.test.js"
// Sabotages: raw-html (model HTML inserted with innerHTML), any-link (every link href kept as written),
// images (markdown images become real <img> elements).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

const SABOTAGES: Record<string, { file: string; from: RegExp; to: string }> = {
  'raw-html': {
    file: 'renderToken.ts',
    from: /case 'html':\n/,
    to: "case 'html': { const span = ctx.doc.createElement('span'); span.innerHTML = token.raw; return { key, type: 'html', node: span }; }\n    case 'html-was':\n",
  },
  'any-link': {
    file: 'safeUrl.ts',
    from: /export function clickableUrl\(href: string \| null \| undefined\): string \| undefined \{\n/,
    to: 'export function clickableUrl(href: string | null | undefined): string | undefined {\n  if (href) return href;\n',
  },
  images: {
    file: 'renderToken.ts',
    from: /function createImagePlaceholder\(ctx: RenderContext, key: string, image: Tokens.Image\): Rendered \{\n/,
    to: "function createImagePlaceholder(ctx: RenderContext, key: string, image: Tokens.Image): Rendered {\n  { const img = ctx.doc.createElement('img'); img.setAttribute('src', image.href); return { key, type: 'image', node: img }; }\n",
  },
};

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const sabotage = SABOTAGES[name];
  if (!sabotage) throw new Error(`usage: sabotage.js ${Object.keys(SABOTAGES).join('|')}`);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `ask-llama-sabotage-${name}-`));
  let applied = false;
  await esbuild.build({
    entryPoints: { webview: path.join(repoRoot, 'src', 'webview', 'main.ts') },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
    logLevel: 'warning',
    plugins: [
      {
        name: 'sabotage',
        setup(build) {
          build.onLoad({ filter: new RegExp(`${sabotage.file.replace('.', '\\.')}$`) }, (args) => {
            const source = fs.readFileSync(args.path, 'utf8');
            if (!sabotage.from.test(source)) throw new Error(`sabotage ${name}: pattern not found in ${args.path}`);
            applied = true;
            return { contents: source.replace(sabotage.from, sabotage.to), loader: 'ts' };
          });
        },
      },
    ],
  });
  if (!applied) throw new Error(`sabotage ${name}: ${sabotage.file} was not part of the bundle`);
  process.stdout.write(`${outdir}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
