// The one seam between the request module and the network. Every chat and completion attempt sends through
// `sendRequest()`, which is the platform's transport: Node's own client (httpRequest.ts) in the desktop and remote
// extension hosts, fetch (fetchRequest.ts) in a browser workbench's web worker extension host. The platform picks it
// at build time: the web bundle resolves './platformTransport' to './platformTransport.web' (the web platform modules of
// scripts/webPlatform.js), so the Node client is not even in that bundle. `useTransport()` is for the unit tests, which run
// the same suites over both transports (test/unit/api/overFetch.test.ts).
import { platformTransport } from './platformTransport';
import type { HttpRequestInit, HttpResponse, Transport } from './httpTypes';

export type { HttpRequestInit, HttpResponse, Transport } from './httpTypes';

let chosen: Transport = platformTransport;

export function sendRequest(url: string, init: HttpRequestInit): Promise<HttpResponse> {
  return chosen(url, init);
}

/** Tests only: send through `transport` from now on (`undefined`: the platform's own again). */
export function useTransport(transport: Transport | undefined): void {
  chosen = transport ?? platformTransport;
}
