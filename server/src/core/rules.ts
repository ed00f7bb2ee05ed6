// The journey-aware rules of the spec's table (all but `yaml-syntax` and `schema`, which come
// from the parser and the JSON Schema). Each finding lands on the key, value or item at fault.
import { isMap, isScalar, isSeq } from 'yaml';
import { readJourney, readMetrics, readScale } from './build';
import type { TouchpointNodes } from './build';
import type { FileModel, JourneyModel, TouchpointModel } from './model';
import { NodeMemo, shiftDiagnostics } from './nodeCache';
import { AnyNode, getNode, getPair, nodeRange, pairKey, pairs, ParsedFile, rootMap, scalarNumber, scalarString, seqItems } from './parse';
import { hotspotMessage } from './explain';
import { closest } from './suggest';
import type { Fix, JourneyDiagnostic, RuleName, Settings } from './types';
import { RULES } from './types';
import { BUILT_IN_CHANNELS, METRICS } from './vocabulary';
import type { WorkspaceIndex } from './workspace';

type Emit = (rule: RuleName, node: AnyNode | { range?: [number, number, number] | null } | null, message: string, fix?: Fix) => void;

export function runRules(parsed: ParsedFile, model: FileModel | null, index: WorkspaceIndex, settings: Settings): JourneyDiagnostic[] {
  const out: JourneyDiagnostic[] = [];
  const emit: Emit = (rule, node, message, fix) => {
    if (settings.rules[rule] === 'off') return;
    out.push({ rule, severity: RULES[rule].severity, message, range: nodeRange(parsed, node), ...(fix ? { fix } : {}) });
  };
  const root = rootMap(parsed);
  if (!root) return out;
  if (parsed.kind === 'persona') {
    personaRules(parsed, root, index, emit);
  } else if (model?.kind === 'journey') {
    const keep = (d: JourneyDiagnostic) => {
      if (settings.rules[d.rule] !== 'off') out.push(d);
    };
    journeyRules(parsed, model, index, emit, keep);
  }
  return out;
}

// ---- shared checks ----

const fmt = (n: number): string => String(Math.round(n * 1000) / 1000);
const relative = (uri: string): string => uri.replace(/^.*\//, '');

function duplicateFileIds(parsed: ParsedFile, root: AnyNode, key: 'journey' | 'persona', others: { uri: string }[], emit: Emit): void {
  const elsewhere = others.filter((o) => o.uri !== parsed.uri);
  if (elsewhere.length === 0) return;
  const idNode = getNode(parsed, root, key);
  emit(
    'duplicate-id',
    idNode,
    `${key === 'journey' ? 'Journey' : 'Persona'} id "${scalarString(idNode)}" ` +
      `is also defined in ${elsewhere.map((o) => relative(o.uri)).join(', ')}.`,
  );
}

/** A `.nan`, `.inf` or `-.inf` value (yaml reads them as numbers that no range check catches). */
function notFinite(node: AnyNode | null): boolean {
  const v = isScalar(node) ? (node as { value: unknown }).value : undefined;
  return typeof v === 'number' && !Number.isFinite(v);
}

/** How YAML spells a non-finite number. */
function yamlSpelling(node: AnyNode | null): string {
  const v = (node as { value: number }).value;
  return Number.isNaN(v) ? '.nan' : v > 0 ? '.inf' : '-.inf';
}

/** Range checks on one `metrics` map (journey, touchpoint or persona). */
function metricRules(parsed: ParsedFile, node: AnyNode | null, emit: Emit): void {
  if (!isMap(node)) return;
  for (const p of pairs(node)) {
    const key = pairKey(p);
    const spec = key ? METRICS[key] : undefined;
    const valueNode = getNode(parsed, node, key ?? '');
    if (spec && notFinite(valueNode)) {
      emit(
        'metric-range',
        valueNode,
        `${key} is ${yamlSpelling(valueNode)}, which is not a number in ${spec.min ?? '-∞'}..${spec.max ?? '∞'} (${spec.meaning}).`,
      );
      continue;
    }
    const v = scalarNumber(valueNode);
    if (!spec || v === undefined) continue;
    const low = spec.min !== undefined && v < spec.min;
    const high = spec.max !== undefined && v > spec.max;
    if (!low && !high) continue;
    const range = `${spec.min ?? '-∞'}..${spec.max ?? '∞'}`;
    // A whole percentage (62 for 62%) is read as one; 1.5 may as well be a typo of 0.15: no guess.
    if (spec.rate && v > 1 && v <= 100 && Number.isInteger(v)) {
      const fraction = fmt(v / 100);
      emit('metric-range', valueNode, `${key} ${v} is outside ${range}: a rate is a fraction. Did you mean ${fraction} (${v}%)?`, {
        kind: 'replace',
        title: `Change to ${fraction}`,
        texts: [fraction],
      });
    } else {
      emit('metric-range', valueNode, `${key} ${v} is outside its range ${range} (${spec.meaning}).`);
    }
  }
  const m = readMetrics(parsed, node);
  if (m.conversion !== undefined && m.drop_off !== undefined && Math.abs(m.conversion + m.drop_off - 1) > 0.005) {
    const expected = fmt(1 - m.conversion);
    // The fix only when its drop_off passes metric-range: from conversion 80 it would be -79.
    const sound = m.conversion >= 0 && m.conversion <= 1;
    emit(
      'funnel-mismatch',
      getNode(parsed, node, 'drop_off'),
      `conversion ${m.conversion} + drop_off ${m.drop_off} = ${fmt(m.conversion + m.drop_off)}; they should sum to 1.` +
        `${sound ? ` Did you mean drop_off ${expected}?` : ''}`,
      ...(sound ? [{ kind: 'replace' as const, title: `Change drop_off to ${expected}`, texts: [expected] }] : []),
    );
  }
  const responses = getNode(parsed, node, 'responses');
  if (m.responses !== undefined && m.responses < 30) {
    const scores = (['nps', 'csat', 'ces'] as const).filter((k) => m[k] !== undefined);
    if (scores.length)
      emit(
        'low-sample',
        responses,
        `${scores.join(', ')} ${scores.length > 1 ? 'rest' : 'rests'} on ${m.responses} responses; fewer than 30 is too few to trust.`,
      );
  }
}

function channelRule(node: AnyNode | null, declared: string[], emit: Emit): void {
  const channel = scalarString(node);
  if (channel === undefined || BUILT_IN_CHANNELS.includes(channel) || declared.includes(channel)) return;
  const known = [...BUILT_IN_CHANNELS, ...declared];
  const near = closest(channel, known);
  emit(
    'unknown-channel',
    node,
    `Unknown channel "${channel}": not built in and not declared in \`channels\`.${near.length ? ` Did you mean "${near[0]}"?` : ''}`,
    near.length ? { kind: 'replace', title: `Change to "${near[0]}"`, texts: near } : undefined,
  );
}

function unknownPersona(id: string, node: AnyNode, index: WorkspaceIndex, emit: Emit): void {
  if (index.personas(id).length > 0) return;
  const near = closest(
    id,
    index.allPersonas().map((p) => p.id),
  );
  emit(
    'unknown-persona',
    node,
    `No persona file defines "${id}".${near.length ? ` Did you mean "${near[0]}"?` : ' Create it with the quick fix.'}`,
    near.length ? { kind: 'replace', title: `Change to "${near[0]}"`, texts: near } : { kind: 'create-persona', personaId: id },
  );
}

// ---- personas ----

function personaRules(parsed: ParsedFile, root: AnyNode, index: WorkspaceIndex, emit: Emit): void {
  const id = scalarString(getNode(parsed, root, 'persona'));
  if (id) duplicateFileIds(parsed, root, 'persona', index.personas(id), emit);
  metricRules(parsed, getNode(parsed, root, 'metrics'), emit);
  const declared = index.declaredChannels();
  for (const c of seqItems(parsed, getNode(parsed, root, 'channels'))) channelRule(c, declared, emit);
}

// ---- one touchpoint ----

const touchpointFindings = new NodeMemo<JourneyDiagnostic[]>(shiftDiagnostics);

/** The findings about one touchpoint that depend on its own nodes and the journey's settings only. */
function touchpointRules(
  parsed: ParsedFile,
  tn: TouchpointNodes,
  t: TouchpointModel,
  scale: { min: number; max: number },
  personaIds: string[],
  declared: string[],
  index: WorkspaceIndex,
  emit: Emit,
): void {
  const n = tn.node;
  channelRule(getNode(parsed, n, 'channel'), declared, emit);

  // Emotion: range, persona keys.
  const emotionNode = getNode(parsed, n, 'emotion');
  const checkRange = (valueNode: AnyNode | null, who: string) => {
    if (notFinite(valueNode))
      emit('emotion-range', valueNode, `Emotion ${yamlSpelling(valueNode)}${who} is not a number on the scale ${scale.min}..${scale.max}.`);
    const v = scalarNumber(valueNode);
    if (v !== undefined && (v < scale.min || v > scale.max))
      emit('emotion-range', valueNode, `Emotion ${v}${who} is outside the scale ${scale.min}..${scale.max}.`);
  };
  if (isMap(emotionNode)) {
    for (const p of pairs(emotionNode)) {
      const key = pairKey(p);
      if (key === null) continue;
      checkRange(getNode(parsed, emotionNode, key), ` for ${key}`);
      const keyNode = p.key as AnyNode;
      if (index.personas(key).length === 0) unknownPersona(key, keyNode, index, emit);
      else if (!personaIds.includes(key)) {
        const near = closest(key, personaIds);
        emit(
          'unknown-reference',
          keyNode,
          `"${key}" is not one of this journey's personas (${personaIds.join(', ') || 'none'}). ` +
            `Add it to \`personas\`${near.length ? ` or change it to "${near[0]}"` : ''}.`,
          near.length ? { kind: 'replace', title: `Change to "${near[0]}"`, texts: near } : undefined,
        );
      }
    }
  } else checkRange(emotionNode, '');

  metricRules(parsed, getNode(parsed, n, 'metrics'), emit);

  if (t.momentOfTruth !== false && Object.keys(t.metrics).length === 0) {
    emit(
      'unmeasured-moment',
      getPair(n, 'moment_of_truth')?.key as AnyNode,
      `"${t.name}" is a moment of truth without any metric: measure it (conversion, csat, volume...).`,
    );
  }

  for (const b of seqItems(parsed, getNode(parsed, n, 'backstage'))) {
    if (!scalarString(getNode(parsed, b, 'owner')))
      emit('backstage-owner', b, 'Backstage entry without an owner: who keeps this process running?');
  }

  const evidenceNode = getNode(parsed, n, 'evidence');
  if (t.evidence.length > 0 && t.evidence.every((e) => e === 'assumption')) {
    emit(
      'assumption-only',
      evidenceNode,
      `"${t.name}" rests on assumption alone: back it with analytics, a survey, interviews or support data.`,
    );
  }
}

// ---- journeys ----

/**
 * `baseline`: only a to-be journey names one, and it must be the one as-is journey of that id
 * in the workspace, on the same emotion scale (else the gain compares unlike curves).
 */
function baselineRule(parsed: ParsedFile, root: AnyNode, scale: { min: number; max: number }, index: WorkspaceIndex, emit: Emit): void {
  const node = getNode(parsed, root, 'baseline');
  const id = scalarString(node);
  if (!node || id === undefined || id === '') return;
  const variant = scalarString(getNode(parsed, root, 'variant'));
  if (variant !== 'to-be') {
    emit(
      'baseline',
      node,
      `\`baseline\` belongs on a to-be journey; this one is ${variant ? `\`${variant}\`` : 'not marked `variant: to-be`'}.`,
    );
    return;
  }
  const found = index.journeys(id);
  if (found.length === 0) {
    const near = closest(
      id,
      index
        .allJourneys()
        .filter((x) => x.variant === 'as-is')
        .map((x) => x.id),
    );
    emit(
      'baseline',
      node,
      `No journey "${id}" in the workspace to be the baseline.${near.length ? ` Did you mean "${near[0]}"?` : ''}`,
      near.length ? { kind: 'replace', title: 'Did you mean', texts: near } : undefined,
    );
    return;
  }
  const j = found[0];
  if (j.uri === parsed.uri) emit('baseline', node, 'A journey cannot be its own baseline.');
  else if (j.variant !== 'as-is')
    emit(
      'baseline',
      node,
      `The baseline "${id}" is ${j.variant ? `\`${j.variant}\`` : 'not marked `variant: as-is`'}; ` +
        'a to-be journey improves on an as-is journey.',
    );
  else if (j.scale.min !== scale.min || j.scale.max !== scale.max) {
    emit(
      'baseline',
      node,
      `The baseline "${id}" uses the emotion scale ${j.scale.min}..${j.scale.max}, this journey ${scale.min}..${scale.max}: ` +
        'the two must share a scale to be compared.',
    );
  }
}

function journeyRules(
  parsed: ParsedFile,
  model: JourneyModel,
  index: WorkspaceIndex,
  emit: Emit,
  keep: (d: JourneyDiagnostic) => void,
): void {
  const j = readJourney(parsed);
  if (!j) return;
  const root = j.root;
  if (model.id) duplicateFileIds(parsed, root, 'journey', index.journeys(model.id), emit);

  // emotion_scale must be a real interval; the model falls back to the default otherwise.
  const scaleNode = getNode(parsed, root, 'emotion_scale');
  const min = scalarNumber(getNode(parsed, scaleNode, 'min'));
  const max = scalarNumber(getNode(parsed, scaleNode, 'max'));
  if (min !== undefined && max !== undefined && min >= max)
    emit('schema', scaleNode, `emotion_scale: min (${min}) must be below max (${max}).`);
  const scale = readScale(parsed, root);
  const mid = (scale.min + scale.max) / 2;

  // Duplicate stage and touchpoint ids (given or derived).
  const dupes = (items: { id: string; idDerived: boolean; idNode: AnyNode | null; node: AnyNode }[], what: string) => {
    const first = new Map<string, AnyNode>();
    for (const it of items) {
      if (!it.id) continue;
      const prior = first.get(it.id);
      if (!prior) {
        first.set(it.id, it.node);
        continue;
      }
      const line = nodeRange(parsed, prior).start.line + 1;
      emit(
        'duplicate-id',
        it.idNode ?? it.node,
        `${what} id "${it.id}"${it.idDerived ? ' (derived from its name)' : ''} is already used on line ${line}.` +
          `${it.idDerived ? ' Give one of them an explicit `id`.' : ''}`,
      );
    }
  };
  dupes(j.stages, 'Stage');
  dupes(j.touchpoints, 'Touchpoint');

  baselineRule(parsed, root, scale, index, emit);

  // Personas of the journey.
  const personaIds = j.personas;
  for (const n of seqItems(parsed, getNode(parsed, root, 'personas'))) {
    const id = scalarString(n);
    if (id) unknownPersona(id, n, index, emit);
  }

  const declared = model.channels.map((c) => c.id);
  const touchpointIds = model.touchpoints.map((t) => t.id);
  const touchpointIndex = new Map<string, number>();
  touchpointIds.forEach((id, i) => {
    if (!touchpointIndex.has(id)) touchpointIndex.set(id, i);
  });
  metricRules(parsed, getNode(parsed, root, 'metrics'), emit);

  for (const s of j.stages) {
    if (s.touchpoints.length === 0) emit('empty-stage', s.nameNode ?? s.node, `Stage "${s.name || s.id}" has no touchpoints.`);
  }

  // Predecessor counts, so volume may rise where paths merge without a warning.
  const predecessors = new Map<string, number>();
  for (const t of model.touchpoints) for (const n of t.next) predecessors.set(n, (predecessors.get(n) ?? 0) + 1);

  // What a touchpoint's own nodes say given the journey's scale, personas, channels and the
  // workspace's personas is remembered per node across keystrokes (nodeCache.ts); what
  // depends on the other touchpoints (next, volume along a path, hotspot rank) is checked anew.
  const localContext = [scale.min, scale.max, personaIds.join(','), declared.join(','), index.version].join('\u0000');
  j.touchpoints.forEach((tn, i) => {
    const t = model.touchpoints[i];
    const n = tn.node;
    const local = touchpointFindings.get(parsed, n, localContext, () => {
      const found: JourneyDiagnostic[] = [];
      const collect: Emit = (rule, node, message, fix) => {
        found.push({ rule, severity: RULES[rule].severity, message, range: nodeRange(parsed, node), ...(fix ? { fix } : {}) });
      };
      touchpointRules(parsed, tn, t, scale, personaIds, declared, index, collect);
      return found;
    });
    for (const d of local) keep(d);

    // next must name touchpoints of this journey.
    const nextNode = getNode(parsed, n, 'next');
    const nextItems = isSeq(nextNode) ? seqItems(parsed, nextNode) : isScalar(nextNode) ? [nextNode] : [];
    for (const item of nextItems) {
      const ref = scalarString(item);
      if (ref === undefined || touchpointIndex.has(ref)) continue;
      const near = closest(ref, touchpointIds);
      emit(
        'unknown-reference',
        item,
        `No touchpoint "${ref}" in this journey.${near.length ? ` Did you mean "${near[0]}"?` : ''}`,
        near.length ? { kind: 'replace', title: `Change to "${near[0]}"`, texts: near } : undefined,
      );
    }

    // Volume must not rise along a path with no branching.
    if (t.next.length === 1 && (predecessors.get(t.next[0]) ?? 0) === 1) {
      const ni = touchpointIndex.get(t.next[0]);
      const b = ni !== undefined ? model.touchpoints[ni] : undefined;
      if (
        b &&
        ni !== undefined &&
        t.metrics.volume !== undefined &&
        b.metrics.volume !== undefined &&
        b.metrics.volume > t.metrics.volume
      ) {
        emit(
          'funnel-growth',
          getNode(parsed, getNode(parsed, j.touchpoints[ni].node, 'metrics'), 'volume'),
          `Volume rises from ${t.metrics.volume.toLocaleString('en-US')} at "${t.name}" ` +
            `to ${b.metrics.volume.toLocaleString('en-US')} here, on a path with no branching.`,
        );
      }
    }

    if (t.hotspotRank !== null && t.friction !== null) {
      emit('friction-hotspot', tn.nameNode ?? n, hotspotMessage(model, t));
    }
  });

  // The end moment: the last touchpoint with an emotion.
  const end = [...model.touchpoints].reverse().find((t) => t.emotion !== null);
  if (end && end.emotion !== null && end.emotion < mid) {
    emit(
      'low-end',
      getNode(parsed, j.touchpoints[end.index].node, 'emotion'),
      `The journey ends at emotion ${fmt(end.emotion)}, below the scale's midpoint ${fmt(mid)}: customers remember the end.`,
    );
  }
}
