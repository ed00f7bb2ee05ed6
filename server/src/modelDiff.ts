// The model by difference (issue 18): after a keystroke the server sends what changed in a
// journey's model instead of the whole of it (about 4 MB of JSON at 5,000 touchpoints): the
// touchpoints and stages that changed, by index, the new lengths of those lists, and every other
// top-level field (summary, hotspots, personas...) that changed, whole. The extension and the
// webview patch their copy with `applyModelDiff`. Pure and dependency-free (types only), so the
// server, the client and the webview all import it, as they do protocol.ts.
import type { FileModel, JourneyModel } from './core/model';
import type { ModelDiffResult, ModelResult } from './protocol';

/** One list of the model (touchpoints or stages) patched by index. */
export interface ListDiff<T> {
  /** The list's new length: items past it are dropped. */
  length: number;
  /** `[index, item]`: the items that changed or are new. */
  set: [number, T][];
}

export interface ModelDiff {
  touchpoints: ListDiff<JourneyModel['touchpoints'][number]>;
  stages: ListDiff<JourneyModel['stages'][number]>;
  /** Every other top-level field whose value changed, with its new value. */
  fields: Partial<Record<string, unknown>>;
  /** Top-level fields the new model no longer has. */
  removed: string[];
}

/** JSON values compared by content (a model is plain JSON: no dates, maps or cycles). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    // NaN never reaches JSON (it becomes null); compare it as JSON would.
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  const arr = Array.isArray(a);
  if (arr !== Array.isArray(b)) return false;
  if (arr) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (!Object.prototype.hasOwnProperty.call(x, k) || x[k] === undefined) continue;
    n++;
    if (!Object.prototype.hasOwnProperty.call(y, k) || !sameJson(x[k], y[k])) return false;
  }
  let m = 0;
  for (const k in y) if (Object.prototype.hasOwnProperty.call(y, k) && y[k] !== undefined) m++;
  return n === m;
}

function listDiff<T>(before: readonly T[], after: readonly T[]): ListDiff<T> {
  const set: [number, T][] = [];
  for (let i = 0; i < after.length; i++) if (i >= before.length || !sameJson(before[i], after[i])) set.push([i, after[i]]);
  return { length: after.length, set };
}

const LISTS = new Set(['touchpoints', 'stages']);

/**
 * What turns `before` into `after`, or null when only the whole model will do: either side is
 * not a journey, or they are different documents.
 */
export function diffModels(before: FileModel | null, after: FileModel | null): ModelDiff | null {
  if (!before || !after || before.kind !== 'journey' || after.kind !== 'journey' || before.uri !== after.uri) return null;
  const fields: Record<string, unknown> = {};
  const removed: string[] = [];
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  for (const k of Object.keys(a)) {
    if (LISTS.has(k) || a[k] === undefined) continue;
    if (!sameJson(b[k], a[k])) fields[k] = a[k];
  }
  for (const k of Object.keys(b)) if (!LISTS.has(k) && b[k] !== undefined && a[k] === undefined) removed.push(k);
  return { touchpoints: listDiff(before.touchpoints, after.touchpoints), stages: listDiff(before.stages, after.stages), fields, removed };
}

/** True when the diff changes nothing. */
export function isEmptyDiff(d: ModelDiff, before: JourneyModel): boolean {
  return (
    d.touchpoints.set.length === 0 &&
    d.touchpoints.length === before.touchpoints.length &&
    d.stages.set.length === 0 &&
    d.stages.length === before.stages.length &&
    Object.keys(d.fields).length === 0 &&
    d.removed.length === 0
  );
}

function applyList<T>(before: readonly T[], d: ListDiff<T>): T[] {
  const out = before.slice(0, d.length);
  out.length = d.length; // a longer list: new items fill the end (holes are refused below)
  for (const [i, item] of d.set) out[i] = item;
  return out;
}

/**
 * `base` patched by `diff`: a new model object (the base is not changed; unchanged touchpoints
 * and stages are the base's own objects). Null when the diff does not fit the base (not a
 * journey, an index out of range, a list with holes): the caller then asks for the whole model.
 */
export function applyModelDiff(base: FileModel | null, diff: ModelDiff): JourneyModel | null {
  if (!base || base.kind !== 'journey' || !isListDiff(diff.touchpoints) || !isListDiff(diff.stages)) return null;
  if (typeof diff.fields !== 'object' || diff.fields === null || !Array.isArray(diff.removed)) return null;
  const out: Record<string, unknown> = { ...(base as unknown as Record<string, unknown>) };
  for (const k of diff.removed) if (typeof k === 'string' && !LISTS.has(k)) delete out[k];
  for (const [k, v] of Object.entries(diff.fields)) if (!LISTS.has(k) && k !== '__proto__') out[k] = v;
  const touchpoints = applyList(base.touchpoints, diff.touchpoints);
  const stages = applyList(base.stages, diff.stages);
  // Every index below the length must hold an item (a diff for another base may leave holes).
  for (let i = 0; i < touchpoints.length; i++) if (touchpoints[i] === undefined) return null;
  for (let i = 0; i < stages.length; i++) if (stages[i] === undefined) return null;
  out.touchpoints = touchpoints;
  out.stages = stages;
  if (out.kind !== 'journey') return null;
  return out as unknown as JourneyModel;
}

function isListDiff(d: unknown): d is ListDiff<unknown> {
  if (typeof d !== 'object' || d === null) return false;
  const { length, set } = d as ListDiff<unknown>;
  if (!Number.isInteger(length) || length < 0 || length > 1e7 || !Array.isArray(set)) return false;
  return set.every((e) => Array.isArray(e) && e.length === 2 && Number.isInteger(e[0]) && e[0] >= 0 && e[0] < length);
}

/**
 * The server's side: per document, the model last sent; each new result goes out whole (the
 * first, or when either model is not a journey: a file that stops parsing, a persona file) or as
 * the diff from the model last sent.
 */
export class DiffSender {
  private readonly sent = new Map<string, { version: number; model: FileModel | null }>();

  message(result: ModelResult): { diff: false; params: ModelResult } | { diff: true; params: ModelDiffResult } {
    const before = this.sent.get(result.uri);
    this.sent.set(result.uri, { version: result.version, model: result.model });
    const diff = before ? diffModels(before.model, result.model) : null;
    if (!before || !diff) return { diff: false, params: result };
    return { diff: true, params: { uri: result.uri, version: result.version, base: before.version, diff, problems: result.problems } };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }
}
