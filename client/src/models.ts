// The latest journey model of each open document, as the server pushes it
// (`journeymap/modelChanged`) or as it answers `journeymap/model`. The preview, the status bar
// and the hotspot list all read it from here.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ModelChangedNotification, ModelParams, ModelRequest, ModelResult } from '../../server/src/protocol';

export class ModelStore implements vscode.Disposable {
  private readonly results = new Map<string, ModelResult>();
  private readonly changed = new vscode.EventEmitter<ModelResult>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly client: BaseLanguageClient) {
    this.disposables.push(
      client.onNotification(ModelChangedNotification.method, (result: ModelResult) => this.update(result)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.results.delete(doc.uri.toString())),
    );
  }

  get(uri: vscode.Uri): ModelResult | undefined {
    return this.results.get(uri.toString());
  }

  /** The current model of a document: the pushed one if it is up to date, else asks the server. */
  async fetch(uri: vscode.Uri): Promise<ModelResult | undefined> {
    const known = this.get(uri);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (known && (!doc || known.version === doc.version)) return known;
    try {
      if (!this.client.isRunning()) await this.client.start();
      const params: ModelParams = { uri: uri.toString() };
      const result = await this.client.sendRequest<ModelResult | null>(ModelRequest.method, params);
      if (result) this.update(result);
      return result ?? known;
    } catch {
      // The server may be restarting; the next push brings the model.
      return known;
    }
  }

  private update(result: ModelResult): void {
    const old = this.results.get(result.uri);
    if (old && old.version > result.version) return; // a late answer for an older version
    this.results.set(result.uri, result);
    this.changed.fire(result);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
