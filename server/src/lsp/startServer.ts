// Wires a connection to the session and the core's features: capabilities, life cycle,
// documents, file events, settings and one thin handler per request.
import {
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import * as navigation from '../core/navigation';
import * as symbols from '../core/symbols';
import type { ParsedFile } from '../core/parse';
import { isJourneyOrPersonaFile } from '../core/parse';
import { version } from '../../../package.json';
import { analyzeText } from '../core/analyze';
import {
  AnalyseTextRequest,
  AnalyseTextResult,
  IdsRequest,
  IdsResult,
  ModelRequest,
  ModelResult,
  PortfolioRequest,
  PortfolioResult,
} from '../protocol';
import { modelResult } from './convert';
import { documentRequest, guarded, guardedNotification, Shape } from './guard';
import { FEATURE_CAPABILITIES, registerFeatures } from './features';
import type { ServerHost } from './host';
import type { ProfileSink } from './profile';
import { Session } from './session';
import { CONFIG_FILE, toSettings } from './settings';
import { CheckStats, registerStats } from './stats';

const FILE_GLOBS = ['**/*.journey.yaml', '**/*.journey.yml', '**/*.persona.yaml', '**/*.persona.yml', `**/${CONFIG_FILE}`];
/** Data files (format: Data files), watched so the journeys that name them are checked again. */
const DATA_GLOBS = ['**/*.csv'];

/** The one server, whatever its transport and file access: the entries (server.ts, browserServer.ts) choose those. */
export function startServer(connection: Connection, host: ServerHost, profile?: ProfileSink): Session {
  const session = new Session(connection, host, profile);
  const log = session.log.bind(session);
  const { documents, files, index } = session;
  let folders: string[] = [];
  let canPullConfiguration = false;
  let canWatchFiles = false;
  let canRegisterConfiguration = false;
  let supportsFolderEvents = false;

  const onDocument = <P extends { textDocument: { uri: string } }, R, F>(
    name: string,
    shape: Shape,
    fallback: F,
    handler: (parsed: ParsedFile, params: P) => R | F,
  ) => documentRequest(session, name, shape, fallback, handler);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const options = params.initializationOptions as { benchmark?: unknown; modelDiff?: unknown } | undefined;
    if (options?.benchmark === true) {
      session.stats = new CheckStats();
      session.stats.diskParsesTaken = () => session.files.diskParsesTaken;
    }
    // The model by difference (journeymap/modelDiff) only for a client that says it applies diffs.
    session.client.modelDiff = options?.modelDiff === true;
    canPullConfiguration = caps.workspace?.configuration === true;
    canWatchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canRegisterConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    supportsFolderEvents = caps.workspace?.workspaceFolders === true;
    // Snippets only for a client that says it takes them (LSP: absent means no).
    session.client.snippets = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
    session.client.showDocument = caps.window?.showDocument?.support === true;
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.map(host.folderOf).filter((p): p is string => p !== undefined);
    if (folders.length === 0 && params.rootPath) folders = [params.rootPath];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'Journey' },
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...FEATURE_CAPABILITIES,
      },
      serverInfo: { name: 'journeymap', version },
    };
  });

  const pullSettings = async (): Promise<void> => {
    if (!canPullConfiguration) return;
    try {
      session.applySettings(toSettings(await connection.workspace.getConfiguration({ section: 'journeymap' })));
    } catch (e) {
      log('reading settings', e);
    }
  };

  connection.onInitialized(
    guardedNotification('initialized', log, async () => {
      try {
        if (canWatchFiles) {
          await connection.client.register(DidChangeWatchedFilesNotification.type, {
            watchers: [...FILE_GLOBS, ...DATA_GLOBS].map((globPattern) => ({ globPattern })),
          });
        }
        if (canRegisterConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'journeymap' });
        if (supportsFolderEvents) {
          connection.workspace.onDidChangeWorkspaceFolders(
            guardedNotification('workspace/didChangeWorkspaceFolders', log, async (e) => {
              // Each entry is checked on its own: one malformed entry (Neovim 0.7 sends `removed: [[]]`)
              // is skipped with a log line, and the good ones are still forgotten or indexed.
              const removed = folderPaths(e?.removed, 'removed', session);
              const added = folderPaths(e?.added, 'added', session);
              for (const p of removed) {
                session.forgetFolder(p);
                session.forgetConfig(p);
                folders = folders.filter((f) => f !== p);
              }
              folders.push(...added);
              for (const p of added) await session.loadConfig(p);
              if (added.length) {
                await session.indexFolders(added);
                session.releaseIfIdle();
              }
            }),
          );
        }
      } catch (e) {
        log('registering for file and settings events', e);
      }
      await pullSettings();
      for (const folder of folders) await session.loadConfig(folder);
      await session.indexFolders(folders);
      session.finishIndexing();
    }),
  );

  connection.onDidChangeConfiguration(
    guardedNotification('workspace/didChangeConfiguration', log, async (params) => {
      if (canPullConfiguration) return pullSettings();
      const section = (params?.settings as { journeymap?: unknown } | undefined)?.journeymap;
      session.applySettings(toSettings(section));
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardedNotification('workspace/didChangeWatchedFiles', log, async (params) => {
      for (const change of params?.changes ?? []) {
        try {
          if (typeof change?.uri !== 'string') continue;
          // A folder's own `.journeymaprc.json` (one deeper in the tree is not read, as in the CLI).
          // Compared as paths where there are any (two spellings of one file), else as URIs.
          const name = (uri: string) => host.pathOf(uri) ?? uri;
          const owner = change.uri.endsWith(CONFIG_FILE)
            ? folders.find((f) => name(host.fileIn(f, CONFIG_FILE)) === name(change.uri))
            : undefined;
          if (owner) await session.loadConfig(owner);
          // Any other file may be a data file a journey names (a client without dynamic
          // registration sends the events it was configured for).
          if (!isJourneyOrPersonaFile(change.uri)) {
            session.onDataChanged(change.uri);
            continue;
          }
          if (change.type === FileChangeType.Deleted) session.onDiskDeleted(change.uri);
          else await session.onDiskChanged(change.uri);
        } catch (e) {
          log(`file event for ${change?.uri}`, e);
        }
      }
    }),
  );

  // ---- Documents: open schedules a check at once, a change after the debounce. ----
  const opening = new Set<string>();
  documents.onDidOpen(
    guardedNotification('textDocument/didOpen', log, (e) => {
      opening.add(e.document.uri);
      session.received(e.document.uri);
      session.queue.schedule(e.document.uri, 0);
      session.onOpened(e.document.uri).catch((err: unknown) => log(`checking ${e.document.uri} on disk`, err));
    }),
  );
  documents.onDidChangeContent(
    guardedNotification('textDocument/didChange', log, (e) => {
      if (opening.delete(e.document.uri)) return;
      session.received(e.document.uri);
      session.onChanged(e.document.uri);
    }),
  );
  documents.onDidClose(
    guardedNotification('textDocument/didClose', log, async (e) => {
      opening.delete(e.document.uri);
      await session.onClosed(e.document.uri);
    }),
  );
  documents.listen(connection);

  // ---- Structure ----
  connection.onDocumentSymbol(onDocument('documentSymbol', {}, [], (parsed) => symbols.documentSymbols(parsed)));
  connection.onFoldingRanges(onDocument('foldingRange', {}, [], (parsed) => symbols.foldingRanges(parsed)));
  connection.onSelectionRanges(
    onDocument(
      'selectionRange',
      { positions: true },
      [],
      (parsed, p: { textDocument: { uri: string }; positions: { line: number; character: number }[] }) =>
        symbols.selectionRanges(parsed, p.positions),
    ),
  );
  connection.onWorkspaceSymbol(
    guarded('workspaceSymbol', {}, [], log, (params: { query?: unknown }) =>
      symbols.workspaceSymbols(typeof params.query === 'string' ? params.query : '', session.allSymbols()),
    ),
  );

  // ---- Navigation ----
  /** The files that may name the id under the cursor: for personas and journeys, every file mentioning it. */
  const candidates = (parsed: ParsedFile, position: { line: number; character: number }): ParsedFile[] => {
    const target = navigation.idAt(parsed, position);
    if (!target || (target.kind !== 'persona' && target.kind !== 'journey')) return [];
    return files.mentioning(target.id).filter((f) => f.uri !== parsed.uri);
  };
  connection.onDefinition(
    onDocument('definition', { position: true }, [], (parsed, p) => navigation.definition(parsed, p.position, index)),
  );
  connection.onReferences(
    onDocument('references', { position: true }, [], (parsed, p) =>
      navigation.references(parsed, p.position, candidates(parsed, p.position), p.context?.includeDeclaration !== false),
    ),
  );
  connection.onPrepareRename(
    onDocument('prepareRename', { position: true }, null, (parsed, p) => {
      const result = navigation.prepareRename(parsed, p.position);
      if (result && 'error' in result) throw new ResponseError(LSPErrorCodes.RequestFailed, result.error);
      return result;
    }),
  );
  connection.onRenameRequest(
    onDocument('rename', { position: true }, null, (parsed, p) => {
      if (typeof p.newName !== 'string') throw new ResponseError(LSPErrorCodes.RequestFailed, 'rename: newName must be a string');
      const result = navigation.rename(parsed, p.position, p.newName.trim(), candidates(parsed, p.position), index);
      if (result && 'error' in result) throw new ResponseError(LSPErrorCodes.RequestFailed, result.error);
      return result;
    }),
  );

  // ---- The preview's feed ----
  connection.onRequest(
    ModelRequest.method,
    guarded('journeymap/model', {}, null, log, (params: { uri?: unknown }): ModelResult | null => {
      if (typeof params.uri !== 'string')
        throw new ResponseError(LSPErrorCodes.RequestFailed, 'journeymap/model: params.uri must be a string');
      const analysis = session.analysisOf(params.uri);
      // A file that is not open is analysed as it stands on disk: version 0.
      return analysis ? modelResult(params.uri, documents.get(params.uri)?.version ?? 0, analysis) : null;
    }),
  );

  // ---- Compare mode: another version of a journey (a git ref's text, its as-is), same analysis ----
  connection.onRequest(
    AnalyseTextRequest.method,
    guarded('journeymap/analyseText', {}, null, log, async (params: { uri?: unknown; text?: unknown }): Promise<AnalyseTextResult> => {
      if (typeof params.uri !== 'string' || typeof params.text !== 'string')
        throw new ResponseError(LSPErrorCodes.RequestFailed, 'journeymap/analyseText: params.uri and params.text must be strings');
      await session.indexed;
      // The index is only read: the other version never takes the document's place in it.
      const analysis = analyzeText(params.uri, params.text, index, session.settingsFor(params.uri));
      const broken = analysis.parsed.syntax.find((d) => d.severity === 'error');
      return { model: analysis.model, ...(broken ? { error: { message: broken.message, range: broken.range } } : {}) };
    }),
  );

  // ---- The Journeys view's feed: every journey of the workspace, ranked ----
  connection.onRequest(
    PortfolioRequest.method,
    guarded('journeymap/portfolio', {}, null, log, async (): Promise<PortfolioResult> => {
      await session.indexed;
      return { portfolio: session.portfolio() };
    }),
  );

  // ---- New files: the ids already taken, so a new journey or persona gets a free one ----
  connection.onRequest(
    IdsRequest.method,
    guarded('journeymap/ids', {}, { journeys: [], personas: [] }, log, async (): Promise<IdsResult> => {
      await session.indexed;
      const ids = (all: { id: string }[]) => [...new Set(all.map((x) => x.id))].sort();
      return { journeys: ids(index.allJourneys()), personas: ids(index.allPersonas()) };
    }),
  );

  registerFeatures(session);
  registerStats(connection, () => session.stats, log);
  connection.listen();
  return session;
}

/** The local paths of a workspace-folder event's entries; malformed entries are logged and skipped. */
function folderPaths(entries: unknown, which: string, session: Session): string[] {
  if (entries === undefined) return [];
  if (!Array.isArray(entries)) {
    session.note(`didChangeWorkspaceFolders: skipped "${which}", which is not a list: ${JSON.stringify(entries)?.slice(0, 200)}`);
    return [];
  }
  const out: string[] = [];
  for (const f of entries) {
    const uri = (f as { uri?: unknown } | null)?.uri;
    const p = typeof uri === 'string' ? session.host.folderOf(uri) : undefined;
    if (p === undefined)
      session.note(
        `didChangeWorkspaceFolders: skipped a malformed "${which}" entry (a workspace folder needs a uri this server can read): ` +
          `${JSON.stringify(f)?.slice(0, 200)}`,
      );
    else out.push(p);
  }
  return out;
}
