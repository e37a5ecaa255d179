// The bench's throw-away reference extensions (referenceInline.ts, referenceWebview.ts): written to a temporary
// folder and packaged with the repo's vsce, to be installed beside Ask Llama in the same workbench.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from '../harness/tempDirs';

/** Packages an extension made of `manifest` and one `extension.js`; returns the .vsix. */
export function packageReferenceExtension(manifest: { name: string } & Record<string, unknown>, extensionJs: string): string {
  const dir = makeTempDir(`bench-${manifest.name}`);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'extension.js'), extensionJs);
  const vsix = path.join(dir, 'reference.vsix');
  execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies',
    '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: dir, stdio: 'ignore' });
  return vsix;
}
