// The portfolio's figures in words, shared by the Markdown and HTML reports (and the VS Code
// view reads the same helpers): one wording for money, rates and the "not compared" notes.
import type { Money, MoneyTotal, Portfolio, PortfolioJourney } from '../../core/portfolio';
import { moneyText } from '../../core/portfolio';
import { formatAmount, formatMoney } from '../../core/scores';
import { sparkline } from '../../core/trend';
import type { PortfolioTrend } from '../../core/portfolio';

/** What every format receives. */
export interface ReportInput {
  portfolio: Portfolio;
  /** The file of each journey uri, relative to the working directory. */
  fileOf: (uri: string) => string;
  /** Named files left out: they do not parse, or hold no journey. */
  skipped: { file: string; reason: string }[];
  /** Per journey uri, the link to its map (static site) or to its file. */
  linkOf: (uri: string) => string;
  version: string;
}

export const pct = (x: number | null): string => (x === null ? '–' : `${(Math.round(x * 1000) / 10).toString()}%`);

/** "EUR 42.0K per year", or "–" when unknown. */
export function money(m: Money | null): string {
  return m ? moneyText(m) : '–';
}

/** The figure as the journey states it, when it differs from the comparable one: "EUR 3,500 per 2026-03". */
export function asGiven(m: Money | null): string | null {
  if (!m || !m.annualised || m.givenPeriod === null || m.given === m.amount) return null;
  return formatMoney(m.given, m.currency ?? undefined, m.givenPeriod);
}

export function totals(ts: MoneyTotal[]): string {
  return ts.length ? ts.map((t) => formatMoney(t.amount, t.currency ?? undefined, t.per ?? undefined)).join(' · ') : '–';
}

export function score(j: PortfolioJourney): string {
  return j.score === null ? '–' : String(Math.round(j.score));
}

/** "declared 9% · funnel 8.4% (2 unmeasured)" */
export function completion(j: PortfolioJourney): string {
  const parts: string[] = [];
  parts.push(`declared ${pct(j.completion.declared)}`);
  parts.push(`funnel ${pct(j.completion.funnel)}${j.completion.unmeasured ? ` (${j.completion.unmeasured} unmeasured)` : ''}`);
  return parts.join(' · ');
}

export function amount(n: number | null): string {
  return n === null ? '–' : formatAmount(n);
}

/** The groups the journeys were ranked in, with a sentence saying that each is ranked apart. */
export function groupsSentence(p: Portfolio): string {
  if (p.groups.length <= 1) return '';
  return `Ranked in ${p.groups.length} groups, never together: ${p.groups.map((g) => g.group).join('; ')}.`;
}

const FIGURE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** One metric of a journey's trend, in words: the text sparkline, the first and the latest figure with their periods. */
export interface TrendRow {
  metric: string;
  values: (number | null)[];
  periods: string[];
  spark: string;
  /** "171,000 (2024-Q1)" */
  first: string;
  /** "168,000 (2025-Q4)" */
  latest: string;
  /** Index of the latest period with a figure. */
  latestAt: number;
}

export function trendRows(t: PortfolioTrend): TrendRow[] {
  return t.series.map((s) => {
    const firstAt = s.values.findIndex((v) => v !== null);
    let latestAt = s.values.length - 1;
    while (latestAt > 0 && s.values[latestAt] === null) latestAt--;
    const at = (i: number): string => `${FIGURE.format(s.values[i] as number)} (${t.periods[i]})`;
    return {
      metric: s.metric,
      values: s.values,
      periods: t.periods,
      spark: sparkline(s.values),
      first: at(firstAt),
      latest: at(latestAt),
      latestAt,
    };
  });
}
