// The web build's stand-in for api/localServers.ts: a browser page cannot probe ports on the user's machine (each
// probe would be a CORS-refused or private-network-blocked request), so Select Model lists the configured server's
// models only. A local server still works when it is the base URL and allows the page's origin (corsErrors.ts).
export { LOCAL_SERVER_PORTS, localBaseUrl } from '../api/localServers';
export type { FindLocalServersOptions, LocalServer, LocalServerPort } from '../api/localServers';
import type { LocalServer, LocalServerPort, FindLocalServersOptions } from '../api/localServers';

export async function findLocalServers(_ports: readonly LocalServerPort[], _options: FindLocalServersOptions = {}): Promise<LocalServer[]> {
  return [];
}
