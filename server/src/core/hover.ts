// Hover: schema docs for keys; for a metric its meaning, range and how the value compares; a
// persona's card; a touchpoint's emotion, friction, hotspot rank and revenue at risk; on
// `journey:` the journey summary. Markdown, with every user-written string escaped.
import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import { isScalar } from 'yaml';
import type { FileAnalysis } from './analyze';
import { nodeAt, PathSegment, shapePath } from './cursor';
import { baselineLines, journeyMoneyLines, moneyLines } from './explain';
import type { JourneyModel, TouchpointModel } from './model';
import type { ParsedFile } from './parse';
import { schemaViewAt } from './schemaView';
import { trendLines } from './trend';
import { metricInRange, METRICS } from './vocabulary';
import type { WorkspaceIndex } from './workspace';

/** Escapes Markdown syntax in text the user wrote, so it shows as written. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]<>|#~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
export const formatNumber = (n: number): string => NUMBER.format(n);
const percent = (n: number): string => `${NUMBER.format(Math.round(n * 1000) / 10)}%`;

export function hover(parsed: ParsedFile, position: Position, index: WorkspaceIndex, analysis: FileAnalysis): Hover | null {
  const at = nodeAt(parsed, position);
  if (!at) return null;
  const model = analysis.model?.kind === 'journey' ? analysis.model : null;
  const shape = shapePath(at.path);
  const value = isScalar(at.node) ? (at.node.value as unknown) : undefined;
  const parentKey = at.path.length > 1 ? at.path[at.path.length - 2] : undefined;
  const key = at.path[at.path.length - 1];
  let text: string | null = null;

  if (parsed.kind === 'journey' && shape === 'journey' && model) {
    text = [journeySummary(model), ...trendLines(model, '', escapeMarkdown)].join('\n');
  } else if (parentKey === 'metrics' && typeof key === 'string' && METRICS[key]) {
    const valueNode = at.on === 'key' ? at.pair?.value : at.node;
    text = metricHover(key, isScalar(valueNode) ? valueNode.value : undefined);
  } else if (
    parsed.kind === 'journey' &&
    ((shape === 'personas' && at.on === 'value') || (shapePath(at.path.slice(0, -1)) === 'stages.touchpoints.emotion' && at.on === 'key'))
  ) {
    const id = at.on === 'key' ? String(key) : String(value);
    text = personaCard(id, index);
  } else if (model && shape.startsWith('stages.touchpoints') && touchpointTarget(at.path, at.on)) {
    const tp = findTouchpoint(model, at.path, value);
    if (tp) text = [touchpointCard(model, tp), ...trendLines(model, tp.id, escapeMarkdown)].join('\n');
  }
  if (!text) text = keyDocs(parsed, at.path, at.on, value);
  if (!text) return null;
  return { contents: { kind: MarkupKind.Markdown, value: text }, range: at.range };
}

/** On a touchpoint's `name` or `id` value, or on an id inside `next`. */
function touchpointTarget(path: PathSegment[], on: 'key' | 'value'): boolean {
  if (on !== 'value') return false;
  const shape = shapePath(path);
  return shape === 'stages.touchpoints.name' || shape === 'stages.touchpoints.id' || shape === 'stages.touchpoints.next';
}

function findTouchpoint(model: JourneyModel, path: PathSegment[], value: unknown): TouchpointModel | undefined {
  if (shapePath(path) === 'stages.touchpoints.next') return model.touchpoints.find((t) => t.id === String(value));
  const [, si, , ti] = path;
  const stage = typeof si === 'number' ? model.stages[si] : undefined;
  const index = stage && typeof ti === 'number' ? stage.touchpointIndexes[ti] : undefined;
  return index !== undefined ? model.touchpoints[index] : undefined;
}

function keyDocs(parsed: ParsedFile, path: PathSegment[], on: 'key' | 'value', value: unknown): string | null {
  const view = schemaViewAt(parsed.kind, path);
  if (!view) return null;
  const key = [...path].reverse().find((s) => typeof s === 'string');
  if (on === 'value' && typeof value === 'string' && view.enumDocs.has(value)) {
    return `\`${escapeMarkdown(value)}\`: ${view.enumDocs.get(value)}`;
  }
  if (!view.doc) return null;
  return key !== undefined ? `**${escapeMarkdown(String(key))}**\n\n${view.doc}` : view.doc;
}

/** "NPS 31: in range -100..100; above 0" and the like. */
export function metricHover(name: string, value: unknown): string {
  const info = METRICS[name];
  const lines = [`**${name}**: ${info.meaning}`, '', `Range: \`${info.range}\``];
  if (typeof value === 'number' && !info.text) lines.push('', `\`${value}\`: ${compareMetric(name, value)}`);
  else if (typeof value === 'string' && value !== '') lines.push('', `Value: ${escapeMarkdown(value)}`);
  return lines.join('\n');
}

function compareMetric(name: string, v: number): string {
  const info = METRICS[name];
  if (!metricInRange(info, v)) {
    const out = info.integer && !Number.isInteger(v) ? `not a whole number (${info.range})` : `out of range ${info.range}`;
    return info.rate && v > 1 && v <= 100 ? `${out}; as a fraction: ${formatNumber(v / 100)}` : out;
  }
  const within = `in range ${info.range}`;
  if (info.rate) return `${within}; ${percent(v)}`;
  switch (name) {
    case 'nps':
      return (
        `${within}; ` +
        `${v > 0 ? 'above 0 (more promoters than detractors)' : v < 0 ? 'below 0 (more detractors than promoters)' : 'at 0'}`
      );
    case 'csat':
      return `${within}; ${formatNumber(v)}% satisfied`;
    case 'ces':
      return `${within}; ${v > 4 ? 'above' : v < 4 ? 'below' : 'at'} the midpoint 4`;
    case 'responses':
      return v < 30 ? `${within}; under 30: a small sample` : `${within}; 30 or more: a usable sample`;
    default:
      return `${within}; ${formatNumber(v)}`;
  }
}

export function personaCard(id: string, index: WorkspaceIndex): string {
  const p = index.personas(id)[0];
  if (!p) return `**${escapeMarkdown(id)}**: no persona file defines this id.`;
  const title = p.name ? `**${escapeMarkdown(p.name)}** (\`${escapeMarkdown(id)}\`)` : `\`${escapeMarkdown(id)}\``;
  const lines = [p.role ? `${title}, ${escapeMarkdown(p.role)}` : title];
  if (p.quote) lines.push('', `> ${escapeMarkdown(p.quote)}`);
  if (p.goals.length) lines.push('', `**Goals**: ${p.goals.map(escapeMarkdown).join('; ')}`);
  if (p.frustrations.length) lines.push('', `**Frustrations**: ${p.frustrations.map(escapeMarkdown).join('; ')}`);
  lines.push('', `Defined in [${escapeMarkdown(fileName(p.uri))}](${p.uri})`);
  return lines.join('\n');
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

function personaLabel(model: JourneyModel, id: string): string {
  const p = model.personas.find((x) => x.id === id);
  return escapeMarkdown(p?.name ?? id);
}

export function touchpointCard(model: JourneyModel, tp: TouchpointModel): string {
  const stage = model.stages[tp.stageIndex];
  const lines = [`**${escapeMarkdown(tp.name)}** (\`${escapeMarkdown(tp.id)}\`) in stage ${escapeMarkdown(stage?.name ?? tp.stageId)}`, ''];
  const curves = Object.entries(tp.emotionByPersona);
  if (curves.length && model.personas.some((p) => p.id !== '*')) {
    lines.push(`Emotion: ${curves.map(([id, v]) => `${personaLabel(model, id)} ${formatNumber(v)}`).join(', ')}`);
  } else {
    lines.push(`Emotion: ${tp.emotion === null ? 'not given' : formatNumber(tp.emotion)}`);
  }
  if (tp.friction === null) lines.push('', 'Friction: no score (no emotion, rate or pain point)');
  else {
    const rank =
      tp.hotspotRank !== null
        ? `, hotspot #${tp.hotspotRank} of ${model.hotspots.length}`
        : `, under the threshold ${formatNumber(model.frictionThreshold)}`;
    lines.push('', `Friction: ${tp.friction.toFixed(2)}${rank}`);
  }
  lines.push('', ...moneyLines(model, tp, escapeMarkdown));
  return lines.join('\n');
}

export function journeySummary(model: JourneyModel): string {
  const s = model.summary;
  const lines = [`**${escapeMarkdown(model.title || model.id)}** (\`${escapeMarkdown(model.id)}\`)`, ''];
  lines.push(
    `${s.stageCount} ${s.stageCount === 1 ? 'stage' : 'stages'}, ` +
      `${s.touchpointCount} ${s.touchpointCount === 1 ? 'touchpoint' : 'touchpoints'}, ` +
      `${s.hotspotCount} ${s.hotspotCount === 1 ? 'hotspot' : 'hotspots'}`,
  );
  if (model.hotspots.length) {
    lines.push('', `Hotspots: ${model.hotspots.map((h) => `#${h.rank} ${escapeMarkdown(h.name)} (${h.friction.toFixed(2)})`).join(', ')}`);
  }
  lines.push('', ...journeyMoneyLines(model, escapeMarkdown));
  const f = model.funnel;
  const parts: string[] = [];
  if (f.declared !== null) parts.push(`${percent(f.declared)} declared`);
  if (f.completion !== null) {
    const steps =
      f.unmeasured === 0
        ? 'every step measured'
        : `${f.unmeasured} unmeasured ${f.unmeasured === 1 ? 'step' : 'steps'} counted as passing all`;
    parts.push(`${percent(f.completion)} from the funnel along every path (${steps})`);
  }
  lines.push('', `Completion: ${parts.length ? parts.join('; ') : 'unknown'}`);
  if (model.baseline) lines.push('', ...baselineLines(model, escapeMarkdown));
  return lines.join('\n');
}
