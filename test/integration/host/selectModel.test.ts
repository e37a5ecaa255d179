// Select Model: the server's chat models, the seeds first (always present, marked with their live status), Meta Llama
// next, context shown, a free-text entry, and the built-in list when the server cannot be reached.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AskLlamaApi } from '../../../src/host/testApi';
import { ScriptedServer, type ScriptedResponse } from '../../support/scriptedServer';
import { until } from '../reliability/reliabilityKit';
import { routeServer, type UiAnswer, type UiCall, type UiScript, useScriptedHost, whenSettled, withScriptedUi } from './hostTestKit';

const SEEDS = ['meta-llama/Meta-Llama-3-8B-Instruct-Lite', 'meta-llama/Llama-3.2-3B-Instruct-Turbo'];

function modelRows(call: UiCall): any[] {
  return call.items.filter((item) => item.modelId);
}

function globalModel(): string | undefined {
  return vscode.workspace.getConfiguration('askLlama').inspect<string>('model')?.globalValue;
}

describe('host: Select Model', () => {
  const host = useScriptedHost({ model: 'meta-llama/Llama-3.2-3B-Instruct-Turbo' });
  let api: AskLlamaApi;
  let server: ScriptedServer;
  beforeEach(() => {
    ({ api, server } = host);
  });

  it('lists the live chat models, Meta Llama first, with seeds marked and context lengths, and writes the pick globally', async () => {
    routeServer(
      server,
      [
        { id: 'gpt-4o', contextLength: 128000 },
        { id: 'flux/schnell', type: 'openai/images-generation' },
        { id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', contextLength: 128000 },
        { id: 'meta/muse-spark-1.2', contextLength: 1048576 },
      ],
      [],
    );
    const ui = await withScriptedUi(
      api,
      (call) => (call.kind === 'showLiveQuickPick' ? modelRows(call).find((r) => r.modelId === 'meta-llama/Llama-3.3-70B-Instruct-Turbo') : undefined),
      () => vscode.commands.executeCommand('askLlama.selectModel'),
    );
    const pick = ui.of('showLiveQuickPick')[0];
    const rows = modelRows(pick);
    const ids = rows.map((r) => r.modelId);
    assert.ok(!ids.includes('flux/schnell'), 'image models are not chat models');
    assert.ok(ids.indexOf('gpt-4o') > ids.indexOf('meta/muse-spark-1.2'), 'Meta Llama models come first');
    assert.ok(ids.indexOf('gpt-4o') > Math.max(...SEEDS.map((s) => ids.indexOf(s))));
    assert.deepStrictEqual(ids.slice(0, 2), SEEDS, 'the two seed models come first');
    for (const seed of SEEDS) {
      const row = rows.find((r) => r.modelId === seed);
      assert.ok(row, `${seed} should always be offered`);
      assert.match(row.description, /deprecated/);
      assert.match(row.description, /not served by 127\.0\.0\.1:\d+/, 'the live list decides the status');
    }
    assert.match(rows.find((r) => r.modelId === 'meta-llama/Llama-3.3-70B-Instruct-Turbo').description, /128K context/);
    assert.match(rows.find((r) => r.modelId === 'meta/muse-spark-1.2').description, /1M context/);
    assert.match(rows.find((r) => r.modelId === 'meta-llama/Llama-3.2-3B-Instruct-Turbo').label, /check/, 'the current model is marked');
    assert.ok(pick.items.some((item) => item.other), 'a free-text entry is offered');
    assert.strictEqual(globalModel(), 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
  });

  it('offline, offers the built-in list and takes any other id typed in', async () => {
    routeServer(server, 'fail', []);
    const ui = await withScriptedUi(
      api,
      (call) => {
        if (call.kind === 'showLiveQuickPick') return call.items.find((item) => item.other);
        if (call.kind === 'showInputBox') return '  my-org/my-llama-finetune ';
        return undefined;
      },
      () => vscode.commands.executeCommand('askLlama.selectModel'),
    );
    const pick = ui.of('showLiveQuickPick')[0];
    const input = ui.of('showInputBox')[0];
    const ids = modelRows(pick).map((r) => r.modelId).sort();
    assert.deepStrictEqual(ids, [...SEEDS, 'meta-llama/Llama-3.3-70B-Instruct-Turbo', 'meta-llama/llama-3.3-70b-versatile'].sort());
    assert.match(pick.options.title, /built-in/);
    assert.ok(input.options.validateInput('  '), 'an empty id is refused');
    assert.strictEqual(globalModel(), 'my-org/my-llama-finetune');
  });

  it('lists the models of local servers that answer /v1/models, grouped by server, and switches base URL and model together', async () => {
    routeServer(server, [{ id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', contextLength: 128000 }], []);
    const ollama = await ScriptedServer.start();
    const withoutModels = await ScriptedServer.start();
    ollama.setFallback({ status: 200, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ object: 'list', data: [{ id: 'llama3.2:3b', object: 'model' }] })] });
    withoutModels.setFallback({ status: 404, headers: { 'content-type': 'text/plain' }, chunks: ['Not Found'] });
    const port = (s: ScriptedServer) => Number(new URL(s.baseUrl).port);
    const savedPorts = api.localServers.ports;
    api.localServers.ports = [
      { port: port(ollama), name: 'Ollama' },
      { port: port(withoutModels), name: 'LM Studio' },
    ];
    let ui: UiScript;
    try {
      ui = await withScriptedUi(
        api,
        async (call) => (call.kind === 'showLiveQuickPick' ? (await whenSettled(call.live!)).find((item) => item.modelId === 'llama3.2:3b') : undefined),
        () => vscode.commands.executeCommand('askLlama.selectModel'),
      );
    } finally {
      api.localServers.ports = savedPorts;
      await Promise.all([ollama.close(), withoutModels.close()]);
    }
    const pick = ui.of('showLiveQuickPick')[0];
    const labels = pick.live!.items.map((item) => item.label);
    const group = labels.findIndex((label) => /^Ollama on this machine · 127\.0\.0\.1:\d+$/.test(label));
    assert.ok(group >= 0, `an Ollama group: ${labels.join(' | ')}`);
    assert.strictEqual(labels[group + 1], 'llama3.2:3b');
    assert.ok(!labels.some((label) => /LM Studio/.test(label)), 'a server without /models is not offered');
    assert.ok(labels.indexOf('meta-llama/Llama-3.3-70B-Instruct-Turbo') < group, "the configured server's models come first");
    const config = vscode.workspace.getConfiguration('askLlama');
    assert.strictEqual(config.inspect('baseUrl')?.globalValue, ollama.baseUrl);
    assert.strictEqual(globalModel(), 'llama3.2:3b');
  });

  it('adds each local server to the open picker as it answers, busy until the slowest has answered', async () => {
    routeServer(server, [{ id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo' }], []);
    const modelList = (id: string): ScriptedResponse => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      chunks: [JSON.stringify({ object: 'list', data: [{ id, object: 'model' }] })],
    });
    const fast = await ScriptedServer.start();
    const slow = await ScriptedServer.start();
    fast.setFallback(modelList('fast-llama'));
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    // A picker that waited for every probe would never open while the slow one is held: it is let go after 10 s
    // then, so such a picker fails the assertions below rather than the test's time limit.
    let safety: NodeJS.Timeout | undefined;
    slow.setFallback(async () => {
      safety ??= setTimeout(release, 10_000);
      await released;
      return modelList('slow-llama');
    });
    const port = (s: ScriptedServer) => Number(new URL(s.baseUrl).port);
    const saved = { ...api.localServers };
    api.localServers.ports = [
      { port: port(slow), name: 'vLLM' },
      { port: port(fast), name: 'Ollama' },
    ];
    api.localServers.timeoutMs = 60_000;
    const seen: { labels: string[]; busy: boolean }[] = [];
    const answer: UiAnswer = async (call) => {
      if (call.kind !== 'showLiveQuickPick') return undefined;
      const live = call.live!;
      await until(() => live.items.some((item) => item.modelId === 'fast-llama'), 'the fast server in the open picker');
      seen.push({ labels: live.items.map((item) => item.label), busy: live.busy });
      release();
      const rows = await whenSettled(live);
      seen.push({ labels: rows.map((item) => item.label), busy: live.busy });
      return rows.find((item) => item.modelId === 'slow-llama');
    };
    try {
      await withScriptedUi(api, answer, () => vscode.commands.executeCommand('askLlama.selectModel'));
    } finally {
      release();
      clearTimeout(safety);
      Object.assign(api.localServers, saved);
      await Promise.all([fast.close(), slow.close()]);
    }
    const [whileProbing, settled] = seen;
    assert.ok(whileProbing && settled, `the picker opened and settled: ${JSON.stringify(seen)}`);
    assert.strictEqual(whileProbing.busy, true, 'busy while the slow server had not answered');
    assert.ok(!whileProbing.labels.includes('slow-llama'), 'the slow server was listed before it answered');
    assert.strictEqual(settled.busy, false, 'not busy once every probe has ended');
    const group = (name: string) => settled.labels.findIndex((label) => label.startsWith(`${name} on this machine`));
    assert.ok(group('Ollama') >= 0 && group('Ollama') < group('vLLM'), `groups in the order they answered: ${settled.labels.join(' | ')}`);
    assert.strictEqual(settled.labels[group('vLLM') + 1], 'slow-llama');
    assert.strictEqual(vscode.workspace.getConfiguration('askLlama').inspect('baseUrl')?.globalValue, slow.baseUrl);
    assert.strictEqual(globalModel(), 'slow-llama');
  });

  describe('when the workspace sets askLlama.model', () => {
    const WORKSPACE_MODEL = 'workspace/pinned-model';
    const PICK = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
    const config = () => vscode.workspace.getConfiguration('askLlama');
    beforeEach(async () => {
      await config().update('model', WORKSPACE_MODEL, vscode.ConfigurationTarget.Workspace);
    });
    afterEach(async () => {
      api.restrictedMode.leave();
      await config().update('model', undefined, vscode.ConfigurationTarget.Workspace);
    });

    async function pickModel(): Promise<void> {
      routeServer(server, [{ id: PICK, contextLength: 128000 }], []);
      await withScriptedUi(api, (call) => (call.kind === 'showLiveQuickPick' ? modelRows(call).find((r) => r.modelId === PICK) : undefined), async () => {
        await vscode.commands.executeCommand('askLlama.selectModel');
      });
    }

    it('in a trusted workspace, writes the pick to the workspace\'s settings, where it takes effect', async () => {
      await pickModel();
      assert.strictEqual(config().inspect('model')?.workspaceValue, PICK);
      assert.strictEqual(globalModel(), 'meta-llama/Llama-3.2-3B-Instruct-Turbo', 'the user setting is left alone');
      const settings = await api.requests.current();
      assert.strictEqual(settings.model, PICK, 'the next question goes to the picked model');
    });

    it('in Restricted Mode (the workspace value is ignored), writes the user setting', async () => {
      api.restrictedMode.enter();
      await pickModel();
      assert.strictEqual(globalModel(), PICK);
      assert.strictEqual(config().inspect('model')?.workspaceValue, WORKSPACE_MODEL, 'the workspace file is not touched');
      assert.strictEqual((await api.requests.current()).model, PICK);
    });
  });

  it('changes nothing when the pick is dismissed', async () => {
    routeServer(server, 'fail', []);
    await withScriptedUi(api, async () => {
      await vscode.commands.executeCommand('askLlama.selectModel');
    });
    assert.strictEqual(globalModel(), 'meta-llama/Llama-3.2-3B-Instruct-Turbo');
  });
});
