// Builds the journey (or persona) model from one parsed file and the workspace index.
// `readJourney` is the one walk over a journey's YAML nodes: the model and the rules both use
// it (cached per parse), so positions and values can never disagree between them.
import { isMap, isScalar } from 'yaml';
import { deriveId, PERSONA_PALETTE } from './ids';
import {
  ALL_CUSTOMERS,
  BackstageEntry,
  BaselineGain,
  FileModel,
  JourneyModel,
  Metrics,
  Opportunity,
  OpportunityStatus,
  PainPoint,
  PainSeverity,
  PersonaModel,
  PersonaRef,
  TouchpointModel,
  StageModel,
  ownValue,
  NUMERIC_METRICS,
} from './model';
import {
  AnyNode,
  firstLineRange,
  getNode,
  nodeRange,
  pairKey,
  pairs,
  ParsedFile,
  parseFile,
  rootMap,
  scalarNumber,
  scalarString,
  seqItems,
} from './parse';
import { NodeMemo, PlainMemo, shiftRange } from './nodeCache';
import {
  completionAfter,
  confidence,
  customersLost,
  friction,
  funnel,
  hotspotTotal,
  journeyScore,
  meanEmotion,
  opportunityValue,
  passRate,
  peakEnd,
  rankHotspots,
  revenueAtRisk,
  successorIndexes,
} from './scores';
import { journeyPaths } from './paths';
import type { Range, Settings } from './types';
import type { WorkspaceIndex } from './workspace';

export const DEFAULT_SCALE = { min: -2, max: 2 };

/** A stage or touchpoint item: its node, its id (given or derived) and its name. */
export interface ItemNodes {
  node: AnyNode;
  id: string;
  idDerived: boolean;
  /** The `id` value, or the `name` value when the id is derived. */
  idNode: AnyNode | null;
  name: string;
  nameNode: AnyNode | null;
}

export interface TouchpointNodes extends ItemNodes {
  stageIndex: number;
}

export interface StageNodes extends ItemNodes {
  touchpointsNode: AnyNode | null;
  touchpoints: TouchpointNodes[];
}

export interface JourneyNodes {
  root: AnyNode;
  stages: StageNodes[];
  touchpoints: TouchpointNodes[];
  scale: { min: number; max: number };
  personas: string[];
}

const walked = new WeakMap<ParsedFile, JourneyNodes | null>();

/** The journey's stages and touchpoints with their nodes and ids (given or derived). */
export function readJourney(parsed: ParsedFile): JourneyNodes | null {
  if (walked.has(parsed)) return walked.get(parsed) ?? null;
  const root = rootMap(parsed);
  let result: JourneyNodes | null = null;
  if (root && parsed.kind === 'journey') {
    const stages: StageNodes[] = [];
    const touchpoints: TouchpointNodes[] = [];
    for (const stageNode of seqItems(parsed, getNode(parsed, root, 'stages'))) {
      if (!isMap(stageNode)) continue;
      // A stage's reading is remembered per node: a keystroke re-reads the one stage it touched.
      const stage = stageReadings.get(stageNode, String(stages.length), () => readStage(parsed, stageNode, stages.length));
      for (const tp of stage.touchpoints) touchpoints.push(tp);
      stages.push(stage);
    }
    result = {
      root,
      stages,
      touchpoints,
      scale: readScale(parsed, root),
      personas: seqItems(parsed, getNode(parsed, root, 'personas'))
        .map(scalarString)
        .filter((s): s is string => !!s),
    };
  }
  walked.set(parsed, result);
  return result;
}

const identities = new PlainMemo<ItemNodes>();
const stageReadings = new PlainMemo<StageNodes>();

function readStage(parsed: ParsedFile, stageNode: AnyNode, stageIndex: number): StageNodes {
  const touchpointsNode = getNode(parsed, stageNode, 'touchpoints');
  const stageTouchpoints: TouchpointNodes[] = [];
  for (const tpNode of seqItems(parsed, touchpointsNode)) {
    if (isMap(tpNode)) stageTouchpoints.push({ ...identify(parsed, tpNode), stageIndex });
  }
  return { ...identify(parsed, stageNode), touchpointsNode, touchpoints: stageTouchpoints };
}

function identify(parsed: ParsedFile, node: AnyNode): ItemNodes {
  return identities.get(node, '', () => readIdentity(parsed, node));
}

function readIdentity(parsed: ParsedFile, node: AnyNode): ItemNodes {
  const nameNode = getNode(parsed, node, 'name');
  const name = scalarString(nameNode) ?? '';
  const givenNode = getNode(parsed, node, 'id');
  const given = scalarString(givenNode);
  return given !== undefined && given !== ''
    ? { node, id: given, idDerived: false, idNode: givenNode, name, nameNode }
    : { node, id: deriveId(name), idDerived: true, idNode: nameNode, name, nameNode };
}

/** `emotion_scale`, or the default -2..2 when absent or invalid (min must be below max). */
export function readScale(parsed: ParsedFile, root: AnyNode): { min: number; max: number } {
  const node = getNode(parsed, root, 'emotion_scale');
  const min = scalarNumber(getNode(parsed, node, 'min'));
  const max = scalarNumber(getNode(parsed, node, 'max'));
  const lo = min ?? DEFAULT_SCALE.min;
  const hi = max ?? DEFAULT_SCALE.max;
  return lo < hi ? { min: lo, max: hi } : DEFAULT_SCALE;
}

export function readMetrics(parsed: ParsedFile, node: AnyNode | null): Metrics {
  const m: Metrics = {};
  if (!isMap(node)) return m;
  for (const k of NUMERIC_METRICS) {
    const v = scalarNumber(getNode(parsed, node, k));
    if (v !== undefined) m[k] = v;
  }
  const period = scalarString(getNode(parsed, node, 'period'));
  if (period !== undefined) m.period = period;
  const source = scalarString(getNode(parsed, node, 'source'));
  if (source !== undefined) m.source = source;
  const custom = getNode(parsed, node, 'custom');
  if (isMap(custom)) {
    m.custom = {};
    for (const p of pairs(custom)) {
      const k = pairKey(p);
      const v = scalarNumber(getNode(parsed, custom, k ?? ''));
      if (k && v !== undefined) setOwn(m.custom, k, v);
    }
  }
  return m;
}

function strings(parsed: ParsedFile, node: AnyNode | null): string[] {
  if (isScalar(node)) {
    const s = scalarString(node);
    return s ? [s] : [];
  }
  return seqItems(parsed, node)
    .map(scalarString)
    .filter((s): s is string => s !== undefined);
}

/** Items that are a plain string (their text) or a map with `text` and more keys. */
function textItems<T extends { text: string; range: Range }>(
  parsed: ParsedFile,
  node: AnyNode | null,
  extra: (map: AnyNode | null) => Omit<T, 'text' | 'range'>,
): T[] {
  return seqItems(parsed, node).map((item) => {
    const isObj = isMap(item);
    const text = isObj ? (scalarString(getNode(parsed, item, 'text')) ?? '') : (scalarString(item) ?? '');
    return { text, range: nodeRange(parsed, item), ...extra(isObj ? item : null) } as T;
  });
}

const SEVERITIES: PainSeverity[] = ['low', 'medium', 'high', 'critical'];
const STATUSES: OpportunityStatus[] = ['idea', 'planned', 'in-progress', 'done', 'dropped'];

function optional(parsed: ParsedFile, map: AnyNode | null, key: string): string | undefined {
  return map ? scalarString(getNode(parsed, map, key)) : undefined;
}

/**
 * The emotion of a touchpoint: aggregate (the number, or the mean of the map's numbers) and
 * the value of each curve. A plain number is every persona's value; a persona missing from a
 * map has no value (a gap).
 */
export function readEmotion(
  parsed: ParsedFile,
  node: AnyNode | null,
  curves: string[],
  share: (persona: string) => number | undefined = () => undefined,
): { emotion: number | null; byPersona: Record<string, number>; entries: [string, number][] | null } {
  const byPersona: Record<string, number> = {};
  const single = scalarNumber(node);
  if (single !== undefined) {
    for (const c of curves) setOwn(byPersona, c, single);
    return { emotion: single, byPersona, entries: null };
  }
  if (!isMap(node)) return { emotion: null, byPersona, entries: null };
  const entries: [string, number][] = [];
  for (const p of pairs(node)) {
    const k = pairKey(p);
    const v = scalarNumber(getNode(parsed, node, k ?? ''));
    if (k === null || v === undefined) continue;
    entries.push([k, v]);
    if (curves.includes(k)) setOwn(byPersona, k, v);
  }
  const emotion = meanEmotion(entries, share);
  if (curves.length === 1 && curves[0] === ALL_CUSTOMERS && emotion !== null) setOwn(byPersona, ALL_CUSTOMERS, emotion);
  return { emotion, byPersona, entries };
}

/** A persona's `share` from the workspace index, when its (first) file gives a number. */
export function personaShare(index: WorkspaceIndex): (persona: string) => number | undefined {
  return (id) => {
    const s = index.personas(id)[0]?.share;
    return typeof s === 'number' ? s : undefined;
  };
}

export function buildModel(parsed: ParsedFile, index: WorkspaceIndex, settings: Settings): FileModel | null {
  if (parsed.kind === 'persona') return buildPersona(parsed, index);
  const model = buildJourney(parsed, index, settings);
  if (model && model.variant === 'to-be') {
    const gain = baselineGain(parsed, model, index, settings);
    if (gain) model.baseline = gain;
  }
  return model;
}

/** The as-is journey a to-be journey names, when the `baseline` rule has nothing to say. */
export function validBaseline(index: WorkspaceIndex, id: string, scale: { min: number; max: number }) {
  const found = index.journeys(id);
  const j = found[0];
  if (found.length !== 1 || j.variant !== 'as-is' || j.scale.min !== scale.min || j.scale.max !== scale.max) return null;
  return j;
}

/** Baseline models, one per file, rebuilt when its text changes. */
const baselineModels = new Map<string, { text: string; model: JourneyModel | null }>();

function baselineGain(parsed: ParsedFile, model: JourneyModel, index: WorkspaceIndex, settings: Settings): BaselineGain | null {
  const id = scalarString(getNode(parsed, rootMap(parsed), 'baseline'));
  const j = id ? validBaseline(index, id, model.emotionScale) : null;
  if (!j || j.uri === parsed.uri || !index.textOf) return null;
  const text = index.textOf(j.uri);
  if (text === undefined) return null;
  let cached = baselineModels.get(j.uri);
  if (!cached || cached.text !== text) {
    const m = buildJourney(parseFile(j.uri, text), index, settings);
    cached = { text, model: m };
    if (baselineModels.size > 64) baselineModels.clear();
    baselineModels.set(j.uri, cached);
  }
  const before = cached.model;
  if (!before) return null;
  const change = (b: number | null, a: number | null) => ({ before: b, after: a, change: a !== null && b !== null ? a - b : null });
  const curves = [...new Set([...Object.keys(before.peakEnd), ...Object.keys(model.peakEnd)])];
  return {
    id: before.id,
    title: before.title || before.id,
    uri: j.uri,
    revenueAtRiskAtHotspots: change(before.summary.revenueAtRiskAtHotspots, model.summary.revenueAtRiskAtHotspots),
    score: change(before.score.value, model.score.value),
    completion: change(before.funnel.completion ?? before.funnel.declared, model.funnel.completion ?? model.funnel.declared),
    peakEnd: curves.map((c) => ({
      persona: c,
      before: ownValue(before.peakEnd, c)?.peakEnd ?? null,
      after: ownValue(model.peakEnd, c)?.peakEnd ?? null,
    })),
  };
}

function personaRefs(ids: string[], index: WorkspaceIndex): PersonaRef[] {
  if (ids.length === 0) return [{ id: ALL_CUSTOMERS, name: 'All customers', color: PERSONA_PALETTE[0], defined: true }];
  return ids.map((id, i) => {
    const p = index.personas(id)[0];
    const color = p?.color && /^#[0-9a-fA-F]{3,8}$/.test(p.color) ? p.color : PERSONA_PALETTE[i % PERSONA_PALETTE.length];
    return {
      id,
      name: p?.name,
      color,
      defined: !!p,
      uri: p?.uri,
      ...(typeof p?.share === 'number' ? { share: p.share } : {}),
      ...(p?.quote ? { quote: p.quote } : {}),
    };
  });
}

function buildJourney(parsed: ParsedFile, index: WorkspaceIndex, settings: Settings): JourneyModel | null {
  const j = readJourney(parsed);
  if (!j) return null;
  const root = j.root;
  const str = (k: string) => optional(parsed, root, k);
  const scale = j.scale;
  const mid = (scale.min + scale.max) / 2;
  const personas = personaRefs([...new Set(j.personas)], index);
  const curves = personas.map((p) => p.id);
  const metrics = readMetrics(parsed, getNode(parsed, root, 'metrics'));
  const channels = seqItems(parsed, getNode(parsed, root, 'channels')).flatMap((c) => {
    const id = isMap(c) ? scalarString(getNode(parsed, c, 'id')) : scalarString(c);
    return id ? [{ id, label: (isMap(c) ? scalarString(getNode(parsed, c, 'label')) : undefined) ?? id }] : [];
  });
  const labels = new Map(channels.map((c) => [c.id, c.label]));

  // What a touchpoint says by itself is remembered per node across keystrokes (nodeCache.ts);
  // what depends on its neighbours and the journey (order, default next, labels, friction on
  // this scale, persona shares, paths, money at this value per customer) is recomputed, which
  // is cheap: one pass over the touchpoints plus one walk of their successors.
  const curvesKey = curves.join('\u0000');
  const share = personaShare(index);
  const locals = j.touchpoints.map((t) => touchpointMemo.get(parsed, t.node, curvesKey, () => readTouchpoint(parsed, t, curves)));
  const nextIds = locals.map((local, i) =>
    local.explicitNext ? local.next : i + 1 < j.touchpoints.length ? [j.touchpoints[i + 1].id] : [],
  );
  const succ = successorIndexes(
    nextIds,
    j.touchpoints.map((t) => t.id),
  );
  const after = completionAfter(
    succ,
    locals.map((l) => passRate(l.metrics)),
    locals.map((l) => l.metrics.volume),
  );
  const leave = str('type') === 'leave';
  // Each touchpoint's figures, then the hotspot ranks, then its model object. A touchpoint whose
  // own reading (`local`, the same object while its nodes are untouched) and every journey-wide
  // input below are those of the last check keeps its model object: a keystroke builds one
  // touchpoint, not 5,000, and the model diff (modelDiff.ts) sees the others unchanged by
  // identity. Model objects are never changed after they are built (the previous model is what
  // the server diffs the next against).
  const journeyKey = JSON.stringify([scale, metrics.value_per_customer, metrics.period, leave, curves]);
  const figures = j.touchpoints.map((t, i): TouchpointFigures => {
    const local = locals[i];
    const emotion = local.emotionEntries ? meanEmotion(local.emotionEntries, share) : local.emotion;
    const channel = local.channel;
    const channelLabel = channel ? (labels.get(channel) ?? channel) : undefined;
    const stageId = j.stages[t.stageIndex].id;
    const last = assembled.get(local)?.figures;
    if (
      last &&
      last.journeyKey === journeyKey &&
      last.index === i &&
      last.id === t.id &&
      last.idDerived === t.idDerived &&
      last.name === t.name &&
      last.stageId === stageId &&
      last.stageIndex === t.stageIndex &&
      last.channelLabel === channelLabel &&
      Object.is(last.emotion, emotion) &&
      Object.is(last.after, after[i]) &&
      sameList(last.next, nextIds[i])
    )
      return last;
    let emotionByPersona = local.emotionByPersona;
    if (local.emotionEntries && curves.length === 1 && curves[0] === ALL_CUSTOMERS && emotion !== null) {
      emotionByPersona = {};
      setOwn(emotionByPersona, ALL_CUSTOMERS, emotion);
    }
    const f = friction(
      emotion,
      scale,
      local.metrics,
      local.painPoints.map((p) => p.severity),
    );
    const lost = customersLost(local.metrics);
    const money = revenueAtRisk({
      metrics: local.metrics,
      customersLost: lost,
      completionAfter: after[i],
      journeyValue: metrics.value_per_customer,
      leave,
    });
    const fig: TouchpointFigures = {
      journeyKey,
      index: i,
      id: t.id,
      idDerived: t.idDerived,
      name: t.name,
      stageId,
      stageIndex: t.stageIndex,
      after: after[i],
      next: nextIds[i],
      emotion,
      emotionByPersona,
      channelLabel,
      friction: f,
      lost,
      money,
      period: local.metrics.period ?? metrics.period,
      confidence: confidence(local.evidence, local.metrics),
    };
    assembled.set(local, { figures: fig, rank: undefined, model: undefined });
    return fig;
  });

  // Only touchpoints at or over the threshold can rank (rankHotspots' own filter, applied first
  // so 5,000 candidates are not built for a few hundred hotspots).
  const threshold = settings.frictionThreshold;
  const ranked = figures.flatMap((fig, i) => (fig.friction.score !== null && fig.friction.score >= threshold - 1e-12 ? [i] : []));
  const hotspots = rankHotspots(
    ranked.map((i) => ({
      touchpointIndex: i,
      touchpointId: j.touchpoints[i].id,
      name: j.touchpoints[i].name,
      stageId: j.stages[j.touchpoints[i].stageIndex].id,
      friction: figures[i].friction.score,
      revenueAtRisk: figures[i].money.value,
      customersLost: figures[i].lost,
      confidence: figures[i].confidence,
      ...(figures[i].period !== undefined ? { period: figures[i].period } : {}),
    })),
    threshold,
  );
  const ranks: (number | null)[] = j.touchpoints.map(() => null);
  for (const h of hotspots) ranks[h.touchpointIndex] = h.rank;

  const touchpoints: TouchpointModel[] = j.touchpoints.map((t, i) => {
    const local = locals[i];
    const fig = figures[i];
    const last = assembled.get(local);
    if (last && last.figures === fig && last.rank === ranks[i] && last.model) return last.model;
    const money = fig.money;
    const model: TouchpointModel = {
      index: i,
      id: t.id,
      idDerived: t.idDerived,
      name: t.name,
      stageId: j.stages[t.stageIndex].id,
      stageIndex: t.stageIndex,
      ...clean({
        channel: local.channel,
        channelLabel: fig.channelLabel,
        action: local.action,
        thought: local.thought,
        owner: local.owner,
      }),
      emotion: fig.emotion,
      emotionByPersona: fig.emotionByPersona,
      momentOfTruth: local.momentOfTruth,
      painPoints: local.painPoints,
      opportunities: local.opportunities.map((o) => ({ ...o, ...opportunityValue(o.uplift, o.effort, money.value) })),
      backstage: local.backstage,
      evidence: local.evidence,
      next: nextIds[i],
      explicitNext: local.explicitNext,
      metrics: local.metrics,
      friction: fig.friction.score,
      frictionTerms: fig.friction.terms,
      customersLost: fig.lost,
      completionAfter: after[i],
      revenueAtRisk: money.value,
      revenueBasis: money.basis,
      valuePerCustomer: money.valuePerCustomer,
      ...clean({ period: fig.period }),
      confidence: fig.confidence,
      hotspotRank: ranks[i],
      range: local.range,
      nameRange: local.nameRange,
    };
    assembled.set(local, { figures: fig, rank: ranks[i], model });
    return model;
  });

  const byStage: number[][] = j.stages.map(() => []);
  for (const t of touchpoints) byStage[t.stageIndex].push(t.index);
  const stages: StageModel[] = j.stages.map((s, si) => ({
    index: si,
    id: s.id,
    idDerived: s.idDerived,
    name: s.name,
    ...clean({ owner: optional(parsed, s.node, 'owner') }),
    touchpointIndexes: byStage[si],
    range: nodeRange(parsed, s.node),
    nameRange: nodeRange(parsed, s.nameNode ?? s.node),
  }));

  const peakEndByCurve: JourneyModel['peakEnd'] = {};
  for (const c of curves) {
    const pe = peakEnd(
      touchpoints.map((t) => ownValue(t.emotionByPersona, c)),
      mid,
    );
    if (pe) setOwn(peakEndByCurve, c, pe);
  }
  // Each path's own funnel and completion (paths.ts), beside the completion across them all.
  const journeyPathsFound = journeyPaths(
    succ,
    locals.map((l) => passRate(l.metrics)),
  );
  const journeyFunnel = {
    ...funnel(touchpoints, succ, after, metrics.completion_rate),
    paths: journeyPathsFound.paths,
    morePaths: journeyPathsFound.more,
  };
  const atHotspots = hotspotTotal(hotspots, metrics.period);
  const currency = str('currency');
  const firstVolume = touchpoints[0]?.metrics.volume ?? metrics.volume;
  const completion = journeyFunnel.completion ?? journeyFunnel.declared;
  const journeyRevenue =
    !leave && typeof firstVolume === 'number' && completion !== null && typeof metrics.value_per_customer === 'number'
      ? firstVolume * completion * metrics.value_per_customer
      : null;
  const score = journeyScore(
    metrics,
    journeyFunnel.completion,
    touchpoints[touchpoints.length - 1]?.metrics,
    Object.values(peakEndByCurve).map((pe) => pe.endEmotion),
    scale,
  );
  const idNode = getNode(parsed, root, 'journey');
  return {
    kind: 'journey',
    uri: parsed.uri,
    id: scalarString(idNode) ?? '',
    title: str('title') ?? '',
    ...clean({
      description: str('description'),
      type: str('type'),
      variant: str('variant'),
      owner: str('owner'),
      currency,
      goal: str('goal'),
      businessOutcome: str('business_outcome'),
    }),
    emotionScale: { ...scale, mid },
    personas,
    channels,
    metrics,
    stages,
    touchpoints,
    hotspots,
    frictionThreshold: settings.frictionThreshold,
    peakEnd: peakEndByCurve,
    funnel: journeyFunnel,
    summary: {
      stageCount: stages.length,
      touchpointCount: touchpoints.length,
      hotspotCount: hotspots.length,
      revenueAtRiskAtHotspots: atHotspots.total,
      hotspotsNotSummed: atHotspots.excluded,
      journeyRevenue,
      ...clean({ period: metrics.period, currency }),
    },
    score,
    idRange: idNode ? nodeRange(parsed, idNode) : firstLineRange(parsed, root),
  };
}

/** What one touchpoint's own nodes say, given the journey's emotion curves. */
interface LocalTouchpoint {
  channel?: string;
  action?: string;
  thought?: string;
  owner?: string;
  emotion: number | null;
  emotionByPersona: Record<string, number>;
  /** The emotion map's entries (persona, number), for the share-weighted mean; null for a plain number. */
  emotionEntries: [string, number][] | null;
  momentOfTruth: TouchpointModel['momentOfTruth'];
  painPoints: PainPoint[];
  opportunities: Omit<Opportunity, 'value' | 'priority'>[];
  backstage: BackstageEntry[];
  evidence: string[];
  explicitNext: boolean;
  /** The `next` list as written (when explicitNext). */
  next: string[];
  metrics: Metrics;
  range: Range;
  nameRange: Range;
}

const touchpointMemo = new NodeMemo<LocalTouchpoint>((v, lines) => ({
  ...v,
  painPoints: v.painPoints.map((p) => ({ ...p, range: shiftRange(p.range, lines) })),
  opportunities: v.opportunities.map((o) => ({ ...o, range: shiftRange(o.range, lines) })),
  backstage: v.backstage.map((b) => ({ ...b, range: shiftRange(b.range, lines) })),
  range: shiftRange(v.range, lines),
  nameRange: shiftRange(v.nameRange, lines),
}));

/** A touchpoint's figures on this journey (what its model object adds to its own reading). */
interface TouchpointFigures extends Pick<TouchpointModel, 'index' | 'id' | 'idDerived' | 'name' | 'stageId' | 'stageIndex'> {
  // Every input they were computed from besides the touchpoint's own reading (see buildJourney):
  // the journey's key, the fields above, and these two.
  journeyKey: string;
  after: number | null;
  next: string[];
  // The figures.
  emotion: number | null;
  emotionByPersona: Record<string, number>;
  channelLabel: string | undefined;
  friction: ReturnType<typeof friction>;
  lost: number | null;
  money: ReturnType<typeof revenueAtRisk>;
  period: string | undefined;
  confidence: TouchpointModel['confidence'];
}

function sameList(a: string[], b: string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Per touchpoint reading, its last figures and model object, kept while the reading is. */
const assembled = new WeakMap<
  LocalTouchpoint,
  { figures: TouchpointFigures; rank: number | null | undefined; model: TouchpointModel | undefined }
>();

function readTouchpoint(parsed: ParsedFile, t: TouchpointNodes, curves: string[]): LocalTouchpoint {
  const n = t.node;
  const { emotion, byPersona, entries } = readEmotion(parsed, getNode(parsed, n, 'emotion'), curves);
  const painPoints = textItems<PainPoint>(parsed, getNode(parsed, n, 'pain_points'), (m) => {
    const sev = optional(parsed, m, 'severity') as PainSeverity | undefined;
    const evidence = optional(parsed, m, 'evidence');
    return { severity: sev && SEVERITIES.includes(sev) ? sev : 'medium', ...(evidence ? { evidence } : {}) };
  });
  const opportunities = textItems<Omit<Opportunity, 'value' | 'priority'>>(parsed, getNode(parsed, n, 'opportunities'), (m) => {
    const status = optional(parsed, m, 'status') as OpportunityStatus | undefined;
    return clean({
      owner: optional(parsed, m, 'owner'),
      link: optional(parsed, m, 'link'),
      effort: m ? scalarNumber(getNode(parsed, m, 'effort')) : undefined,
      uplift: m ? scalarNumber(getNode(parsed, m, 'uplift')) : undefined,
      status: status && STATUSES.includes(status) ? status : undefined,
    });
  });
  const backstage = textItems<BackstageEntry>(parsed, getNode(parsed, n, 'backstage'), (m) =>
    clean({ owner: optional(parsed, m, 'owner'), system: optional(parsed, m, 'system') }),
  );
  const nextNode = getNode(parsed, n, 'next');
  const motNode = getNode(parsed, n, 'moment_of_truth');
  const momentOfTruth: TouchpointModel['momentOfTruth'] = isMap(motNode)
    ? clean({ success: optional(parsed, motNode, 'success'), failure: optional(parsed, motNode, 'failure') })
    : isScalar(motNode) && motNode.value === true
      ? {}
      : false;
  return {
    ...clean({
      channel: optional(parsed, n, 'channel'),
      action: optional(parsed, n, 'action'),
      thought: optional(parsed, n, 'thought'),
      owner: optional(parsed, n, 'owner'),
    }),
    emotion,
    emotionByPersona: byPersona,
    emotionEntries: entries,
    momentOfTruth,
    painPoints,
    opportunities,
    backstage,
    evidence: strings(parsed, getNode(parsed, n, 'evidence')),
    explicitNext: nextNode !== null,
    next: nextNode !== null ? strings(parsed, nextNode) : [],
    metrics: readMetrics(parsed, getNode(parsed, n, 'metrics')),
    range: nodeRange(parsed, n),
    nameRange: nodeRange(parsed, t.nameNode ?? n),
  };
}

function buildPersona(parsed: ParsedFile, index: WorkspaceIndex): PersonaModel | null {
  const root = rootMap(parsed);
  if (!root) return null;
  const str = (k: string) => optional(parsed, root, k);
  const list = (k: string) => strings(parsed, getNode(parsed, root, k));
  const idNode = getNode(parsed, root, 'persona');
  const id = scalarString(idNode) ?? '';
  const demographics: Record<string, string> = {};
  const demoNode = getNode(parsed, root, 'demographics');
  for (const p of pairs(demoNode)) {
    const k = pairKey(p);
    const v = scalarString(getNode(parsed, demoNode, k ?? ''));
    if (k && v !== undefined) setOwn(demographics, k, v);
  }
  const color = str('color');
  return {
    kind: 'persona',
    uri: parsed.uri,
    id,
    name: str('name') ?? '',
    ...clean({
      role: str('role'),
      segment: str('segment'),
      share: scalarNumber(getNode(parsed, root, 'share')),
      quote: str('quote'),
      description: str('description'),
    }),
    goals: list('goals'),
    frustrations: list('frustrations'),
    needs: list('needs'),
    motivations: list('motivations'),
    channels: list('channels'),
    devices: list('devices'),
    jobs: seqItems(parsed, getNode(parsed, root, 'jobs')).map((jn) =>
      clean({ when: optional(parsed, jn, 'when'), want: optional(parsed, jn, 'want'), so_that: optional(parsed, jn, 'so_that') }),
    ),
    demographics,
    metrics: readMetrics(parsed, getNode(parsed, root, 'metrics')),
    color: color && /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : PERSONA_PALETTE[0],
    evidence: list('evidence'),
    usedBy: index.journeysUsingPersona(id).map((j) => ({ id: j.id, title: j.title ?? j.id, uri: j.uri })),
    idRange: idNode ? nodeRange(parsed, idNode) : firstLineRange(parsed, root),
  };
}

/** Drops undefined fields so the model stays minimal JSON. */
/**
 * Sets a key the user wrote (a persona id, a demographic, a custom metric): `__proto__` becomes
 * an own key instead of replacing the record's prototype.
 */
function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function clean<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o as { [K in keyof T]: Exclude<T[K], undefined> };
}
