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
} from 'vscode-languageserver/node';
import * as navigation from '../core/navigation';
import * as symbols from '../core/symbols';
import type { ParsedFile } from '../core/parse';
import { isJourneyOrPersonaFile } from '../core/parse';
import { ModelRequest, ModelResult } from '../protocol';
import { modelResult } from './convert';
import { pathOf } from './files';
import { documentRequest, guarded, Shape } from './guard';
import { FEATURE_CAPABILITIES, registerFeatures } from './features';
import { Session } from './session';
import { toSettings } from './settings';
import { CheckStats, registerStats } from './stats';

const FILE_GLOBS = ['**/*.journey.yaml', '**/*.journey.yml', '**/*.persona.yaml', '**/*.persona.yml'];
/** Data files (format: Data files), watched so the journeys that name them are checked again. */
const DATA_GLOBS = ['**/*.csv'];

export function startServer(connection: Connection): Session {
  const session = new Session(connection);
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
    if ((params.initializationOptions as { benchmark?: unknown } | undefined)?.benchmark === true) session.stats = new CheckStats();
    canPullConfiguration = caps.workspace?.configuration === true;
    canWatchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canRegisterConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    supportsFolderEvents = caps.workspace?.workspaceFolders === true;
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.map(pathOf).filter((p): p is string => p !== undefined);
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
      serverInfo: { name: 'journeymap', version: '0.1.0' },
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

  connection.onInitialized(async () => {
    try {
      if (canWatchFiles) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [...FILE_GLOBS, ...DATA_GLOBS].map((globPattern) => ({ globPattern })) });
      }
      if (canRegisterConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'journeymap' });
      if (supportsFolderEvents) {
        connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
          for (const f of e.removed) {
            const p = pathOf(f.uri);
            if (p) session.forgetFolder(p);
          }
          const added = e.added.map((f) => pathOf(f.uri)).filter((p): p is string => p !== undefined);
          if (added.length) await session.indexFolders(added);
        });
      }
    } catch (e) {
      log('registering for file and settings events', e);
    }
    await pullSettings();
    await session.indexFolders(folders);
    session.finishIndexing();
  });

  connection.onDidChangeConfiguration(async (params) => {
    if (canPullConfiguration) return pullSettings();
    const section = (params?.settings as { journeymap?: unknown } | undefined)?.journeymap;
    session.applySettings(toSettings(section));
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params?.changes ?? []) {
      try {
        if (typeof change?.uri !== 'string') continue;
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
  });

  // ---- Documents: open schedules a check at once, a change after the debounce. ----
  const opening = new Set<string>();
  documents.onDidOpen((e) => {
    opening.add(e.document.uri);
    session.queue.schedule(e.document.uri, 0);
  });
  documents.onDidChangeContent((e) => {
    if (opening.delete(e.document.uri)) return;
    session.onChanged(e.document.uri);
  });
  documents.onDidClose((e) => {
    opening.delete(e.document.uri);
    session.onClosed(e.document.uri).catch((err) => log(`closing ${e.document.uri}`, err));
  });
  documents.listen(connection);

  // ---- Structure ----
  connection.onDocumentSymbol(onDocument('documentSymbol', {}, [], (parsed) => symbols.documentSymbols(parsed)));
  connection.onFoldingRanges(onDocument('foldingRange', {}, [], (parsed) => symbols.foldingRanges(parsed)));
  connection.onSelectionRanges(
    onDocument('selectionRange', { positions: true }, [], (parsed, p: { textDocument: { uri: string }; positions: { line: number; character: number }[] }) =>
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
  connection.onDefinition(onDocument('definition', { position: true }, [], (parsed, p) => navigation.definition(parsed, p.position, index)));
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
      if (typeof params.uri !== 'string') throw new ResponseError(LSPErrorCodes.RequestFailed, 'journeymap/model: params.uri must be a string');
      const analysis = session.analysisOf(params.uri);
      // A file that is not open is analysed as it stands on disk: version 0.
      return analysis ? modelResult(params.uri, documents.get(params.uri)?.version ?? 0, analysis) : null;
    }),
  );

  registerFeatures(session);
  registerStats(connection, () => session.stats);
  connection.listen();
  return session;
}
