// The journey header: title, type, variant, goal, the persona legend and the summary cards
// (completion, emotion per persona, revenue at risk, top hotspots).
import type { JourneyModel } from '../../../server/src/core/model';
import { child, sel, Any, El, setLines, setTooltip, Sel } from './dom';
import { PAD } from './layout';
import { compact, percent, signed, textWidth, wrapText } from './text';
import { personaColor, personaLabel } from './personas';

const CARD_W = 272;
const CARD_GAP = 12;

interface SummaryCard {
  key: string;
  label: string;
  lines: string[];
  /** Touchpoint index per line, for lines that point at a column. */
  targets?: (number | null)[];
}

function summaryCards(model: JourneyModel): SummaryCard[] {
  const f = model.funnel;
  const completion: string[] = [];
  if (f.declared !== null) completion.push(`${percent(f.declared)} declared`);
  if (f.completion !== null) completion.push(`${percent(f.completion)} from the funnel${f.branched ? ' (to first branch)' : ''}`);
  if (completion.length === 0) completion.push('not measured');

  const emotion = model.personas.map((p) => {
    const pe = model.peakEnd[p.id];
    // The short name ("Maya" of "Maya, first-time buyer"): the legend above has the rest.
    const name = personaLabel(p).split(',')[0];
    return pe ? `${name}: average ${signed(pe.average)} · end ${signed(pe.endEmotion)}` : `${name}: no emotion`;
  });

  const s = model.summary;
  const risk = [s.revenueAtRisk !== null ? `${compact(s.revenueAtRisk)}${s.period ? ` per ${s.period}` : ''}` : 'unknown'];
  risk.push(`${s.hotspotCount} hotspot${s.hotspotCount === 1 ? '' : 's'} · ${s.touchpointCount} touchpoints`);

  const top = model.hotspots.slice(0, 3);
  const hotspots = top.length
    ? top.map((h) => `#${h.rank} ${h.name} · ${h.friction.toFixed(2)}${h.revenueAtRisk !== null ? ` · ${compact(h.revenueAtRisk)}` : ''}`)
    : [`none at ≥ ${model.frictionThreshold}`];
  return [
    { key: 'completion', label: 'Completion', lines: completion },
    { key: 'emotion', label: 'Emotion: average · end', lines: emotion.length ? emotion : ['no emotion'] },
    { key: 'revenue', label: 'Revenue at risk', lines: risk },
    { key: 'hotspots', label: 'Top hotspots', lines: hotspots, targets: top.map((h) => h.touchpointIndex) },
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

  const goalText = [model.goal ? `Goal: ${model.goal}` : '', model.businessOutcome ? `Business outcome: ${model.businessOutcome}` : '']
    .filter(Boolean)
    .join('  ·  ');
  const goal = child(g, 'text', 'goal muted');
  if (goalText) {
    y += 18;
    const w = wrapText(goalText, 1000, 11, 2);
    goal.attr('y', y);
    setLines(goal, w.lines, PAD, 14);
    setTooltip(goal, w.truncated ? goalText : null);
    y += (w.lines.length - 1) * 14;
  } else goal.selectAll<El, Any>('tspan').remove();

  // Legend: a dot and a name per curve.
  y += 22;
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
    .attr('transform', (_c, i) => `translate(${i * (CARD_W + CARD_GAP)},0)`)
    .each(function (c) {
      const card = sel(this);
      card.select('rect').attr('width', CARD_W).attr('height', cardH);
      card.select('text.summary-label').attr('x', 12).attr('y', 18).text(c.label);
      const shown = c.lines.slice(0, MAX_CARD_LINES).map((l, i) => ({ l, i }));
      card
        .selectAll<El, Any>('text.summary-line')
        .data(shown)
        .join('text')
        .attr('class', (d) => (d.i === 0 && c.lines.length === 1 ? 'summary-line summary-value' : 'summary-line'))
        .attr('x', 12)
        .attr('y', (d) => 38 + d.i * 16)
        .attr('data-reveal', (d) => (c.targets && c.targets[d.i] != null ? `touchpoint:${c.targets[d.i]}` : null))
        .each(function (d) {
          const w = wrapText(d.l, CARD_W - 24, 11, 1);
          const t = sel(this);
          t.text(w.lines[0]);
          setTooltip(t, w.truncated ? d.l : null);
        });
    });
  return y + cardH + 18;
}

