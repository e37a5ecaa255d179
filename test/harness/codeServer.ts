// One code-server (a real VS Code server + web workbench) with every folder it writes to under its own temp
// folder, in its own process group, bound to 127.0.0.1 without auth. Stopped (group killed) at cleanup.
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { freePort } from './freePort';
import { progress, secondsSince } from './log';
import { delay, spawnGroup } from './processGroup';
import { makeTempDir } from './tempDirs';
import { Toolchain } from './toolchain';

export interface CodeServerOptions {
  /**
   * Lets the workbench read `extensionDevelopmentPath`/`extensionTestsPath` from the URL payload and report the
   * result through `window.codeAutomationExit`. It also hides notification toasts, so UI checks run without it.
   */
  smokeTestDriver: boolean;
  /** Fixed port (npm run try); a free one otherwise. */
  port?: number;
  /** User settings written before start. */
  settings?: Record<string, unknown>;
  /** .vsix files installed into this server's extensions folder before start. */
  install?: string[];
  /** Extra environment for the server and the extension hosts it starts. */
  env?: Record<string, string>;
}

export interface CodeServer {
  origin: string;
  port: number;
  userDataDir: string;
  /** Resolves when the server process exits (code, or null when killed by a signal). */
  exited: Promise<number | null>;
  /** Everything the server printed so far (shown when a run fails). */
  output(): string;
  stop(): Promise<void>;
}

/** Quiet, deterministic workbench: no welcome page, tips, update checks or trust prompts. */
export const baseSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'files.hotExit': 'off',
};

const healthTimeoutMs = 60_000;

export async function startCodeServer(toolchain: Toolchain, options: CodeServerOptions): Promise<CodeServer> {
  const root = makeTempDir('code-server');
  const dirs = {
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    xdgConfig: path.join(root, 'xdg-config'),
    xdgData: path.join(root, 'xdg-data'),
    xdgCache: path.join(root, 'xdg-cache'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const configFile = path.join(root, 'config.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  writeUserSettings(dirs.userData, { ...baseSettings, ...options.settings });

  // Without its own XDG folders code-server writes its config and logs into $HOME.
  // The extension stores ASK_LLAMA_API_KEY from its host's environment: only a caller that means to pass one (npm run
  // try, the e2e suite) does, so a key in the developer's shell never lands in a test profile.
  const { ASK_LLAMA_API_KEY: _shellKey, ...inherited } = toolchain.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    ...options.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    // No extension gallery: the machines are offline, and the default (open-vsx.org) only produces errors and toasts.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }),
  };
  delete env.PORT; // code-server would let $PORT override bind-addr
  const common = ['--config', configFile, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  for (const vsix of options.install ?? []) {
    await installExtension(toolchain, common, env, vsix);
  }

  const args = [toolchain.codeServerEntry, ...common, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'];
  // A disconnected window's extension host otherwise waits 3 hours for a reconnect. Older code-servers (4.90) lack
  // the flag and refuse unknown ones; there the process group's kill at cleanup is what ends that host.
  if (knowsFlag(toolchain, 'reconnection-grace-time')) args.push('--reconnection-grace-time', '5');
  // code-server 4.90 (VS Code 1.90) has no --vscode-option; its workbench reads the test payload without the flag.
  if (options.smokeTestDriver && knowsFlag(toolchain, 'vscode-option')) args.push('--vscode-option', 'enable-smoke-test-driver');

  const started = Date.now();
  let output = '';
  const server = spawnGroup(`code-server on port ${port}`, toolchain.node, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  server.child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
  const origin = `http://127.0.0.1:${port}`;
  await waitForHealth(origin, server.exited, () => output);
  progress(`code-server ${origin} up in ${secondsSince(started)}`);
  return { origin, port, userDataDir: dirs.userData, exited: server.exited, output: () => output, stop: server.stop };
}

/** Whether this code-server's command line accepts `--<flag>` (it exits on unknown flags). */
function knowsFlag(toolchain: Toolchain, flag: string): boolean {
  const cli = path.join(path.dirname(toolchain.codeServerEntry), 'cli.js');
  return fs.existsSync(cli) && fs.readFileSync(cli, 'utf8').includes(`"${flag}"`);
}

export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

async function installExtension(toolchain: Toolchain, common: string[], env: NodeJS.ProcessEnv, vsix: string) {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);
  const started = Date.now();
  let output = '';
  const install = spawnGroup(`code-server --install-extension`, toolchain.node,
    [toolchain.codeServerEntry, ...common, '--force', '--install-extension', vsix], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  install.child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  install.child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
  const code = await install.exited;
  await install.stop();
  if (code !== 0) throw new Error(`installing ${vsix} failed (exit ${code}):\n${output}`);
  progress(`installed ${path.basename(vsix)} in ${secondsSince(started)}`);
}

async function waitForHealth(origin: string, exited: Promise<number | null>, output: () => string): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code ?? -1));
  const deadline = Date.now() + healthTimeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`code-server exited (${exitCode}) before it was up:\n${output()}`);
    if (await isHealthy(origin)) return;
    await delay(200);
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${healthTimeoutMs / 1000} s:\n${output()}`);
}

function isHealthy(origin: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(`${origin}/healthz`, { timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}
