// The metrics lane's trend: a small sparkline of one metric of a touchpoint over the periods
// of the journey's data files (`model.history`), the latest figure marked with a dot. Kept in
// its own group (`g.metric-trend`) so the lane's other items need not know about it.
import type { JourneyModel, MetricHistory, TouchpointModel } from '../../../server/src/core/model';
import { child, dropChild, setTooltip, Sel } from './dom';

/** Which metric a column's trend shows: the first of these with figures. */
const PREFERRED = ['conversion', 'drop_off', 'csat', 'nps', 'ces', 'completion_rate', 'volume'];
const SHORT: Record<string, string> = {
  conversion: 'conv',
  drop_off: 'drop',
  csat: 'CSAT',
  nps: 'NPS',
  ces: 'CES',
  completion_rate: 'compl',
  volume: 'vol',
};
export const TREND_W = 34;
export const TREND_H = 12;
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

type Series = MetricHistory['series'][number];

/** The series a touchpoint's trend is drawn from, or undefined without two figures. */
export function trendSeries(model: JourneyModel, t: TouchpointModel): Series | undefined {
  const own = model.history?.series.filter((s) => s.touchpoint === t.id && s.values.filter((v) => v !== null).length >= 2) ?? [];
  const rank = (s: Series) => (PREFERRED.includes(s.metric) ? PREFERRED.indexOf(s.metric) : PREFERRED.length);
  return own.sort((a, b) => rank(a) - rank(b))[0];
}

/** Draws (or removes) the trend of column `col` at (x, y): label, sparkline, the latest point. */
export function drawTrend(col: Sel, model: JourneyModel, t: TouchpointModel, x: number, y: number, text: boolean): void {
  const s = trendSeries(model, t);
  const periods = model.history?.periods ?? [];
  if (!s) return dropChild(col, 'g', 'metric-trend');
  const g = child(col, 'g', 'metric-trend').attr('transform', `translate(${x},${y})`).attr('data-metric', s.metric);
  const known = s.values.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v !== null);
  const lo = Math.min(...known.map((p) => p.v));
  const hi = Math.max(...known.map((p) => p.v));
  const px = (i: number) => 24 + (periods.length > 1 ? (i / (periods.length - 1)) * TREND_W : TREND_W / 2);
  const py = (v: number) => (hi === lo ? TREND_H / 2 : TREND_H - ((v - lo) / (hi - lo)) * TREND_H);
  child(g, 'path', 'trend-line').attr('d', known.map((p, k) => `${k ? 'L' : 'M'}${px(p.i).toFixed(1)},${py(p.v).toFixed(1)}`).join(''));
  const last = known[known.length - 1];
  child(g, 'circle', 'trend-latest').attr('cx', px(last.i)).attr('cy', py(last.v)).attr('r', 2.2).attr('data-period', periods[last.i]);
  if (text)
    child(g, 'text', 'trend-label muted')
      .attr('x', 0)
      .attr('y', TREND_H - 2)
      .text(SHORT[s.metric] ?? s.metric);
  else dropChild(g, 'text', 'trend-label');
  const first = known[0];
  setTooltip(
    g,
    `${s.metric}: ${NUMBER.format(first.v)} (${periods[first.i]}) ` +
      `to ${NUMBER.format(last.v)} (${periods[last.i]}, latest), from the data files`,
  );
}
