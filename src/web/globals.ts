// The Node globals the shared code reads, for the web build (esbuild `inject`): `Buffer`, and a `process` with no
// environment (a browser has none: ASK_LLAMA_API_KEY is a desktop feature) and a pid that only has to tell this
// window's temp files and proposal documents from another window's.
export { Buffer } from './buffer';

export const process = {
  pid: 1 + Math.floor(Math.random() * 0x7ffffffe),
  env: {} as Record<string, string | undefined>,
};
