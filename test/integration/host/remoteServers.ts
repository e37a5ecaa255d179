// Scripted servers that look remote to the extension: http://<name>.ask-llama.test:<port>/v1. Those names never
// resolve; VS Code's `http.proxy` setting sends the requests to a ForwardingProxy on 127.0.0.1 that hands each one
// to the scripted server of its host name, the way the e2e suite reaches its model server. The key paths for
// remote servers (ask for a key, send a server its own key only) are then the real ones. They are plain http, so
// unless a suite asks otherwise the user is taken to have agreed once to send their keys over it (plainHttpKey.test.ts
// tests that question).
import * as vscode from 'vscode';
import { ForwardingProxy } from '../../support/forwardingProxy';
import { ScriptedServer } from '../../support/scriptedServer';
import { activateExtension } from './hostTestKit';

export class RemoteServers {
  private constructor(
    private readonly servers: Map<string, ScriptedServer>,
    private readonly proxy: ForwardingProxy,
    private readonly previousProxy: unknown,
  ) {}

  /** One scripted server per name, and `http.proxy` (user settings) pointed at the routing proxy. */
  static async start(names: readonly string[], options: { plainHttpAgreed?: boolean } = {}): Promise<RemoteServers> {
    const servers = new Map<string, ScriptedServer>();
    for (const name of names) servers.set(`${name}.ask-llama.test`, await ScriptedServer.start());
    const proxy = await ForwardingProxy.start((requested) => {
      const server = servers.get(requested.hostname);
      // Anything else (the loopback servers of other tests) goes where it was addressed.
      return server ? { host: '127.0.0.1', port: Number(new URL(server.baseUrl).port) } : { host: requested.hostname, port: Number(requested.port) };
    });
    const http = vscode.workspace.getConfiguration('http');
    const previousProxy = http.inspect('proxy')?.globalValue;
    await http.update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    const remote = new RemoteServers(servers, proxy, previousProxy);
    if (options.plainHttpAgreed !== false) {
      const api = await activateExtension();
      for (const name of names) await api.plainHttp.remember(remote.origin(name));
    }
    return remote;
  }

  server(name: string): ScriptedServer {
    const server = this.servers.get(`${name}.ask-llama.test`);
    if (!server) throw new Error(`no remote-looking server named ${name}`);
    return server;
  }

  baseUrl(name: string): string {
    return `http://${name}.ask-llama.test:${new URL(this.server(name).baseUrl).port}/v1`;
  }

  origin(name: string): string {
    return new URL(this.baseUrl(name)).origin;
  }

  /** Forget what every server received (between the steps of one test). */
  clearRequests(): void {
    for (const server of this.servers.values()) server.requests.length = 0;
  }

  async close(): Promise<void> {
    const api = await activateExtension();
    for (const host of this.servers.keys()) await api.plainHttp.forget(this.origin(host.replace(/\.ask-llama\.test$/, '')));
    await vscode.workspace.getConfiguration('http').update('proxy', this.previousProxy, vscode.ConfigurationTarget.Global);
    await this.proxy.close();
    for (const server of this.servers.values()) await server.close();
  }
}
