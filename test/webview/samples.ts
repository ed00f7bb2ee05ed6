// The samples' models, from the core exactly as the language server computes them: every
// sample indexed into one workspace, then analyzed.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { analyzeText } from '../../server/src/core/analyze';
import type { FileModel } from '../../server/src/core/model';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { ROOT } from './browser';

export const SAMPLES = path.join(ROOT, 'samples');

export interface Sample {
  name: string;
  file: string;
  model: FileModel;
}

export function loadSamples(): Sample[] {
  const files = fs
    .readdirSync(SAMPLES)
    .filter((f) => /\.(journey|persona)\.ya?ml$/.test(f))
    .sort();
  const index = new WorkspaceIndex();
  const texts = files.map((f) => ({
    f,
    uri: pathToFileURL(path.join(SAMPLES, f)).href,
    text: fs.readFileSync(path.join(SAMPLES, f), 'utf8'),
  }));
  for (const t of texts) index.update(t.uri, t.text);
  return texts.map((t) => {
    const model = analyzeText(t.uri, t.text, index).model;
    if (!model) throw new Error(`sample ${t.f} has no model`);
    return { name: t.f.replace(/\.ya?ml$/, ''), file: path.join(SAMPLES, t.f), model };
  });
}
