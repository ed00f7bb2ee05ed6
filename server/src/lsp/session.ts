// The server's state and its analysis loop: open documents, disk files, the workspace index,
// the user's settings, and which documents to re-check when something they depend on changes.
// Handlers (startServer.ts) read from here; they never analyse on their own. Files come through
// the host (host.ts): the disk under Node, the client in the browser.
import { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analysisSteps, AnalysisStep, analyzeParsed, FileAnalysis, PhaseTimer } from '../core/analyze';
import { dataEntries } from '../core/data';
import type { FileModel, JourneyModel } from '../core/model';
import { buildPortfolio, Portfolio } from '../core/portfolio';
import type { ParsedFile } from '../core/parse';
import type { SymbolEntry } from '../core/symbols';
import { DEFAULT_SETTINGS, Settings } from '../core/types';
import { IndexedFile, WorkspaceIndex } from '../core/workspace';
import { DiffSender } from '../modelDiff';
import { ModelChangedNotification, ModelDiffNotification, ModelDiffResult, ModelResult, PortfolioChangedNotification } from '../protocol';
import { modelResult, toLspDiagnostic } from './convert';
import { DataFiles } from './dataFiles';
import { FileStore } from './files';
import type { ServerHost } from './host';
import { AnalysisQueue, yieldToEventLoop } from './queue';
import { CONFIG_FILE, configSettings, withConfig } from './settings';
import { CheckProfile, ProfileSink } from './profile';
import type { CheckStats } from './stats';

/**
 * The quiet time after a keystroke before a document is checked again, adapted to what its
 * last check cost: a quarter of it, at least MIN_DEBOUNCE_MS and at most MAX_DEBOUNCE_MS. A
 * small file (a check of a few milliseconds) is checked almost at once: waiting is then all the
 * user would wait for. A big one waits longer, so a burst of keystrokes costs one check rather
 * than one each; a check that starts between two keystrokes delays the second by at most its
 * own cost, and with incremental re-parsing that is tens of milliseconds even at 5,000
 * touchpoints. A document not checked yet waits the floor.
 */
export function debounceFor(lastCheckMs: number | undefined): number {
  const cost = lastCheckMs === undefined || Number.isNaN(lastCheckMs) ? 0 : lastCheckMs;
  return Math.min(MAX_DEBOUNCE_MS, Math.max(MIN_DEBOUNCE_MS, Math.round(DEBOUNCE_SHARE * cost)));
}
/** The share of the last check's cost waited after a keystroke. */
export const DEBOUNCE_SHARE = 0.25;
/** The floor: changes that arrive together (a paste, a multi-cursor edit, a format) make one check. */
export const MIN_DEBOUNCE_MS = 5;
/** The ceiling, reached by checks of 4 s or more (a full re-parse of a journey near the size limit on a slow machine). */
export const MAX_DEBOUNCE_MS = 1000;
/** How long the disk parses kept for an open wait for it once the queue is idle (`releaseIfIdle`). */
export const KEEP_DISK_PARSE_GRACE_MS = 5000;
/** Quiet time after the last change before clients are told the portfolio changed (indexing changes many files). */
export const PORTFOLIO_DEBOUNCE_MS = 300;

interface CachedAnalysis {
  key: string;
  analysis: FileAnalysis;
}

/** An analysis the queue's check is driving in steps (it sends what is ready between them). */
interface StagedAnalysis {
  key: string;
  parsed: ParsedFile;
  steps: Generator<AnalysisStep, FileAnalysis>;
}

/**
 * From this size on, the first check of a document after its open publishes its YAML and schema
 * findings as soon as they are known, then all of them once the journey rules have run (about
 * 1,250 touchpoints: the model and the rules take 100 ms or more there; at 5,000, half a second).
 * A smaller file's check is one publish. Only the first: a later partial publish would take
 * the rules' findings away from the editor until the check ends.
 */
export const STAGED_OPEN_BYTES = 256 * 1024;

export class Session {
  readonly documents = new TextDocuments(TextDocument);
  readonly files: FileStore;
  readonly index = new WorkspaceIndex();
  /** The CSV data files the journeys name (read through the host, read again when the watcher reports a change). */
  readonly data: DataFiles;
  settings: Settings = DEFAULT_SETTINGS;
  /** Each workspace folder's `.journeymaprc.json`, by folder path. */
  private readonly configs = new Map<string, Partial<Settings>>();
  private settingsGeneration = 0;
  private readonly analyses = new Map<string, CachedAnalysis>();
  /** The index entry each open document's parse produced (`syncIndex`). */
  private readonly indexedFrom = new WeakMap<ParsedFile, IndexedFile>();
  /** Per open document, the analysis its check is driving in steps; a request meanwhile finishes it (`analysisFor`). */
  private readonly staged = new Map<string, StagedAnalysis>();
  /** Per open document, the model of its last text that parsed: lenses and hints stay while the author types. */
  private readonly lastGood = new Map<string, FileModel>();
  readonly queue: AnalysisQueue;
  /** How long the last check of each open document took. */
  private readonly checkMs = new Map<string, number>();
  /** What the client declared it can do (initialize); the defaults are LSP's for a client that says nothing. */
  readonly client = { snippets: false, showDocument: false, modelDiff: false };
  /** Per open document, the model last sent to a client that takes diffs. */
  private readonly sentModels = new DiffSender();
  /** Set when the client asked for benchmark timings. */
  stats: CheckStats | undefined;
  /** Resolves when the start-up indexing is over; the queue waits for it, so the first diagnostics know every persona. */
  readonly indexed: Promise<void>;
  private markIndexed!: () => void;
  private portfolioTimer: ReturnType<typeof setTimeout> | undefined;
  private releaseTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The journey model of each closed file, for the portfolio: kept with the text, index version,
   * settings and data generation it was computed for, so a request re-analyses only what changed.
   * Only the model is kept (not the parse), and a watcher event drops its file's entry.
   */
  private readonly portfolioModels = new Map<string, { key: string; text: string; model: JourneyModel | null }>();
  /** When the last open or change of each document arrived (only kept when profiling). */
  private readonly receivedAt = new Map<string, number>();
  /**
   * Open documents whose file is not on disk: deleted while open, or gone before the open (a
   * restarted server is sent every document the editor still holds, and VS Code holds a closed
   * document for minutes). Out of the portfolio until the file is back (saved again).
   */
  private readonly deletedWhileOpen = new Set<string>();
  /**
   * How many disk events each file (by path where it has one) has had: a read of the file that
   * an event overtook is stale (the event's own handling is the newer truth), so it is not applied.
   */
  private readonly diskEvents = new Map<string, number>();

  constructor(
    readonly connection: Connection,
    readonly host: ServerHost,
    /** Where per-phase timings go, one line per check (`JM_SERVER_PROF`); none: nothing is timed. */
    readonly profile?: ProfileSink,
  ) {
    this.files = new FileStore(this.documents, host.pathOf);
    // Data files through the host: the disk under Node, the client in the browser (a check
    // loads them first; a journey analysed while one was on its way is checked again on arrival).
    this.data = new DataFiles(
      (uri) => host.readDataFile(uri),
      (uri) => host.pathOf(uri) ?? uri,
      (journeys) => {
        for (const journey of journeys) if (this.documents.get(journey)) this.queue.schedule(journey, 0);
        this.portfolioChanged();
      },
    );
    this.indexed = new Promise((resolve) => (this.markIndexed = resolve));
    // A to-be journey reads its baseline's text: the open document, else the saved file (read
    // now where that is cheap, else as it was indexed).
    this.index.textOf = (uri) =>
      this.documents.get(uri)?.getText() ?? (host.readFileSync ? host.readFileSync(uri) : this.files.disk.get(uri));
    this.queue = new AnalysisQueue(
      (uri) => this.check(uri),
      this.indexed,
      (uri, e) => this.log(`analysis of ${uri}`, e),
      () => this.releaseIfIdle(),
    );
  }

  log(what: string, e: unknown): void {
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    try {
      this.connection.console.error(`journeymap: ${what} failed: ${detail}`);
    } catch {
      // the connection is gone; nothing left to tell
    }
  }

  /** A line in the client's log about input the server skipped (not a failure of its own). */
  note(message: string): void {
    try {
      this.connection.console.warn(`journeymap: ${message}`);
    } catch {
      // the connection is gone; nothing left to tell
    }
  }

  // ---- Analysis ----

  /** Brings the index up to date with an open document's text; returns its parse. */
  private syncIndex(uri: string): ParsedFile | undefined {
    const parsed = this.files.parsed(uri);
    if (!parsed) return undefined;
    const alias = this.files.diskAlias(uri);
    const aliasIndexed = alias !== undefined && alias !== uri && this.index.get(alias) !== undefined;
    // Already in the index from this very parse (a check, then each request about the document):
    // reading the entry again and comparing it would cost a pass over a big journey each time.
    if (!aliasIndexed && this.index.get(uri) !== undefined && this.index.get(uri) === this.indexedFrom.get(parsed)) return parsed;
    const before = this.index.get(uri) ?? (alias ? this.index.get(alias) : undefined);
    // Open text wins: a disk file spelled with another URI must not count twice.
    if (alias && alias !== uri) this.index.remove(alias);
    const after = this.index.updateParsed(parsed);
    this.indexedFrom.set(parsed, after);
    this.recheckDependents(before, after, uri);
    return parsed;
  }

  /** The analysis of an open document's current text, computed at most once per text, index and settings. */
  analysisFor(uri: string, time?: PhaseTimer): FileAnalysis | undefined {
    const current = this.current(uri);
    if (!current) return undefined;
    const { parsed, key, cached } = current;
    if (cached) return cached;
    // The check is half-way through this very analysis: finish it here rather than start again.
    const staged = this.staged.get(uri);
    if (staged && staged.key === key && staged.parsed === parsed) return this.finishStaged(uri, staged);
    return this.remember(uri, key, analyzeParsed(parsed, this.index, this.settingsFor(uri), this.data.readerFor(uri), time));
  }

  /** An open document's parse (the index brought up to date with it), its analysis key, and its analysis if cached. */
  private current(uri: string): { parsed: ParsedFile; key: string; cached?: FileAnalysis } | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const parsed = this.syncIndex(uri);
    if (!parsed) return undefined;
    const key = this.analysisKey(doc);
    const cached = this.analyses.get(uri);
    return cached && cached.key === key && cached.analysis.parsed === parsed ? { parsed, key, cached: cached.analysis } : { parsed, key };
  }

  private analysisKey(doc: TextDocument): string {
    return `${doc.version}|${this.index.version}|${this.settingsGeneration}|${this.data.generation}`;
  }

  private remember(uri: string, key: string, analysis: FileAnalysis): FileAnalysis {
    this.analyses.set(uri, { key, analysis });
    if (analysis.model) this.lastGood.set(uri, analysis.model);
    return analysis;
  }

  /** Runs a staged analysis's remaining steps at once. */
  private finishStaged(uri: string, staged: StagedAnalysis): FileAnalysis {
    if (this.staged.get(uri) === staged) this.staged.delete(uri);
    for (;;) {
      const step = staged.steps.next();
      if (step.done) return this.remember(uri, staged.key, step.value);
    }
  }

  /**
   * The check's analysis, in steps, for what can be sent before it ends: a big file's first
   * YAML and schema findings (`STAGED_OPEN_BYTES`), and, for a client that takes model diffs,
   * the model before the journey rules run (the map redraws while they do). Between steps the
   * event loop runs; a request for the analysis meanwhile finishes it (`analysisFor`). Undefined
   * when the document changed or closed meanwhile: the newer version has its own turn.
   */
  private async stagedAnalysis(
    uri: string,
    version: number,
    prof?: CheckProfile,
  ): Promise<{ analysis: FileAnalysis; modelSent: boolean } | undefined> {
    const time = prof?.time;
    const current = this.current(uri);
    if (!current) return undefined;
    const { parsed, key, cached } = current;
    if (cached) return { analysis: cached, modelSent: false };
    const earlyDiagnostics = !this.checkMs.has(uri) && parsed.text.length >= STAGED_OPEN_BYTES;
    const earlyModel = this.client.modelDiff;
    if (!earlyDiagnostics && !earlyModel) {
      const analysis = analyzeParsed(parsed, this.index, this.settingsFor(uri), this.data.readerFor(uri), time);
      return { analysis: this.remember(uri, key, analysis), modelSent: false };
    }
    let modelSent = false;
    const staged: StagedAnalysis = {
      key,
      parsed,
      steps: analysisSteps(parsed, this.index, this.settingsFor(uri), this.data.readerFor(uri), time),
    };
    this.staged.set(uri, staged);
    for (;;) {
      // Finished by a request while the event loop ran, or superseded by a newer version.
      if (this.staged.get(uri) !== staged) {
        const done = this.analyses.get(uri);
        return done && done.key === key && this.documents.get(uri)?.version === version
          ? { analysis: done.analysis, modelSent }
          : undefined;
      }
      const step = staged.steps.next();
      if (step.done) {
        this.staged.delete(uri);
        return { analysis: this.remember(uri, key, step.value), modelSent };
      }
      if (step.value.stage === 'checked' && earlyDiagnostics) {
        const early = step.value.diagnostics().map(toLspDiagnostic);
        if (prof) await prof.timeAsync('sendEarlyDiagnostics', () => this.connection.sendDiagnostics({ uri, version, diagnostics: early }));
        else await this.connection.sendDiagnostics({ uri, version, diagnostics: early });
      } else if (step.value.stage === 'modelled' && earlyModel) {
        // The model ahead of the diagnostics, without its problem counts (a client counts the
        // diagnostics it is sent); a diff from the last model sent, as after a whole check.
        await this.sendModel({ uri, version, model: step.value.model }, prof);
        modelSent = true;
      } else continue;
      await yieldToEventLoop();
      if (this.documents.get(uri)?.version !== version) {
        if (this.staged.get(uri) === staged) this.staged.delete(uri);
        return undefined;
      }
    }
  }

  /** The analysis of any known file: an open document's current text, else its disk text. */
  analysisOf(uri: string): FileAnalysis | undefined {
    if (this.documents.get(uri)) return this.analysisFor(uri);
    const parsed = this.files.parsed(uri);
    return parsed ? analyzeParsed(parsed, this.index, this.settingsFor(uri), this.data.readerFor(uri)) : undefined;
  }

  /** The current model of a document, or the last one that parsed. */
  lastGoodModel(uri: string): FileModel | null {
    return this.analysisOf(uri)?.model ?? this.lastGood.get(uri) ?? null;
  }

  /** The queue's step: parse, yield, analyse, publish, unless a newer version arrived meanwhile. */
  private async check(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const startedAt = performance.now();
    const prof = this.profile ? new CheckProfile(uri, version, this.receivedAt.get(uri)) : undefined;
    // A big text is parsed in slices first, so requests about other documents are answered meanwhile.
    if (prof) await prof.timeAsync('parse', () => this.files.parseInSlices(uri));
    else await this.files.parseInSlices(uri);
    if (this.documents.get(uri)?.version !== version) return;
    const parsed = prof ? prof.time('index', () => this.syncIndex(uri)) : this.syncIndex(uri);
    // The data files the journey names, read before the analysis (at once from disk; through the client in the browser).
    if (parsed)
      await this.data.load(
        uri,
        dataEntries(parsed).flatMap((e) => (e.uri === null ? [] : [e.uri])),
      );
    await yieldToEventLoop();
    const current = this.documents.get(uri);
    // Closed, or changed while we yielded: the newer version has its own turn scheduled.
    if (!current || current.version !== version) return;
    const staged = await this.stagedAnalysis(uri, version, prof);
    if (!staged) return;
    const { analysis, modelSent } = staged;
    const diagnostics = prof
      ? prof.time('convert', () => analysis.diagnostics.map(toLspDiagnostic))
      : analysis.diagnostics.map(toLspDiagnostic);
    this.checkMs.set(uri, performance.now() - startedAt);
    this.stats?.record(uri, version, startedAt);
    if (prof) await prof.timeAsync('sendDiagnostics', () => this.connection.sendDiagnostics({ uri, version, diagnostics }));
    else await this.connection.sendDiagnostics({ uri, version, diagnostics });
    if (prof) prof.facts.diagnostics = diagnostics.length;
    // Unless it went ahead of the rules (a client that takes diffs).
    if (!modelSent) await this.sendModel(modelResult(uri, version, analysis), prof);
    if (prof) this.profile?.(prof.line());
    this.portfolioChanged();
  }

  /** Sends a check's model notification (timed apart under `JM_SERVER_PROF`). */
  private async sendModel(result: ModelResult, prof?: CheckProfile): Promise<void> {
    if (!prof) {
      const message = this.modelMessage(result);
      await this.connection.sendNotification(message.method, message.params);
      return;
    }
    const message = prof.time('diff', () => this.modelMessage(result));
    // What the connection will do to it, timed apart (only when profiling: it costs a second encoding).
    const json = prof.time('serialise', () => JSON.stringify(message.params));
    prof.facts.modelBytes = json.length;
    prof.facts.modelMessage = message.method;
    await prof.timeAsync('notifyModel', () => this.connection.sendNotification(message.method, message.params));
  }

  /**
   * The model notification for a check: the whole model, or, for a client that takes diffs and
   * was sent a journey model of this document before, what changed since.
   */
  private modelMessage(result: ModelResult): { method: string; params: ModelResult | ModelDiffResult } {
    if (!this.client.modelDiff) return { method: ModelChangedNotification.method, params: result };
    const m = this.sentModels.message(result);
    return m.diff
      ? { method: ModelDiffNotification.method, params: m.params }
      : { method: ModelChangedNotification.method, params: m.params };
  }

  /** The portfolio across every journey known (open text first, else disk), ranked by the core. */
  portfolio(): Portfolio {
    const models: JourneyModel[] = [];
    const known = new Set<string>();
    for (const uri of this.files.uris()) {
      if (!this.index.get(uri)?.journey || this.deletedWhileOpen.has(uri)) continue;
      known.add(uri);
      const model = this.portfolioModel(uri);
      if (model) models.push(model);
    }
    for (const uri of this.portfolioModels.keys()) if (!known.has(uri)) this.portfolioModels.delete(uri);
    return buildPortfolio(models);
  }

  /** A journey's model for the portfolio: an open document's current analysis, else a closed file's, cached. */
  private portfolioModel(uri: string): JourneyModel | null {
    const asJourney = (m: FileModel | null | undefined): JourneyModel | null => (m?.kind === 'journey' ? m : null);
    if (this.documents.get(uri)) return asJourney(this.analysisFor(uri)?.model);
    const text = this.files.text(uri);
    if (text === undefined) return null;
    const key = `${this.index.version}|${this.settingsGeneration}|${this.data.generation}`;
    const cached = this.portfolioModels.get(uri);
    if (cached && cached.key === key && cached.text === text) return cached.model;
    const model = asJourney(this.analysisOf(uri)?.model);
    if (this.stats) this.stats.portfolioAnalyses++;
    this.portfolioModels.set(uri, { key, text, model });
    return model;
  }

  /** A file changed on disk: its cached portfolio model goes, and so do those of to-be journeys (they read their baseline's text). */
  private dropPortfolioModel(uri: string): void {
    this.portfolioModels.delete(uri);
    for (const [u, entry] of this.portfolioModels) if (entry.model?.baseline) this.portfolioModels.delete(u);
  }

  /** Tells the client, once things settle, that the portfolio may have changed. */
  private portfolioChanged(): void {
    clearTimeout(this.portfolioTimer);
    this.portfolioTimer = setTimeout(() => {
      try {
        this.connection.sendNotification(PortfolioChangedNotification.method, {}).catch((e: unknown) => this.log('portfolioChanged', e));
      } catch (e) {
        this.log('portfolioChanged', e); // the connection is gone
      }
    }, PORTFOLIO_DEBOUNCE_MS);
    this.portfolioTimer.unref?.();
  }

  /** Re-check the open documents whose diagnostics depend on what changed between two index entries. */
  private recheckDependents(before: IndexedFile | undefined, after: IndexedFile | undefined, changedUri: string): void {
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    const personaIds = new Set<string>();
    const journeyIds = new Set<string>();
    const usedPersonaIds = new Set<string>();
    for (const f of [before, after]) {
      if (f?.persona) personaIds.add(f.persona.id);
      if (f?.journey) journeyIds.add(f.journey.id);
      for (const p of f?.journey?.personas ?? []) usedPersonaIds.add(p.id);
    }
    if (JSON.stringify(before?.persona) === JSON.stringify(after?.persona)) personaIds.clear();
    if (before?.journey?.id === after?.journey?.id) journeyIds.clear();
    const personasBefore = JSON.stringify(before?.journey?.personas ?? []);
    if (personasBefore === JSON.stringify(after?.journey?.personas ?? [])) usedPersonaIds.clear();
    if (!personaIds.size && !journeyIds.size && !usedPersonaIds.size) return;
    for (const uri of this.documents.keys()) {
      if (uri === changedUri) continue;
      const entry = this.index.get(uri);
      const text = this.files.text(uri) ?? '';
      const names = (ids: Set<string>): boolean => [...ids].some((id) => text.includes(id));
      const dependent =
        // a journey naming a persona whose file changed (or a duplicate persona file)
        names(personaIds) ||
        // a journey that shared an id with the changed one (duplicate-id comes or goes)
        (entry?.journey !== undefined && journeyIds.has(entry.journey.id)) ||
        // a persona file whose "used by" list changed
        (entry?.persona !== undefined && usedPersonaIds.has(entry.persona.id));
      if (dependent) this.queue.schedule(uri, 0);
    }
  }

  /** The settings of a file: the user's, then the `.journeymaprc.json` of its workspace folder. */
  settingsFor(uri: string): Settings {
    // Folders are named as the host names them: paths on disk, URIs in the browser.
    const p = this.host.pathOf(uri) ?? uri;
    let best: string | undefined;
    if (p)
      for (const folder of this.configs.keys())
        if (p.startsWith(folder.endsWith('/') ? folder : folder + '/') && (!best || folder.length > best.length)) best = folder;
    return withConfig(this.settings, best ? this.configs.get(best) : undefined);
  }

  /** (Re-)reads a workspace folder's `.journeymaprc.json`; a missing file counts as none. */
  async loadConfig(folder: string): Promise<void> {
    const file = this.host.fileIn(folder, CONFIG_FILE);
    const text = await this.host.readFile(file);
    const before = JSON.stringify(this.configs.get(folder));
    if (text === undefined) this.configs.delete(folder);
    else {
      const { settings, problems } = configSettings(text);
      for (const problem of problems) this.note(`${file}: ${problem}`);
      this.configs.set(folder, settings);
    }
    if (JSON.stringify(this.configs.get(folder)) !== before) this.applySettings(this.settings);
  }

  forgetConfig(folder: string): void {
    if (this.configs.delete(folder)) this.applySettings(this.settings);
  }

  /** Settings changed: every open document is checked again. */
  applySettings(settings: Settings): void {
    this.settings = settings;
    this.settingsGeneration++;
    for (const uri of this.documents.keys()) this.queue.schedule(uri, 0);
  }

  // ---- Open documents ----

  /** An open or a change arrived (profiling counts the wait from here). */
  received(uri: string): void {
    if (this.profile) this.receivedAt.set(uri, performance.now());
  }

  onChanged(uri: string): void {
    this.queue.schedule(uri, debounceFor(this.checkMs.get(uri)));
  }

  /**
   * A document was opened: when its saved file is not on disk it stays out of the portfolio, as
   * one deleted while open, until the file is saved (the watcher then reports it).
   */
  async onOpened(uri: string): Promise<void> {
    const saved = this.host.savedUriOf(uri);
    // Untitled documents have no file; an indexed file is on disk as far as the watcher said.
    if (!saved || this.files.diskAlias(uri)) return;
    const events = this.diskEventCount(saved);
    const text = await this.host.readFile(saved);
    // Closed meanwhile, or a disk event for it was handled meanwhile: that event decided.
    if (text !== undefined || !this.files.isOpen(uri) || this.diskEventCount(saved) !== events || this.files.diskAlias(uri)) return;
    this.deletedWhileOpen.add(uri);
    this.portfolioChanged();
  }

  private diskKey(uri: string): string {
    return this.host.pathOf(uri) ?? uri;
  }

  private diskEventCount(uri: string): number {
    return this.diskEvents.get(this.diskKey(uri)) ?? 0;
  }

  private countDiskEvent(uri: string): number {
    const n = this.diskEventCount(uri) + 1;
    this.diskEvents.set(this.diskKey(uri), n);
    return n;
  }

  /**
   * The file's text on disk, read again while a disk event for it arrives during the read (a
   * close followed at once by a delete: the text read before the delete must not put the file
   * back). A few tries at most; after that the last read stands.
   */
  private async readSettled(uri: string): Promise<string | undefined> {
    for (let tries = 1; ; tries++) {
      const events = this.diskEventCount(uri);
      const text = await this.host.readFile(uri);
      if (this.diskEventCount(uri) === events || tries >= 5) return text;
    }
  }

  async onClosed(uri: string): Promise<void> {
    this.deletedWhileOpen.delete(uri);
    this.queue.cancel(uri);
    this.analyses.delete(uri);
    this.staged.delete(uri);
    this.lastGood.delete(uri);
    this.checkMs.delete(uri);
    this.sentModels.forget(uri);
    this.data.forget(uri);
    await this.connection.sendDiagnostics({ uri, diagnostics: [] });
    // Back to what is on disk: the unsaved text no longer counts.
    const before = this.index.get(uri);
    const diskUri = this.files.diskAlias(uri) ?? this.host.savedUriOf(uri);
    const text = diskUri ? await this.readSettled(diskUri) : undefined;
    if (this.files.isOpen(uri)) return; // reopened meanwhile
    // Same uri and same text as on disk: the parse is reused from the cache.
    if (diskUri !== uri) {
      this.files.forget(uri);
      this.index.remove(uri);
    }
    if (diskUri && text !== undefined) {
      this.files.disk.set(diskUri, text);
      const parsed = this.files.parsed(diskUri);
      const after = parsed ? this.index.updateParsed(parsed) : undefined;
      this.recheckDependents(before, after, uri);
    } else {
      if (diskUri) this.files.disk.delete(diskUri);
      this.files.forget(uri);
      this.index.remove(uri);
      this.recheckDependents(before, undefined, uri);
    }
    this.portfolioChanged();
  }

  // ---- Disk ----

  /** A journey or persona file was created or changed on disk. */
  async onDiskChanged(uri: string): Promise<void> {
    const event = this.countDiskEvent(uri);
    const text = await this.host.readFile(uri);
    // A later event for the file was handled while this one read it: that one's state stands.
    if (this.diskEventCount(uri) !== event) return;
    if (text === undefined) return this.onDiskDeleted(uri);
    const alias = this.files.openAlias(uri);
    // An open document whose file was not on disk is back in the portfolio: say so.
    const back = alias !== undefined && this.deletedWhileOpen.delete(alias);
    this.files.disk.set(uri, text);
    this.dropPortfolioModel(uri);
    if (this.files.openAlias(uri)) {
      if (back) this.portfolioChanged();
      return; // the open text wins
    }
    const before = this.index.get(uri);
    const parsed = this.files.parsed(uri);
    const after = parsed ? this.index.updateParsed(parsed) : undefined;
    this.recheckDependents(before, after, uri);
    this.portfolioChanged();
  }

  onDiskDeleted(uri: string): void {
    this.countDiskEvent(uri);
    this.files.disk.delete(uri);
    this.dropPortfolioModel(uri);
    this.files.forget(uri);
    const open = this.files.openAlias(uri);
    if (open) {
      // The editor still holds it (VS Code closes a document's model later): a deleted journey
      // leaves the portfolio now, and comes back if the file is saved again.
      this.deletedWhileOpen.add(open);
      this.portfolioChanged();
      return;
    }
    const before = this.index.get(uri);
    this.index.remove(uri);
    this.recheckDependents(before, undefined, uri);
    this.portfolioChanged();
  }

  /** A data file (CSV) changed, appeared or went away on disk: the open journeys that read it are checked again. */
  onDataChanged(uri: string): void {
    for (const journey of this.data.changed(uri)) if (this.documents.get(journey)) this.queue.schedule(journey, 0);
    this.portfolioChanged();
  }

  /** Drops the saved files under a folder (as the host names it) that left the workspace. */
  forgetFolder(folderPath: string): void {
    for (const uri of [...this.files.disk.keys()]) {
      const p = this.host.pathOf(uri) ?? uri;
      if (p && (p === folderPath || p.startsWith(folderPath.endsWith('/') ? folderPath : folderPath + '/'))) this.onDiskDeleted(uri);
    }
  }

  /** Indexes every journey and persona file under the folders (as the host names them), reporting progress; then the queue may run. */
  async indexFolders(folders: string[], title = 'Journey Maps: indexing'): Promise<void> {
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    const t0 = performance.now();
    let slowest = { uri: '', ms: 0 };
    let count = 0;
    try {
      progress?.begin(title, 0, 'Looking for journey and persona files', false);
      const uris = await this.host.findFiles(folders);
      count = uris.length;
      let done = 0;
      let lastReported = -1;
      for (const uri of uris) {
        const t1 = this.profile ? performance.now() : 0;
        await this.onDiskChanged(uri);
        if (this.profile && performance.now() - t1 > slowest.ms) slowest = { uri, ms: performance.now() - t1 };
        done++;
        const percent = Math.floor((done * 100) / uris.length);
        if (percent !== lastReported) {
          lastReported = percent;
          progress?.report(percent, `${done}/${uris.length} files`);
        }
      }
    } catch (e) {
      this.log('indexing the workspace', e);
    } finally {
      progress?.done();
      this.profile?.(
        JSON.stringify({
          indexing: Math.round(performance.now() - t0),
          files: count,
          slowest: slowest.uri,
          slowestMs: Math.round(slowest.ms),
        }),
      );
    }
  }

  /** Start-up indexing is over: analyse whatever is open. */
  finishIndexing(): void {
    this.markIndexed();
    for (const uri of this.documents.keys()) this.queue.schedule(uri, 0);
    this.releaseIfIdle();
  }

  /**
   * After indexing, and whenever the queue runs dry: the disk parses kept for an open go once
   * nothing has taken them for KEEP_DISK_PARSE_GRACE_MS (the editor opens a restored or clicked
   * file a moment after the server indexed it: at once, the 500-touchpoint journey the bench
   * opens 300 ms after start-up was parsed twice). A busy queue's own end schedules it again.
   */
  releaseIfIdle(): void {
    clearTimeout(this.releaseTimer);
    this.releaseTimer = setTimeout(() => {
      if (!this.queue.busy) this.files.releaseDiskParses();
    }, KEEP_DISK_PARSE_GRACE_MS);
    this.releaseTimer.unref?.();
  }

  /** Every known file's workspace symbols (open text first, else disk). */
  allSymbols(): { uri: string; entries: SymbolEntry[] }[] {
    return this.files.uris().map((uri) => ({ uri, entries: this.files.symbols(uri) }));
  }
}
