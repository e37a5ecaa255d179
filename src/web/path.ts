// Node's `path` as the chat history uses it, for the web build: joins POSIX paths and URI strings alike
// ("vscode-userdata:/User/globalStorage/x/chats" + "index.json"), since the history's folder is a URI there
// (chat/historyFolder.ts); fsPromises.ts turns the result back into a vscode.Uri.
export function join(...parts: string[]): string {
  return parts.filter((p) => p !== '').reduce((joined, part) => `${joined.replace(/\/+$/, '')}/${part.replace(/^\/+/, '')}`);
}

export function basename(file: string): string {
  return file.slice(file.replace(/\/+$/, '').lastIndexOf('/') + 1).replace(/\/+$/, '');
}

export function dirname(file: string): string {
  const at = file.replace(/\/+$/, '').lastIndexOf('/');
  return at <= 0 ? '/' : file.slice(0, at);
}

export const sep = '/';
