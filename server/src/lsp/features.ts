// The editing features of the core (completion, hover, code actions, code lens, inlay hints)
// behind thin handlers.
// Navigation and structure are wired in startServer.ts.
import type {
  CodeAction,
  CodeActionParams,
  CodeLensParams,
  CompletionParams,
  Diagnostic,
  ExecuteCommandParams,
  HoverParams,
  InlayHintParams,
  Position,
  Range,
  ServerCapabilities,
} from 'vscode-languageserver';
import { CodeActionKind, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { analyzeParsed, FileAnalysis } from '../core/analyze';
import { codeActions } from '../core/codeActions';
import { fixHolds } from '../core/fixCheck';
import { parseFile } from '../core/parse';
import { asPlainText, complete } from '../core/completion';
import { hover } from '../core/hover';
import { codeLenses, inlayHints, REVEAL_TOUCHPOINT_COMMAND } from '../core/lens';
import type { JourneyModel } from '../core/model';
import { toLspDiagnostic } from './convert';
import { documentRequest, guarded } from './guard';
import type { Session } from './session';

export const FEATURE_CAPABILITIES: ServerCapabilities = {
  // `:` and space start a value, `-` a list item, brackets and commas a flow item, quotes a quoted value.
  completionProvider: { triggerCharacters: [':', ' ', '-', '[', '{', ',', '"', "'"] },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
  codeLensProvider: { resolveProvider: false },
  executeCommandProvider: { commands: [REVEAL_TOUCHPOINT_COMMAND] },
  inlayHintProvider: true,
};

/**
 * The actions whose edits of this document pass the rules at the place they fix, once applied
 * and analysed again (`core/fixCheck.ts`); actions on other files (a new persona) are kept.
 */
function keepFixesThatHold(session: Session, uri: string, actions: CodeAction[]): CodeAction[] {
  const analysis = session.analysisOf(uri);
  if (!analysis) return actions;
  const before = [...analysis.diagnostics, ...(analysis.waiting ?? [])];
  // A full parse of the candidate text: the incremental one would hand over the document's own parse.
  const reanalyse = (text: string) =>
    analyzeParsed(parseFile(uri, text), session.index, session.settingsFor(uri), session.data.readerFor(uri)).diagnostics;
  // Asked again on every cursor move: each verdict is kept while the analysis stands.
  let verdicts = fixVerdicts.get(analysis);
  if (!verdicts) fixVerdicts.set(analysis, (verdicts = new Map()));
  const known = verdicts;
  return actions.filter((a) => {
    const edits = a.edit?.changes?.[uri];
    if (!edits) return true;
    const key = JSON.stringify(edits);
    let holds = known.get(key);
    if (holds === undefined) known.set(key, (holds = fixHolds(analysis.parsed.text, before, edits, reanalyse)));
    return holds;
  });
}
const fixVerdicts = new WeakMap<FileAnalysis, Map<string, boolean>>();

export function registerFeatures(session: Session): void {
  const { connection, index } = session;
  connection.onCompletion(
    documentRequest(session, 'completion', { position: true }, null, (parsed, p: CompletionParams) => {
      const list = complete(parsed, p.position, index, session.settings, () => session.host.listDataFiles?.(p.textDocument.uri) ?? []);
      return session.client.snippets ? list : asPlainText(list);
    }),
  );
  connection.onHover(
    documentRequest(session, 'hover', { position: true }, null, (_parsed, p: HoverParams) => {
      const analysis = session.analysisOf(p.textDocument.uri);
      return analysis ? hover(analysis.parsed, p.position, index, analysis) : null;
    }),
  );
  connection.onCodeAction(
    documentRequest(session, 'codeAction', { range: true }, [], (parsed, p: CodeActionParams) => {
      // The fixes are computed from the server's own findings on its own text: a client may echo
      // a diagnostic's range in other units (Neovim 0.7 sent byte columns) or for an older text.
      const own = session.analysisOf(p.textDocument.uri)?.diagnostics.map(toLspDiagnostic) ?? [];
      const echoed = Array.isArray(p.context?.diagnostics) ? p.context.diagnostics : [];
      const actions = codeActions(parsed, ownDiagnostics(echoed, own), p.range, index, p.textDocument.uri);
      return keepFixesThatHold(session, p.textDocument.uri, actions);
    }),
  );
  /** The journey model of a document (the last that parsed, while the text is broken). */
  const journeyOf = (uri: string): JourneyModel | null => {
    const model = session.lastGoodModel(uri);
    return model?.kind === 'journey' ? model : null;
  };
  connection.onCodeLens(
    documentRequest(session, 'codeLens', {}, [], (_parsed, p: CodeLensParams) => {
      const model = journeyOf(p.textDocument.uri);
      return model ? codeLenses(model) : [];
    }),
  );
  // The lens's click: the client is asked to show the touchpoint (LSP 3.16 window/showDocument).
  connection.onExecuteCommand(
    guarded('executeCommand', {}, null, session.log.bind(session), async (p: ExecuteCommandParams) => {
      if (p.command !== REVEAL_TOUCHPOINT_COMMAND)
        throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${String(p.command)}`);
      const [uri, range] = Array.isArray(p.arguments) ? p.arguments : [];
      if (typeof uri !== 'string' || !isRange(range))
        throw new ResponseError(ErrorCodes.InvalidParams, `${REVEAL_TOUCHPOINT_COMMAND}: arguments must be [uri, range]`);
      if (!session.client.showDocument)
        throw new ResponseError(
          LSPErrorCodes.RequestFailed,
          `${REVEAL_TOUCHPOINT_COMMAND}: the client cannot show documents (window.showDocument)`,
        );
      const shown = await connection.window.showDocument({ uri, selection: range, takeFocus: true });
      return shown.success;
    }),
  );
  connection.languages.inlayHint.on(
    documentRequest(session, 'inlayHint', { range: true }, [], (parsed, p: InlayHintParams) => {
      const model = journeyOf(p.textDocument.uri);
      return model ? inlayHints(model, parsed, p.range) : [];
    }),
  );
}

/**
 * For each diagnostic a client sends back, the server's own one it stands for: same rule and
 * message, on the same line (the exact range when it matches, else the nearest). Ours alone are
 * trusted; an echoed one with no counterpart (fixed meanwhile, or not ours) is dropped.
 */
export function ownDiagnostics(echoed: Diagnostic[], own: Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of echoed) {
    if (!d || typeof d !== 'object' || (d.source !== undefined && d.source !== 'journeymap')) continue;
    const same = own.filter((o) => o.code === d.code && o.message === d.message && o.range.start.line === d.range?.start?.line);
    const exact = same.find(
      (o) =>
        o.range.start.character === d.range.start.character &&
        o.range.end.line === d.range.end?.line &&
        o.range.end.character === d.range.end?.character,
    );
    const nearest =
      exact ??
      same.sort(
        (a, b) => Math.abs(a.range.start.character - d.range.start.character) - Math.abs(b.range.start.character - d.range.start.character),
      )[0];
    if (nearest && !out.includes(nearest)) out.push(nearest);
  }
  return out;
}

function isRange(r: unknown): r is Range {
  const ok = (p: unknown): boolean =>
    typeof (p as Position | null)?.line === 'number' && typeof (p as Position | null)?.character === 'number';
  return typeof r === 'object' && r !== null && ok((r as Range).start) && ok((r as Range).end);
}
