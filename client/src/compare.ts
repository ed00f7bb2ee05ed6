// "Journey: Compare with...": the map of a journey with another version of it laid over — its
// text at HEAD, a branch or a tag (through the built-in Git extension's API), or the as-is journey
// a to-be names (`baseline`). The other text is analysed by the server (`journeymap/analyseText`,
// the same core as the document) and handed to the preview, whose page draws the overlay and
// redraws it on every edit. Without Git (VS Code for the web, no repository) only the as-is is
// offered, and the command says why.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { FileModel, JourneyModel } from '../../server/src/core/model';
import { AnalyseTextParams, AnalyseTextRequest, AnalyseTextResult } from '../../server/src/protocol';
import { activeJourneyUri } from './documents';
import type { ModelStore } from './models';
import { fromUtf8 } from './portable';
import type { Preview, PreviewManager } from './preview';

// ---- The slice of the Git extension's API used here (extensions/git/src/api/git.d.ts) ----

const enum RefType {
  Head = 0,
  RemoteHead = 1,
  Tag = 2,
}
interface GitRef {
  type: RefType;
  name?: string;
  commit?: string;
}
interface GitRepository {
  rootUri: vscode.Uri;
  state: { HEAD?: GitRef; refs?: GitRef[]; onDidChange: vscode.Event<void> };
  getRefs?(query: { pattern?: string; count?: number }): Promise<GitRef[]>;
  show(ref: string, path: string): Promise<string>;
}
interface GitApi {
  state: 'uninitialized' | 'initialized';
  onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}
interface GitExtension {
  enabled: boolean;
  onDidChangeEnablement: vscode.Event<boolean>;
  getAPI(version: 1): GitApi;
}

/** Why Git is not offered, or the repository holding `uri`. */
async function repositoryOf(uri: vscode.Uri): Promise<{ repo: GitRepository } | { why: string }> {
  // The browser first: there every file is off the disk too, and the reason that matters is that Git itself is absent.
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext)
    return {
      why:
        vscode.env.uiKind === vscode.UIKind.Web
          ? 'Git versions need VS Code on the desktop: VS Code for the web (vscode.dev, github.dev) has no built-in Git.'
          : 'Git is not available here (the built-in Git extension is disabled or missing).',
    };
  if (uri.scheme !== 'file') return { why: 'Git is not available for this file (it is not on a local disk).' };
  const git = ext.isActive ? ext.exports : await ext.activate();
  if (!git?.enabled) return { why: 'Git is not available: it is turned off (git.enabled) or not installed.' };
  let api: GitApi;
  try {
    api = git.getAPI(1);
  } catch {
    return { why: 'Git is not available: the Git extension is still starting. Try again in a moment.' };
  }
  if (api.state !== 'initialized') {
    await new Promise<void>((resolve) => {
      const done = api.onDidChangeState((s) => s === 'initialized' && (done.dispose(), resolve()));
      setTimeout(() => (done.dispose(), resolve()), 10_000);
    });
  }
  let repo = api.getRepository(uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!repo && folder && api.openRepository) repo = await api.openRepository(folder.uri).catch(() => null);
  return repo ? { repo } : { why: `Git is not available: ${uri.path.split('/').pop()} is not in a Git repository.` };
}

async function refsOf(repo: GitRepository): Promise<GitRef[]> {
  const refs = repo.getRefs ? await repo.getRefs({}).catch(() => repo.state.refs ?? []) : (repo.state.refs ?? []);
  return refs.filter((r) => r.name && (r.type === RefType.Head || r.type === RefType.Tag || r.type === RefType.RemoteHead));
}

/** What to compare with: a git ref, or the journey's as-is. */
export type CompareTarget = { kind: 'git'; ref: string } | { kind: 'as-is' };

interface Pick extends vscode.QuickPickItem {
  target?: CompareTarget;
}

/** The choices of the quick pick: HEAD, branches and tags, the as-is; a line saying why Git is missing. */
async function choices(uri: vscode.Uri, model: JourneyModel | undefined): Promise<Pick[]> {
  const items: Pick[] = [];
  if (model?.baseline)
    items.push({
      label: '$(arrow-swap) As-is',
      description: `${model.baseline.title} (${model.baseline.id})`,
      detail: 'The journey this to-be journey names as its baseline',
      target: { kind: 'as-is' },
    });
  const found = await repositoryOf(uri);
  if ('why' in found) {
    items.push(
      { label: 'Git', kind: vscode.QuickPickItemKind.Separator },
      { label: '$(info) Git versions not available', detail: found.why },
    );
    return items;
  }
  const head = found.repo.state.HEAD;
  items.push({ label: 'Git', kind: vscode.QuickPickItemKind.Separator });
  items.push({
    label: '$(git-commit) HEAD',
    description: head?.name ? `the last commit on ${head.name}` : 'the last commit',
    target: { kind: 'git', ref: 'HEAD' },
  });
  for (const r of await refsOf(found.repo)) {
    const icon = r.type === RefType.Tag ? '$(tag)' : r.type === RefType.RemoteHead ? '$(cloud)' : '$(git-branch)';
    items.push({ label: `${icon} ${r.name}`, description: r.commit?.slice(0, 8), target: { kind: 'git', ref: r.name! } });
  }
  return items;
}

/** The other version's text and where its model is analysed as: the document's own URI, or the as-is's. */
async function otherText(
  uri: vscode.Uri,
  model: JourneyModel | undefined,
  target: CompareTarget,
): Promise<{ uri: vscode.Uri; text: string; label: string }> {
  if (target.kind === 'as-is') {
    const b = model?.baseline;
    if (!b) throw new Error('This journey names no as-is to compare with (a to-be journey names it with `baseline:`).');
    const asIs = vscode.Uri.parse(b.uri, true);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === asIs.toString());
    const text = open ? open.getText() : fromUtf8(await vscode.workspace.fs.readFile(asIs));
    return { uri: asIs, text, label: `as-is ${b.id}` };
  }
  const found = await repositoryOf(uri);
  if ('why' in found) throw new Error(found.why);
  let text: string;
  try {
    text = await found.repo.show(target.ref, uri.fsPath);
  } catch {
    throw new Error(`${uri.path.split('/').pop()} does not exist at ${target.ref} (or ${target.ref} is not a ref of this repository).`);
  }
  return { uri, text, label: target.ref };
}

/** One preview's compare mode: what it compares with, kept up to date while it lasts. */
class Comparison implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  constructor(
    readonly preview: Preview,
    readonly target: CompareTarget,
    store: ModelStore,
    private readonly refresh: () => void,
    asIsUri: vscode.Uri | undefined,
    repo: GitRepository | undefined,
  ) {
    // The as-is open and edited: its pushed model replaces the one compared with.
    if (asIsUri) {
      this.disposables.push(
        store.onDidChange((r) => {
          if (r.uri === asIsUri.toString() && r.model?.kind === 'journey')
            preview.setCompare({ label: preview.state().comparing ?? 'as-is', other: r.model });
        }),
      );
    }
    // A commit or checkout moves HEAD or a branch: read the ref's text again.
    if (repo) this.disposables.push(repo.state.onDidChange(() => this.refresh()));
  }
  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function registerCompare(client: BaseLanguageClient, store: ModelStore, previews: PreviewManager): vscode.Disposable[] {
  const active = new Map<Preview, Comparison>();
  const updateContext = () =>
    void vscode.commands.executeCommand(
      'setContext',
      'journeymap.comparing',
      [...active.keys()].some((p) => p.state().comparing !== null),
    );

  const analyse = async (uri: vscode.Uri, text: string): Promise<FileModel> => {
    if (!client.isRunning()) await client.start();
    const params: AnalyseTextParams = { uri: uri.toString(), text };
    const result = await client.sendRequest<AnalyseTextResult | null>(AnalyseTextRequest.method, params);
    if (!result?.model) throw new Error(`The other version cannot be drawn: ${result?.error?.message ?? 'it is not a journey'}.`);
    return result.model;
  };

  /** Compares the preview's document with `target`; resolves with the label shown, or throws with the reason. */
  const start = async (preview: Preview, target: CompareTarget): Promise<string> => {
    const uri = preview.uri;
    const model = (await store.fetch(uri))?.model;
    if (model && model.kind !== 'journey') throw new Error('Only a journey has versions to compare.');
    const other = await otherText(uri, model ?? undefined, target);
    const otherModel = await analyse(other.uri, other.text);
    if (otherModel.kind !== 'journey') throw new Error(`The version at ${other.label} is not a journey.`);
    active.get(preview)?.dispose();
    const found = target.kind === 'git' ? await repositoryOf(uri) : undefined;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const comparison = new Comparison(
      preview,
      target,
      store,
      () => {
        // Git reports often while it works: re-read once it settles.
        clearTimeout(pending);
        pending = setTimeout(() => {
          if (active.get(preview) !== comparison) return;
          otherText(uri, model ?? undefined, target)
            .then((o) => analyse(o.uri, o.text))
            .then((m) => active.get(preview) === comparison && m.kind === 'journey' && preview.setCompare({ label: other.label, other: m }))
            .catch(() => undefined);
        }, 500);
      },
      target.kind === 'as-is' ? other.uri : undefined,
      found && 'repo' in found ? found.repo : undefined,
    );
    active.set(preview, comparison);
    preview.setCompare({ label: other.label, other: otherModel });
    updateContext();
    return other.label;
  };

  const stop = (preview: Preview | undefined) => {
    if (!preview) return;
    active.get(preview)?.dispose();
    active.delete(preview);
    preview.setCompare(null);
    updateContext();
  };

  const previewFor = async (): Promise<Preview | undefined> => {
    const current = previews.focused() ?? (activeJourneyUri() ? undefined : previews.current());
    if (current) return current;
    const uri = activeJourneyUri();
    return uri ? previews.open(uri, true) : previews.current();
  };

  return [
    /**
     * `journeymap.compareWith` (editor title and palette): with no argument a quick pick; with
     * `'HEAD'`, a ref name or `'as-is'` it compares without asking (tests, keybindings). Resolves
     * with the label shown, or undefined when nothing was compared.
     */
    vscode.commands.registerCommand('journeymap.compareWith', async (arg?: string) => {
      const preview = await previewFor();
      if (!preview) {
        void vscode.window.showInformationMessage('Open a journey to compare its map with another version.');
        return undefined;
      }
      let target: CompareTarget | undefined;
      if (typeof arg === 'string' && arg) target = arg === 'as-is' ? { kind: 'as-is' } : { kind: 'git', ref: arg };
      else {
        const model = (await store.fetch(preview.uri))?.model;
        const items = await choices(preview.uri, model?.kind === 'journey' ? model : undefined);
        if (!items.some((i) => i.target)) {
          const why = items.find((i) => i.detail && !i.target)?.detail ?? '';
          void vscode.window.showInformationMessage(`Nothing to compare with: ${why} This journey names no as-is baseline either.`);
          return undefined;
        }
        const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Compare the map with...', matchOnDescription: true });
        target = picked?.target;
        if (!target) return undefined;
      }
      try {
        return await start(preview, target);
      } catch (e) {
        void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
        return undefined;
      }
    }),
    vscode.commands.registerCommand('journeymap.leaveCompare', () => stop(previews.focused() ?? previews.current())),
    // The page's own "Leave compare" button, a switch of file, a closed panel.
    previews.onDidLeaveCompare((preview) => {
      active.get(preview)?.dispose();
      active.delete(preview);
      updateContext();
    }),
    { dispose: () => [...active.values()].forEach((c) => c.dispose()) },
  ];
}
