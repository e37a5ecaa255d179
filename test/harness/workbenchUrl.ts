// The URL that opens the web workbench on a folder, optionally with the smoke-test payload that makes it load an
// extension under development and run its tests (read only when the server has `enable-smoke-test-driver`).
export interface ExtensionTestPayload {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  /** Environment variables for the extension host. */
  extensionEnvironment?: Record<string, string>;
}

export function workbenchUrl(origin: string, folder: string, tests?: ExtensionTestPayload): string {
  const url = new URL(origin);
  url.searchParams.set('folder', folder);
  if (tests) {
    // Paths in the payload are URIs on the server's side of the remote connection.
    const remote = (p: string) => `vscode-remote://${url.host}${p}`;
    const payload: Array<[string, string]> = [
      ['extensionDevelopmentPath', remote(tests.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(tests.extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    if (tests.extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(tests.extensionEnvironment)]);
    url.searchParams.set('payload', JSON.stringify(payload));
  }
  return url.toString();
}
