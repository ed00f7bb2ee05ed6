// The money and the scores in words: the friction-hotspot message, the hover's "how this figure
// was computed", the journey score's terms. One wording for rules, hover, lens and CLI, read
// from the model (scores.ts computed every number once).
import type { JourneyModel, TouchpointModel } from './model';
import { formatAmount, formatCount, formatMoney, passRate, reachable, successorIndexes } from './scores';

const pct = (x: number): string => `${(Math.round(x * 1000) / 10).toString()}%`;
const quote = (s: string): string => `"${s}"`;

/** Money of one touchpoint with the journey's currency and its period: "EUR 6.5M per 2026-Q1". */
export function touchpointMoney(model: JourneyModel, t: TouchpointModel, amount: number): string {
  return formatMoney(amount, model.currency, t.period);
}

/** "8,427 customers lost" (or, in a leave journey, "8,427 stay here"), or the unknown form. */
export function lostPhrase(model: JourneyModel, t: TouchpointModel): string {
  const leave = model.type === 'leave';
  if (t.customersLost === null) return leave ? 'drop-offs unknown' : 'customers lost unknown';
  return leave ? `${formatCount(t.customersLost)} stay here` : `${formatCount(t.customersLost)} customers lost`;
}

/** Why a touchpoint's revenue at risk is unknown, in a few words. */
export function unknownRevenueReason(model: JourneyModel, t: TouchpointModel): string {
  if (model.type === 'leave') return 'in a leave journey only a given revenue_at_risk counts';
  if (t.customersLost === null) return typeof t.metrics.volume === 'number' ? 'no drop_off or conversion' : 'no volume';
  return 'no value_per_customer';
}

/** "EUR 6.5M at risk per 2026-Q1", or "revenue at risk unknown (no volume)". */
export function riskPhrase(model: JourneyModel, t: TouchpointModel): string {
  if (t.revenueAtRisk === null) return `revenue at risk unknown (${unknownRevenueReason(model, t)})`;
  const [money, per] = splitPeriod(touchpointMoney(model, t, t.revenueAtRisk));
  return `${money} at risk${per}`;
}

function splitPeriod(s: string): [string, string] {
  const i = s.indexOf(' per ');
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i)];
}

/**
 * The friction-hotspot message: `Hotspot #1 of 2: "Sees delivery cost at checkout", friction
 * 0.73, 8,427 customers lost, EUR 6.5M at risk per 2026-Q1 (confidence high)`.
 */
export function hotspotMessage(model: JourneyModel, t: TouchpointModel): string {
  const friction = t.friction === null ? 'no friction score' : `friction ${t.friction.toFixed(2)}`;
  return (
    `Hotspot #${t.hotspotRank} of ${model.hotspots.length}: ${quote(t.name)}, ${friction}, ` +
    `${lostPhrase(model, t)}, ${riskPhrase(model, t)} (confidence ${t.confidence})`
  );
}

/** Touchpoints after `t` (reachable along its successors) that carry no rate. */
export function unmeasuredAfter(model: JourneyModel, t: TouchpointModel): number {
  const succ = successorIndexes(
    model.touchpoints.map((x) => x.next),
    model.touchpoints.map((x) => x.id),
  );
  return reachable(succ, t.index, false).filter((i) => i !== t.index && passRate(model.touchpoints[i].metrics) === undefined).length;
}

/** Markdown lines: customers lost, completion after, revenue at risk and how it was computed, confidence, opportunities. */
export function moneyLines(model: JourneyModel, t: TouchpointModel, escape: (s: string) => string): string[] {
  const lines: string[] = [];
  const m = t.metrics;
  const leave = model.type === 'leave';
  const drop =
    typeof m.drop_off === 'number'
      ? `drop-off ${formatNum(m.drop_off)}`
      : typeof m.conversion === 'number'
        ? `1 - conversion ${formatNum(m.conversion)}`
        : '';
  const lostLabel = leave ? 'Customers who stay here' : 'Customers lost';
  lines.push(
    t.customersLost !== null
      ? `${lostLabel}: ${formatCount(t.customersLost)} (volume ${formatCount(m.volume as number)} x ${drop})`
      : `${lostLabel}: unknown (needs this touchpoint's volume and drop_off or conversion)`,
  );
  const unmeasured = unmeasuredAfter(model, t);
  const steps =
    unmeasured === 0
      ? 'every step after it measured'
      : `${unmeasured} ${unmeasured === 1 ? 'step' : 'steps'} after it unmeasured, counted as passing all`;
  lines.push('', `Completion after: ${pct(t.completionAfter)} of those moving on reach the end (${steps})`);
  let risk: string;
  const period = t.period ? ` per ${escape(t.period)}` : '';
  const cur = model.currency ? `${model.currency} ` : '';
  if (t.revenueAtRisk === null) risk = `unknown: ${unknownRevenueReason(model, t)}`;
  else if (t.revenueBasis === 'given') risk = `${cur}${formatAmount(t.revenueAtRisk)}${period}, as given (\`revenue_at_risk\`)`;
  else {
    const vpcOwn = typeof m.value_per_customer === 'number' ? 'its' : "the journey's";
    risk =
      `${cur}${formatAmount(t.revenueAtRisk)}${period} = ${formatCount(t.customersLost as number)} lost x ` +
      `${pct(t.completionAfter)} completion after x ${cur}${formatNum(t.valuePerCustomer as number)} (${vpcOwn} value per customer)`;
  }
  lines.push('', `Revenue at risk: ${risk}`);
  if (!model.currency || !t.period)
    lines.push(
      '',
      `_Money without ${!model.currency ? (t.period ? 'a currency' : 'a currency or period') : 'a period'}: ` +
        'set `currency` and `metrics.period` on the journey._',
    );
  lines.push('', `Confidence: ${t.confidence} (evidence: ${t.evidence.length ? t.evidence.map(escape).join(', ') : 'none'})`);
  for (const o of t.opportunities) {
    if (o.value === null) continue;
    const pri =
      o.priority !== null ? `, priority ${cur}${formatAmount(o.priority)} per effort point (effort ${o.effort})` : ', unranked (no effort)';
    lines.push(
      '',
      `Opportunity ${quote(escape(o.text))}: worth ${cur}${formatAmount(o.value)}${period} ` +
        `(uplift ${formatNum(o.uplift as number)} of the risk)${pri}`,
    );
  }
  return lines;
}

/** Markdown lines for the journey: score and its terms, money at the hotspots, revenue for scale. */
export function journeyMoneyLines(model: JourneyModel, escape: (s: string) => string): string[] {
  const s = model.summary;
  const lines: string[] = [];
  const sc = model.score;
  const terms: string[] = [];
  if (sc.terms.completion !== undefined) terms.push(`completion ${pct(sc.terms.completion)} (x0.4)`);
  if (sc.terms.satisfaction !== undefined) terms.push(`satisfaction ${pct(sc.terms.satisfaction)} (x0.4)`);
  if (sc.terms.endEmotion !== undefined) terms.push(`end emotion ${pct(sc.terms.endEmotion)} (x0.2)`);
  lines.push(
    sc.value === null
      ? 'Journey score: no score (no completion, satisfaction or end emotion)'
      : `Journey score: ${Math.round(sc.value)} / 100 from ${terms.join(', ')}`,
  );
  const period = s.period ? ` per ${escape(s.period)}` : '';
  const cur = model.currency ? `${model.currency} ` : '';
  const notSummed = s.hotspotsNotSummed ? ` (${s.hotspotsNotSummed} with another period left out)` : '';
  lines.push(
    '',
    'Revenue at risk at the hotspots: ' +
      `${s.revenueAtRiskAtHotspots === null ? 'unknown' : `${cur}${formatAmount(s.revenueAtRiskAtHotspots)}${period}${notSummed}`}`,
  );
  if (model.type !== 'leave')
    lines.push(
      '',
      `Journey revenue: ${s.journeyRevenue === null ? 'unknown' : `${cur}${formatAmount(s.journeyRevenue)}${period}`} (for scale)`,
    );
  return lines;
}

function formatNum(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(Math.round(n * 10000) / 10000);
}

/** Markdown lines: a to-be journey's gain against its as-is (`model.baseline`). */
export function baselineLines(model: JourneyModel, escape: (s: string) => string): string[] {
  const b = model.baseline;
  if (!b) return [];
  const cur = model.currency ? `${model.currency} ` : '';
  const per = model.summary.period ? ` per ${escape(model.summary.period)}` : '';
  const money = (n: number | null) => (n === null ? 'unknown' : `${cur}${formatAmount(n)}`);
  const r = b.revenueAtRiskAtHotspots;
  const less =
    r.change === null
      ? ''
      : r.change <= 0
        ? ` (${cur}${formatAmount(-r.change)}${per} less)`
        : ` (${cur}${formatAmount(r.change)}${per} more)`;
  const lines = [`Against the as-is **${escape(b.title)}** (\`${escape(b.id)}\`):`, ''];
  lines.push(`- Revenue at risk at the hotspots: ${money(r.before)} → ${money(r.after)}${less}`);
  const sc = b.score;
  const round = (n: number | null) => (n === null ? 'none' : String(Math.round(n)));
  lines.push(
    `- Journey score: ${round(sc.before)} → ${round(sc.after)}` +
      `${sc.change === null ? '' : ` (${sc.change >= 0 ? '+' : '−'}${Math.abs(Math.round(sc.change))})`}`,
  );
  const c = b.completion;
  const p = (n: number | null) => (n === null ? 'unknown' : pct(n));
  lines.push(
    `- Completion: ${p(c.before)} → ${p(c.after)}` +
      `${c.change === null ? '' : ` (${c.change >= 0 ? '+' : '−'}${Math.round(Math.abs(c.change) * 1000) / 10} pts)`}`,
  );
  for (const pe of b.peakEnd) {
    const who = pe.persona === '*' ? 'all customers' : escape(model.personas.find((x) => x.id === pe.persona)?.name ?? pe.persona);
    const f = (n: number | null) => (n === null ? 'none' : String(Math.round(n * 100) / 100));
    lines.push(`- Peak-end of ${who}: ${f(pe.before)} → ${f(pe.after)}`);
  }
  return lines;
}
