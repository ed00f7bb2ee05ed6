// The journey header: title, type, variant, goal, the persona legend and the summary cards
// (completion, emotion per persona, revenue at risk, top hotspots).
import { JourneyModel, ownValue } from '../../../server/src/core/model';
import { child, fitLines, measuredWidth, sel, Any, El, setTooltip, Sel } from './dom';
import { GUTTER, MIN_WIDTH, PAD } from './layout';
import { percent, signed, textWidth } from './text';
import { formatMoney } from '../../../server/src/core/scores';
import { personaColor, personaLabel } from './personas';

const CARD_W = 240;
/** The hotspot card is wider: three ranked names with their figures. */
const HOTSPOT_CARD_W = 440;
const GOAL_W = MIN_WIDTH - GUTTER - 2 * PAD;
const CARD_GAP = 12;

interface SummaryCard {
  key: string;
  label: string;
  lines: string[];
  width: number;
  /** Per line: the touchpoint it points at, and figures written right-aligned beside it. */
  targets?: (number | null)[];
  figures?: string[];
}

function summaryCards(model: JourneyModel): SummaryCard[] {
  const f = model.funnel;
  const completion: string[] = [];
  if (f.declared !== null) completion.push(`${percent(f.declared)} declared`);
  if (f.completion !== null) completion.push(`${percent(f.completion)} from the funnel${f.unmeasured ? ` (${f.unmeasured} unmeasured)` : ''}`);
  if (completion.length === 0) completion.push('not measured');
  if (model.score.value !== null) completion.push(`journey score ${Math.round(model.score.value)} / 100`);

  const emotion = model.personas.map((p) => {
    const pe = ownValue(model.peakEnd, p.id);
    // The short name ("Maya" of "Maya, first-time buyer"): the legend above has the rest.
    const name = personaLabel(p).split(',')[0];
    return pe ? `${name}: average ${signed(pe.average)} · end ${signed(pe.endEmotion)}` : `${name}: no emotion`;
  });

  const s = model.summary;
  // At the hotspots only (never a sum over all touchpoints), and the journey's revenue for scale.
  const risk = [s.revenueAtRiskAtHotspots !== null ? formatMoney(s.revenueAtRiskAtHotspots, model.currency, s.period) : 'unknown'];
  risk.push(`at ${s.hotspotCount} hotspot${s.hotspotCount === 1 ? '' : 's'} of ${s.touchpointCount} touchpoints`);
  if (s.journeyRevenue !== null) risk.push(`journey revenue ${formatMoney(s.journeyRevenue, model.currency)}`);

  const top = model.hotspots.slice(0, 3);
  const hotspots = top.length ? top.map((h) => `#${h.rank} ${h.name}`) : [`none at friction ≥ ${model.frictionThreshold}`];
  const figures = top.map((h) => `friction ${h.friction.toFixed(2)}${h.revenueAtRisk !== null ? ` · ${formatMoney(h.revenueAtRisk, model.currency)} at risk` : ''}`);
  return [
    { key: 'completion', label: 'Completion', lines: completion, width: CARD_W },
    { key: 'emotion', label: 'Emotion: average · end', lines: emotion.length ? emotion : ['no emotion'], width: CARD_W },
    { key: 'revenue', label: 'Revenue at risk at hotspots', lines: risk, width: CARD_W },
    { key: 'hotspots', label: 'Top hotspots', lines: hotspots, width: HOTSPOT_CARD_W, targets: top.map((h) => h.touchpointIndex), figures },
  ];
}

const MAX_CARD_LINES = 4;

/** Draws the header into `g`; returns its height. */
export function renderJourneyHeader(g: Sel, model: JourneyModel): number {
  let y = PAD + 22;
  child(g, 'text', 'title').attr('x', PAD).attr('y', y).text(model.title || model.id);
  const meta = [model.type, model.variant, model.owner ? `owner: ${model.owner}` : undefined].filter((x): x is string => !!x);
  y += 22;
  child(g, 'text', 'subtitle').attr('x', PAD).attr('y', y).text(meta.join(' · '));

  // Goal and business outcome on lines of their own, each led by its label.
  const statements = [
    { key: 'goal', label: 'Goal', value: model.goal },
    { key: 'outcome', label: 'Outcome', value: model.businessOutcome },
  ].filter((d): d is { key: string; label: string; value: string } => !!d.value);
  child(g, 'g', 'goals')
    .selectAll<El, Any>('g.goal')
    .data(statements, (d: { key: string }) => d.key)
    .join('g')
    .attr('class', 'goal')
    .attr('data-goal', (d) => d.key)
    .each(function (d) {
      const item = sel(this);
      y += d.key === statements[0].key ? 22 : 18;
      child(item, 'text', 'goal-label').attr('x', PAD).attr('y', y).text(d.label);
      // Labels in the lane labels' gutter, values aligned with the columns; the value is a text
      // of its own so its second line starts under its first.
      const value = child(item, 'text', 'goal-value').attr('y', y);
      const cut = fitLines(value, d.value, { x: GUTTER + PAD, width: GOAL_W, size: 12, maxLines: 2, lineHeight: 15 });
      setTooltip(value, cut ? d.value : null);
      y += (value.selectAll('tspan').size() - 1) * 15;
    });

  // Legend: a dot and a name per curve.
  y += 24;
  let lx = PAD;
  const legend = child(g, 'g', 'legend').attr('transform', `translate(0,${y})`);
  legend
    .selectAll<El, Any>('g.legend-item')
    .data(model.personas, (p: { id: string }) => p.id)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'legend-item');
      e.append('circle').attr('r', 6).attr('cy', -4);
      e.append('text');
      return e;
    })
    .attr('data-persona', (p) => p.id)
    .each(function (p) {
      const item = sel(this);
      const label = personaLabel(p) + (p.defined ? '' : ' (no persona file)');
      item.select('circle').attr('cx', lx + 6).attr('fill', personaColor(p));
      item.select('text').attr('x', lx + 18).attr('y', 0).text(label);
      lx += 18 + textWidth(label, 11) + 24;
    });

  // Summary cards.
  y += 18;
  const cards = summaryCards(model);
  const lines = Math.min(MAX_CARD_LINES, Math.max(...cards.map((c) => c.lines.length)));
  const cardH = 30 + lines * 16;
  const summary = child(g, 'g', 'summary').attr('transform', `translate(${PAD},${y})`);
  const xs: number[] = [];
  cards.reduce((x, c) => (xs.push(x), x + c.width + CARD_GAP), 0);
  summary
    .selectAll<El, Any>('g.summary-item')
    .data(cards, (c: SummaryCard) => c.key)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'summary-item');
      e.append('rect').attr('class', 'summary-card').attr('rx', 6);
      e.append('text').attr('class', 'summary-label');
      return e;
    })
    .attr('data-summary', (c) => c.key)
    .attr('transform', (_c, i) => `translate(${xs[i]},0)`)
    .each(function (c) {
      const card = sel(this);
      card.select('rect').attr('width', c.width).attr('height', cardH);
      card.select('text.summary-label').attr('x', 12).attr('y', 18).text(c.label);
      const shown = c.lines.slice(0, MAX_CARD_LINES).map((l, i) => ({ l, i, figures: c.figures?.[i] ?? null, target: c.targets?.[i] ?? null }));
      // A card's only line is its headline value, unless figures share the line.
      const big = (d: { i: number; figures: string | null }) => d.i === 0 && c.lines.length === 1 && d.figures === null;
      const row = (d: { target: number | null }) => (d.target !== null ? `touchpoint:${d.target}` : null);
      const figureWidth: number[] = [];
      card
        .selectAll<El, Any>('text.summary-figures')
        .data(shown.filter((d) => d.figures !== null))
        .join('text')
        .attr('class', 'summary-figures')
        .attr('x', c.width - 12)
        .attr('y', (d) => 38 + d.i * 16)
        .attr('text-anchor', 'end')
        .attr('data-reveal', row)
        .text((d) => d.figures)
        .each(function (d) {
          figureWidth[d.i] = measuredWidth(sel(this), textWidth(d.figures as string, 11));
        });
      card
        .selectAll<El, Any>('text.summary-line')
        .data(shown)
        .join('text')
        .attr('class', (d) => (big(d) ? 'summary-line summary-value' : 'summary-line'))
        .attr('y', (d) => 38 + d.i * 16)
        .attr('data-reveal', row)
        .each(function (d) {
          const t = sel(this);
          // Room left of the right-aligned figures, if the line has any.
          const room = c.width - 24 - (d.figures ? figureWidth[d.i] + 12 : 0);
          const cut = fitLines(t, d.l, { x: 12, width: room, size: big(d) ? 13 : 11, maxLines: 1, lineHeight: 16, bold: big(d) });
          setTooltip(t, cut ? d.l : null);
        });
    });
  return y + cardH + 18;
}
