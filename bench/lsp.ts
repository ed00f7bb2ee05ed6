// A minimal LSP client over stdio for the benchmark, the same for both servers: start, open,
// edit, wait for diagnostics, complete, read RSS, stop.
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  CompletionItem,
  CompletionList,
  createProtocolConnection,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  languageId: (uri: string) => string;
  initializationOptions?: unknown;
  /** Sent as workspace/didChangeConfiguration after initialized. */
  settings?: unknown;
}

/** What the bench's client declares to every server it starts (the web section's worker too, so both compare alike). */
export const BENCH_CAPABILITIES = {
  textDocument: {
    synchronization: { didSave: false },
    completion: { completionItem: { snippetSupport: true } },
    publishDiagnostics: { versionSupport: true },
  },
  workspace: { workspaceFolders: true },
};

export interface Published {
  at: number;
  params: PublishDiagnosticsParams;
}

export class Lsp {
  private readonly waiters: { uri: string; version?: number; resolve: (p: Published) => void }[] = [];
  /** Every publishDiagnostics, with its arrival time, in arrival order. */
  readonly publishes: Published[] = [];
  /** Lines the server wrote to stderr that start with JMBENCH (timings from a wrapped server). */
  readonly benchLines: string[] = [];
  /** Lines our server wrote to stderr under JM_SERVER_PROF (JMPROF: per-phase timings of each check, and of indexing). */
  readonly profLines: string[] = [];
  private versions = new Map<string, number>();
  /** Bytes the server has written to its stdout (the protocol, headers included). */
  bytesIn = 0;

  private constructor(
    readonly spec: ServerSpec,
    readonly child: ChildProcess,
    readonly conn: ProtocolConnection,
  ) {}

  static async start(spec: ServerSpec, folders: string[]): Promise<Lsp> {
    const child = spawn(spec.command, spec.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const lsp = new Lsp(spec, child, conn);
    child.stdout!.on('data', (d: Buffer) => (lsp.bytesIn += d.length));
    let buffered = '';
    child.stderr!.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const l of lines) {
        if (l.startsWith('JMBENCH ')) lsp.benchLines.push(l.slice(8));
        else if (l.startsWith('JMPROF ')) lsp.profLines.push(l.slice(7));
      }
    });
    conn.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const at = performance.now();
      lsp.publishes.push({ at, params });
      const i = lsp.waiters.findIndex(
        (w) => w.uri === params.uri && (w.version === undefined || params.version === undefined || params.version >= w.version),
      );
      if (i >= 0) lsp.waiters.splice(i, 1)[0].resolve({ at, params });
    });
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('client/registerCapability', () => null);
    // Settings are answered by section (yaml-language-server pulls them even unasked).
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((item) => {
        const settings = spec.settings as Record<string, unknown> | undefined;
        return (item.section && settings?.[item.section]) ?? null;
      }),
    );
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? `file://${folders[0]}` : null,
      workspaceFolders: folders.map((f) => ({ uri: `file://${f}`, name: f })),
      capabilities: BENCH_CAPABILITIES,
      initializationOptions: spec.initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    if (spec.settings !== undefined) await conn.sendNotification('workspace/didChangeConfiguration', { settings: spec.settings });
    return lsp;
  }

  /**
   * The last publishDiagnostics for `uri` once the server has published nothing new for `quietMs`
   * (a server may publish a version's findings in more than one go).
   */
  async settledDiagnostics(uri: string, quietMs = 1500): Promise<Published> {
    const count = () => this.publishes.filter((p) => p.params.uri === uri).length;
    for (let seen = count(); ;) {
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      const now = count();
      if (now === seen && now > 0) return this.publishes.filter((p) => p.params.uri === uri).pop()!;
      seen = now;
    }
  }

  /** Resolves with the next publishDiagnostics for `uri` (at or after `version`, when the server says). */
  nextDiagnostics(uri: string, version?: number, timeoutMs = 120_000): Promise<Published> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.spec.name}: no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        uri,
        version,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  async open(uri: string, text: string): Promise<Published> {
    this.versions.set(uri, 1);
    const next = this.nextDiagnostics(uri, 1);
    await this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: this.spec.languageId(uri), version: 1, text },
    });
    return next;
  }

  /** Sends one change; returns the send time and the version it made. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<{ sentAt: number; version: number }> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const sentAt = performance.now();
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return { sentAt, version };
  }

  async complete(uri: string, line: number, character: number): Promise<{ ms: number; labels: string[] }> {
    const t0 = performance.now();
    const r = (await this.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as
      CompletionList | CompletionItem[] | null;
    const ms = performance.now() - t0;
    const items = Array.isArray(r) ? r : (r?.items ?? []);
    return { ms, labels: items.map((i) => i.label) };
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** Resident set size of the server process, from /proc. */
  rssMb(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 200));
    if (this.child.exitCode === null) this.child.kill();
    this.conn.dispose();
  }
}
