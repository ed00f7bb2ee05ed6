// A persona file's map: a card with who they are and what they want, and the journeys that
// use the persona.
import type { PersonaModel } from '../../../server/src/core/model';
import { child, sel, Any, El, setLines, setTooltip, Sel } from './dom';
import { PAD } from './layout';
import { compact, percent, safeColor, wrapText } from './text';

const WIDTH = 960;
const COL = (WIDTH - 3 * PAD) / 2;
const LINE = 16;

interface Section {
  key: string;
  title: string;
  items: string[];
  /** For "used by": the reveal target of each item. */
  reveal?: string[];
}

export interface PersonaLayout {
  width: number;
  height: number;
}

function sections(p: PersonaModel): [Section[], Section[]] {
  const m = p.metrics;
  const metricItems = [
    m.nps !== undefined ? `NPS ${m.nps}` : '',
    m.csat !== undefined ? `CSAT ${m.csat}` : '',
    m.ces !== undefined ? `CES ${m.ces}` : '',
    m.volume !== undefined ? `Volume ${compact(m.volume)}` : '',
    m.value_per_customer !== undefined ? `Value per customer ${compact(m.value_per_customer)}` : '',
    m.responses !== undefined ? `${m.responses} responses` : '',
    m.period ? `Period ${m.period}` : '',
    m.source ? `Source: ${m.source}` : '',
  ].filter(Boolean);
  const jobs = p.jobs.map((j) =>
    [j.when ? `When ${j.when}` : '', j.want ? `I want ${j.want}` : '', j.so_that ? `so that ${j.so_that}` : ''].filter(Boolean).join(', '),
  );
  const left: Section[] = [
    { key: 'goals', title: 'Goals', items: p.goals },
    { key: 'frustrations', title: 'Frustrations', items: p.frustrations },
    { key: 'needs', title: 'Needs', items: p.needs },
    { key: 'motivations', title: 'Motivations', items: p.motivations },
  ];
  const right: Section[] = [
    { key: 'jobs', title: 'Jobs to be done', items: jobs },
    { key: 'channels', title: 'Channels', items: p.channels.length ? [p.channels.join(' · ')] : [] },
    { key: 'devices', title: 'Devices', items: p.devices.length ? [p.devices.join(' · ')] : [] },
    { key: 'demographics', title: 'Demographics', items: Object.entries(p.demographics).map(([k, v]) => `${k}: ${v}`) },
    { key: 'metrics', title: 'Metrics', items: metricItems },
    { key: 'evidence', title: 'Evidence', items: p.evidence.length ? [p.evidence.join(' · ')] : [] },
  ];
  return [left.filter((s) => s.items.length), right.filter((s) => s.items.length)];
}

/** Draws a column of sections from `y`; returns the y below it. */
function drawSections(g: Sel, list: Section[], x: number, y0: number): number {
  let y = y0;
  g.selectAll<El, Any>('g.persona-section')
    .data(list, (s: Section) => s.key)
    .join('g')
    .attr('class', 'persona-section')
    .attr('data-section', (s: Section) => s.key)
    .each(function (s: Section) {
      const sec = sel(this);
      child(sec, 'text', 'section-title').attr('x', x).attr('y', y).text(s.title);
      y += 20;
      const rows = s.items.map((it, i) => {
        const w = wrapText(`• ${it}`, COL - 10, 12, 4);
        const at = y;
        y += w.lines.length * LINE + 4;
        return { it, w, at, reveal: s.reveal?.[i] };
      });
      sec
        .selectAll<El, Any>('text.persona-item')
        .data(rows)
        .join('text')
        .attr('class', (r) => (r.reveal ? 'persona-item used-by' : 'persona-item'))
        .attr('data-reveal', (r) => r.reveal ?? null)
        .attr('tabindex', (r) => (r.reveal ? 0 : null))
        .attr('role', (r) => (r.reveal ? 'link' : null))
        .attr('y', (r) => r.at)
        .each(function (r) {
          const t = sel(this);
          setLines(t, r.w.lines, x + 4, LINE);
          setTooltip(t, r.w.truncated ? r.it : null);
        });
      y += 14;
    });
  return y;
}

export function renderPersona(root: Sel, p: PersonaModel): PersonaLayout {
  const viewport = child(root, 'g', 'map-viewport');
  const bg = child(viewport, 'rect', 'map-background');
  const card = child(viewport, 'g', 'persona');
  const cardRect = child(card, 'rect', 'persona-card')
    .attr('x', PAD / 2)
    .attr('y', PAD / 2)
    .attr('width', WIDTH - PAD)
    .attr('rx', 10);
  const color = safeColor(p.color, '#4e79a7');
  child(card, 'circle', 'persona-swatch')
    .attr('cx', PAD + 14)
    .attr('cy', PAD + 22)
    .attr('r', 12)
    .attr('fill', color);
  child(card, 'text', 'persona-name')
    .attr('x', PAD + 36)
    .attr('y', PAD + 30)
    .attr('data-reveal', 'persona')
    .text(p.name || p.id);
  const meta = [p.role, p.segment, p.share !== undefined ? `${percent(p.share)} of customers` : '', `id: ${p.id}`]
    .filter(Boolean)
    .join(' · ');
  child(card, 'text', 'subtitle')
    .attr('x', PAD + 36)
    .attr('y', PAD + 52)
    .text(meta);
  let y = PAD + 84;
  const quote = child(card, 'text', 'persona-quote');
  if (p.quote) {
    const w = wrapText(`“${p.quote}”`, WIDTH - 3 * PAD, 14, 4);
    quote.attr('y', y);
    setLines(quote, w.lines, PAD + 4, 19);
    y += w.lines.length * 19 + 8;
  } else quote.selectAll<El, Any>('tspan').remove();
  const desc = child(card, 'text', 'persona-description');
  if (p.description) {
    const w = wrapText(p.description, WIDTH - 3 * PAD, 12, 6);
    desc.attr('y', y);
    setLines(desc, w.lines, PAD + 4, LINE);
    setTooltip(desc, w.truncated ? p.description : null);
    y += w.lines.length * LINE + 8;
  } else desc.selectAll<El, Any>('tspan').remove();
  y += 16;
  const [left, right] = sections(p);
  const yl = drawSections(child(card, 'g', 'left'), left, PAD + 4, y);
  const yr = drawSections(child(card, 'g', 'right'), right, PAD * 2 + COL, y);
  y = Math.max(yl, yr) + 6;
  const used: Section = {
    key: 'used-by',
    title: `Used by ${p.usedBy.length} journey${p.usedBy.length === 1 ? '' : 's'}`,
    items: p.usedBy.length ? p.usedBy.map((j) => `${j.title || j.id} (${j.id})`) : ['No journey names this persona yet'],
    reveal: p.usedBy.map((_j, i) => `used:${i}`),
  };
  y = drawSections(child(card, 'g', 'usage'), [used], PAD + 4, y);
  cardRect.attr('height', y - PAD / 2);
  const height = y + PAD;
  bg.attr('width', WIDTH).attr('height', height);
  return { width: WIDTH, height };
}
