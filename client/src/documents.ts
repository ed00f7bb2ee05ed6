// Which documents are ours, and how to find their editors.
import * as vscode from 'vscode';

export const isJourneyDocument = (doc: vscode.TextDocument): boolean => doc.languageId === 'journey' || doc.languageId === 'persona';

/** The journey or persona document the user is looking at, if any. */
export function activeJourneyUri(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isJourneyDocument(doc) ? doc.uri : undefined;
}

/** Shows a document in the editor that already holds it, or in the first column. */
export async function showDocument(uri: vscode.Uri, preserveFocus = false): Promise<vscode.TextEditor> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus });
}
