// What the first question in `npm run try` goes to, chosen once at start: the AI/ML API when ASK_LLAMA_API_KEY is
// set, else a local OpenAI-compatible server that is running, else the labelled demo server. Returns the user
// settings to write into the temporary profile and the lines that tell the user what was chosen and how to switch.
import { findLocalServers, LOCAL_SERVER_PORTS } from '../../src/api';
import { DEMO_MODEL_ID, startDemoServer } from './demoServer';

export interface TryBackend {
  mode: 'api-key' | 'local-server' | 'demo';
  settings: Record<string, unknown>;
  /** Extra environment for code-server and the extension hosts it starts. */
  env?: Record<string, string>;
  /** Printed after the address. */
  explanation: string;
  stop(): Promise<void>;
}

const toRealApi = 'To switch to the real AI/ML API: stop and rerun with ASK_LLAMA_API_KEY set; or remove askLlama.baseUrl\n' +
  '  and askLlama.model from the user settings ("Preferences: Open User Settings (JSON)"), then run "Ask Llama: Set API\n' +
  '  Key" (kept in VS Code\'s secret storage) and "Ask Llama: Select Model".';

/** `codeServerPort` is skipped when probing: code-server itself answers there (8080 is also llama.cpp's port). */
export async function chooseTryBackend(codeServerPort: number): Promise<TryBackend> {
  const key = process.env.ASK_LLAMA_API_KEY?.trim();
  if (key) {
    // Handed to code-server's environment, which its extension hosts inherit: Ask Llama stores the key in the
    // profile's SecretStorage for the AI/ML API's origin only (src/host/environmentKey.ts). In code-server that storage
    // is the browser's, so each browser that opens the workbench gets it when Ask Llama starts there.
    return {
      mode: 'api-key',
      settings: {},
      env: { ASK_LLAMA_API_KEY: key },
      explanation: 'Mode: AI/ML API (ASK_LLAMA_API_KEY is set). When Ask Llama starts in the window, it stores the key in\n' +
        '  this temporary profile\'s secret storage, for https://api.aimlapi.com only ("Ask Llama: Show Log" says so, never\n' +
        '  the key); it goes away on exit with the profile.',
      stop: async () => undefined,
    };
  }
  const ports = LOCAL_SERVER_PORTS.filter((p) => p.port !== codeServerPort);
  const [local] = await findLocalServers(ports, { timeoutMs: 1500 });
  if (local) {
    const model = local.models[0].id;
    return {
      mode: 'local-server',
      settings: { 'askLlama.baseUrl': local.baseUrl, 'askLlama.model': model },
      explanation: `Mode: local server (${local.name} at ${local.baseUrl}, model ${model}; no key needed).\n  ${toRealApi}`,
      stop: async () => undefined,
    };
  }
  const demo = await startDemoServer();
  return {
    mode: 'demo',
    settings: { 'askLlama.baseUrl': demo.baseUrl, 'askLlama.model': DEMO_MODEL_ID },
    explanation: `Mode: DEMO (no ASK_LLAMA_API_KEY, no local model server found). Answers are canned, streamed by a\n` +
      `  demo server at ${demo.baseUrl}; its model is labelled [demo].\n` +
      `  To use a local server instead, start Ollama / LM Studio / llama.cpp / vLLM and rerun.\n  ${toRealApi}`,
    stop: () => demo.close(),
  };
}
