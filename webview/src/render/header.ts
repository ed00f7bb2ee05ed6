// The journey header, the part a CX lead reads first: title, goal, persona chips, the fix-first
// callout (hotspot #1 and its best opportunity), the scorecard and the legend of every mark.
// Wrapped text is fitted in one batch (one layout), then everything is placed by its lines.
import { JourneyModel, ownValue, TouchpointModel } from '../../../server/src/core/model';
import { child, fitAllLines, FitOptions, sel, Any, El, setTooltip, Sel, dropChild } from './dom';
import { bandRange, FRICTION_BANDS, GUTTER, MIN_WIDTH, PAD } from './layout';
import { pathChoices, pathLetter, pathWords } from './funnel';
import { percent, signed, textWidth } from './text';
import { formatAmount, formatCount, formatMoney } from '../../../server/src/core/scores';
import { personaColor, personaLabel } from './personas';

/** Header content stays within the narrowest map, so it is whole wherever the map is pinned. */
export const HEADER_W = MIN_WIDTH - 2 * PAD;
const CARD_W = 228;
/** The hotspot card is wider: three ranked names with their figures. */
const HOTSPOT_CARD_W = 440;
const CARD_GAP = 12;
const WRAP = 20;

interface Fit {
  text: Sel;
  full: string;
  o: FitOptions;
}

interface CardLine {
  text: string;
  /** Figures written right-aligned beside the line's first line. */
  figures?: string;
  reveal?: string;
  strong?: boolean;
}

interface Card {
  key: string;
  label: string;
  lines: CardLine[];
  width: number;
  tip?: string;
}

/** The opportunity to do first at a touchpoint: by priority where ranked, else by value, else the first open one. */
export function bestOpportunity(t: TouchpointModel): { j: number; o: TouchpointModel['opportunities'][number] } | null {
  const open = t.opportunities.map((o, j) => ({ o, j })).filter((x) => x.o.status !== 'done' && x.o.status !== 'dropped');
  const by = (f: (x: { o: TouchpointModel['opportunities'][number] }) => number | null) =>
    open.filter((x) => f(x) !== null).sort((a, b) => (f(b) as number) - (f(a) as number) || a.j - b.j)[0];
  return by((x) => x.o.priority) ?? by((x) => x.o.value) ?? open[0] ?? null;
}

function moneyOf(model: JourneyModel, n: number, period?: string): string {
  return formatMoney(n, model.currency, period);
}

function scorecard(model: JourneyModel): Card[] {
  const cards: Card[] = [];
  const sc = model.score;
  const terms: CardLine[] = [];
  if (sc.terms.completion !== undefined) terms.push({ text: `completion ${percent(sc.terms.completion)} × 0.4` });
  if (sc.terms.satisfaction !== undefined) terms.push({ text: `satisfaction ${percent(sc.terms.satisfaction)} × 0.4` });
  if (sc.terms.endEmotion !== undefined) terms.push({ text: `end emotion ${percent(sc.terms.endEmotion)} × 0.2` });
  cards.push({
    key: 'score',
    label: 'Journey score',
    lines: [{ text: sc.value === null ? 'no score' : `${Math.round(sc.value)} / 100`, strong: true }, ...terms],
    width: CARD_W - 40,
  });

  const f = model.funnel;
  const completion: CardLine[] = [];
  if (f.declared !== null) completion.push({ text: `${percent(f.declared)} declared` });
  if (f.completion !== null)
    completion.push({
      text:
        `${percent(f.completion)} from the funnel` +
        `${f.unmeasured ? ` (${f.unmeasured} unmeasured step${f.unmeasured === 1 ? '' : 's'})` : ''}`,
    });
  if (f.branched) completion.push({ text: 'across every path: branches weighted by their volume where known' });
  completion.push(...pathLines(model));
  if (completion.length === 0) completion.push({ text: 'not measured' });
  // Wider with a line per path: the way each takes, its figure beside it.
  cards.push({ key: 'completion', label: 'Completion', lines: completion, width: (f.paths?.length ?? 0) > 1 ? HOTSPOT_CARD_W : CARD_W });

  const m = model.metrics;
  const n = m.responses !== undefined ? ` (n=${formatCount(m.responses)})` : '';
  const survey: CardLine[] = [];
  if (m.nps !== undefined) survey.push({ text: `NPS ${m.nps > 0 ? '+' : ''}${m.nps}${n}` });
  if (m.csat !== undefined) survey.push({ text: `CSAT ${m.csat}${n}` });
  if (m.ces !== undefined) survey.push({ text: `CES ${m.ces}${n}` });
  if (survey.length) cards.push({ key: 'satisfaction', label: 'Satisfaction', lines: survey, width: CARD_W });

  const ops: CardLine[] = [];
  if (m.cost_to_serve !== undefined)
    ops.push({
      text: `cost to serve ${model.currency ? `${model.currency} ` : ''}${m.cost_to_serve.toLocaleString('en-US')} per customer`,
    });
  if (m.escalations !== undefined) ops.push({ text: `${formatCount(m.escalations)} escalations${m.period ? ` per ${m.period}` : ''}` });
  if (m.volume !== undefined) ops.push({ text: `${formatCount(m.volume)} customers${m.period ? ` per ${m.period}` : ''}` });
  for (const [k, v] of Object.entries(m.custom ?? {})) ops.push({ text: `${k.replace(/_/g, ' ')}: ${v.toLocaleString('en-US')}` });
  if (ops.length) cards.push({ key: 'operations', label: 'Operations', lines: ops, width: CARD_W });

  const emotion = model.personas.map((p): CardLine => {
    const pe = ownValue(model.peakEnd, p.id);
    // The short name ("Maya" of "Maya, first-time buyer"): the chips above have the rest.
    const name = personaLabel(p).split(',')[0];
    return { text: pe ? `${name}: average ${signed(pe.average)} · end ${signed(pe.endEmotion)}` : `${name}: no emotion` };
  });
  const { min, max } = model.emotionScale;
  cards.push({
    key: 'emotion',
    label: `Feeling (${signed(min)}..${signed(max)}): average · end`,
    lines: emotion.length ? emotion : [{ text: 'no emotion' }],
    width: CARD_W,
  });

  const s = model.summary;
  // At the hotspots only (never a sum over all touchpoints), and the journey's revenue for scale.
  const risk: CardLine[] = [
    { text: s.revenueAtRiskAtHotspots !== null ? moneyOf(model, s.revenueAtRiskAtHotspots, s.period) : 'unknown', strong: true },
  ];
  risk.push({
    text:
      `at ${s.hotspotCount} hotspot${s.hotspotCount === 1 ? '' : 's'} of ${s.touchpointCount} touchpoints` +
      `${s.hotspotsNotSummed ? ` (${s.hotspotsNotSummed} of another period left out)` : ''}`,
  });
  if (model.type !== 'leave')
    risk.push({ text: `journey revenue ${s.journeyRevenue !== null ? moneyOf(model, s.journeyRevenue, s.period) : 'unknown'}` });
  cards.push({ key: 'revenue', label: 'Revenue at risk at hotspots', lines: risk, width: CARD_W });

  const top = model.hotspots.slice(0, 3);
  cards.push({
    key: 'hotspots',
    label: 'Top hotspots',
    width: HOTSPOT_CARD_W,
    lines: top.length
      ? top.map((h) => ({
          text: `#${h.rank} ${h.name}`,
          reveal: `touchpoint:${h.touchpointIndex}`,
          figures:
            `friction ${h.friction.toFixed(2)}` +
            `${h.revenueAtRisk !== null ? ` · ${formatMoney(h.revenueAtRisk, model.currency)} at risk` : ''}`,
        }))
      : [{ text: `none at friction ≥ ${model.frictionThreshold}` }],
  });
  return cards;
}

/** Completion along each path of a journey that branches: its letter, the way it takes, its figure. */
function pathLines(model: JourneyModel): CardLine[] {
  const paths = model.funnel.paths ?? [];
  if (paths.length < 2) return [];
  const lines: CardLine[] = paths.map((p, i) => ({
    text: `${pathLetter(i)} ${pathWords(model, i)}`,
    figures: p.completion === null ? 'not measured' : percent(p.completion),
    // A click reveals where the path parts from the others: its first choice at a branch.
    reveal: `touchpoint:${pathChoices(model, i)[0] ?? p.touchpoints[p.touchpoints.length - 1]}`,
  }));
  if (model.funnel.morePaths) lines.push({ text: `more paths: the first ${paths.length} are shown` });
  return [{ text: 'per path, of those taking it:' }, ...lines];
}

/** The fix-first callout's lines: hotspot #1, where and whose, its money, its best opportunity. */
function fixFirst(model: JourneyModel): { lines: { key: string; text: string; reveal?: string; cls: string }[]; reveal: string | null } {
  const h = model.hotspots[0];
  const t = h ? model.touchpoints[h.touchpointIndex] : undefined;
  if (!h || !t)
    return {
      lines: [{ key: 'none', text: `No hotspot: no touchpoint reaches friction ${model.frictionThreshold}.`, cls: 'fix-none' }],
      reveal: null,
    };
  const stage = model.stages[t.stageIndex];
  const owner = t.owner ?? stage?.owner ?? model.owner;
  const ownerText = owner ? `owner ${owner}${t.owner ? '' : stage?.owner === owner ? ' (the stage’s)' : ' (the journey’s)'}` : 'no owner';
  const lines: { key: string; text: string; reveal?: string; cls: string }[] = [
    { key: 'name', text: `#1 ${t.name}`, cls: 'fix-name' },
    { key: 'where', text: `Stage ${stage?.name ?? '?'} · ${ownerText} · friction ${h.friction.toFixed(2)}`, cls: 'fix-where' },
  ];
  const money = h.revenueAtRisk !== null ? `${moneyOf(model, h.revenueAtRisk, t.period)} at risk` : 'revenue at risk unknown';
  const lost =
    h.customersLost !== null
      ? `${formatCount(h.customersLost)} customers ${model.type === 'leave' ? 'stay here' : 'lost'}`
      : 'customers lost unknown';
  lines.push({ key: 'money', text: `${money} · ${lost} · confidence ${h.confidence}`, cls: 'fix-money' });
  const best = bestOpportunity(t);
  if (best) {
    const o = best.o;
    const cur = model.currency ? `${model.currency} ` : '';
    const worth =
      o.value !== null
        ? ` · worth ${cur}${formatAmount(o.value)}` +
          `${o.priority !== null ? `, priority ${cur}${formatAmount(o.priority)} per effort point` : ''}`
        : '';
    const meta = [o.owner ? `owner ${o.owner}` : 'no owner', o.status ?? '', o.link ?? ''].filter(Boolean).join(' · ');
    lines.push({
      key: 'opportunity',
      text: `Best opportunity: ${o.text} · ${meta}${worth}`,
      reveal: `opportunity:${t.index}:${best.j}`,
      cls: 'fix-opportunity',
    });
  } else
    lines.push({ key: 'opportunity', text: 'No open opportunity here yet: add one under this touchpoint.', cls: 'fix-opportunity muted' });
  return { lines, reveal: `touchpoint:${t.index}` };
}

interface LegendEntry {
  key: string;
  label: string;
  /** Draws the entry's mark, 16 px wide, centred on y = -4. */
  glyph: (g: Sel) => void;
}

/** An entry for every mark and colour the map draws for this journey (and only those). */
function legendEntries(model: JourneyModel): LegendEntry[] {
  const tps = model.touchpoints;
  const out: LegendEntry[] = [];
  const th = model.frictionThreshold;
  if (tps.some((t) => t.friction !== null)) {
    for (const b of FRICTION_BANDS) {
      const words = b === 'hot' ? `hotspot (threshold ${th})` : b === 'calm' ? 'calm' : b === 'low' ? 'some friction' : 'high friction';
      out.push({
        key: `friction-${b}`,
        label: `friction ${bandRange(b, th)} ${words}`,
        glyph: (g) =>
          void child(g, 'rect', `lg-swatch band-${b}`).attr('x', 0).attr('y', -11).attr('width', 16).attr('height', 12).attr('rx', 3),
      });
    }
  }
  if (model.hotspots.length) {
    out.push({
      key: 'hotspot',
      label: 'hotspot rank, by revenue at risk',
      glyph: (g) => {
        const b = child(g, 'g', 'lg-badge').attr('transform', 'translate(8,-5)');
        child(b, 'circle', 'dot').attr('r', 8);
        child(b, 'text', 'rank').attr('text-anchor', 'middle').attr('y', 3).text('#');
      },
    });
  }
  if (model.hotspots.some((h) => h.revenueAtRisk !== null)) {
    out.push({
      key: 'money',
      label: `${model.currency ?? 'money'} at risk: on hotspots only`,
      glyph: (g) => void child(g, 'text', 'lg-money').attr('x', 0).attr('y', 0).text('¤'),
    });
  }
  if (tps.some((t) => t.momentOfTruth))
    out.push({
      key: 'moment-of-truth',
      label: 'moment of truth',
      glyph: (g) => void child(g, 'path', 'lg-star').attr('transform', 'translate(8,-5)').attr('d', starPath(7)),
    });
  if (Object.keys(model.peakEnd).length) {
    out.push({
      key: 'peak',
      label: 'peak: furthest from the middle',
      glyph: (g) => void child(g, 'circle', 'lg-peak').attr('cx', 8).attr('cy', -5).attr('r', 6),
    });
    out.push({ key: 'end', label: 'end: last feeling', glyph: (g) => void child(g, 'path', 'lg-end').attr('d', 'M8,-12L15,-5L8,2L1,-5Z') });
  }
  if (tps.length) {
    out.push({
      key: 'confidence',
      label: 'confidence: 1 bar low, 3 high',
      glyph: (g) =>
        void child(g, 'g', 'lg-confidence')
          .selectAll<El, Any>('rect.bar')
          .data([1, 2, 3])
          .join('rect')
          .attr('class', (k: number) => (k <= 2 ? 'bar on' : 'bar'))
          .attr('x', (k: number) => 1 + (k - 1) * 5)
          .attr('y', (k: number) => -4 - k * 3)
          .attr('width', 3.5)
          .attr('height', (k: number) => 4 + k * 3),
    });
  }
  if (tps.some((t) => t.explicitNext)) {
    out.push({
      key: 'flow-step',
      label: 'next step',
      glyph: (g) => void child(g, 'path', 'lg-flow lg-flow-step').attr('d', 'M0,-5L15,-5M11,-9L15,-5L11,-1'),
    });
    out.push({
      key: 'flow-jump',
      label: 'branch, join or loop back',
      glyph: (g) => void child(g, 'path', 'lg-flow lg-flow-jump').attr('d', 'M1,-11L1,-2L15,-2L15,-11M11,-7L15,-11L19,-7'),
    });
  }
  if (tps.some((t) => t.painPoints.length))
    out.push({
      key: 'pain',
      label: 'pain point (severity), evidence',
      glyph: (g) => void child(g, 'text', 'legend-pain').attr('x', 2).text('▲'),
    });
  if (tps.some((t) => t.opportunities.length))
    out.push({
      key: 'opportunity',
      label: 'opportunity: owner, status, link',
      glyph: (g) => void child(g, 'text', 'legend-opportunity').attr('x', 2).text('◆'),
    });
  const paths = model.funnel.paths ?? [];
  if (paths.some((p) => p.measured > 0))
    out.push({
      key: 'funnel',
      label: `funnel: share of starters reaching the step${paths.length > 1 ? ', per path (A, B…)' : ''}`,
      glyph: (g) => void child(g, 'rect', 'lg-funnel').attr('y', -10).attr('width', 16).attr('height', 10).attr('rx', 2),
    });
  if (tps.some((t) => t.metrics.csat !== undefined || t.metrics.nps !== undefined || t.metrics.ces !== undefined)) {
    out.push({
      key: 'survey',
      label: 'survey score (CSAT, NPS, CES)',
      glyph: (g) => void child(g, 'rect', 'legend-chip').attr('y', -11).attr('width', 16).attr('height', 12).attr('rx', 6),
    });
  }
  if (tps.some((t) => t.metrics.responses !== undefined))
    out.push({
      key: 'responses',
      label: 'n = survey responses',
      glyph: (g) => void child(g, 'text', 'legend-n muted').attr('x', 0).text('n='),
    });
  out.push({
    key: 'visibility',
    label: 'line of visibility',
    glyph: (g) => void child(g, 'path', 'lg-visibility').attr('d', 'M0,-5L16,-5'),
  });
  return out;
}

export function starPath(r: number): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const a = (Math.PI / 5) * i - Math.PI / 2;
    const rr = i % 2 === 0 ? r : r * 0.45;
    pts.push(`${(Math.cos(a) * rr).toFixed(2)},${(Math.sin(a) * rr).toFixed(2)}`);
  }
  return `M${pts.join('L')}Z`;
}

/** Lines a fitted text took. */
function linesOf(t: Sel): number {
  return Math.max(1, t.selectAll('tspan').size());
}

/** Places items of the given widths left to right, wrapping at `width`: their x and row. */
function flow(widths: number[], width: number, gap: number): { x: number; row: number }[] {
  let x = 0;
  let row = 0;
  return widths.map((w) => {
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    const at = { x, row };
    x += w + gap;
    return at;
  });
}

/** The rendered width of each text where the DOM can measure it (one layout for all), else the estimate. */
function widths(texts: Sel[], estimate: (i: number) => number): number[] {
  return texts.map((t, i) => {
    const node = t.node() as Element & { getComputedTextLength?: () => number };
    // The same element with the same words as when last measured keeps its width: a redraw of
    // an unchanged header measures nothing (each measure after a change is a layout of the page).
    const text = node.textContent ?? '';
    const kept = measured.get(node);
    if (kept && kept.text === text) return kept.width;
    const w = typeof node.getComputedTextLength === 'function' ? node.getComputedTextLength() : 0;
    const width = Math.max(w, w > 0 ? 0 : estimate(i));
    if (w > 0) measured.set(node, { text, width });
    return width;
  });
}

/** Per measured header text, its words and width when last measured. */
const measured = new WeakMap<Element, { text: string; width: number }>();

/** Draws the header into `g`; returns its height. */
export function renderJourneyHeader(g: Sel, model: JourneyModel): number {
  const fits: Fit[] = [];
  const wrap = (text: Sel, full: string, width: number, size: number, lineHeight: number, bold = false): Sel => {
    fits.push({ text, full, o: { x: Number(text.attr('x') ?? 0), width, size, maxLines: WRAP, lineHeight, bold } });
    return text;
  };

  // ---- Write every text ----
  const title = wrap(child(g, 'text', 'title').attr('x', PAD), model.title || model.id, HEADER_W, 22, 26, true);
  const meta = [model.type, model.variant, model.owner ? `owner: ${model.owner}` : undefined].filter((x): x is string => !!x);
  const subtitle = wrap(child(g, 'text', 'subtitle').attr('x', PAD), meta.join(' · ') || ' ', HEADER_W, 11, 15);

  const statements = [
    { key: 'goal', label: 'Goal', value: model.goal },
    { key: 'outcome', label: 'Outcome', value: model.businessOutcome },
  ].filter((d): d is { key: string; label: string; value: string } => !!d.value);
  const goals = child(g, 'g', 'goals')
    .selectAll<El, Any>('g.goal')
    .data(statements, (d: { key: string }) => d.key)
    .join('g')
    .attr('class', 'goal')
    .attr('data-goal', (d) => d.key);
  const goalValues: Sel[] = [];
  goals.each(function (d) {
    const item = sel(this);
    child(item, 'text', 'goal-label').attr('x', PAD).text(d.label);
    // Labels in the lane labels' gutter, values aligned with the columns.
    goalValues.push(wrap(child(item, 'text', 'goal-value').attr('x', GUTTER + PAD), d.value, HEADER_W - GUTTER, 12, 15));
  });

  // Persona chips: a dot and a name per curve, the share of customers, the quote on hover.
  const chips = child(g, 'g', 'legend')
    .selectAll<El, Any>('g.legend-item')
    .data(model.personas, (p: { id: string }) => p.id)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'legend-item persona-chip');
      e.append('rect').attr('class', 'chip-bg');
      e.append('circle').attr('r', 5);
      e.append('text').attr('class', 'chip-label');
      return e;
    })
    .attr('data-persona', (p) => p.id);
  const chipTexts: Sel[] = [];
  chips.each(function (p) {
    const item = sel(this);
    const share = p.share !== undefined ? ` · ${percent(p.share)} of customers` : '';
    item.select('text.chip-label').text(personaLabel(p) + share + (p.defined ? '' : ' (no persona file)'));
    setTooltip(item, [personaLabel(p) + share, p.quote ? `“${p.quote}”` : ''].filter(Boolean).join('\n'));
    chipTexts.push(item.select('text.chip-label'));
  });

  // Fix first: hotspot #1, one click from its touchpoint.
  const ff = fixFirst(model);
  const callout = child(g, 'g', 'fix-first')
    .attr('data-reveal', ff.reveal)
    .attr('tabindex', ff.reveal ? 0 : null)
    .attr('role', ff.reveal ? 'button' : null);
  callout.attr('aria-label', ff.lines.map((l) => l.text).join('. '));
  child(callout, 'rect', 'fix-bg');
  child(callout, 'rect', 'fix-bar');
  child(callout, 'text', 'fix-label')
    .attr('x', PAD + 16)
    .text(ff.reveal ? 'Fix first' : 'Hotspots');
  const calloutLines = callout
    .selectAll<El, Any>('text.fix-line')
    .data(ff.lines, (l: { key: string }) => l.key)
    .join('text')
    .attr('class', (l) => `fix-line ${l.cls}`)
    .attr('data-line', (l) => l.key)
    .attr('data-reveal', (l) => l.reveal ?? null)
    .attr('x', PAD + 16);
  const calloutTexts: Sel[] = [];
  calloutLines.each(function (l) {
    const big = l.key === 'name';
    calloutTexts.push(wrap(sel(this), l.text, HEADER_W - 32, big ? 16 : 12, big ? 20 : 16, big || l.key === 'money'));
  });

  // The scorecard: cards flowing within the header's width.
  const cards = scorecard(model);
  const cardSel = child(g, 'g', 'summary')
    .selectAll<El, Any>('g.summary-item')
    .data(cards, (c: Card) => c.key)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'summary-item');
      e.append('rect').attr('class', 'summary-card').attr('rx', 6);
      e.append('text').attr('class', 'summary-label');
      return e;
    })
    .attr('data-summary', (c) => c.key);
  const cardParts: { card: Card; lines: Sel[]; figures: (Sel | null)[]; node: Sel }[] = [];
  cardSel.each(function (c: Card) {
    const card = sel(this);
    wrap(card.select('text.summary-label').attr('x', 12), c.label.toUpperCase(), c.width - 24, 10, 13);
    const figures: (Sel | null)[] = [];
    card
      .selectAll<El, Any>('text.summary-figures')
      .data(c.lines.map((l, i) => ({ l, i })).filter((d) => d.l.figures))
      .join('text')
      .attr('class', 'summary-figures')
      .attr('x', c.width - 12)
      .attr('text-anchor', 'end')
      .attr('data-reveal', (d) => d.l.reveal ?? null)
      .text((d) => d.l.figures as string)
      .each(function (d) {
        figures[d.i] = sel(this);
      });
    const lines: Sel[] = [];
    card
      .selectAll<El, Any>('text.summary-line')
      .data(c.lines)
      .join('text')
      .attr('class', (l: CardLine) => (l.strong ? 'summary-line summary-value' : 'summary-line'))
      .attr('data-reveal', (l: CardLine) => l.reveal ?? null)
      .attr('x', 12)
      .each(function () {
        lines.push(sel(this));
      });
    cardParts.push({ card: c, lines, figures: c.lines.map((_l, i) => figures[i] ?? null), node: card });
  });

  // The legend: a mark and its meaning, for everything this map draws.
  const entries = legendEntries(model);
  const legend = child(g, 'g', 'map-legend');
  child(legend, 'text', 'legend-title').attr('x', 0).text('Legend');
  const entrySel = legend
    .selectAll<El, Any>('g.legend-entry')
    .data(entries, (e: LegendEntry) => e.key)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'legend-entry');
      e.append('g').attr('class', 'glyph');
      e.append('text').attr('class', 'legend-label').attr('x', 22);
      return e;
    })
    .attr('data-legend', (e) => e.key);
  const legendTexts: Sel[] = [];
  entrySel.each(function (e: LegendEntry) {
    const item = sel(this);
    const glyph = item.select('g.glyph');
    glyph.selectAll('*').remove();
    e.glyph(glyph);
    legendTexts.push(item.select('text.legend-label').text(e.label));
  });

  // ---- Fit (one measuring round for every wrapped text) ----
  fitAllLines(fits);
  // Hotspot figures are measured so the names beside them get the rest of the line.
  const figureTexts = cardParts.flatMap((p) => p.figures.filter((f): f is Sel => f !== null));
  const figureW = widths(figureTexts, (i) => textWidth(figureTexts[i].text(), 11) + 4);
  const figureWidth = new Map(figureTexts.map((f, i) => [f.node(), figureW[i]]));
  const summaryFits: Fit[] = [];
  for (const p of cardParts) {
    p.card.lines.forEach((l, i) => {
      const fig = p.figures[i];
      const room = p.card.width - 24 - (fig ? (figureWidth.get(fig.node()) ?? 0) + 12 : 0);
      summaryFits.push({
        text: p.lines[i],
        full: l.text,
        o: { x: 12, width: room, size: l.strong ? 13 : 11, maxLines: WRAP, lineHeight: 15, bold: !!l.strong },
      });
    });
  }
  fitAllLines(summaryFits);
  const chipW = widths(chipTexts, (i) => textWidth(chipTexts[i].text(), 11) + 4);
  const legendW = widths(legendTexts, (i) => textWidth(legendTexts[i].text(), 11) + 4);

  // ---- Place ----
  let y = PAD + 22;
  title.attr('y', y);
  y += (linesOf(title) - 1) * 26 + 20;
  subtitle.attr('y', y);
  y += (linesOf(subtitle) - 1) * 15;
  goals.each(function (_d, i) {
    y += i === 0 ? 22 : 18;
    sel(this).select('text.goal-label').attr('y', y);
    goalValues[i].attr('y', y);
    y += (linesOf(goalValues[i]) - 1) * 15;
  });

  y += 26;
  const chipAt = flow(
    chipW.map((w) => w + 30),
    HEADER_W,
    8,
  );
  chips.each(function (_p, i) {
    const item = sel(this);
    const at = chipAt[i];
    const cy = y + at.row * 26;
    item
      .select('rect.chip-bg')
      .attr('x', PAD + at.x)
      .attr('y', cy - 15)
      .attr('width', chipW[i] + 30)
      .attr('height', 22)
      .attr('rx', 11);
    item
      .select('circle')
      .attr('cx', PAD + at.x + 12)
      .attr('cy', cy - 4)
      .attr('fill', personaColor(model.personas[i], i));
    item
      .select('text')
      .attr('x', PAD + at.x + 22)
      .attr('y', cy);
  });
  y += (chipAt.length ? chipAt[chipAt.length - 1].row : 0) * 26 + 20;

  // Callout: a bar on the left, the label, then each line under the one before.
  const top = y;
  let cy = top + 18;
  callout.select('text.fix-label').attr('y', cy);
  cy += 22;
  calloutLines.each(function (_l, i) {
    const t = calloutTexts[i];
    t.attr('y', cy);
    const lh = i === 0 ? 20 : 16;
    cy += (linesOf(t) - 1) * lh + (i === 0 ? 20 : 17);
  });
  const calloutH = cy - top - 4;
  callout.select('rect.fix-bg').attr('x', PAD).attr('y', top).attr('width', HEADER_W).attr('height', calloutH).attr('rx', 6);
  callout.select('rect.fix-bar').attr('x', PAD).attr('y', top).attr('width', 5).attr('height', calloutH).attr('rx', 2);
  callout.classed('calm', !ff.reveal);
  y = top + calloutH + 14;

  // Cards: rows of cards, each row as high as its tallest card.
  const cardAt = flow(
    cards.map((c) => c.width),
    HEADER_W,
    CARD_GAP,
  );
  const heights = cardParts.map((p) => {
    let ly = 38;
    const label = p.node.select('text.summary-label');
    label.attr('y', 18);
    ly += (linesOf(label) - 1) * 13;
    p.lines.forEach((t, i) => {
      t.attr('y', ly);
      p.figures[i]?.attr('y', ly);
      ly += linesOf(t) * 15 + (p.card.lines[i].strong ? 3 : 1);
    });
    return ly - 4;
  });
  const rows = cardAt.length ? cardAt[cardAt.length - 1].row + 1 : 0;
  const rowH = Array.from({ length: rows }, (_r, row) => Math.max(...heights.filter((_h, i) => cardAt[i].row === row)));
  const rowY = rowH.reduce<number[]>((acc, _h, row) => (acc.push(row === 0 ? 0 : acc[row - 1] + rowH[row - 1] + CARD_GAP), acc), []);
  cardParts.forEach((p, i) => {
    p.node.attr('transform', `translate(${PAD + cardAt[i].x},${y + rowY[cardAt[i].row]})`);
    p.node.select('rect.summary-card').attr('width', p.card.width).attr('height', rowH[cardAt[i].row]);
  });
  y += rows ? rowY[rows - 1] + rowH[rows - 1] + 22 : 0;

  // Legend rows.
  legend.attr('transform', `translate(${PAD},${y})`);
  const titleW = 64;
  const entryAt = flow(
    legendW.map((w) => w + 22),
    HEADER_W - titleW,
    18,
  );
  entrySel.each(function (_e, i) {
    sel(this).attr('transform', `translate(${titleW + entryAt[i].x},${entryAt[i].row * 20})`);
  });
  const legendRows = entryAt.length ? entryAt[entryAt.length - 1].row + 1 : 1;
  y += legendRows * 20 + 8;
  if (!entries.length) dropChild(g, 'g', 'map-legend');
  return y;
}
