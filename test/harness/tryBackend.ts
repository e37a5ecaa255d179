// What the first question in `npm run try` goes to, chosen once at start: the AI/ML API when ASK_LLAMA_API_KEY is
// set, else a local OpenAI-compatible server that is running, else the labelled demo server. Returns the user
// settings to write into the temporary profile and the lines that tell the user what was chosen and how to switch.
import { findLocalServers, LOCAL_SERVER_PORTS } from '../../src/api';
import { DEMO_MODEL_ID, startDemoServer } from './demoServer';

export interface TryBackend {
  mode: 'api-key' | 'local-server' | 'demo';
  settings: Record<string, unknown>;
  /** Printed after the address. */
  explanation: string;
  stop(): Promise<void>;
}

const toRealApi = 'To switch to the real AI/ML API: remove askLlama.baseUrl and askLlama.model from the user settings\n' +
  '  ("Preferences: Open User Settings (JSON)"), then run "Ask Llama: Set API Key" (kept in VS Code\'s secret storage)\n' +
  '  and "Ask Llama: Select Model"; or stop and rerun with ASK_LLAMA_API_KEY set.';

/** `codeServerPort` is skipped when probing: code-server itself answers there (8080 is also llama.cpp's port). */
export async function chooseTryBackend(codeServerPort: number): Promise<TryBackend> {
  if (process.env.ASK_LLAMA_API_KEY) {
    // Not stored for the user: in code-server the workbench keeps SecretStorage in the browser (its localStorage, or
    // memory), not in the server's user-data-dir, so a key set from a headless browser would never reach theirs.
    return {
      mode: 'api-key',
      settings: {},
      explanation: 'Mode: AI/ML API (ASK_LLAMA_API_KEY is set).\n' +
        '  `npm run try` does not store the key for you (keys live only in VS Code\'s secret storage, never in settings\n' +
        '  or files): run "Ask Llama: Set API Key" once in the workbench and paste it; it is kept until you stop.',
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
