// The editing features of the core (completion, hover, code actions, code lens, inlay hints)
// behind thin handlers.
// Navigation and structure are wired in startServer.ts.
import type { CodeActionParams, CodeLensParams, CompletionParams, HoverParams, InlayHintParams, ServerCapabilities } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import { codeActions } from '../core/codeActions';
import { complete } from '../core/completion';
import { hover } from '../core/hover';
import { codeLenses, inlayHints } from '../core/lens';
import type { JourneyModel } from '../core/model';
import { documentRequest } from './guard';
import type { Session } from './session';

export const FEATURE_CAPABILITIES: ServerCapabilities = {
  // `:` and space start a value, `-` a list item, brackets and commas a flow item, quotes a quoted value.
  completionProvider: { triggerCharacters: [':', ' ', '-', '[', '{', ',', '"', "'"] },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
  codeLensProvider: { resolveProvider: false },
  inlayHintProvider: true,
};

export function registerFeatures(session: Session): void {
  const { connection, index } = session;
  connection.onCompletion(
    documentRequest(session, 'completion', { position: true }, null, (parsed, p: CompletionParams) => complete(parsed, p.position, index, session.settings)),
  );
  connection.onHover(
    documentRequest(session, 'hover', { position: true }, null, (_parsed, p: HoverParams) => {
      const analysis = session.analysisOf(p.textDocument.uri);
      return analysis ? hover(analysis.parsed, p.position, index, analysis) : null;
    }),
  );
  connection.onCodeAction(
    documentRequest(session, 'codeAction', { range: true }, [], (parsed, p: CodeActionParams) =>
      codeActions(parsed, Array.isArray(p.context?.diagnostics) ? p.context.diagnostics : [], p.range, index, p.textDocument.uri),
    ),
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
  connection.languages.inlayHint.on(
    documentRequest(session, 'inlayHint', { range: true }, [], (parsed, p: InlayHintParams) => {
      const model = journeyOf(p.textDocument.uri);
      return model ? inlayHints(model, parsed, p.range) : [];
    }),
  );
}
