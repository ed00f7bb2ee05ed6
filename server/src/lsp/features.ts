// The editing features of the core (completion, hover, code actions) behind thin handlers.
// Navigation and structure are wired in startServer.ts.
import type { CodeActionParams, CompletionParams, HoverParams, ServerCapabilities } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import { codeActions } from '../core/codeActions';
import { complete } from '../core/completion';
import { hover } from '../core/hover';
import { documentRequest } from './guard';
import type { Session } from './session';

export const FEATURE_CAPABILITIES: ServerCapabilities = {
  // `:` and space start a value, `-` a list item, brackets and commas a flow item, quotes a quoted value.
  completionProvider: { triggerCharacters: [':', ' ', '-', '[', '{', ',', '"', "'"] },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
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
}
