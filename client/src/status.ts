// The status bar item: the active journey's problems and hotspots; a click lists the hotspots.
import * as vscode from 'vscode';
import type { ModelResult } from '../../server/src/protocol';
import type { ModelStore } from './models';
import { isJourneyDocument } from './documents';

export class JourneyStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('journeymap.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly store: ModelStore) {
    this.item.name = 'Journey Maps';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      store.onDidChange((result) => {
        if (result.uri === vscode.window.activeTextEditor?.document.uri.toString()) this.show(result);
      }),
    );
    this.refresh();
  }

  private refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isJourneyDocument(doc)) return this.item.hide();
    const known = this.store.get(doc.uri);
    if (known) this.show(known);
    else void this.store.fetch(doc.uri).then((r) => r && r.uri === vscode.window.activeTextEditor?.document.uri.toString() && this.show(r));
  }

  private show(result: ModelResult): void {
    const { error, warning, info, hint } = result.problems;
    const problems = error + warning + info + hint;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const hotspots = result.model?.kind === 'journey' ? result.model.hotspots.length : null;
    this.item.text = `$(map) ${plural(problems, 'problem')}` + (hotspots === null ? '' : ` $(flame) ${plural(hotspots, 'hotspot')}`);
    this.item.tooltip = new vscode.MarkdownString(
      `**Journey Maps**: ${error} errors, ${warning} warnings, ${info + hint} notes` +
        (hotspots === null ? '' : `, ${plural(hotspots, 'friction hotspot')}.\n\nClick to list the hotspots.`),
    );
    this.item.command = hotspots === null ? 'workbench.actions.view.problems' : 'journeymap.showHotspots';
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
