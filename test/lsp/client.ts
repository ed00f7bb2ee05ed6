// A small LSP client for tests: starts the BUILT server (dist/server.js --stdio) as a child
// process and speaks LSP to it with vscode-languageserver-protocol. Reusable by any suite.
//
//   const ws = makeWorkspace({ copy: ['samples'], files: { 'a.journey.yaml': '...' } });
//   const lsp = await startLsp({ folders: [ws.dir] });
//   await lsp.open(ws.uri('a.journey.yaml'));
//   const diags = await lsp.diagnostics(ws.uri('a.journey.yaml'), 1);
//   ...
//   expect exit code 0 from await lsp.shutdown();
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  Diagnostic,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { isJourneyOrPersonaFile } from '../../server/src/core/parse';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import type { ModelDiffResult, ModelResult } from '../../server/src/protocol';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER = path.join(ROOT, 'dist/server.js');

// ---- Workspaces on disk ----

export interface TempWorkspace {
  dir: string;
  /** file:// URI of a path relative to the workspace. */
  uri(rel: string): string;
  path(rel: string): string;
  read(rel: string): string;
  write(rel: string, text: string): string;
  remove(rel: string): string;
  /** Relative paths of every file, sorted. */
  list(): string[];
  dispose(): void;
}

/** A temp folder holding copies of repo folders (`copy`, relative to the repo) and extra `files`. */
export function makeWorkspace(opts: { copy?: string[]; files?: Record<string, string> } = {}): TempWorkspace {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jm-lsp-')));
  for (const c of opts.copy ?? []) {
    const from = path.join(ROOT, c);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, path.basename(c)), { recursive: true });
  }
  const ws: TempWorkspace = {
    dir,
    path: (rel) => path.join(dir, rel),
    uri: (rel) => pathToFileURL(path.join(dir, rel)).href,
    read: (rel) => fs.readFileSync(path.join(dir, rel), 'utf8'),
    write: (rel, text) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
      return ws.uri(rel);
    },
    remove: (rel) => {
      fs.rmSync(path.join(dir, rel));
      return ws.uri(rel);
    },
    list: () =>
      listFiles(dir)
        .map((p) => path.relative(dir, p))
        .sort(),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  for (const [rel, text] of Object.entries(opts.files ?? {})) ws.write(rel, text);
  return ws;
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

// ---- The client ----

export interface LspOptions {
  folders?: string[];
  /** The `initializationOptions` of `initialize` (e.g. `{ benchmark: true }`, `{ modelDiff: true }`). */
  initializationOptions?: Record<string, unknown>;
  /** What the client answers to `workspace/configuration` for `journeymap`. */
  settings?: Record<string, unknown>;
  /** Client capabilities beyond the defaults (configuration, progress, dynamic watchers). */
  capabilities?: Record<string, unknown>;
}

type Waiter = { check: () => boolean; resolve: () => void };

export class LspClient {
  readonly connection: ProtocolConnection;
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Every journeymap/modelChanged notification, in arrival order. */
  readonly models: ModelResult[] = [];
  /** Every journeymap/modelDiff notification (a client that initialized with `modelDiff: true`), in arrival order. */
  readonly modelDiffs: ModelDiffResult[] = [];
  /** Diagnostics and model notifications in the order they arrived (which went first). */
  readonly arrivals: { method: string; uri: string; version?: number }[] = [];
  /** How many journeymap/portfolioChanged notifications arrived. */
  portfolioChanges = 0;
  /** $/progress values, in arrival order, and the tokens the server asked to create. */
  readonly progress: { token: unknown; value: { kind: string; message?: string; percentage?: number; title?: string } }[] = [];
  readonly progressTokens: unknown[] = [];
  /** Capability registrations the server asked for. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** Every window/showDocument the server asked for (answered with success). */
  readonly shown: {
    uri: string;
    selection?: { start: { line: number; character: number }; end: { line: number; character: number } };
    takeFocus?: boolean;
  }[] = [];
  /** What the server logged (window/logMessage) and wrote on stderr. */
  readonly logs: string[] = [];
  stderr = '';
  /** The server's answer to `initialize` (set by startLsp). */
  initializeResult: InitializeResult | undefined;
  settings: Record<string, unknown>;
  readonly exited: Promise<number | null>;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private waiters: Waiter[] = [];

  constructor(
    readonly child: ChildProcess,
    private readonly opts: LspOptions,
  ) {
    this.settings = opts.settings ?? {};
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.arrivals.push({ method: 'textDocument/publishDiagnostics', uri: p.uri, version: p.version });
      this.wake();
    });
    c.onNotification('journeymap/modelChanged', (m: ModelResult) => {
      this.models.push(m);
      this.arrivals.push({ method: 'journeymap/modelChanged', uri: m.uri, version: m.version });
      this.wake();
    });
    c.onNotification('journeymap/modelDiff', (m: ModelDiffResult) => {
      this.modelDiffs.push(m);
      this.arrivals.push({ method: 'journeymap/modelDiff', uri: m.uri, version: m.version });
      this.wake();
    });
    c.onNotification('journeymap/portfolioChanged', () => {
      this.portfolioChanges++;
      this.wake();
    });
    c.onNotification('$/progress', (p: { token: unknown; value: LspClient['progress'][number]['value'] }) => {
      this.progress.push(p);
      this.wake();
    });
    c.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.wake();
    });
    c.onRequest('window/workDoneProgress/create', (p: { token: unknown }) => {
      this.progressTokens.push(p.token);
      return null;
    });
    c.onRequest('window/showDocument', (p: LspClient['shown'][number]) => {
      this.shown.push(p);
      this.wake();
      return { success: true };
    });
    c.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    c.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'journeymap' ? this.settings : null)),
    );
    c.listen();
  }

  private wake(): void {
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.check()) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  /** Resolves when `check` holds (checked now and after every message), or rejects after `ms`. */
  waitFor(what: string, check: () => boolean, ms = 90_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; stderr: ${this.stderr.slice(-2000)}`));
      }, ms);
      const waiter: Waiter = { check, resolve: () => (clearTimeout(timer), resolve()) };
      this.waiters.push(waiter);
    });
  }

  async initialize(
    folders: string[],
    capabilities: Record<string, unknown> = {},
    initializationOptions?: Record<string, unknown>,
  ): Promise<InitializeResult> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })),
      initializationOptions: initializationOptions ?? this.opts.initializationOptions,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
        },
        window: { workDoneProgress: true, showDocument: { support: true } },
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          publishDiagnostics: { versionSupport: true },
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
        ...capabilities,
      },
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves once start-up indexing has reported its end. */
  indexed(ms = 90_000): Promise<void> {
    return this.waitFor('indexing to end', () => this.progress.some((p) => p.value.kind === 'end'), ms);
  }

  // ---- Documents ----

  async open(uri: string, text?: string, languageId = 'journey-yaml'): Promise<number> {
    const body = text ?? fs.readFileSync(new URL(uri), 'utf8');
    this.versions.set(uri, 1);
    this.texts.set(uri, body);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: body } });
    return 1;
  }

  /** Sends incremental changes (applied locally too, so `text(uri)` follows); returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    let text = this.texts.get(uri) ?? '';
    for (const ch of changes) text = 'range' in ch ? applyEdits(text, [{ range: ch.range, newText: ch.text }]) : ch.text;
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Replaces the whole text with incremental edits computed as one range change. */
  async replaceText(uri: string, text: string): Promise<number> {
    const old = this.texts.get(uri) ?? '';
    return this.change(uri, [{ range: { start: { line: 0, character: 0 }, end: positionAt(old, old.length) }, text }]);
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.texts.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  /** The last diagnostics published for a uri (undefined if none yet). */
  lastDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  /** Waits for diagnostics of `uri` at exactly `version` (the current one by default). */
  async diagnostics(uri: string, version = this.versions.get(uri), ms = 90_000): Promise<Diagnostic[]> {
    await this.waitFor(`diagnostics of ${uri} v${version}`, () => this.lastDiagnostics(uri)?.version === version, ms);
    return this.lastDiagnostics(uri)!.diagnostics;
  }

  /** Waits for a diagnostics publication for `uri` beyond the first `after` ones. */
  async nextDiagnostics(uri: string, after: number, ms = 90_000): Promise<PublishDiagnosticsParams> {
    const count = (): number => this.published.filter((p) => p.uri === uri).length;
    await this.waitFor(`publication #${after + 1} for ${uri}`, () => count() > after, ms);
    return this.published.filter((p) => p.uri === uri)[after];
  }

  publicationsFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  async model(uri: string, version = this.versions.get(uri), ms = 90_000): Promise<ModelResult> {
    const find = (): ModelResult | undefined => [...this.models].reverse().find((m) => m.uri === uri && m.version === version);
    await this.waitFor(`model of ${uri} v${version}`, () => find() !== undefined, ms);
    return find()!;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** shutdown, exit; resolves with the process exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Ends the process if a test left it running. */
  kill(): void {
    if (this.child.exitCode === null && !this.child.killed) this.child.kill();
    this.connection.dispose();
  }
}

/** Starts dist/server.js --stdio, initializes it with the folders and waits for indexing. */
export async function startLsp(opts: LspOptions = {}): Promise<LspClient> {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const client = new LspClient(child, opts);
  client.initializeResult = await client.initialize(opts.folders ?? [], opts.capabilities, opts.initializationOptions);
  await client.indexed();
  return client;
}

// ---- Text helpers ----

export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}

export function offsetAt(text: string, pos: { line: number; character: number }): number {
  const lines = text.split(/(?<=\n)/);
  let offset = 0;
  for (let i = 0; i < pos.line && i < lines.length; i++) offset += lines[i].length;
  return offset + pos.character;
}

/** The position of the `nth` (0-based) occurrence of `needle`, plus `delta` characters. */
export function find(text: string, needle: string, nth = 0, delta = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} not found`);
  }
  return positionAt(text, at + delta);
}

/** The range of the `nth` occurrence of `needle`. */
export function rangeOf(
  text: string,
  needle: string,
  nth = 0,
): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const start = find(text, needle, nth);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

/** Applies a WorkspaceEdit's `changes` to a map of texts by uri. */
export function applyWorkspaceEdit(texts: Map<string, string>, edit: WorkspaceEdit): void {
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) texts.set(uri, applyEdits(texts.get(uri) ?? '', edits));
}

/** The core's index of a temporary workspace's journeys and personas, as the server builds it from disk. */
export function workspaceIndex(ws: TempWorkspace): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const f of ws.list()) if (isJourneyOrPersonaFile(f)) index.update(ws.uri(f), ws.read(f));
  return index;
}
