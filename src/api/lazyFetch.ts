// node-fetch (and the http, https, zlib and stream modules it pulls in) is loaded on the first model-list request
// (models.ts; chat and completions use Node's own client, httpRequest.ts) rather than when the extension activates:
// a user who opens VS Code and never asks anything never pays for it.
// The bundler ships it as its own file next to the extension bundle (see esbuild.js).
import type * as NodeFetch from 'node-fetch';

type Fetch = typeof NodeFetch.default;

let loaded: Fetch | undefined;

export function fetch(url: NodeFetch.RequestInfo, init?: NodeFetch.RequestInit): Promise<NodeFetch.Response> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('node-fetch') as Fetch;
  return loaded(url, init);
}
