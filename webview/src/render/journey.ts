// The journey map's lanes, drawn with keyed d3 joins (touchpoints by id, stages by id,
// curves by persona) so an update moves, adds and removes only what changed.
import { scaleLinear } from 'd3-scale';
import { JourneyModel, ownValue, PersonaRef, TouchpointModel } from '../../../server/src/core/model';
import { child, childAfter, sel, Any, El, dropChild, fitAllLines, FitOptions, setLines, setTooltip, Sel, uniqueKeys } from './dom';
import { drawFlow } from './flow';
import { drawFunnel } from './funnel';
import { renderJourneyHeader, starPath } from './header';
import {
  actionLines,
  BACKSTAGE_GAP,
  backstageBox,
  CARD_W,
  COL_W,
  frictionBand,
  GUTTER,
  ItemText,
  JourneyLayout,
  LANE_TITLES,
  layoutJourney,
  LINE_H,
  META_LINE_H,
  metaLines,
  NAME_W,
  opportunityItem,
  PAD,
  painItem,
  stageLines,
  TEXT,
  thoughtLines,
} from './layout';
import { placeLabels } from './place';
import { personaColor, personaLabel } from './personas';
import { compact, percent, signed, textWidth, wrapText } from './text';
import { drawTrend } from './trend';
import { formatMoney } from '../../../server/src/core/scores';

const STAGE_COLORS = ['blue', 'orange', 'green', 'purple', 'yellow', 'red'];
const INSET = (COL_W - CARD_W) / 2;
const CX = COL_W / 2;

interface Column {
  key: string;
  t: TouchpointModel;
  x: number;
}

/** Which drawn columns (and stage bands) a render fills, and how. */
interface Fill {
  /**
   * `all`: every one (a new model). `new` (the window moved, the model did not): those entering
   * the window, and with `text` those drawn bare before; the others are drawn already.
   * `changed` (a patched model, laid out as the one drawn): those `changed` names, and those `new` fills.
   */
  which: 'all' | 'new' | 'changed';
  /** With `changed`: whether the column or stage band of this join key must be drawn again. */
  changed?: (key: string) => boolean;
  /** Without it a column is drawn bare (class `bare`): no text, no tooltip on a text. */
  text: boolean;
}

/**
 * Keyed join (`key`) of `<g class=cls>` per datum, in data order, and the ones `fill` asks to
 * fill, with their class set (`bare` when drawn without text).
 */
function joinFill<T>(parent: Sel, cls: string, data: T[], key: (d: T) => string, fill: Fill): Sel {
  const update = parent.selectAll<El, Any>(`g.${cls}`).data(data, key);
  update.exit().remove();
  const enter = update.enter().append('g');
  // Document order is map order (arrow keys walk siblings).
  const all = enter.merge(update).order();
  const entering = new Set(enter.nodes());
  const target =
    fill.which === 'all'
      ? all
      : all.filter(function (this: El, d: T) {
          return (
            entering.has(this) || (fill.text && this.classList.contains('bare')) || (fill.which === 'changed' && !!fill.changed?.(key(d)))
          );
        });
  return target.attr('class', cls).classed('bare', !fill.text);
}

/** One `<g class=cls>` per touchpoint, keyed by touchpoint id, placed at its column: see joinFill. */
function columns(parent: Sel, cls: string, cols: Column[], y: number, fill: Fill): Sel {
  return joinFill(parent, cls, cols, (c: Column) => c.key, fill)
    .attr('data-touchpoint-index', (c: Column) => c.t.index)
    .attr('transform', (c: Column) => `translate(${c.x},${y})`);
}

/** Map x range to draw columns for; the rest of a very long journey waits for a pan. */
export interface ColumnWindow {
  x0: number;
  x1: number;
}

/** What the last full render drew into a map, so a pan can draw only the columns it brings in. */
interface Drawn {
  model: JourneyModel;
  layout: JourneyLayout;
  all: Column[];
  /** layoutShape(layout) and columnContext(model), for the next patch. */
  shape: string;
  context: string;
}
const drawn = new WeakMap<Element, Drawn>();

/** The layout of the journey last drawn into `svg` (compare mode draws over it: render/compare.ts). */
export function drawnLayout(svg: Element): JourneyLayout | undefined {
  return drawn.get(svg)?.layout;
}

export interface JourneyRender {
  /** Draw only the columns in this x range. */
  window?: ColumnWindow;
  /** The model is the one last drawn into this map and only the window moved. */
  windowOnly?: boolean;
  /** False where the map's text is not displayed (the webview's far zoom): columns are drawn bare. */
  text?: boolean;
  /**
   * The model is the one last drawn into this map patched by a diff (the same document): when it
   * lays out as the drawn one, only the columns and stage bands whose data changed are drawn again.
   */
  patch?: boolean;
}

/** Everything of a layout the drawn columns and bands depend on besides their own data. */
function layoutShape(l: JourneyLayout): string {
  return JSON.stringify([
    l.compact,
    l.nameLines,
    l.ownerLines,
    l.cardH,
    l.width,
    l.height,
    l.headerHeight,
    l.lanes,
    l.laneOrder,
    l.stageSpan,
    l.visibilityY,
    l.funnelShift,
  ]);
}

/** What every column reads of the model besides its touchpoint (threshold, currency, count, history). */
function columnContext(model: JourneyModel): string {
  return JSON.stringify([model.frictionThreshold, model.currency, model.touchpoints.length, model.history ?? null]);
}

function sameNumbers(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * With a patched model laid out as the drawn one: which of the window's columns (by join key)
 * changed (their touchpoint, its stage, the names its label gives, its funnel bars), or null when
 * everything must be drawn again (another layout, other keys, another column context).
 */
function changedColumns(last: Drawn, model: JourneyModel, layout: JourneyLayout, all: Column[], cols: Column[]): Set<string> | null {
  if (last.shape !== layoutShape(layout) || last.context !== columnContext(model)) return null;
  if (last.all.length !== all.length || !sameNumbers(last.layout.columnX, layout.columnX)) return null;
  const changed = new Set<string>();
  const n = model.touchpoints.length;
  for (const c of cols) {
    const i = c.t.index;
    const before = last.all[i];
    if (!before || before.key !== c.key) return null;
    const same =
      before.t === c.t &&
      last.model.stages[c.t.stageIndex] === model.stages[c.t.stageIndex] &&
      JSON.stringify(last.layout.funnel.get(i) ?? null) === JSON.stringify(layout.funnel.get(i) ?? null) &&
      (!c.t.explicitNext || touchpointLabel(last.model, before.t, n) === touchpointLabel(model, c.t, n));
    if (!same) changed.add(c.key);
  }
  return changed;
}

/**
 * Draws the journey, or with `windowOnly` (the model is the one last drawn into `root`, only
 * the window moved) just the columns and stage bands entering the window (and, with text, those
 * drawn bare before), dropping those that left it; the header, curves' markers and lane labels
 * stay as they are.
 */
export function renderJourney(
  root: Sel,
  model: JourneyModel,
  { window, windowOnly = false, text = true, patch = false }: JourneyRender = {},
): JourneyLayout {
  const viewport = child(root, 'g', 'map-viewport');
  const last = drawn.get(root.node() as Element);
  const onlyNew = windowOnly && last?.model === model;
  let layout: JourneyLayout;
  let all: Column[];
  if (onlyNew && last) ({ layout, all } = last);
  else {
    const bgRect = child(viewport, 'rect', 'map-background');
    // The header is outside the viewport: the webview keeps it in view while the map pans.
    const headerHeight = renderJourneyHeader(child(root, 'g', 'header'), model);
    layout = layoutJourney(model, headerHeight);
    bgRect.attr('width', layout.width).attr('height', layout.height);
    const keys = uniqueKeys(model.touchpoints.map((t) => t.id));
    const columnX = layout.columnX;
    all = model.touchpoints.map((t, i) => ({ key: keys[i], t, x: columnX[t.index] }));
    drawn.set(root.node() as Element, { model, layout, all, shape: layoutShape(layout), context: columnContext(model) });
  }
  // Columns and stage bands outside the window are left out (keyed joins add them back on a
  // pan); the markers always span the whole journey, the curves the drawn columns (curveColumns).
  const cols = window ? all.filter((c) => c.x + COL_W >= window.x0 && c.x <= window.x1) : all;
  // A patched model laid out as the drawn one: only what changed is drawn again (and what enters the window).
  const changed = patch && !onlyNew && last && last.model !== model ? changedColumns(last, model, layout, all, cols) : null;
  if (changed && last) {
    const stageKeys = uniqueKeys(model.stages.map((st) => st.id));
    const lastStageKeys = uniqueKeys(last.model.stages.map((st) => st.id));
    model.stages.forEach((st, i) => {
      if (last.model.stages[i] !== st || lastStageKeys[i] !== stageKeys[i]) changed.add(`stage\u0000${stageKeys[i]}`);
    });
  }
  viewport
    .attr('data-columns-from', cols.length ? cols[0].t.index : null)
    .attr('data-columns-to', cols.length ? cols[cols.length - 1].t.index : null);
  const top = layout.lanes.stages.y;
  const bottom = layout.lanes.metrics.y + layout.lanes.metrics.height;
  const from = cols.length ? cols[0].t.index : 0;
  const to = cols.length ? cols[cols.length - 1].t.index : -1;
  const fill: Fill = changed ? { which: 'changed', text, changed: (key) => changed.has(key) } : { which: onlyNew ? 'new' : 'all', text };

  if (onlyNew) {
    // The same groups, in the same order, as the full render below.
    columnBackdrops(viewport, cols, top, bottom, fill);
    drawStages(child(viewport, 'g', 'lane-stages'), model, layout, window, fill);
    drawTouchpoints(child(viewport, 'g', 'lane-touchpoints'), model, layout, cols, fill);
    drawFlow(child(viewport, 'g', 'flow'), model, layout, from, to);
    drawSaying(child(viewport, 'g', 'lane-doing'), layout, cols, fill, 'doing');
    drawSaying(child(viewport, 'g', 'lane-thinking'), layout, cols, fill, 'thinking');
    drawEmotionSeries(child(viewport, 'g', 'lane-emotion'), model, layout, curveColumns(all, cols, !!window), from, to, true);
    drawFriction(child(viewport, 'g', 'lane-friction'), model, layout, cols, fill);
    drawPainPoints(child(viewport, 'g', 'lane-pain'), layout, cols, fill);
    drawOpportunities(child(viewport, 'g', 'lane-opportunities'), layout, cols, fill);
    drawBackstage(child(viewport, 'g', 'lane-backstage'), layout, cols, fill);
    drawMetrics(child(viewport, 'g', 'lane-metrics'), model, layout, cols, fill);
    return layout;
  }

  // Lane separators, then a full-height backdrop per column (what a highlight lights up).
  child(viewport, 'g', 'lane-separators')
    .selectAll<El, Any>('line')
    .data(layout.laneOrder.slice(1))
    .join('line')
    .attr('class', 'lane-separator')
    .attr('x1', PAD)
    .attr('x2', layout.width - PAD)
    .attr('y1', (n: keyof typeof LANE_TITLES) => layout.lanes[n].y - (n === 'backstage' ? 24 : 0))
    .attr('y2', (n: keyof typeof LANE_TITLES) => layout.lanes[n].y - (n === 'backstage' ? 24 : 0))
    .style('display', (n: string) => (n === 'backstage' ? 'none' : null));
  columnBackdrops(viewport, cols, top, bottom, fill);

  drawStages(child(viewport, 'g', 'lane-stages'), model, layout, window, fill);
  drawTouchpoints(child(viewport, 'g', 'lane-touchpoints'), model, layout, cols, fill);
  drawFlow(child(viewport, 'g', 'flow'), model, layout, from, to);
  drawSaying(child(viewport, 'g', 'lane-doing'), layout, cols, fill, 'doing');
  drawSaying(child(viewport, 'g', 'lane-thinking'), layout, cols, fill, 'thinking');
  drawEmotion(child(viewport, 'g', 'lane-emotion'), model, layout, curveColumns(all, cols, !!window), from, to);
  drawFriction(child(viewport, 'g', 'lane-friction'), model, layout, cols, fill);
  drawPainPoints(child(viewport, 'g', 'lane-pain'), layout, cols, fill);
  drawOpportunities(child(viewport, 'g', 'lane-opportunities'), layout, cols, fill);
  drawVisibility(child(viewport, 'g', 'visibility'), layout);
  drawBackstage(child(viewport, 'g', 'lane-backstage'), layout, cols, fill);
  drawMetrics(child(viewport, 'g', 'lane-metrics'), model, layout, cols, fill);
  drawLaneLabels(child(root, 'g', 'lane-labels'), model, layout);
  return layout;
}

function columnBackdrops(viewport: Sel, cols: Column[], top: number, bottom: number, fill: Fill): void {
  columns(child(viewport, 'g', 'columns-bg'), 'column-bg-group', cols, top, fill).each(function () {
    child(sel(this), 'rect', 'column-bg')
      .attr('x', 2)
      .attr('width', COL_W - 4)
      .attr('height', bottom - top)
      .attr('rx', 6);
  });
}

/** Stage bands: all of them, or with a window those reaching into it (filled as columns are). */
function drawStages(g: Sel, model: JourneyModel, layout: JourneyLayout, window: ColumnWindow | undefined, fill: Fill): void {
  const lane = layout.lanes.stages;
  const keys = uniqueKeys(model.stages.map((s) => s.id));
  const spanOf = (i: number) => layout.stageSpan[i] ?? { x: 0, width: 0 };
  const stages = model.stages.map((s, i) => ({ s, key: keys[i] }));
  const shown = window
    ? stages.filter((d) => spanOf(d.s.index).x + spanOf(d.s.index).width >= window.x0 && spanOf(d.s.index).x <= window.x1)
    : stages;
  // Stage bands are named `stage\u0000<key>` among what changed (a stage id may be a touchpoint id too).
  const bandFill: Fill = fill.which === 'changed' ? { ...fill, changed: (k) => !!fill.changed?.(`stage\u0000${k}`) } : fill;
  joinFill(g, 'stage-band', shown, (d: { key: string }) => d.key, bandFill)
    .classed('empty', (d) => d.s.touchpointIndexes.length === 0)
    .attr('data-stage-index', (d) => d.s.index)
    .attr('data-reveal', (d) => `stage:${d.s.index}`)
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-label', (d) => `Stage ${d.s.index + 1}: ${d.s.name}${d.s.owner ? `, owner ${d.s.owner}` : ''}`)
    .each(function (d) {
      const band = sel(this);
      const span = spanOf(d.s.index);
      child(band, 'rect', 'band')
        .attr('x', span.x + 2)
        .attr('y', lane.y + 4)
        .attr('width', Math.max(0, span.width - 4))
        .attr('height', lane.height - 8)
        .attr('rx', 6)
        .style('fill', `var(--vscode-charts-${STAGE_COLORS[d.s.index % STAGE_COLORS.length]})`)
        .style('fill-opacity', '0.16');
      if (!fill.text) return;
      const label = d.s.touchpointIndexes.length === 0 ? `${d.s.name} (empty)` : d.s.name;
      // Name, then the owner on lines of its own: a narrow band wraps, it never drops the owner.
      const l = stageLines(label, d.s.owner, span.width - 20);
      const text = child(band, 'text', 'stage-name').attr('y', lane.y + 22);
      setLines(text, l.name, span.x + 12, 16);
      if (l.owner.length)
        setLines(child(band, 'text', 'stage-owner').attr('y', lane.y + 22 + l.name.length * 16 - 2), l.owner, span.x + 12, 13);
      else dropChild(band, 'text', 'stage-owner');
    });
}

/** How a touchpoint name fits its card: as many lines as the lane was laid out for. */
function nameFit(layout: JourneyLayout): FitOptions {
  return { x: INSET + 10, width: NAME_W, size: TEXT.name.size, maxLines: layout.nameLines, lineHeight: 15, bold: true };
}

function drawTouchpoints(g: Sel, model: JourneyModel, layout: JourneyLayout, cols: Column[], fill: Fill): void {
  const lane = layout.lanes.touchpoints;
  const n = model.touchpoints.length;
  // Names are fitted after every column is written, all measured in one layout.
  const names: { text: Sel; full: string; o: FitOptions }[] = [];
  columns(g, 'touchpoint-column', cols, lane.y, fill)
    .attr('data-touchpoint-id', (c: Column) => c.t.id)
    .attr('data-stage-index', (c: Column) => c.t.stageIndex)
    .attr('data-reveal', (c: Column) => `touchpoint:${c.t.index}`)
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-label', (c: Column) => touchpointLabel(model, c.t, n))
    .each(function (c: Column) {
      const col = sel(this);
      const t = c.t;
      const cardH = layout.cardH;
      const card = child(col, 'rect', 'card').attr('x', INSET).attr('y', 6).attr('width', CARD_W).attr('height', cardH).attr('rx', 6);
      // As many lines as the lane was laid out for; a longer name ends in "…" with a tooltip.
      if (fill.text)
        names.push({ text: childAfter(col, 'text', 'touchpoint-name', card.node()).attr('y', 26), full: t.name, o: nameFit(layout) });

      // The touchpoint's owner under its name, every word (the ownership lane of a CX map).
      if (fill.text && t.owner && !layout.compact) {
        setLines(
          child(col, 'text', 'touchpoint-owner').attr('y', 26 + layout.nameLines * 15 + 2),
          metaLines(`owner: ${t.owner}`),
          INSET + 10,
          META_LINE_H,
        );
      } else dropChild(col, 'text', 'touchpoint-owner');

      // Confidence in its figures: one to three bars, like a signal (the legend says so).
      const level = t.confidence === 'high' ? 3 : t.confidence === 'medium' ? 2 : 1;
      const conf = child(col, 'g', 'confidence-mark')
        .attr('data-confidence', t.confidence)
        .attr('transform', `translate(${INSET + CARD_W - 17},${22})`);
      conf
        .selectAll<El, Any>('rect')
        .data([1, 2, 3])
        .join('rect')
        .attr('x', (k: number) => (k - 1) * 5)
        .attr('y', (k: number) => -4 - k * 3)
        .attr('width', 3.5)
        .attr('height', (k: number) => 4 + k * 3)
        .attr('class', (k: number) => (k <= level ? 'bar on' : 'bar'));
      setTooltip(conf, `Confidence ${t.confidence} (evidence: ${t.evidence.length ? t.evidence.join(', ') : 'none'})`);

      const channel = t.channelLabel ?? t.channel;
      if (channel) {
        const badge = child(col, 'g', 'channel-badge').attr('data-channel', t.channel ?? '');
        const label = wrapText(channel, CARD_W - 50, 10, 1).lines[0];
        const bw = Math.min(CARD_W - 36, label.length * 6.2 + 16);
        child(badge, 'rect', 'pill')
          .attr('x', INSET + 8)
          .attr('y', cardH - 20)
          .attr('width', bw)
          .attr('height', 17)
          .attr('rx', 8.5);
        if (fill.text)
          child(badge, 'text', 'label')
            .attr('x', INSET + 15)
            .attr('y', cardH - 8)
            .text(label);
      } else dropChild(col, 'g', 'channel-badge');

      if (t.momentOfTruth) {
        const mot = child(col, 'g', 'moment-of-truth').attr('transform', `translate(${INSET + CARD_W - 14},${cardH - 12})`);
        child(mot, 'path', 'star').attr('d', starPath(7));
        const m = t.momentOfTruth;
        const tip = ['Moment of truth', m.success ? `success: ${m.success}` : '', m.failure ? `failure: ${m.failure}` : '']
          .filter(Boolean)
          .join('\n');
        setTooltip(mot, tip);
      } else dropChild(col, 'g', 'moment-of-truth');
    });
  fitAllLines(names).forEach((cut, i) => setTooltip(names[i].text, cut ? names[i].full : null));
}

function touchpointLabel(model: JourneyModel, t: TouchpointModel, n: number): string {
  const parts = [`Touchpoint ${t.index + 1} of ${n}: ${t.name}`];
  const stage = model.stages[t.stageIndex];
  if (stage) parts.push(`stage ${stage.name}`);
  if (t.channelLabel ?? t.channel) parts.push(`channel ${t.channelLabel ?? t.channel}`);
  if (t.emotion !== null) parts.push(`emotion ${signed(t.emotion)}`);
  if (t.friction !== null) parts.push(`friction ${t.friction.toFixed(2)}`);
  if (t.hotspotRank !== null) parts.push(`hotspot number ${t.hotspotRank}`);
  if (t.momentOfTruth) parts.push('moment of truth');
  if (t.explicitNext) {
    const names = t.next.map((id) => model.touchpoints.find((o) => o.id === id)?.name).filter((x): x is string => !!x);
    parts.push(names.length ? `then ${names.join(' or ')}` : 'the journey ends here');
  }
  return parts.join(', ');
}

interface CurvePoint {
  key: string;
  x: number;
  value: number | null;
  index: number;
}

/**
 * The emotion lane's vertical scale. Clamped: a value outside the journey's scale (already an
 * emotion-range error in the editor) is drawn on the lane's edge instead of over other lanes.
 */
export function emotionY(model: JourneyModel, layout: JourneyLayout) {
  const lane = layout.lanes.emotion;
  return scaleLinear()
    .domain([model.emotionScale.min, model.emotionScale.max])
    .range([lane.y + lane.height - 26, lane.y + 26])
    .clamp(true);
}

/** One curve's points: the emotion a persona gives each column (null where it gives none). */
function emotionSeries(model: JourneyModel, cols: Column[]): { p: PersonaRef; color: string; points: CurvePoint[] }[] {
  return model.personas.map((p, i) => ({
    p,
    color: personaColor(p, i),
    points: cols.map((c) => ({ key: c.key, x: c.x, index: c.t.index, value: ownValue(c.t.emotionByPersona, p.id) ?? null })),
  }));
}

/**
 * The curves through `cols` (every column, or those around a window: see curveColumns) and one
 * group of points per persona, keyed by touchpoint, for the drawn columns (`from`..`to`).
 */
function drawEmotionSeries(
  g: Sel,
  model: JourneyModel,
  layout: JourneyLayout,
  cols: Column[],
  from: number,
  to: number,
  onlyNew: boolean,
): ReturnType<typeof emotionSeries> {
  const y = emotionY(model, layout);
  const personas = emotionSeries(model, cols);
  const curve = (d: { p: PersonaRef }) => curvePath(model, layout, cols, y, d.p.id);
  child(g, 'g', 'curves')
    .selectAll<El, Any>('path.emotion-curve')
    .data(personas, (d: { p: PersonaRef }) => d.p.id)
    .join('path')
    .attr('class', 'emotion-curve')
    .attr('data-persona', (d) => d.p.id)
    .attr('stroke', (d) => d.color)
    .attr('d', (d) => curve(d));

  child(g, 'g', 'points')
    .selectAll<El, Any>('g.emotion-points')
    .data(personas, (d: { p: PersonaRef }) => d.p.id)
    .join('g')
    .attr('class', 'emotion-points')
    .attr('data-persona', (d) => d.p.id)
    .each(function (d) {
      const update = sel(this)
        .selectAll<El, Any>('circle.emotion-point')
        .data(
          d.points.filter((p: CurvePoint) => p.value !== null && p.index >= from && p.index <= to),
          (p: CurvePoint) => p.key,
        );
      update.exit().remove();
      const enter = update.enter().append('circle');
      const all = enter.merge(update).order();
      (onlyNew ? enter : all)
        .attr('class', 'emotion-point')
        .attr('data-touchpoint-index', (p: CurvePoint) => p.index)
        .attr('cx', (p: CurvePoint) => p.x + CX)
        .attr('cy', (p: CurvePoint) => y(p.value as number))
        .attr('r', layout.compact ? 3 : 4.5)
        .attr('fill', d.color);
    });
  return personas;
}

/** Successors and predecessors by index (`next`, resolved; unknown ids and self-loops left out), once per model. */
const graphs = new WeakMap<JourneyModel, { succ: number[][]; pred: number[][] }>();
export function touchpointGraph(model: JourneyModel): { succ: number[][]; pred: number[][] } {
  let g = graphs.get(model);
  if (g) return g;
  const byId = new Map<string, number>();
  for (const t of model.touchpoints) if (!byId.has(t.id)) byId.set(t.id, t.index);
  const succ = model.touchpoints.map((t) =>
    [...new Set(t.next)].map((id) => byId.get(id)).filter((i): i is number => i !== undefined && i !== t.index),
  );
  const pred: number[][] = model.touchpoints.map(() => []);
  succ.forEach((to, from) => to.forEach((i) => pred[i].push(from)));
  g = { succ, pred };
  graphs.set(model, g);
  return g;
}

/**
 * A persona's curve along the touchpoint graph: one segment per successor that lies to the
 * right (loop backs are the flow lane's arcs), between two touchpoints that both have a value.
 * Alternative branches are separate segments from the split to the join, never one line in
 * column order. Each segment leaves and enters its points level, so segments that meet join
 * smoothly; a chain of them is one subpath.
 */
function curvePath(model: JourneyModel, layout: JourneyLayout, cols: Column[], y: (v: number) => number, persona: string): string {
  const { succ, pred } = touchpointGraph(model);
  const xOf = (i: number) => (layout.columnX[i] ?? 0) + CX;
  const value = (i: number) => ownValue(model.touchpoints[i].emotionByPersona, persona);
  const inCols = new Set(cols.map((c) => c.t.index));
  const segs: [number, number][] = [];
  for (const c of cols) {
    const a = c.t.index;
    if (value(a) === undefined) continue;
    for (const b of succ[a]) if (xOf(b) > xOf(a) && value(b) !== undefined) segs.push([a, b]);
    // Segments arriving from columns not drawn (a window's edge).
    for (const b of pred[a]) if (!inCols.has(b) && xOf(a) > xOf(b) && value(b) !== undefined) segs.push([b, a]);
  }
  segs.sort((p, q) => xOf(p[0]) - xOf(q[0]) || xOf(p[1]) - xOf(q[1]));
  let d = '';
  let at = -1;
  const pt = (i: number) => `${+xOf(i).toFixed(2)},${+y(value(i) as number).toFixed(2)}`;
  for (const [a, b] of segs) {
    const x0 = xOf(a);
    const x1 = xOf(b);
    const y0 = +y(value(a) as number).toFixed(2);
    const y1 = +y(value(b) as number).toFixed(2);
    const handle = Math.min((x1 - x0) / 2, COL_W / 2);
    if (a !== at) d += `M${pt(a)}`;
    d += `C${+(x0 + handle).toFixed(2)},${y0} ${+(x1 - handle).toFixed(2)},${y1} ${pt(b)}`;
    at = b;
  }
  return d;
}

/**
 * The columns a curve goes through. With a window, a curve through the whole journey (thousands
 * of points, hundreds of thousands of pixels wide) costs every raster tile it crosses the whole
 * path; through the drawn columns and two more on each side it is the same curve wherever a
 * column is drawn (a monotone curve's tangent at a point depends on its neighbours only).
 */
function curveColumns(all: Column[], cols: Column[], windowed: boolean): Column[] {
  if (!windowed) return all;
  if (!cols.length) return [];
  const first = all.indexOf(cols[0]);
  const last = all.indexOf(cols[cols.length - 1]);
  // Columns out of touchpoint order (a stage listing them so): the curve goes everywhere.
  if (last - first + 1 !== cols.length) return all;
  return all.slice(Math.max(0, first - 2), last + 3);
}

function drawEmotion(g: Sel, model: JourneyModel, layout: JourneyLayout, cols: Column[], from: number, to: number): void {
  const { min, max, mid } = model.emotionScale;
  const y = emotionY(model, layout);
  const x0 = GUTTER + PAD;
  const x1 = layout.width - PAD;
  const ticks = max - min <= 10 ? range(Math.ceil(min), Math.floor(max)) : y.ticks(5);
  child(g, 'g', 'grid')
    .selectAll<El, Any>('line')
    .data(ticks.filter((v) => v !== mid))
    .join('line')
    .attr('class', 'grid-line')
    .attr('x1', x0)
    .attr('x2', x1)
    .attr('y1', (v: number) => y(v))
    .attr('y2', (v: number) => y(v));
  child(g, 'line', 'midpoint-line').attr('x1', x0).attr('x2', x1).attr('y1', y(mid)).attr('y2', y(mid));

  // Points keyed by touchpoint, so an edit moves them.
  const personas = drawEmotionSeries(g, model, layout, cols, from, to, false);

  // Peak and end moments per persona: a ring and a diamond, labelled beside the point.
  const marks: {
    kind: 'peak' | 'end';
    persona: string;
    color: string;
    index: number;
    value: number;
    order: number;
    nest: number;
    label: string;
  }[] = [];
  const nested = new Map<string, number>();
  const nest = (kind: string, index: number, value: number): number => {
    const k = `${kind}:${index}:${value}`;
    const n = nested.get(k) ?? 0;
    nested.set(k, n + 1);
    return n;
  };
  personas.forEach((d) => {
    const pe = ownValue(model.peakEnd, d.p.id);
    if (!pe) return;
    const same = pe.peakIndex === pe.endIndex;
    // With several curves a label names its persona: two "peak (low)" side by side say whose.
    const who = personas.length > 1 ? `${personaLabel(d.p).split(',')[0]}: ` : '';
    const peakLabel = who + (pe.peakEmotion < mid ? 'peak (low)' : 'peak') + (same ? ' · end' : '');
    marks.push({
      kind: 'peak',
      persona: d.p.id,
      color: d.color,
      index: pe.peakIndex,
      value: pe.peakEmotion,
      order: 0,
      nest: nest('peak', pe.peakIndex, pe.peakEmotion),
      label: peakLabel,
    });
    marks.push({
      kind: 'end',
      persona: d.p.id,
      color: d.color,
      index: pe.endIndex,
      value: pe.endEmotion,
      order: same ? -1 : 0,
      nest: nest('end', pe.endIndex, pe.endEmotion),
      label: `${who}end`,
    });
  });
  // Place, then nudge: each label beside its point (above a high one, below a low one), moved
  // to the nearest free spot inside the lane when another label is there.
  const lane = layout.lanes.emotion;
  const labelled = marks.filter((m) => m.order >= 0);
  const boxes = placeLabels(
    labelled.map((m) => {
      const cx = (layout.columnX[m.index] ?? 0) + CX;
      const cy = y(m.value);
      const w = textWidth(m.label, 10, true) + 4;
      const above = m.value >= mid;
      const top = above ? cy - 22 : cy + 9;
      const off = 13 + 4 * m.nest;
      return {
        box: { x: cx + off, y: top, width: w, height: 13 },
        alt: { x: cx - off - w, y: top, width: w, height: 13 },
        dir: above ? -1 : 1,
      };
    }),
    { x: GUTTER + PAD, y: lane.y + 2, width: layout.width - GUTTER - 2 * PAD, height: lane.height - 4 },
  );
  const placedAt = new Map(labelled.map((m, i) => [m, boxes[i]]));
  const markers = child(g, 'g', 'markers');
  markers
    .selectAll<El, Any>('g.marker')
    .data(marks, (m: { kind: string; persona: string }) => `${m.kind}:${m.persona}`)
    .join('g')
    .attr('class', 'marker')
    .each(function (m) {
      const mg = sel(this);
      const cx = (layout.columnX[m.index] ?? 0) + CX;
      const cy = y(m.value);
      // Markers of several personas on one point nest (each a size larger) instead of hiding.
      const k = 4 * m.nest;
      const r = 11 + k;
      const shape =
        m.kind === 'peak'
          ? child(mg, 'circle', 'peak-marker')
              .attr('cx', cx)
              .attr('cy', cy)
              .attr('r', 9 + k)
          : child(mg, 'path', 'end-marker').attr('d', `M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z`);
      shape.attr('stroke', m.color).attr('data-persona', m.persona).attr('data-touchpoint-index', m.index);
      const box = placedAt.get(m);
      // No label: the end shares the peak's point and its label already says so.
      if (!box) dropChild(mg, 'text', 'marker-label');
      else
        child(mg, 'text', 'marker-label')
          .attr('x', box.x + 2)
          .attr('y', box.y + 10)
          // The persona's colour as a custom property the sheet's fill reads (an attribute would
          // lose to the sheet's text colour): light themes darken it for text (theme.ts).
          .style('--persona', m.color)
          .text(m.label);
    });
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

function drawFriction(g: Sel, model: JourneyModel, layout: JourneyLayout, cols: Column[], fill: Fill): void {
  const lane = layout.lanes.friction;
  const h = lane.height - 12;
  columns(g, 'friction-cell', cols, lane.y, fill)
    .classed('hotspot', (c: Column) => c.t.hotspotRank !== null)
    // The hotspot badge is where people click to find a hotspot: it reveals its touchpoint.
    .attr('data-reveal', (c: Column) => `touchpoint:${c.t.index}`)
    .each(function (c: Column) {
      const cell = sel(this);
      const t = c.t;
      child(cell, 'rect', 'friction-base').attr('x', INSET).attr('y', 6).attr('width', CARD_W).attr('height', h).attr('rx', 6);
      const heat = child(cell, 'rect', 'friction-heat')
        .attr('x', INSET)
        .attr('y', 6)
        .attr('width', CARD_W)
        .attr('height', h)
        .attr('rx', 6)
        // A sequential band, calm to hot, from the theme's chart colours (the legend names each).
        .attr(
          'class',
          t.friction === null ? 'friction-heat band-none' : `friction-heat band-${frictionBand(t.friction, model.frictionThreshold)}`,
        )
        .attr('data-band', t.friction === null ? null : frictionBand(t.friction, model.frictionThreshold));
      if (fill.text) {
        const score = childAfter(cell, 'text', 'friction-score', heat.node())
          .attr('x', CX)
          .attr('y', 30)
          .attr('text-anchor', 'middle')
          .classed('friction-none', t.friction === null)
          .text(t.friction === null ? '–' : t.friction.toFixed(2));
        const terms = t.frictionTerms;
        const parts = [
          terms.negative !== undefined ? `negative emotion ${terms.negative.toFixed(2)}` : '',
          terms.drop !== undefined ? `drop ${terms.drop.toFixed(2)}` : '',
          terms.pain !== undefined ? `pain ${terms.pain.toFixed(2)}` : '',
        ].filter(Boolean);
        setTooltip(
          score,
          t.friction === null ? 'No friction: no emotion, rate or pain point' : `Friction ${t.friction.toFixed(2)}: ${parts.join(', ')}`,
        );
      }
      if (t.hotspotRank !== null) {
        const badge = child(cell, 'g', 'hotspot-badge')
          .attr('data-rank', t.hotspotRank)
          .attr('transform', `translate(${INSET + 16},24)`);
        const dot = child(badge, 'circle', 'dot').attr('r', 11);
        if (fill.text) childAfter(badge, 'text', 'rank', dot.node()).attr('text-anchor', 'middle').attr('y', 3.5).text(`#${t.hotspotRank}`);
        setTooltip(badge, `Hotspot #${t.hotspotRank} (friction ≥ ${model.frictionThreshold})`);
      } else dropChild(cell, 'g', 'hotspot-badge');
      if (!fill.text) return;
      // Money stands on hotspot cells only: elsewhere a figure would outshout hotspot #1 (each
      // touchpoint's figure is a separate what-if; the hover and the editor give it).
      if (t.revenueAtRisk !== null && t.hotspotRank !== null) {
        const risk = child(cell, 'text', 'revenue-at-risk')
          .attr('x', CX)
          .attr('y', 52)
          .attr('text-anchor', 'middle')
          .text(`${formatMoney(t.revenueAtRisk, model.currency)} at risk`);
        setTooltip(
          risk,
          `${formatMoney(t.revenueAtRisk, model.currency, t.period)} at risk: ${
            t.revenueBasis === 'given'
              ? 'as given'
              : `${Math.round(t.customersLost ?? 0).toLocaleString('en-US')} lost x ` +
                `${percent(t.completionAfter)} completion after x value per customer`
          } (confidence ${t.confidence})`,
        );
      } else dropChild(cell, 'text', 'revenue-at-risk');
    });
}

interface ItemView extends ItemText {
  cls: string;
  reveal: string;
  tip: string | null;
  severity?: string;
}

/** Stacks wrapped list items in a column, every word; in compact maps one count line stands for them. */
function drawItems(col: Sel, items: ItemView[], countLabel: string, compactMode: boolean, fill: Fill): void {
  if (compactMode) {
    col.selectAll<El, Any>('g.item').remove();
    if (!fill.text) return;
    // No element for no items: a long journey's columns stay lean.
    if (items.length)
      child(col, 'text', 'count-chip').attr('x', CX).attr('y', 20).attr('text-anchor', 'middle').text(`${items.length} ${countLabel}`);
    else dropChild(col, 'text', 'count-chip');
    return;
  }
  dropChild(col, 'text', 'count-chip');
  let y = 20;
  const positions = items.map((it) => {
    const at = y;
    y += it.lines.length * LINE_H + it.extra.length * META_LINE_H + 4;
    return at;
  });
  col
    .selectAll<El, Any>('g.item')
    .data(items)
    .join('g')
    .attr('class', (it: ItemView) => `item ${it.cls}`)
    .attr('data-reveal', (it: ItemView) => it.reveal)
    .attr('tabindex', 0)
    .attr('role', 'button')
    .each(function (it: ItemView, i: number) {
      const g = sel(this);
      // A transparent hit area: the gaps between glyphs and lines click too.
      const h = it.lines.length * LINE_H + it.extra.length * META_LINE_H;
      child(g, 'rect', 'hit')
        .attr('x', INSET)
        .attr('y', positions[i] - 11)
        .attr('width', CARD_W)
        .attr('height', h);
      const text = child(g, 'text', 'item-text')
        .attr('y', positions[i])
        .attr('class', `item-text${it.severity ? ` severity-${it.severity}` : ''}`);
      setLines(text, it.lines, INSET + 4, LINE_H);
      setTooltip(text, it.tip);
      if (it.extra.length)
        setLines(child(g, 'text', 'owner').attr('y', positions[i] + it.lines.length * LINE_H - 1), it.extra, INSET + 14, META_LINE_H);
      else dropChild(g, 'text', 'owner');
    });
}

function drawPainPoints(g: Sel, layout: JourneyLayout, cols: Column[], fill: Fill): void {
  columns(g, 'pain-points', cols, layout.lanes.pain.y, fill).each(function (c: Column) {
    const items = c.t.painPoints.map((p, j): ItemView => {
      const it = layout.compact ? { lines: [], extra: [], bold: false, truncated: false } : painItem(p);
      return { ...it, cls: 'pain-point', reveal: `pain:${c.t.index}:${j}`, tip: null, severity: p.severity };
    });
    drawItems(sel(this), items, items.length === 1 ? 'pain point' : 'pain points', layout.compact, fill);
  });
}

function drawOpportunities(g: Sel, layout: JourneyLayout, cols: Column[], fill: Fill): void {
  columns(g, 'opportunities', cols, layout.lanes.opportunities.y, fill).each(function (c: Column) {
    const items = c.t.opportunities.map((o, j): ItemView => {
      const it = layout.compact ? { lines: [], extra: [], bold: false, truncated: false } : opportunityItem(o);
      return { ...it, cls: 'opportunity', reveal: `opportunity:${c.t.index}:${j}`, tip: null };
    });
    drawItems(sel(this), items, items.length === 1 ? 'opportunity' : 'opportunities', layout.compact, fill);
  });
}

/** The Doing (`action`) and Thinking (`thought`) lanes: every word, wrapped in the column. */
function drawSaying(g: Sel, layout: JourneyLayout, cols: Column[], fill: Fill, lane: 'doing' | 'thinking'): void {
  // A lane the journey does not fill (or a compact map) draws nothing.
  if (!layout.laneOrder.includes(lane)) {
    g.selectAll('*').remove();
    return;
  }
  columns(g, lane, cols, layout.lanes[lane].y, fill).each(function (c: Column) {
    const col = sel(this);
    const lines = lane === 'doing' ? actionLines(c.t.action) : thoughtLines(c.t.thought);
    if (!fill.text || !lines.length) {
      dropChild(col, 'text', 'saying');
      return;
    }
    const text = child(col, 'text', 'saying').attr('y', 20).attr('data-reveal', `touchpoint:${c.t.index}`);
    setLines(text, lines, INSET + 4, LINE_H);
  });
}

function drawVisibility(g: Sel, layout: JourneyLayout): void {
  const y = layout.visibilityY;
  child(g, 'line', 'line-of-visibility')
    .attr('x1', PAD)
    .attr('x2', layout.width - PAD)
    .attr('y1', y)
    .attr('y2', y);
  child(g, 'text', 'visibility-label')
    .attr('x', layout.width - PAD)
    .attr('y', y - 5)
    .attr('text-anchor', 'end')
    .text('line of visibility: customer above, organisation below');
}

function drawBackstage(g: Sel, layout: JourneyLayout, cols: Column[], fill: Fill): void {
  columns(g, 'backstage', cols, layout.lanes.backstage.y, fill).each(function (c: Column) {
    const col = sel(this);
    const entries = c.t.backstage;
    if (layout.compact) {
      col.selectAll<El, Any>('g.backstage-entry').remove();
      if (!fill.text) return;
      if (entries.length)
        child(col, 'text', 'count-chip').attr('x', CX).attr('y', 18).attr('text-anchor', 'middle').text(`${entries.length} backstage`);
      else dropChild(col, 'text', 'count-chip');
      return;
    }
    dropChild(col, 'text', 'count-chip');
    const boxes = entries.map((e) => backstageBox(e));
    const ys: number[] = [];
    boxes.reduce((y, b) => (ys.push(y), y + b.height + BACKSTAGE_GAP), 8);
    col
      .selectAll<El, Any>('g.backstage-entry')
      .data(entries)
      .join('g')
      .attr('class', 'backstage-entry')
      .attr('data-reveal', (_e: unknown, j: number) => `backstage:${c.t.index}:${j}`)
      .attr('tabindex', 0)
      .attr('role', 'button')
      .attr('transform', (_e: unknown, j: number) => `translate(0,${ys[j]})`)
      .each(function (e: { owner?: string }, j: number) {
        const box = sel(this);
        const b = boxes[j];
        child(box, 'rect', 'box').attr('x', INSET).attr('width', CARD_W).attr('height', b.height).attr('rx', 4);
        setLines(child(box, 'text', 'entry-text').attr('y', 14), b.lines, INSET + 7, 12);
        const meta = child(box, 'text', 'owner')
          .classed('missing', !e.owner)
          .attr('y', 14 + b.lines.length * 12 + 1);
        setLines(meta, b.meta, INSET + 7, 12);
      });
  });
}

function drawMetrics(g: Sel, model: JourneyModel, layout: JourneyLayout, cols: Column[], fill: Fill): void {
  // The funnel along each path (funnel.ts): the share still in on entering each touchpoint.
  const barMax = CARD_W - 16;
  const dy = layout.funnelShift;
  columns(g, 'metrics', cols, layout.lanes.metrics.y, fill).each(function (c: Column) {
    const col = sel(this);
    const m = c.t.metrics;
    const step = drawFunnel(col, layout.funnel.get(c.t.index), CX, barMax, fill.text);
    const rate = [
      m.conversion !== undefined ? `conv ${percent(m.conversion)}` : '',
      m.drop_off !== undefined ? `drop ${percent(m.drop_off)}` : m.conversion !== undefined ? `drop ${percent(1 - m.conversion)}` : '',
      m.volume !== undefined ? `${compact(m.volume)} in` : '',
    ].filter(Boolean);
    if (fill.text)
      childAfter(col, 'text', 'funnel-label', step)
        .attr('x', CX)
        .attr('y', 38 + dy)
        .attr('text-anchor', 'middle')
        .text(rate.join(' · '));
    const chips = [
      m.csat !== undefined ? `CSAT ${m.csat}` : '',
      m.nps !== undefined ? `NPS ${m.nps > 0 ? '+' : ''}${m.nps}` : '',
      m.ces !== undefined ? `CES ${m.ces}` : '',
    ].filter(Boolean);
    const widths = chips.map((s) => s.length * 6 + 12);
    const total = widths.reduce((a, b) => a + b, 0) + Math.max(0, chips.length - 1) * 4;
    let x = CX - total / 2;
    const xs = widths.map((w) => {
      const at = x;
      x += w + 4;
      return at;
    });
    col
      .selectAll<El, Any>('g.metric-chip')
      .data(chips)
      .join('g')
      .attr('class', 'metric-chip')
      .attr('data-metric', (s: string) => s.split(' ')[0].toLowerCase())
      .attr('transform', (_s: string, i: number) => `translate(${xs[i]},${50 + dy})`)
      .each(function (s: string, i: number) {
        const chip = sel(this);
        child(chip, 'rect', 'bg').attr('width', widths[i]).attr('height', 18).attr('rx', 9);
        if (fill.text)
          child(chip, 'text', 'label')
            .attr('x', widths[i] / 2)
            .attr('y', 13)
            .attr('text-anchor', 'middle')
            .text(s);
      });
    drawTrend(col, model, c.t, CX + 22, 74 + dy, fill.text);
    if (!fill.text) return;
    if (m.responses !== undefined && chips.length)
      child(col, 'text', 'responses muted')
        .attr('x', CX)
        .attr('y', 84 + dy)
        .attr('text-anchor', 'middle')
        .text(`n=${m.responses}`);
    else dropChild(col, 'text', 'responses');
  });
}

/** Lane titles and the emotion axis, in their own group so the webview can keep them in view. */
function drawLaneLabels(g: Sel, model: JourneyModel, layout: JourneyLayout): void {
  const top = layout.lanes.stages.y;
  const bottom = layout.lanes.metrics.y + layout.lanes.metrics.height;
  child(g, 'rect', 'lane-label-bg')
    .attr('x', 0)
    .attr('y', top)
    .attr('width', GUTTER + PAD - 4)
    .attr('height', bottom - top);
  g.selectAll<El, Any>('text.lane-label')
    .data(layout.laneOrder)
    .join('text')
    .attr('class', 'lane-label')
    .attr('data-lane', (n: keyof typeof LANE_TITLES) => n)
    .attr('x', PAD)
    .attr('y', (n: keyof typeof LANE_TITLES) => layout.lanes[n].y + 22)
    .text((n: keyof typeof LANE_TITLES) => LANE_TITLES[n]);
  const { min, max, mid } = model.emotionScale;
  const y = emotionY(model, layout);
  const ticks = max - min <= 10 ? range(Math.ceil(min), Math.floor(max)) : y.ticks(5);
  g.selectAll<El, Any>('text.axis-label')
    .data(ticks)
    .join('text')
    .attr('class', 'axis-label')
    .attr('x', GUTTER + PAD - 8)
    .attr('y', (v: number) => y(v) + 3.5)
    .attr('text-anchor', 'end')
    .text((v: number) => (v === mid ? `${signed(v)} mid` : signed(v)));
}
