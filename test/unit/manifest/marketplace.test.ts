// What the Extensions view and the galleries (Marketplace, Open VSX) show: a 128×128 PNG icon, a banner, and the
// README's images shipped inside the .vsix (packaged with --no-rewrite-relative-links, so VS Code resolves them
// against the installed extension, offline). The .vsix checks need `npm run package` first.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { vsixFile } from '../../bench/sizeBudgets';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Relative image links of the README, e.g. "media/screenshots/chat-dark.png". */
function readmeImages(): string[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((href) => !/^[a-z]+:/i.test(href));
}

describe('marketplace page', () => {
  it('has a 128×128 PNG icon and a gallery banner', () => {
    assert.strictEqual(manifest.icon, 'media/icon.png');
    const png = fs.readFileSync(path.join(root, manifest.icon));
    assert.strictEqual(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepStrictEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'IHDR width × height');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme));
  });

  it('names no placeholder repository (the field is left out rather than pointing at example.invalid)', () => {
    // The package script passes --allow-missing-repository; a `repository` that exists must be a real address.
    const url: unknown = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
    if (url === undefined) return;
    assert.ok(typeof url === 'string' && !/\.invalid\b|example\./i.test(url), `placeholder repository URL ${String(url)}`);
  });

  it('README images exist and are small', () => {
    const images = readmeImages();
    assert.ok(images.length >= 2, `found ${images.length} README images`);
    for (const image of images) {
      const size = fs.statSync(path.join(root, image)).size;
      assert.ok(size <= 40 * 1024, `${image} is ${size} bytes; optimise it (a palette PNG) so the .vsix stays small`);
    }
  });

  it('the .vsix holds the icon, the README images and the l10n files', function () {
    if (!fs.existsSync(vsixFile)) this.skip(); // Packaged by `npm run package` (npm test does it first).
    // File names are stored uncompressed in a zip's directory, so a byte search finds them.
    const zip = fs.readFileSync(vsixFile);
    // bundle.l10n.json is the English bundle generated from the sources (VS Code reads only the translations beside
    // it, but a language pack or a user translating needs the full list, ~2 KB compressed); package.nls.json holds
    // the manifest's strings.
    const l10nFiles = fs.readdirSync(path.join(root, 'l10n')).filter((name) => /^bundle\.l10n(\.[^.]+)?\.json$/.test(name));
    assert.ok(l10nFiles.includes('bundle.l10n.json'), 'the build generates l10n/bundle.l10n.json');
    for (const file of [manifest.icon, ...readmeImages(), 'package.nls.json', ...l10nFiles.map((name) => `l10n/${name}`)]) {
      assert.ok(zip.includes(Buffer.from(`extension/${file}`)), `${file} is not in ${path.basename(vsixFile)}: see .vscodeignore`);
    }
    // Contributor documents are for the sources, not for the installed extension.
    // (vsce may store a document's name in lower case, as it does readme.md.)
    const names = zip.toString('latin1').toLowerCase();
    for (const file of ['CONTRIBUTING.md', 'ARCHITECTURE.md']) {
      assert.ok(!names.includes(`extension/${file.toLowerCase()}`), `${file} is in ${path.basename(vsixFile)}: see .vscodeignore`);
    }
  });
});
