// The one contract between server, client and webview: custom LSP messages and the webview's
// message shapes. Dependency-free and logic-light so every bundle can import it.
import type { FileModel } from './core/model';
import type { ModelDiff } from './modelDiff';
import type { Portfolio } from './core/portfolio';
import type { Range, Severity } from './core/types';

/** Why a document has no fresh model: its text does not parse. */
export interface ModelError {
  message: string;
  range: Range;
}

export interface ModelResult {
  uri: string;
  /** The document version the model was computed from. */
  version: number;
  /** Null when the text does not parse; the preview keeps its last good map. */
  model: FileModel | null;
  error?: ModelError;
  /**
   * The diagnostics of that version, counted by severity. Absent when the model is sent ahead of
   * them (to a client that takes diffs, the model goes out before the journey rules run): such a
   * client counts the diagnostics it is published.
   */
  problems?: Record<Severity, number>;
}

/** Request `journeymap/model`: the journey model of an open document. */
export const ModelRequest = { method: 'journeymap/model' } as const;
export interface ModelParams {
  uri: string;
}

/**
 * Notification `journeymap/modelChanged`: sent after each analysis of an open document, after its
 * diagnostics; to a client that takes diffs (below), as soon as the model is built, before the
 * journey rules run and the diagnostics are published, so a map redraws while they are found.
 */
export const ModelChangedNotification = { method: 'journeymap/modelChanged' } as const;

/**
 * Notification `journeymap/modelDiff`: instead of `journeymap/modelChanged`, to a client that
 * initialized with `initializationOptions: { modelDiff: true }`, when the model it was last sent
 * for the document (version `base`) and the new one are both journeys: what changed
 * (`modelDiff.ts`). Anything else (the first model, a file that stopped parsing or parses
 * again, a persona file) comes whole, in `journeymap/modelChanged`. A client whose copy is not
 * version `base` asks `journeymap/model` for the whole model.
 */
export const ModelDiffNotification = { method: 'journeymap/modelDiff' } as const;
export interface ModelDiffResult {
  uri: string;
  /** The document version the new model was computed from. */
  version: number;
  /** The version of the model the diff applies to. */
  base: number;
  diff: ModelDiff;
  /** As in `ModelResult` (absent: the model went ahead of its diagnostics). */
  problems?: Record<Severity, number>;
}

/**
 * Request `journeymap/portfolio` (params `{}`): the portfolio across every journey of the
 * workspace (open text wins over disk), as `journeymap report --format json` ranks it but with
 * `uri`s. Answered once start-up indexing is over.
 */
export const PortfolioRequest = { method: 'journeymap/portfolio' } as const;
export interface PortfolioResult {
  portfolio: Portfolio;
}

/** Notification `journeymap/portfolioChanged` (params `{}`): a journey or persona changed; ask for the portfolio again. */
export const PortfolioChangedNotification = { method: 'journeymap/portfolioChanged' } as const;

// ---- Workspace files, for a server without a disk (the browser's Web Worker) ----

/**
 * Request `journeymap/findFiles`, server to client: the journey and persona files under the
 * workspace folders (`vscode.workspace.findFiles`). Only the browser's server asks; the Node
 * server reads the disk.
 */
export const FindFilesRequest = { method: 'journeymap/findFiles' } as const;
export interface FindFilesParams {
  /** Workspace folder URIs. */
  folders: string[];
}
export interface FindFilesResult {
  uris: string[];
}

/**
 * Request `journeymap/readFile`, server to client: a journey or persona file's saved text
 * (`vscode.workspace.fs`), a folder's `.journeymaprc.json`, or a data file (`.csv`) a journey
 * names; null when it is missing, too big, or any other file.
 */
export const ReadFileRequest = { method: 'journeymap/readFile' } as const;
export interface ReadFileParams {
  uri: string;
}
export interface ReadFileResult {
  text: string | null;
  /** Why the text is null, in words for a diagnostic ("no such file"); given for data files. */
  error?: string;
}

/** Request `journeymap/ids` (params `{}`): the journey and persona ids the workspace defines. */
export const IdsRequest = { method: 'journeymap/ids' } as const;
export interface IdsResult {
  journeys: string[];
  personas: string[];
}

/**
 * Request `journeymap/analyseText`: the model of another version of a journey (its text at a git
 * ref, or its as-is), analysed by the same core as the document at `uri` (the workspace index and
 * the settings of `uri`; data files are not read). For the preview's compare mode.
 */
export const AnalyseTextRequest = { method: 'journeymap/analyseText' } as const;
export interface AnalyseTextParams {
  uri: string;
  text: string;
}
export interface AnalyseTextResult {
  /** Null when the text does not parse (`error` says why). */
  model: FileModel | null;
  error?: ModelError;
}

// ---- Extension host <-> webview ----

/** The preview's compare mode: the other version of the document `uri`, named `label` ("HEAD", "main", "as-is ..."). */
export interface CompareMessage {
  type: 'compare';
  uri: string;
  label: string;
  other: FileModel;
}

export type HostToWebview =
  | { type: 'model'; result: ModelResult; theme?: 'light' | 'dark' | 'high-contrast' }
  /** What changed since the model of version `base` the map was posted (ModelDiffNotification). */
  | { type: 'modelDiff'; result: ModelDiffResult }
  | { type: 'highlight'; uri: string; touchpointIndex: number | null; stageIndex: number | null }
  | { type: 'export'; format: 'svg' | 'png' }
  | CompareMessage
  | { type: 'leaveCompare' };

export type WebviewToHost =
  | { type: 'ready' }
  /** The map could not apply a diff (its copy is not the diff's base): send the whole model. */
  | { type: 'resync' }
  | { type: 'reveal'; uri: string; range: Range }
  | { type: 'exported'; format: 'svg' | 'png'; data: string }
  | { type: 'copyMermaid'; text: string }
  | { type: 'leaveCompare' };

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < 1e7;
const isPosition = (x: unknown): boolean =>
  typeof x === 'object' && x !== null && isInt((x as { line: unknown }).line) && isInt((x as { character: unknown }).character);
export const isRange = (x: unknown): x is Range =>
  typeof x === 'object' && x !== null && isPosition((x as Range).start) && isPosition((x as Range).end);

/**
 * The allow-list for messages from the webview: anything not exactly one of these shapes is
 * dropped by the host. A compromised webview can then only ask for what a click could.
 */
export function parseWebviewMessage(x: unknown): WebviewToHost | null {
  if (typeof x !== 'object' || x === null) return null;
  const m = x as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'resync':
      return { type: 'resync' };
    case 'reveal':
      return typeof m.uri === 'string' && isRange(m.range) ? { type: 'reveal', uri: m.uri, range: m.range } : null;
    case 'exported':
      return (m.format === 'svg' || m.format === 'png') && typeof m.data === 'string' && m.data.length < 64 * 1024 * 1024
        ? { type: 'exported', format: m.format, data: m.data }
        : null;
    case 'copyMermaid':
      return typeof m.text === 'string' && m.text.length < 4 * 1024 * 1024 ? { type: 'copyMermaid', text: m.text } : null;
    case 'leaveCompare':
      return { type: 'leaveCompare' };
    default:
      return null;
  }
}
