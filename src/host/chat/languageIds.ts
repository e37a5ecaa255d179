// Maps a Markdown fence tag from model output ("ts", "py", "sh") to a VS Code language id for a new editor.
import * as vscode from 'vscode';

const FENCE_ALIASES: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  jsx: 'javascriptreact',
  py: 'python',
  rb: 'ruby',
  rs: 'rust',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  yml: 'yaml',
  md: 'markdown',
  'c++': 'cpp',
  cs: 'csharp',
  'c#': 'csharp',
  kt: 'kotlin',
  golang: 'go',
  ps1: 'powershell',
  text: 'plaintext',
  txt: 'plaintext',
};

export async function languageIdForFence(tag: string | undefined): Promise<string> {
  if (!tag) return 'plaintext';
  const lower = tag.trim().toLowerCase();
  const candidate = FENCE_ALIASES[lower] ?? lower;
  const known = await vscode.languages.getLanguages();
  return known.includes(candidate) ? candidate : 'plaintext';
}
