// Fill-in-the-middle prompt templates for the code models that were trained with them. Used where the server takes a
// raw prompt (OpenAI-style /v1/completions on vLLM or LM Studio, which do not apply a FIM template themselves); Ollama
// (`suffix`) and llama.cpp (`/infill`) apply the model's own template server-side. Llama 3.x has no FIM tokens, and
// CodeLlama was trained to infill only at 7B and 13B (not 34B/70B, not the Python variant): those get no template.

export interface FimTemplate {
  name: 'codellama' | 'qwen-coder' | 'deepseek-coder';
  /** The whole prompt for a hole between `prefix` and `suffix`. */
  prompt(prefix: string, suffix: string): string;
  /** Tokens that end the middle part: the model may print them instead of stopping. */
  stop: string[];
}

const CODELLAMA: FimTemplate = {
  name: 'codellama',
  prompt: (prefix, suffix) => `<PRE> ${prefix} <SUF>${suffix} <MID>`,
  stop: ['<EOT>', '<PRE>', '<SUF>', '<MID>'],
};

const QWEN_CODER: FimTemplate = {
  name: 'qwen-coder',
  prompt: (prefix, suffix) => `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
  stop: ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>'],
};

// Full-width bars (U+FF5C) and the SentencePiece space (U+2581), exactly as in the DeepSeek-Coder tokenizer.
const DEEPSEEK_CODER: FimTemplate = {
  name: 'deepseek-coder',
  prompt: (prefix, suffix) => `<\uFF5Cfim\u2581begin\uFF5C>${prefix}<\uFF5Cfim\u2581hole\uFF5C>${suffix}<\uFF5Cfim\u2581end\uFF5C>`,
  stop: ['<\uFF5Cfim\u2581begin\uFF5C>', '<\uFF5Cfim\u2581hole\uFF5C>', '<\uFF5Cfim\u2581end\uFF5C>', '<\uFF5Cend\u2581of\u2581sentence\uFF5C>', '<|EOT|>'],
};

/** The template a model id (`codellama:7b-code`, `Qwen/Qwen2.5-Coder-7B`, `deepseek-coder:6.7b-base`, …) was trained with. */
export function fimTemplateFor(model: string): FimTemplate | undefined {
  const name = model.toLowerCase();
  if (/qwen[\d.]*[-_ ]?coder/.test(name)) return QWEN_CODER;
  if (/deepseek[-_ ]?coder/.test(name)) return DEEPSEEK_CODER;
  if (/code[-_ ]?llama/.test(name)) {
    if (/python|\b(34|70)b\b|[-:_](34|70)b/.test(name)) return undefined;
    return CODELLAMA;
  }
  return undefined;
}
