// `npm run try`: the packaged extension in a real VS Code (code-server) on 127.0.0.1, for anyone without a desktop
// VS Code at hand. Prints the URL and runs until Ctrl+C, then stops the server and removes its temp folders.
// PORT picks the port (default 8080); ASK_LLAMA_TRY_FOLDER opens a folder of yours instead of a sample workspace.
// The first question goes to the backend chooseTryBackend picks (AI/ML API, a local server, or the demo server).
import * as fs from 'fs';
import * as path from 'path';
import { isCleaningUp, onCleanup, runMain } from './cleanup';
import { startCodeServer } from './codeServer';
import { progress } from './log';
import { chooseTryBackend } from './tryBackend';
import { vsixPath } from './paths';
import { ensureToolchain } from './toolchain';
import { workbenchUrl } from './workbenchUrl';
import { makeWorkspace } from './workspace';

async function main(): Promise<number> {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a TCP port number, not "${process.env.PORT}"`);
  const folder = process.env.ASK_LLAMA_TRY_FOLDER ? path.resolve(process.env.ASK_LLAMA_TRY_FOLDER) : makeWorkspace();
  if (!fs.existsSync(folder)) throw new Error(`ASK_LLAMA_TRY_FOLDER ${folder} does not exist`);

  const toolchain = await ensureToolchain();
  const backend = await chooseTryBackend(port);
  onCleanup(`${backend.mode} backend`, () => backend.stop());
  const server = await startCodeServer(toolchain, { smokeTestDriver: false, port, install: [vsixPath], settings: backend.settings, env: backend.env });
  const url = workbenchUrl(server.origin, folder);
  process.stdout.write(`\nAsk Llama is running in VS Code (code-server) at:\n\n  ${url}\n\n` +
    `Open it in a browser on this machine.\n\n${backend.explanation}\n\n` +
    'The profile is temporary: settings, key and chats go away on exit.\n' +
    'Press Ctrl+C to stop.\n\n');
  const code = await server.exited;
  if (isCleaningUp()) return 0; // Ctrl+C: the cleanup stopped it
  progress(`code-server stopped on its own (exit ${code}):\n${server.output().split('\n').slice(-20).join('\n')}`);
  return 1;
}

runMain(main);
