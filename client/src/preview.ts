// The map preview, as VS Code users know it from Markdown: one panel per document, beside the
// editor or in its place, following the active journey editor unless locked, restored after a
// reload, closed with its file. The page itself is webview/src; this side feeds it the model
// from the language server and keeps editor and map in sync.
import * as vscode from 'vscode';
import type { FileModel, JourneyModel } from '../../server/src/core/model';
import type { Range } from '../../server/src/core/types';
import { HostToWebview, ModelResult, parseWebviewMessage, WebviewToHost } from '../../server/src/protocol';
import { webviewHtml } from '../../webview/src/html';
import { isJourneyDocument, showDocument } from './documents';
import { exists, saveExport } from './exports';
import { basename, nonce } from './portable';
import type { ModelStore } from './models';

export const PREVIEW_VIEW_TYPE = 'journeymap.preview';

/** What the webview keeps across reloads (it calls setState with at least `uri`). */
interface SavedState {
  uri?: unknown;
  locked?: unknown;
}

/** What the test suite may ask about a preview: did the page start, which model did it get. */
export interface PreviewState {
  uri: string;
  locked: boolean;
  ready: boolean;
  title: string;
  /** Version of the last model posted to a ready webview, or null. */
  postedVersion: number | null;
  postedTouchpoints: number | null;
  visible: boolean;
  viewColumn: number | undefined;
  /** What the map is compared with (compare.ts), or null. */
  comparing: string | null;
}

/** How long after a click's reveal the map taking focus back is undone (its own click's late focus event). */
const REVEAL_FOCUS_MS = 1000;

class Preview implements vscode.Disposable {
  private ready = false;
  private posted: ModelResult | null = null;
  private waitingExports: { format: 'svg' | 'png'; resolve: (data: string) => void }[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  /** Compare mode (compare.ts): the other version, sent again when the page reloads. */
  private comparing: { label: string; other: FileModel } | null = null;
  private readonly leftCompare = new vscode.EventEmitter<void>();
  /** Compare mode ended without compare.ts asking: the page's button, another file, the panel closed. */
  readonly onDidLeaveCompare = this.leftCompare.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private resource: vscode.Uri,
    private locked: boolean,
    private readonly store: ModelStore,
    extensionUri: vscode.Uri,
  ) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [dist] };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'journey-file.svg');
    panel.webview.html = webviewHtml({
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      cspSource: panel.webview.cspSource,
      nonce: nonce(),
      title: this.title(),
    });
    this.updateTitle();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        // The allow-list: a message of any other shape is dropped unread.
        const message = parseWebviewMessage(raw);
        if (message) void this.receive(message);
      }),
      panel.onDidDispose(() => this.dispose()),
      store.onDidChange((result) => {
        if (result.uri === this.resource.toString()) this.postModel(result);
      }),
      vscode.window.onDidChangeActiveColorTheme(() => {
        if (this.posted) this.post({ type: 'model', result: this.posted, theme: themeKind() });
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() === this.resource.toString()) this.highlight(e.selections[0].active);
      }),
      this.disposed,
      this.leftCompare,
    );
  }

  get uri(): vscode.Uri {
    return this.resource;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  state(): PreviewState {
    return {
      uri: this.resource.toString(),
      locked: this.locked,
      ready: this.ready,
      title: this.panel.title,
      postedVersion: this.posted?.version ?? null,
      postedTouchpoints: this.posted?.model?.kind === 'journey' ? this.posted.model.touchpoints.length : null,
      visible: this.panel.visible,
      viewColumn: this.panel.viewColumn,
      comparing: this.comparing?.label ?? null,
    };
  }

  setResource(uri: vscode.Uri): void {
    if (uri.toString() === this.resource.toString()) return;
    this.resource = uri;
    this.posted = null;
    this.endCompare();
    this.updateTitle();
    void this.sendModel();
  }

  /** Enters, updates or (null) leaves compare mode. */
  setCompare(c: { label: string; other: FileModel } | null): void {
    const was = this.comparing;
    this.comparing = c;
    if (c) this.post({ type: 'compare', uri: this.resource.toString(), label: c.label, other: c.other });
    else if (was) this.post({ type: 'leaveCompare' });
  }

  private endCompare(tellPage = true): void {
    if (!this.comparing) return;
    if (tellPage) this.setCompare(null);
    else this.comparing = null;
    this.leftCompare.fire();
  }

  toggleLock(): void {
    this.locked = !this.locked;
    this.updateTitle();
  }

  /** Asks the map for its picture; resolves with what it sends back, or rejects after 20 s. */
  export(format: 'svg' | 'png'): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The map did not answer the export request.')), 20_000);
      this.waitingExports.push({
        format,
        resolve: (data) => {
          clearTimeout(timer);
          resolve(data);
        },
      });
      this.post({ type: 'export', format });
    });
  }

  /** Resolves once the webview said it is ready and got a model (or after the timeout). */
  async whenShowing(timeoutMs = 15_000): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (!(this.ready && this.posted) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    return this.ready && this.posted !== null;
  }

  private async receive(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.sendModel();
        if (this.comparing) this.setCompare(this.comparing);
        return;
      case 'resync':
        // The map's copy did not fit a diff: the whole model.
        this.posted = null;
        await this.sendModel();
        return;
      case 'reveal':
        // Only ranges of this preview's own document; the page cannot steer other files.
        if (message.uri === this.resource.toString()) await this.reveal(message.range);
        return;
      case 'exported': {
        // An answer to a command's request, or the map's own export button: ask where to save.
        const waiting = this.waitingExports.filter((w) => w.format === message.format);
        this.waitingExports = this.waitingExports.filter((w) => w.format !== message.format);
        if (waiting.length) for (const w of waiting) w.resolve(message.data);
        else await saveExport(this.resource, message.format, message.data).catch((e: Error) => vscode.window.showErrorMessage(e.message));
        return;
      }
      case 'copyMermaid':
        await vscode.env.clipboard.writeText(message.text);
        void vscode.window.showInformationMessage('Copied the journey as a Mermaid diagram.');
        return;
      case 'leaveCompare':
        this.endCompare();
        return;
    }
  }

  private async sendModel(): Promise<void> {
    const result = await this.store.fetch(this.resource);
    if (!result || result.uri !== this.resource.toString()) return;
    this.post({ type: 'model', result, theme: themeKind() });
    // A map that opens (or switches file) shows where the cursor already is, not only where it
    // moves next.
    const editor = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].find(
      (e) => e?.document.uri.toString() === this.resource.toString(),
    );
    if (editor) this.highlight(editor.selection.active);
  }

  /** A new model for the map: as the diff it came by when the map holds that diff's base, else whole. */
  private postModel(result: ModelResult): void {
    const diff = this.store.diffFor(result);
    if (diff && this.ready && this.posted?.model && this.posted.version === diff.base) {
      this.posted = result;
      void this.panel.webview.postMessage({ type: 'modelDiff', result: diff } satisfies HostToWebview);
    } else this.post({ type: 'model', result, theme: themeKind() });
  }

  private post(message: HostToWebview): void {
    if (!this.ready) return; // the page asks with 'ready' and gets the model then
    if (message.type === 'model') this.posted = message.result;
    void this.panel.webview.postMessage(message);
  }

  private highlight(cursor: vscode.Position): void {
    const model = this.posted?.model;
    if (model?.kind !== 'journey') return;
    const { touchpointIndex, stageIndex } = findAt(model, cursor);
    this.post({ type: 'highlight', uri: this.resource.toString(), touchpointIndex, stageIndex });
  }

  private async reveal(range: Range): Promise<void> {
    // The click's own focus can reach the workbench after the editor took it (a webview reports
    // focus asynchronously): the map then became the active panel again and the cursor left the
    // editor (seen once in five busy runs). Focus goes back to the editor once if so, shortly after.
    const refocus = this.panel.onDidChangeViewState((e) => {
      if (!e.webviewPanel.active) return;
      refocus.dispose();
      void showDocument(this.resource);
    });
    setTimeout(() => refocus.dispose(), REVEAL_FOCUS_MS);
    const editor = await showDocument(this.resource);
    const target = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    editor.selection = new vscode.Selection(target.start, target.end);
    editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private title(): string {
    const name = basename(this.resource.path);
    return this.locked ? `[Map] ${name}` : `Map ${name}`;
  }

  private updateTitle(): void {
    this.panel.title = this.title();
  }

  dispose(): void {
    this.endCompare(false);
    this.disposed.fire();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

/** The touchpoint (or else the stage) whose range holds the cursor. */
export function findAt(
  model: JourneyModel,
  cursor: { line: number; character: number },
): { touchpointIndex: number | null; stageIndex: number | null } {
  const inside = (r: Range) =>
    (cursor.line > r.start.line || (cursor.line === r.start.line && cursor.character >= r.start.character)) &&
    (cursor.line < r.end.line || (cursor.line === r.end.line && cursor.character <= r.end.character));
  const touchpoint = model.touchpoints.find((t) => inside(t.range));
  if (touchpoint) return { touchpointIndex: touchpoint.index, stageIndex: touchpoint.stageIndex };
  const stage = model.stages.find((s) => inside(s.range));
  return { touchpointIndex: null, stageIndex: stage ? stage.index : null };
}

function themeKind(): 'light' | 'dark' | 'high-contrast' {
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.Dark:
      return 'dark';
    default:
      return 'high-contrast';
  }
}

export class PreviewManager implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly previews = new Set<Preview>();
  private readonly disposables: vscode.Disposable[] = [];
  private activePreview: Preview | undefined;
  private readonly focusChanged = new vscode.EventEmitter<void>();
  /** A map panel gained or lost the focus (the status bar follows the map's document then). */
  readonly onDidChangeFocus = this.focusChanged.event;
  private readonly compareLeft = new vscode.EventEmitter<Preview>();
  /** A preview left compare mode on its own (compare.ts forgets it). */
  readonly onDidLeaveCompare = this.compareLeft.event;

  constructor(
    private readonly store: ModelStore,
    private readonly extensionUri: vscode.Uri,
    watcher: vscode.FileSystemWatcher,
  ) {
    this.disposables.push(
      this.focusChanged,
      this.compareLeft,
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.follow(editor.document)),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.closeUnder(uri))),
      watcher.onDidDelete((uri) => this.closeUnder(uri)),
    );
  }

  /** Opens (or reveals) the one preview of a document. */
  async open(uri: vscode.Uri, toSide: boolean): Promise<Preview> {
    const existing = [...this.previews].find((p) => p.uri.toString() === uri.toString());
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn, toSide);
      return existing;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Map', { viewColumn: column, preserveFocus: toSide });
    return this.adopt(panel, uri, false);
  }

  /** The preview the user is looking at, or else the one of the active editor's document. */
  current(): Preview | undefined {
    if (this.activePreview?.panel.active) return this.activePreview;
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    return [...this.previews].find((p) => p.uri.toString() === uri) ?? this.activePreview;
  }

  /** The preview whose panel has the focus, if any. */
  focused(): Preview | undefined {
    return [...this.previews].find((p) => p.panel.active);
  }

  states(): PreviewState[] {
    return [...this.previews].map((p) => p.state());
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = (state ?? {}) as SavedState;
    const uri = typeof saved.uri === 'string' ? vscode.Uri.parse(saved.uri, true) : undefined;
    if (!uri || !(await exists(uri))) {
      panel.dispose();
      return;
    }
    // The lock survives a reload in the title, which VS Code restores with the panel.
    const locked = saved.locked === true || panel.title.startsWith('[Map]');
    this.adopt(panel, uri, locked);
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri, locked: boolean): Preview {
    const preview = new Preview(panel, uri, locked, this.store, this.extensionUri);
    this.previews.add(preview);
    this.activePreview = preview;
    const left = preview.onDidLeaveCompare(() => this.compareLeft.fire(preview));
    const viewState = panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.activePreview = preview;
      this.focusChanged.fire();
    });
    preview.onDidDispose(() => {
      viewState.dispose();
      left.dispose();
      this.previews.delete(preview);
      if (this.activePreview === preview) this.activePreview = undefined;
      this.focusChanged.fire();
    });
    return preview;
  }

  /** An unlocked preview switches to the journey the user moved to, unless it has its own. */
  private follow(doc: vscode.TextDocument): void {
    if (!isJourneyDocument(doc) || !vscode.workspace.getConfiguration('journeymap.preview').get('followActiveEditor', true)) return;
    if ([...this.previews].some((p) => p.uri.toString() === doc.uri.toString())) return;
    const unlocked = [...this.previews].find((p) => !p.isLocked);
    unlocked?.setResource(doc.uri);
  }

  private closeUnder(deleted: vscode.Uri): void {
    const gone = deleted.toString();
    for (const p of [...this.previews]) {
      const uri = p.uri.toString();
      if (uri === gone || uri.startsWith(gone.endsWith('/') ? gone : gone + '/')) p.dispose();
    }
  }

  dispose(): void {
    for (const p of [...this.previews]) p.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export type { Preview };
