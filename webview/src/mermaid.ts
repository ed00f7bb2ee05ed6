// "Copy as Mermaid": a lossy Mermaid `journey` for Markdown and GitHub. Sections are stages,
// tasks are touchpoints, actors are the personas with a value there, and the 1-5 score is
// the touchpoint's emotion mapped from the journey's scale. Pure, so the extension can use it.
import { JourneyModel, ownValue } from '../../server/src/core/model';

/** Mermaid reads `:` as a field separator, `,` between actors, `%%` and `;` as syntax. */
function clean(s: string): string {
  return s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/%%/g, '%')
    .replace(/[:;#]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Maps an emotion on [min, max] to Mermaid's 1..5 (no emotion: the neutral 3). */
export function mermaidScore(emotion: number | null, scale: { min: number; max: number }): number {
  if (emotion === null || !(scale.max > scale.min)) return 3;
  const t = (emotion - scale.min) / (scale.max - scale.min);
  return Math.min(5, Math.max(1, Math.round(1 + 4 * t)));
}

export function toMermaidJourney(model: JourneyModel): string {
  const out = ['journey', `  title ${clean(model.title || model.id) || 'Journey'}`];
  for (const stage of model.stages) {
    const tps = stage.touchpointIndexes.map((i) => model.touchpoints[i]).filter((t) => t !== undefined);
    if (tps.length === 0) continue; // an empty section is noise in the diagram
    out.push(`  section ${clean(stage.name) || stage.id}`);
    for (const t of tps) {
      const actors = model.personas
        .filter((p) => ownValue(t.emotionByPersona, p.id) !== undefined)
        .map((p) => clean((p.name ?? p.id).replace(/,/g, ' ')) || p.id);
      const name = clean(t.name) || t.id;
      out.push(`    ${name}: ${mermaidScore(t.emotion, model.emotionScale)}${actors.length ? `: ${actors.join(', ')}` : ''}`);
    }
  }
  return out.join('\n') + '\n';
}
