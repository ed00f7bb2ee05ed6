// Across journeys: the portfolio the `journeymap report` command and the Journeys view show.
// Pure: journey models in (build.ts computed every figure once), rankings out. Nothing here
// computes a touchpoint's money again; it only makes the models' figures comparable (per year)
// and ranks them. Money is never added or ranked across currencies, and a figure whose period
// does not annualise is shown as given and ranked only with figures of the same period.
import { ALL_CUSTOMERS, ownValue } from './model';
import type { Confidence, JourneyModel, OpportunityStatus, TouchpointModel } from './model';
import type { Range } from './types';
import { formatMoney, periodsPerYear } from './scores';

/** The rule for comparable money, stated in every report. */
export const PER_YEAR_RULE =
  'Money is compared per year, from the form of its period: a year (2026) x1, a half (2026-H1) x2, a quarter (2026-Q1) x4, ' +
  'a month (2026-03) x12, a week (2026-W05) x52, a day (2026-03-14) x365. A figure whose period has another form, or no period, ' +
  'is shown as given and ranked only with figures of the same period. Different currencies are never added or ranked together; ' +
  'figures without a currency are ranked only with each other.';

/** Owners and systems behind hotspots of at least this many journeys are flagged as systemic. */
export const SYSTEMIC_JOURNEYS = 2;

/** An amount made comparable: per year where its period annualises, else as given. */
export interface Money {
  /** Per year when `annualised`, else the given amount. */
  amount: number;
  /** The journey's `currency`, or null when it has none. */
  currency: string | null;
  annualised: boolean;
  /** "year" when annualised; else the period as given, or null when there is none. */
  per: string | null;
  /** The figure as the journey states it, over `givenPeriod`. */
  given: number;
  givenPeriod: string | null;
  /** The ranking group it belongs to, e.g. "EUR per year", "GBP per spring sale", "no currency, no period". */
  group: string;
}

/** One ranking group: figures in one currency over one comparable period. */
export interface MoneyGroup {
  group: string;
  currency: string | null;
  annualised: boolean;
  per: string | null;
}

/** A sum of money in one group (only ever over figures of that group). */
export interface MoneyTotal extends MoneyGroup {
  amount: number;
  /** How many figures were added. */
  count: number;
}

export interface PortfolioJourney {
  /** 1-based rank within `risk.group`; null when the revenue at risk at its hotspots is unknown. */
  rank: number | null;
  id: string;
  title: string;
  uri: string;
  owner: string | null;
  type: string | null;
  currency: string | null;
  period: string | null;
  /** Revenue at risk at its hotspots (summary.revenueAtRiskAtHotspots), made comparable. */
  risk: Money | null;
  /** Hotspots left out of that sum (their period does not convert to the journey's). */
  hotspotsNotSummed: number;
  /** The journey's revenue, for scale. */
  revenue: Money | null;
  /** Journey score 0..100. */
  score: number | null;
  completion: { declared: number | null; funnel: number | null; unmeasured: number };
  hotspotCount: number;
  topHotspot: { touchpointId: string; name: string; risk: Money | null } | null;
  personas: { id: string; name: string | null }[];
  /** Emotion per touchpoint in file order (null for none), on `emotionScale`. */
  curve: (number | null)[];
  emotionScale: { min: number; max: number };
  /** Why its money is not ranked per year with the others, when it is not. */
  notCompared: string | null;
  /** The journey's own metrics over time, from its data files (touchpoint ''), or null without any. */
  trend: PortfolioTrend | null;
  range: Range;
}

/** A journey's metrics per period (model.history, journey rows only); values align with `periods`, oldest first. */
export interface PortfolioTrend {
  periods: string[];
  series: { metric: string; values: (number | null)[] }[];
}

export interface PortfolioHotspot {
  /** 1-based rank within `risk.group`; null when its revenue at risk is unknown. */
  rank: number | null;
  journeyId: string;
  journeyTitle: string;
  uri: string;
  /** Its rank within its journey. */
  journeyRank: number;
  touchpointId: string;
  name: string;
  stageId: string;
  stageName: string;
  /** The touchpoint's owner, else its stage's, else the journey's. */
  owner: string | null;
  systems: string[];
  friction: number;
  customersLost: number | null;
  risk: Money | null;
  confidence: Confidence;
  range: Range;
}

export type OpportunityStanding = 'ranked' | 'unranked' | 'closed';

export interface PortfolioOpportunity {
  /** 1-based rank within `priority.group` among the ranked ones; null otherwise. */
  rank: number | null;
  /** ranked: it has a priority and is open; unranked: no priority (see `reason`); closed: done or dropped. */
  standing: OpportunityStanding;
  reason: string | null;
  text: string;
  status: OpportunityStatus | null;
  owner: string | null;
  link: string | null;
  effort: number | null;
  uplift: number | null;
  value: Money | null;
  /** Value per effort point. */
  priority: Money | null;
  journeyId: string;
  journeyTitle: string;
  uri: string;
  touchpointId: string;
  touchpointName: string;
  /** The hotspot it would relieve (its touchpoint's rank in its journey), or null when its touchpoint is no hotspot. */
  hotspotRank: number | null;
  range: Range;
}

export interface PortfolioOwner {
  /** A team (owner) or a backstage system. */
  name: string;
  /** owner: how it relates to the hotspots (touchpoint, stage, opportunity, backstage). system: the owners of its entries. */
  roles: string[];
  journeys: string[];
  hotspots: { journeyId: string; touchpointId: string; name: string }[];
  /** Money at risk at those hotspots, summed per group. */
  money: MoneyTotal[];
  /** Hotspots whose revenue at risk is unknown. */
  unknown: number;
  /** Behind hotspots of at least SYSTEMIC_JOURNEYS journeys. */
  systemic: boolean;
}

export interface PersonaMoment {
  journeyId: string;
  journeyTitle: string;
  uri: string;
  touchpointId: string;
  name: string;
  emotion: number;
  emotionScale: { min: number; max: number };
  /** (emotion - min) / (max - min): how low, comparable across scales (0 the lowest). */
  level: number;
  hotspotRank: number;
  risk: Money | null;
  range: Range;
}

export interface PortfolioPersona {
  id: string;
  name: string | null;
  journeys: string[];
  /** Their emotions at hotspots, lowest first: where they are hurt most. */
  moments: PersonaMoment[];
}

export interface Portfolio {
  rule: string;
  /** Ranking groups in display order: per year first (by currency), then the other periods. */
  groups: (MoneyGroup & { journeys: number; riskAtHotspots: number | null })[];
  journeys: PortfolioJourney[];
  hotspots: PortfolioHotspot[];
  opportunities: PortfolioOpportunity[];
  owners: PortfolioOwner[];
  systems: PortfolioOwner[];
  personas: PortfolioPersona[];
}

// ---- Money ----

function groupName(currency: string | null, annualised: boolean, per: string | null): string {
  const cur = currency ?? 'no currency';
  if (annualised) return `${cur} per year`;
  return per === null ? `${cur}, no period` : `${cur} per ${per}`;
}

/** An amount of `period` made comparable: per year where the period annualises. */
export function comparable(amount: number, currency: string | undefined | null, period: string | undefined | null): Money {
  const k = periodsPerYear(period ?? undefined);
  const annualised = k !== undefined;
  const per = annualised ? 'year' : (period ?? null);
  const cur = currency ?? null;
  return {
    amount: annualised ? amount * k : amount,
    currency: cur,
    annualised,
    per,
    given: amount,
    givenPeriod: period ?? null,
    group: groupName(cur, annualised, per),
  };
}

/** "EUR 470.3K per year" (or per the given period). */
export function moneyText(m: Money): string {
  return formatMoney(m.amount, m.currency ?? undefined, m.per ?? undefined);
}

function groupOf(m: Money): MoneyGroup {
  return { group: m.group, currency: m.currency, annualised: m.annualised, per: m.per };
}

/** Groups in display order: per year before the rest, then by currency (none last), then by period. */
function compareGroups(a: MoneyGroup, b: MoneyGroup): number {
  if (a.annualised !== b.annualised) return a.annualised ? -1 : 1;
  if (a.currency !== b.currency) {
    if (a.currency === null) return 1;
    if (b.currency === null) return -1;
    return a.currency < b.currency ? -1 : 1;
  }
  const pa = a.per ?? '';
  const pb = b.per ?? '';
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/**
 * Sorts rows by group, then by `amount` (highest first) within a group, rows without money
 * last, ties broken by `tie`; numbers `rank` 1.. within each group.
 */
function rankByGroup<T>(
  rows: T[],
  money: (r: T) => Money | null,
  amount: (r: T) => number | null,
  tie: (a: T, b: T) => number,
  ranked: (r: T) => boolean = () => true,
): { row: T; rank: number | null }[] {
  const key = (r: T): MoneyGroup | null => {
    const m = money(r);
    return m && ranked(r) && amount(r) !== null ? groupOf(m) : null;
  };
  const sorted = [...rows].sort((a, b) => {
    const ga = key(a);
    const gb = key(b);
    if (ga === null || gb === null) {
      if (ga !== gb) return ga === null ? 1 : -1;
      return tie(a, b);
    }
    const g = compareGroups(ga, gb);
    if (g !== 0) return g;
    const d = (amount(b) as number) - (amount(a) as number);
    return d !== 0 ? d : tie(a, b);
  });
  const next = new Map<string, number>();
  return sorted.map((row) => {
    const g = key(row);
    if (g === null) return { row, rank: null };
    const rank = (next.get(g.group) ?? 0) + 1;
    next.set(g.group, rank);
    return { row, rank };
  });
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function addTo(totals: MoneyTotal[], m: Money): void {
  const t = totals.find((x) => x.group === m.group);
  if (t) {
    t.amount += m.amount;
    t.count++;
  } else totals.push({ ...groupOf(m), amount: m.amount, count: 1 });
}

// ---- The portfolio ----

interface Spot {
  journey: JourneyModel;
  t: TouchpointModel;
  hotspotRank: number;
  risk: Money | null;
}

/** Ranks journeys, hotspots, opportunities, owners, systems and personas across the models. */
export function buildPortfolio(models: JourneyModel[]): Portfolio {
  // One order for everything that ties: journey id, then uri.
  const journeysInOrder = [...models].sort((a, b) => byText(a.id, b.id) || byText(a.uri, b.uri));
  const spots: Spot[] = [];
  for (const j of journeysInOrder) {
    for (const h of j.hotspots) {
      const t = j.touchpoints[h.touchpointIndex];
      spots.push({
        journey: j,
        t,
        hotspotRank: h.rank,
        risk: t.revenueAtRisk === null ? null : comparable(t.revenueAtRisk, j.currency, t.period),
      });
    }
  }
  const order = new Map(journeysInOrder.map((j, i) => [j, i]));
  const journeyTie = (a: JourneyModel, b: JourneyModel): number => (order.get(a) as number) - (order.get(b) as number);

  const journeys = journeyRows(journeysInOrder, spots, journeyTie);
  const hotspots = rankByGroup(
    spots,
    (s) => s.risk,
    (s) => s.risk?.amount ?? null,
    (a, b) => b.t.friction! - a.t.friction! || journeyTie(a.journey, b.journey) || a.hotspotRank - b.hotspotRank,
  ).map(({ row: s, rank }) => hotspotRow(s, rank));

  const groups = new Map<string, Portfolio['groups'][number]>();
  for (const j of journeys) {
    if (!j.risk) continue;
    const g = groups.get(j.risk.group) ?? { ...groupOf(j.risk), journeys: 0, riskAtHotspots: 0 };
    g.journeys++;
    g.riskAtHotspots = (g.riskAtHotspots ?? 0) + j.risk.amount;
    groups.set(j.risk.group, g);
  }
  return {
    rule: PER_YEAR_RULE,
    groups: [...groups.values()].sort(compareGroups),
    journeys,
    hotspots,
    opportunities: opportunityRows(journeysInOrder, journeyTie),
    owners: ownerRows(spots, 'owner'),
    systems: ownerRows(spots, 'system'),
    personas: personaRows(journeysInOrder, spots),
  };
}

function journeyRows(models: JourneyModel[], spots: Spot[], tie: (a: JourneyModel, b: JourneyModel) => number): PortfolioJourney[] {
  const risk = (j: JourneyModel): Money | null =>
    // A journey without hotspots has nothing at risk at them: listed, not ranked.
    j.summary.revenueAtRiskAtHotspots === null || j.hotspots.length === 0
      ? null
      : comparable(j.summary.revenueAtRiskAtHotspots, j.currency, j.summary.period);
  return rankByGroup(
    models,
    risk,
    (j) => risk(j)?.amount ?? null,
    (a, b) => (b.score.value ?? -1) - (a.score.value ?? -1) || tie(a, b),
  ).map(({ row: j, rank }) => {
    const r = risk(j);
    const top = spots.find((s) => s.journey === j && s.hotspotRank === 1);
    return {
      rank,
      id: j.id,
      title: j.title,
      uri: j.uri,
      owner: j.owner ?? null,
      type: j.type ?? null,
      currency: j.currency ?? null,
      period: j.summary.period ?? null,
      risk: r,
      hotspotsNotSummed: j.summary.hotspotsNotSummed,
      revenue: j.summary.journeyRevenue === null ? null : comparable(j.summary.journeyRevenue, j.currency, j.summary.period),
      score: j.score.value,
      completion: { declared: j.funnel.declared, funnel: j.funnel.completion, unmeasured: j.funnel.unmeasured },
      hotspotCount: j.hotspots.length,
      topHotspot: top ? { touchpointId: top.t.id, name: top.t.name, risk: top.risk } : null,
      personas: j.personas.filter((p) => p.id !== ALL_CUSTOMERS).map((p) => ({ id: p.id, name: p.name ?? null })),
      curve: j.touchpoints.map((t) => t.emotion),
      emotionScale: { min: j.emotionScale.min, max: j.emotionScale.max },
      notCompared: whyNotCompared(j, r),
      trend: trendOf(j),
      range: j.idRange,
    };
  });
}

/** The journey-level series of its history, each with at least one figure. */
function trendOf(j: JourneyModel): PortfolioTrend | null {
  const h = j.history;
  if (!h) return null;
  const series = h.series
    .filter((x) => x.touchpoint === '' && x.values.some((v) => v !== null))
    .map((x) => ({ metric: x.metric, values: [...x.values] }));
  return series.length ? { periods: [...h.periods], series } : null;
}

function whyNotCompared(j: JourneyModel, risk: Money | null): string | null {
  if (j.hotspots.length === 0) return 'no hotspots';
  if (risk === null) return 'revenue at risk at its hotspots unknown';
  const reasons: string[] = [];
  if (!risk.annualised)
    reasons.push(
      risk.givenPeriod === null
        ? 'no period: shown as given, ranked only with journeys without one'
        : `period "${risk.givenPeriod}" does not annualise: shown as given, ranked only with journeys of the same period`,
    );
  if (risk.currency === null) reasons.push('no currency: ranked only with journeys without one');
  return reasons.length ? reasons.join('; ') : null;
}

function stageOf(j: JourneyModel, t: TouchpointModel) {
  return j.stages[t.stageIndex];
}

function hotspotRow(s: Spot, rank: number | null): PortfolioHotspot {
  const { journey: j, t } = s;
  const stage = stageOf(j, t);
  return {
    rank,
    journeyId: j.id,
    journeyTitle: j.title,
    uri: j.uri,
    journeyRank: s.hotspotRank,
    touchpointId: t.id,
    name: t.name,
    stageId: stage?.id ?? t.stageId,
    stageName: stage?.name ?? t.stageId,
    owner: t.owner ?? stage?.owner ?? j.owner ?? null,
    systems: unique(t.backstage.map((b) => b.system).filter((x): x is string => !!x)),
    friction: t.friction as number,
    customersLost: t.customersLost,
    risk: s.risk,
    confidence: t.confidence,
    range: t.nameRange,
  };
}

function opportunityRows(models: JourneyModel[], tie: (a: JourneyModel, b: JourneyModel) => number): PortfolioOpportunity[] {
  interface Row {
    j: JourneyModel;
    t: TouchpointModel;
    k: number;
    o: TouchpointModel['opportunities'][number];
    value: Money | null;
    priority: Money | null;
  }
  const rows: Row[] = [];
  for (const j of models) {
    for (const t of j.touchpoints) {
      t.opportunities.forEach((o, k) =>
        rows.push({
          j,
          t,
          k,
          o,
          value: o.value === null ? null : comparable(o.value, j.currency, t.period),
          priority: o.priority === null ? null : comparable(o.priority, j.currency, t.period),
        }),
      );
    }
  }
  const closed = (r: Row): boolean => r.o.status === 'done' || r.o.status === 'dropped';
  const fileOrder = (a: Row, b: Row): number => tie(a.j, b.j) || a.t.index - b.t.index || a.k - b.k;
  // Priority first, then value: the value breaks ties within a group (same currency and period).
  const ranked = rankByGroup(
    rows,
    (r) => r.priority,
    (r) => r.priority?.amount ?? null,
    (a, b) => (b.value?.amount ?? 0) - (a.value?.amount ?? 0) || fileOrder(a, b),
    (r) => !closed(r),
  );
  // Apart from the ranking: unranked ones, then closed ones, each in file order.
  const open = ranked.filter((x) => x.rank !== null);
  const unranked = ranked.filter((x) => x.rank === null && !closed(x.row)).sort((a, b) => fileOrder(a.row, b.row));
  const done = ranked.filter((x) => x.rank === null && closed(x.row)).sort((a, b) => fileOrder(a.row, b.row));
  return [...open, ...unranked, ...done].map(({ row: r, rank }) => {
    const isClosed = closed(r);
    return {
      rank,
      standing: isClosed ? 'closed' : rank !== null ? 'ranked' : 'unranked',
      reason: isClosed ? `${r.o.status}: left out of the ranking` : rank !== null ? null : unrankedReason(r.o, r.t),
      text: r.o.text,
      status: r.o.status ?? null,
      owner: r.o.owner ?? null,
      link: r.o.link ?? null,
      effort: r.o.effort ?? null,
      uplift: r.o.uplift ?? null,
      value: r.value,
      priority: r.priority,
      journeyId: r.j.id,
      journeyTitle: r.j.title,
      uri: r.j.uri,
      touchpointId: r.t.id,
      touchpointName: r.t.name,
      hotspotRank: r.t.hotspotRank,
      range: r.o.range,
    };
  });
}

function unrankedReason(o: TouchpointModel['opportunities'][number], t: TouchpointModel): string {
  const missing: string[] = [];
  if (typeof o.uplift !== 'number') missing.push('no uplift');
  if (typeof o.effort !== 'number' || o.effort <= 0) missing.push('no effort');
  if (t.revenueAtRisk === null) missing.push("its touchpoint's revenue at risk is unknown");
  return missing.length ? missing.join(', ') : 'no priority';
}

/** Teams (kind 'owner') or backstage systems (kind 'system') behind the hotspots. */
function ownerRows(spots: Spot[], kind: 'owner' | 'system'): PortfolioOwner[] {
  const rows = new Map<string, { roles: Set<string>; spots: Spot[] }>();
  const add = (name: string | undefined, role: string, s: Spot): void => {
    if (!name) return;
    const row = rows.get(name) ?? { roles: new Set<string>(), spots: [] };
    row.roles.add(role);
    if (!row.spots.includes(s)) row.spots.push(s);
    rows.set(name, row);
  };
  for (const s of spots) {
    const { t, journey: j } = s;
    if (kind === 'owner') {
      add(t.owner, 'touchpoint', s);
      add(stageOf(j, t)?.owner, 'stage', s);
      for (const o of t.opportunities) add(o.owner, 'opportunity', s);
      for (const b of t.backstage) add(b.owner, 'backstage', s);
    } else {
      for (const b of t.backstage) add(b.system, b.owner ?? '', s);
    }
  }
  const out: PortfolioOwner[] = [...rows].map(([name, row]) => {
    const money: MoneyTotal[] = [];
    for (const s of row.spots) if (s.risk) addTo(money, s.risk);
    money.sort(compareGroups);
    const journeys = unique(row.spots.map((s) => s.journey.id));
    return {
      name,
      roles: [...row.roles].filter((r) => r !== '').sort(byText),
      journeys,
      hotspots: row.spots.map((s) => ({ journeyId: s.journey.id, touchpointId: s.t.id, name: s.t.name })),
      money,
      unknown: row.spots.filter((s) => s.risk === null).length,
      systemic: journeys.length >= SYSTEMIC_JOURNEYS,
    };
  });
  // Money in different currencies cannot be ranked together: reach first (journeys, then
  // hotspots), then the first money group (groups in display order, none last), the amount
  // within one group, then the name.
  return out.sort((a, b) => {
    const ma = a.money[0];
    const mb = b.money[0];
    return (
      b.journeys.length - a.journeys.length ||
      b.hotspots.length - a.hotspots.length ||
      (ma && mb ? compareGroups(ma, mb) || mb.amount - ma.amount : ma ? -1 : mb ? 1 : 0) ||
      byText(a.name, b.name)
    );
  });
}

function personaRows(models: JourneyModel[], spots: Spot[]): PortfolioPersona[] {
  const rows = new Map<string, PortfolioPersona>();
  for (const j of models) {
    for (const p of j.personas) {
      if (p.id === ALL_CUSTOMERS) continue;
      const row = rows.get(p.id) ?? { id: p.id, name: p.name ?? null, journeys: [], moments: [] };
      if (!row.name && p.name) row.name = p.name;
      if (!row.journeys.includes(j.id)) row.journeys.push(j.id);
      rows.set(p.id, row);
    }
  }
  for (const s of spots) {
    const { journey: j, t } = s;
    const scale = j.emotionScale;
    for (const p of j.personas) {
      const row = rows.get(p.id);
      const emotion = ownValue(t.emotionByPersona, p.id);
      if (!row || emotion === undefined) continue;
      const level = scale.max > scale.min ? Math.min(1, Math.max(0, (emotion - scale.min) / (scale.max - scale.min))) : 0;
      row.moments.push({
        journeyId: j.id,
        journeyTitle: j.title,
        uri: j.uri,
        touchpointId: t.id,
        name: t.name,
        emotion,
        emotionScale: { min: scale.min, max: scale.max },
        level,
        hotspotRank: s.hotspotRank,
        risk: s.risk,
        range: t.nameRange,
      });
    }
  }
  for (const row of rows.values()) {
    // Lowest first; on a tie, by money (groups in display order, the larger amount within one), then the journey and its rank.
    row.moments.sort(
      (a, b) =>
        a.level - b.level ||
        (a.risk && b.risk
          ? compareGroups(groupOf(a.risk), groupOf(b.risk)) || b.risk.amount - a.risk.amount
          : a.risk
            ? -1
            : b.risk
              ? 1
              : 0) ||
        byText(a.journeyId, b.journeyId) ||
        a.hotspotRank - b.hotspotRank,
    );
  }
  return [...rows.values()].sort((a, b) => (a.moments[0]?.level ?? 2) - (b.moments[0]?.level ?? 2) || byText(a.id, b.id));
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
