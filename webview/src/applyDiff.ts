// The map's side of the model by difference (server/src/modelDiff.ts): a `modelDiff` message
// patches the model the map shows when that model is the diff's base, else the map asks the
// host for the whole model (`resync`).
import type { FileModel } from '../../server/src/core/model';
import { applyModelDiff } from '../../server/src/modelDiff';
import type { ModelDiffResult, ModelResult } from '../../server/src/protocol';

/** The result the diff makes of the shown model (uri and version `base`), or null when it does not fit. */
export function patchShown(shown: FileModel | null, shownVersion: number | null, d: ModelDiffResult): ModelResult | null {
  if (!shown || shownVersion === null || typeof d !== 'object' || d === null) return null;
  if (d.uri !== shown.uri || d.base !== shownVersion || !Number.isInteger(d.version)) return null;
  const model = applyModelDiff(shown, d.diff);
  return model ? { uri: d.uri, version: d.version, model, problems: d.problems } : null;
}
