// The palette commands. Each accepts optional arguments in place of its prompts, so that tests
// (and keybindings or tasks) can run it without UI; with no arguments it asks the user.
import * as vscode from 'vscode';
import { parseDocument } from 'yaml';
import { ID_PATTERN } from '../../server/src/core/ids';
import type { Hotspot, JourneyModel } from '../../server/src/core/model';
import { lostPhrase, riskPhrase } from '../../server/src/core/explain';
import { baselineToCopy, personasToCopy, sampleFacts, starterText } from '../../server/src/core/starter';
import type { IdsResult } from '../../server/src/protocol';
import { activeJourneyUri, showDocument } from './documents';
import { exists, saveExport } from './exports';
import { basename, fromUtf8, utf8 } from './portable';
import type { ModelStore } from './models';
import type { PreviewManager } from './preview';

export interface CommandDeps {
  context: vscode.ExtensionContext;
  store: ModelStore;
  previews: PreviewManager;
  restartServer: () => Promise<void>;
  mermaid: (model: JourneyModel) => string;
  /** The journey and persona ids the workspace defines, from the server's index. */
  workspaceIds: () => Promise<IdsResult>;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { previews } = deps;
  const register = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    register('journeymap.openPreviewToSide', (uri?: vscode.Uri) => openPreview(previews, uri, true)),
    register('journeymap.openPreview', (uri?: vscode.Uri) => openPreview(previews, uri, false)),
    register('journeymap.togglePreviewLock', () => previews.current()?.toggleLock()),
    register('journeymap.newFromSample', (sample?: string, folder?: vscode.Uri | string) => newFromSample(deps, sample, folder)),
    register('journeymap.newPersona', (id?: string, folder?: vscode.Uri | string) => newPersona(deps, id, folder)),
    register('journeymap.exportSvg', (target?: vscode.Uri | string) => exportMap(previews, 'svg', target)),
    register('journeymap.exportPng', (target?: vscode.Uri | string) => exportMap(previews, 'png', target)),
    register('journeymap.copyMermaid', () => copyMermaid(deps)),
    register('journeymap.showHotspots', (rank?: number) => showHotspots(deps.store, previews, rank)),
    register('journeymap.restartServer', () => deps.restartServer()),
    // Test-only: what each preview received. Not contributed, so not in the palette.
    register('journeymap._previewState', () => previews.states()),
  ];
}

async function openPreview(previews: PreviewManager, uri: vscode.Uri | undefined, toSide: boolean) {
  const target = uri instanceof vscode.Uri ? uri : activeJourneyUri();
  if (!target) {
    void vscode.window.showInformationMessage('Open a journey or persona file to see its map.');
    return undefined;
  }
  const preview = await previews.open(target, toSide);
  return preview.state();
}

// ---- New files -------------------------------------------------------------------------

interface Sample {
  file: vscode.Uri;
  id: string;
  title: string;
  description?: string;
}

async function readSamples(context: vscode.ExtensionContext): Promise<{ journeys: Sample[]; personas: Sample[] }> {
  const dir = vscode.Uri.joinPath(context.extensionUri, 'samples');
  const journeys: Sample[] = [];
  const personas: Sample[] = [];
  for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
    if (type !== vscode.FileType.File) continue;
    const file = vscode.Uri.joinPath(dir, name);
    const root = parseDocument(await readText(file)).toJS() as Record<string, unknown> | null;
    if (!root || typeof root !== 'object') continue;
    if (/\.journey\.ya?ml$/.test(name) && typeof root.journey === 'string') {
      journeys.push({ file, id: root.journey, title: String(root.title ?? root.journey), description: str(root.description) });
    } else if (/\.persona\.ya?ml$/.test(name) && typeof root.persona === 'string') {
      personas.push({ file, id: root.persona, title: String(root.name ?? root.persona) });
    }
  }
  journeys.sort((a, b) => a.title.localeCompare(b.title));
  return { journeys, personas };
}

/**
 * Copies a bundled sample journey into the workspace under a fresh id and file name, with the
 * persona files it names that the workspace lacks, then opens it. Never writes over a file.
 */
async function newFromSample(deps: CommandDeps, sampleId?: string, folderArg?: vscode.Uri | string) {
  const { journeys, personas } = await readSamples(deps.context);
  let sample = journeys.find((s) => s.id === sampleId || basename(s.file.path).startsWith(`${sampleId}.`));
  if (!sample) {
    if (sampleId !== undefined) throw new Error(`No bundled sample named ${sampleId}.`);
    const picked = await vscode.window.showQuickPick(
      journeys.map((s) => ({ label: s.title, description: s.id, detail: s.description, sample: s })),
      { title: 'New Journey from Sample', placeHolder: 'Pick a sample journey to copy into the workspace', matchOnDetail: true },
    );
    if (!picked) return undefined;
    sample = picked.sample;
  }
  const folder = await targetFolder(folderArg);
  if (!folder) return undefined;

  const text = await readText(sample.file);
  const taken = await deps.workspaceIds();
  const { uri, id } = await freeFile(folder, sample.id, 'journey', taken);
  // The extension gives the schemas by file name; a sample's `../schemas/` modeline would not resolve here.
  await vscode.workspace.fs.writeFile(uri, utf8(starterText(text, 'journey', id, null)));

  // A to-be sample's as-is journey comes along under its own id when the workspace lacks it, so
  // the copy's `baseline` resolves (as `journeymap new` does: core/starter.ts decides for both).
  const copies = [{ ...sample, text }];
  const texts = await Promise.all(journeys.map(async (j) => ({ ...j, text: j === sample ? text : await readText(j.file) })));
  const baseline = baselineToCopy(copies[0], texts, (j) => taken.journeys.includes(j));
  if (baseline) {
    const target = vscode.Uri.joinPath(folder, basename(baseline.file.path));
    if (!(await exists(target))) {
      await vscode.workspace.fs.writeFile(target, utf8(starterText(baseline.text, 'journey', baseline.id, null)));
      copies.push(baseline);
    }
  }
  for (const personaId of personasToCopy(
    copies.map((c) => c.text),
    (p) => taken.personas.includes(p),
  )) {
    const persona = personas.find((p) => p.id === personaId);
    if (!persona) continue;
    const target = vscode.Uri.joinPath(folder, basename(persona.file.path));
    if (!(await exists(target)))
      await vscode.workspace.fs.writeFile(target, utf8(starterText(await readText(persona.file), 'persona', personaId, null)));
  }
  // Their data files too, at the same paths relative to the copy, never over a file.
  for (const copy of copies) {
    for (const rel of sampleFacts(copy.text).data) {
      if (rel.startsWith('/') || rel.split('/').includes('..')) continue;
      const source = vscode.Uri.joinPath(copy.file, '..', rel);
      const target = vscode.Uri.joinPath(folder, rel);
      if ((await exists(target)) || !(await exists(source))) continue;
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
      await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(source));
    }
  }
  await showDocument(uri);
  return uri;
}

async function newPersona(deps: CommandDeps, idArg?: string, folderArg?: vscode.Uri | string) {
  const folder = await targetFolder(folderArg);
  if (!folder) return undefined;
  const id =
    idArg ??
    (await vscode.window.showInputBox({
      title: 'New Persona',
      prompt: 'Persona id (kebab-case), as journeys will name it in `personas`',
      placeHolder: 'first-time-buyer',
      validateInput: (v) => (ID_PATTERN.test(v) ? undefined : 'Use lower-case letters, digits and single dashes, e.g. first-time-buyer'),
    }));
  if (!id) return undefined;
  if (!ID_PATTERN.test(id)) throw new Error(`"${id}" is not a valid persona id.`);
  const free = await freeFile(folder, id, 'persona', await deps.workspaceIds());
  const name = id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  // Placeholders that are valid values, so the new file starts without errors.
  const text = [
    `persona: ${free.id}`,
    `name: ${name}`,
    'role: Their role',
    'segment: Their segment',
    'quote: "What they would say about this"',
    'goals: [What they want to achieve]',
    'frustrations: [What gets in their way]',
    'channels: [web]',
    '',
  ].join('\n');
  await vscode.workspace.fs.writeFile(free.uri, utf8(text));
  const editor = await showDocument(free.uri);
  editor.selection = new vscode.Selection(1, 6, 1, 6 + name.length); // the name, ready to type over
  return free.uri;
}

/** `<id>.<kind>.yaml` in the folder, or `<id>-2...` while that name or id is taken. */
async function freeFile(
  folder: vscode.Uri,
  base: string,
  kind: 'journey' | 'persona',
  ids: IdsResult,
): Promise<{ uri: vscode.Uri; id: string }> {
  const taken = new Set(kind === 'journey' ? ids.journeys : ids.personas);
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    const uri = vscode.Uri.joinPath(folder, `${id}.${kind}.yaml`);
    const yml = vscode.Uri.joinPath(folder, `${id}.${kind}.yml`);
    if (!taken.has(id) && !(await exists(uri)) && !(await exists(yml))) return { uri, id };
  }
}

async function targetFolder(arg?: vscode.Uri | string): Promise<vscode.Uri | undefined> {
  if (arg) return typeof arg === 'string' ? vscode.Uri.file(arg) : arg;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should the new file go?' }))?.uri;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Create here' });
  return picked?.[0];
}

// ---- Map exports -------------------------------------------------------------------------

async function exportMap(previews: PreviewManager, format: 'svg' | 'png', targetArg?: vscode.Uri | string) {
  const preview = await previewForExport(previews);
  if (!preview) return undefined;
  const data = await preview.export(format);
  const target = typeof targetArg === 'string' ? vscode.Uri.file(targetArg) : targetArg;
  return saveExport(preview.uri, format, data, target);
}

/** The preview to export: the current one, or a new one beside the active journey editor. */
async function previewForExport(previews: PreviewManager) {
  let preview = previews.current();
  if (!preview) {
    const uri = activeJourneyUri();
    if (!uri) {
      void vscode.window.showInformationMessage('Open a journey file to export its map.');
      return undefined;
    }
    preview = await previews.open(uri, true);
  }
  if (!(await preview.whenShowing())) throw new Error('The map did not load.');
  return preview;
}

// ---- Model-based commands ---------------------------------------------------------------

async function activeJourney(store: ModelStore, previews?: PreviewManager): Promise<JourneyModel | undefined> {
  const uri = activeJourneyUri() ?? previews?.current()?.uri;
  if (!uri) return undefined;
  const result = await store.fetch(uri);
  return result?.model?.kind === 'journey' ? result.model : undefined;
}

async function copyMermaid(deps: CommandDeps) {
  const model = await activeJourney(deps.store, deps.previews);
  if (!model) {
    void vscode.window.showInformationMessage('Open a journey file (without syntax errors) to copy it as Mermaid.');
    return undefined;
  }
  const text = deps.mermaid(model);
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(`Copied "${model.title}" as a Mermaid journey diagram.`);
  return text;
}

async function showHotspots(store: ModelStore, previews: PreviewManager, rank?: number) {
  // From the status bar while the map has the focus: the map's journey.
  const uri = activeJourneyUri() ?? previews.focused()?.uri;
  const result = uri ? await store.fetch(uri) : undefined;
  const model = result?.model?.kind === 'journey' ? result.model : undefined;
  if (!uri || !model) {
    void vscode.window.showInformationMessage('Open a journey file to list its hotspots.');
    return undefined;
  }
  if (model.hotspots.length === 0) {
    void vscode.window.showInformationMessage(
      `"${model.title}" has no touchpoint at or over the friction threshold (${model.frictionThreshold}).`,
    );
    return null;
  }
  let chosen: Hotspot | undefined;
  if (typeof rank === 'number') {
    chosen = model.hotspots.find((h) => h.rank === rank);
  } else {
    const picked = await vscode.window.showQuickPick(
      model.hotspots.map((h) => ({
        label: `#${h.rank} ${h.name}`,
        description: describeHotspot(model, h),
        detail: stageOf(model, h),
        hotspot: h,
      })),
      { title: `Hotspots of ${model.title}`, placeHolder: 'Ranked by revenue at risk, then friction' },
    );
    chosen = picked?.hotspot;
  }
  if (!chosen) return undefined;
  const touchpoint = model.touchpoints[chosen.touchpointIndex];
  const editor = await showDocument(uri);
  const r = touchpoint.nameRange;
  const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return chosen;
}

function describeHotspot(model: JourneyModel, h: Hotspot): string {
  const t = model.touchpoints[h.touchpointIndex];
  return `friction ${h.friction.toFixed(2)} · ${lostPhrase(model, t)} · ${riskPhrase(model, t)} · confidence ${h.confidence}`;
}

function stageOf(model: JourneyModel, h: Hotspot): string {
  const t = model.touchpoints[h.touchpointIndex];
  return `${model.stages[t.stageIndex]?.name ?? t.stageId} › ${t.id}`;
}

// ---- Files ------------------------------------------------------------------------------

async function readText(uri: vscode.Uri): Promise<string> {
  return fromUtf8(await vscode.workspace.fs.readFile(uri));
}

const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
