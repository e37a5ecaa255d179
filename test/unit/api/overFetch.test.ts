// The request module's suites, run a second time over the fetch transport (src/api/fetchRequest.ts, the web build's
// transport) instead of Node's own client: the same scripted server, the same assertions on streaming, the SSE
// decoder, timeouts, cancellation, redirect refusal, retries and every error as an ApiError. Node 20 has fetch
// (undici); Chromium runs it in test/browser/fetchTransport.test.ts.
//
// Each suite file registers its `describe` when it is loaded, so it is loaded again (fresh from the require cache)
// inside this suite, with the fetch transport chosen around it.
import Module from 'module';
import { fetchRequest } from '../../../src/api/fetchRequest';
import { useTransport } from '../../../src/api/transport';

/** Every suite that sends through the transport (chat() and complete()); listModels() goes through lazyFetch.ts. */
export const TRANSPORT_SUITES = ['./chatStream.test', './chatErrors.test', './chatRetries.test', './chatRequest.test', './chatToolCalls.test', './providerQuirks.test', './redirects.test', './complete.test'];

describe('over fetch (the web transport)', () => {
  before(() => useTransport(fetchRequest));
  after(() => useTransport(undefined));
  for (const suite of TRANSPORT_SUITES) {
    const resolved = require.resolve(suite);
    const cached = require.cache[resolved];
    delete require.cache[resolved];
    require(suite);
    if (cached) require.cache[resolved] = cached;
  }
});

// The model list: the web build replaces lazyFetch.ts (node-fetch) with lazyFetch.web.ts, which sends through the
// transport. Here the request module is loaded again with that swap, and the model-list suites run over it.
describe('model list over fetch (lazyFetch.web.ts, the web build)', () => {
  before(() => useTransport(fetchRequest));
  after(() => useTransport(undefined));
  const swapped = ['../../../src/api/lazyFetch', '../../../src/api/models', '../../../src/api/localServers', '../../../src/api/index'].map((m) => require.resolve(m));
  const saved = swapped.map((file) => require.cache[file]);
  for (const file of swapped) delete require.cache[file];
  const stand = new Module(swapped[0]);
  stand.exports = require('../../../src/api/lazyFetch.web');
  stand.loaded = true;
  require.cache[swapped[0]] = stand;
  for (const suite of ['./listModels.test', './localServers.test']) {
    const resolved = require.resolve(suite);
    const cached = require.cache[resolved];
    delete require.cache[resolved];
    require(suite);
    if (cached) require.cache[resolved] = cached;
  }
  swapped.forEach((file, i) => {
    if (saved[i]) require.cache[file] = saved[i];
    else delete require.cache[file];
  });
});
