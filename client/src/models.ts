// The latest journey model of each open document, as the server pushes it
// (`journeymap/modelChanged`) or as it answers `journeymap/model`. The preview, the status bar
// and the hotspot list all read it from here.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { applyModelDiff } from '../../server/src/modelDiff';
import {
  ModelChangedNotification,
  ModelDiffNotification,
  ModelDiffResult,
  ModelParams,
  ModelRequest,
  ModelResult,
} from '../../server/src/protocol';

export class ModelStore implements vscode.Disposable {
  private readonly results = new Map<string, ModelResult>();
  /** The diff that made each document's current result, if a diff did: the preview posts it instead of the model. */
  private readonly diffs = new Map<string, ModelDiffResult>();
  private readonly changed = new vscode.EventEmitter<ModelResult>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly client: BaseLanguageClient) {
    this.disposables.push(
      client.onNotification(ModelChangedNotification.method, (result: ModelResult) => this.update(result)),
      client.onNotification(ModelDiffNotification.method, (diff: ModelDiffResult) => this.patch(diff)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.results.delete(doc.uri.toString());
        this.diffs.delete(doc.uri.toString());
      }),
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

  /** The diff that turned the previous result into `result`, if that is how it came. */
  diffFor(result: ModelResult): ModelDiffResult | undefined {
    const d = this.diffs.get(result.uri);
    return d && d.version === result.version && this.results.get(result.uri) === result ? d : undefined;
  }

  private update(result: ModelResult, diff?: ModelDiffResult): void {
    const old = this.results.get(result.uri);
    if (old && old.version > result.version) return; // a late answer for an older version
    this.results.set(result.uri, result);
    if (diff) this.diffs.set(result.uri, diff);
    else this.diffs.delete(result.uri);
    this.changed.fire(result);
  }

  /** A diff from the server: applied to the model it was made from, else the whole model is asked for. */
  private patch(d: ModelDiffResult): void {
    const old = this.results.get(d.uri);
    const model = old && old.version === d.base ? applyModelDiff(old.model, d.diff) : null;
    if (model) {
      this.update({ uri: d.uri, version: d.version, model, problems: d.problems }, d);
      return;
    }
    // A missed version (or a copy the diff does not fit): the whole model, as of now.
    if (old && old.version >= d.version) return;
    void this.refetch(d.uri);
  }

  private async refetch(uri: string): Promise<void> {
    try {
      const params: ModelParams = { uri };
      const result = await this.client.sendRequest<ModelResult | null>(ModelRequest.method, params);
      if (result) this.update(result);
    } catch {
      // The server may be restarting; the next push brings the model.
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
