// FIM templates by model name, their exact tokens, and which endpoint a server/model pair is asked through.
import * as assert from 'assert';
import { fimTemplateFor, localServerKindOf, pickCompletionEndpoint } from '../../../src/api';

describe('api/fimTemplates', () => {
  it('CodeLlama 7B/13B: <PRE> {prefix} <SUF>{suffix} <MID>', () => {
    for (const model of ['codellama:7b-code', 'codellama:13b', 'codellama/CodeLlama-7b-hf', 'codellama:latest']) {
      assert.strictEqual(fimTemplateFor(model)?.prompt('a', 'b'), '<PRE> a <SUF>b <MID>', model);
    }
  });

  it('CodeLlama 34B/70B and the Python variant have no FIM', () => {
    for (const model of ['codellama:34b', 'codellama/CodeLlama-70b-hf', 'codellama:7b-python']) {
      assert.strictEqual(fimTemplateFor(model), undefined, model);
    }
  });

  it('Qwen-coder: <|fim_prefix|>…<|fim_suffix|>…<|fim_middle|>', () => {
    for (const model of ['qwen2.5-coder:1.5b', 'Qwen/Qwen2.5-Coder-7B-Instruct', 'qwen3-coder']) {
      assert.strictEqual(fimTemplateFor(model)?.prompt('a', 'b'), '<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>', model);
    }
  });

  it('DeepSeek-coder: full-width bars and the ▁ of its tokenizer', () => {
    assert.strictEqual(fimTemplateFor('deepseek-coder:6.7b-base')?.prompt('a', 'b'), '<｜fim▁begin｜>a<｜fim▁hole｜>b<｜fim▁end｜>');
  });

  it('Llama 3.x has no FIM tokens', () => {
    assert.strictEqual(fimTemplateFor('llama3.2:3b'), undefined);
    assert.strictEqual(fimTemplateFor('meta-llama/Llama-3.3-70B-Instruct-Turbo'), undefined);
  });
});

describe('api/completionEndpoint', () => {
  it('knows the local servers by their default port on loopback only', () => {
    assert.strictEqual(localServerKindOf('http://127.0.0.1:11434/v1'), 'Ollama');
    assert.strictEqual(localServerKindOf('http://localhost:8080'), 'llama.cpp');
    assert.strictEqual(localServerKindOf('http://example.com:11434/v1'), undefined);
    assert.strictEqual(localServerKindOf('https://api.aimlapi.com/v1'), undefined);
  });

  it('picks FIM where the server and model have it, the chat hole-filler elsewhere', () => {
    assert.strictEqual(pickCompletionEndpoint('http://127.0.0.1:11434/v1', 'qwen2.5-coder:1.5b'), 'ollama');
    assert.strictEqual(pickCompletionEndpoint('http://127.0.0.1:11434/v1', 'llama3.2:3b'), 'chat');
    assert.strictEqual(pickCompletionEndpoint('http://127.0.0.1:8080/v1', 'anything'), 'llamacpp');
    assert.strictEqual(pickCompletionEndpoint('http://127.0.0.1:8000/v1', 'Qwen/Qwen2.5-Coder-7B'), 'openai');
    assert.strictEqual(pickCompletionEndpoint('http://127.0.0.1:8000/v1', 'bigcode/starcoder2-3b'), 'openai');
    assert.strictEqual(pickCompletionEndpoint('http://127.0.0.1:1234/v1', 'meta-llama-3.1-8b-instruct'), 'chat');
    assert.strictEqual(pickCompletionEndpoint('https://api.aimlapi.com/v1', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'), 'chat');
    assert.strictEqual(pickCompletionEndpoint('https://api.example.com/v1', 'qwen2.5-coder'), 'chat');
  });
});
