// A metric's trend in text, from the model's history (data.ts): a sparkline over the periods
// and the first and latest figures, the latest marked. The hover shows one line per metric.
import type { JourneyModel } from './model';

const BARS = '▁▂▃▄▅▆▇█';
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** `▁▃▅█`, one bar per value scaled between the lowest and the highest; `·` for a period without one. */
export function sparkline(values: (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return '';
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  return values.map((v) => (v === null ? '·' : BARS[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))])).join('');
}

/** The hover's trend lines for a touchpoint (or the journey: ''), empty without history. */
export function trendLines(model: JourneyModel, touchpoint: string, escape: (s: string) => string): string[] {
  const h = model.history;
  if (!h) return [];
  const series = h.series.filter((s) => s.touchpoint === touchpoint);
  if (series.length === 0) return [];
  const lines = [`**Trend** (${escape(h.periods[0])} to ${escape(h.periods[h.periods.length - 1])}, from the data files):`];
  for (const s of series) {
    const firstAt = s.values.findIndex((v) => v !== null);
    let lastAt = s.values.length - 1;
    while (lastAt > 0 && s.values[lastAt] === null) lastAt--;
    const first = `${NUMBER.format(s.values[firstAt] as number)} (${escape(h.periods[firstAt])})`;
    const latest = `**${NUMBER.format(s.values[lastAt] as number)}** (${escape(h.periods[lastAt])}, latest)`;
    lines.push(`- \`${s.metric}\` ${sparkline(s.values)} ${firstAt === lastAt ? latest : `${first} → ${latest}`}`);
  }
  return ['', ...lines];
}
