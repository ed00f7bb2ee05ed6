// The status bar item: the active journey's problems and hotspots; a click lists the hotspots.
// The problems are the server's diagnostics the editor holds for the file (what the Problems
// view lists): the model can arrive before them, ahead of the journey rules.
import * as vscode from 'vscode';
import type { ModelResult } from '../../server/src/protocol';
import type { ModelStore } from './models';
import { isJourneyDocument } from './documents';
import type { PreviewManager } from './preview';

export class JourneyStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('journeymap.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly store: ModelStore,
    private readonly previews: PreviewManager,
  ) {
    this.item.name = 'Journey Maps';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      previews.onDidChangeFocus(() => this.refresh()),
      store.onDidChange((result) => {
        if (result.uri === this.target()?.toString()) this.show(result);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const target = this.target()?.toString();
        if (target && e.uris.some((u) => u.toString() === target)) this.refresh();
      }),
    );
    this.refresh();
  }

  /** The journey the user looks at: the active journey editor's, or the focused map's. */
  private target(): vscode.Uri | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc) return isJourneyDocument(doc) ? doc.uri : undefined;
    return this.previews.focused()?.uri;
  }

  private refresh(): void {
    const uri = this.target();
    if (!uri) return this.item.hide();
    const known = this.store.get(uri);
    if (known) this.show(known);
    else void this.store.fetch(uri).then((r) => r && r.uri === this.target()?.toString() && this.show(r));
  }

  private show(result: ModelResult): void {
    const { error, warning, info, hint } = problemsOf(vscode.Uri.parse(result.uri));
    const problems = error + warning + info + hint;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const hotspots = result.model?.kind === 'journey' ? result.model.hotspots.length : null;
    this.item.text = `$(map) ${plural(problems, 'problem')}` + (hotspots === null ? '' : ` $(flame) ${plural(hotspots, 'hotspot')}`);
    this.item.tooltip = new vscode.MarkdownString(
      `**Journey Maps**: ${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(info + hint, 'note')}` +
        (hotspots === null ? '' : `, ${plural(hotspots, 'friction hotspot')}.\n\nClick to list the hotspots.`),
    );
    this.item.command = hotspots === null ? 'workbench.actions.view.problems' : 'journeymap.showHotspots';
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The server's diagnostics the editor holds for a file, counted by severity. */
function problemsOf(uri: vscode.Uri): { error: number; warning: number; info: number; hint: number } {
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.source !== 'journeymap') continue;
    if (d.severity === vscode.DiagnosticSeverity.Error) counts.error++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warning++;
    else if (d.severity === vscode.DiagnosticSeverity.Information) counts.info++;
    else counts.hint++;
  }
  return counts;
}
