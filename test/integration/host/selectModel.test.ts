// Select Model: the server's chat models, the seeds first (always present, marked with their live status), Meta Llama
// next, context shown, a free-text entry, and the built-in list when the server cannot be reached.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AskLlamaApi } from '../../../src/host/testApi';
import { ScriptedServer } from '../../support/scriptedServer';
import { routeServer, scriptUi, type UiCall, useScriptedHost } from './hostTestKit';

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
    const ui = scriptUi(api, (call) =>
      call.kind === 'showQuickPick' ? modelRows(call).find((r) => r.modelId === 'meta-llama/Llama-3.3-70B-Instruct-Turbo') : undefined,
    );
    let pick: UiCall;
    try {
      await vscode.commands.executeCommand('askLlama.selectModel');
      pick = ui.of('showQuickPick')[0];
    } finally {
      ui.restore();
    }
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
    const ui = scriptUi(api, (call) => {
      if (call.kind === 'showQuickPick') return call.items.find((item) => item.other);
      if (call.kind === 'showInputBox') return '  my-org/my-llama-finetune ';
      return undefined;
    });
    let pick: UiCall;
    let input: UiCall;
    try {
      await vscode.commands.executeCommand('askLlama.selectModel');
      pick = ui.of('showQuickPick')[0];
      input = ui.of('showInputBox')[0];
    } finally {
      ui.restore();
    }
    const ids = modelRows(pick).map((r) => r.modelId).sort();
    assert.deepStrictEqual(ids, [...SEEDS, 'meta-llama/Llama-3.3-70B-Instruct-Turbo', 'meta-llama/llama-3.3-70b-versatile'].sort());
    assert.match(pick.options.title, /built-in/);
    assert.ok(input.options.validateInput('  '), 'an empty id is refused');
    assert.strictEqual(globalModel(), 'my-org/my-llama-finetune');
  });

  it('changes nothing when the pick is dismissed', async () => {
    routeServer(server, 'fail', []);
    const ui = scriptUi(api);
    try {
      await vscode.commands.executeCommand('askLlama.selectModel');
    } finally {
      ui.restore();
    }
    assert.strictEqual(globalModel(), 'meta-llama/Llama-3.2-3B-Instruct-Turbo');
  });
});
