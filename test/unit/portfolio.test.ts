// The portfolio across journeys (core/portfolio.ts) on a hand-worked workspace
// (portfolio.workspace.ts works out every hotspot's figure): journeys ranked by revenue at risk
// at their hotspots per year, two currencies never ranked together, a month, a quarter, a year
// and a period that does not annualise, the hotspots of every journey in one ranking, the
// backlog by priority then value with unranked and closed ones apart, owners and systems with
// the journeys they span, and where each persona is hurt most.
import * as assert from 'assert';
import { analyzeText } from '../../server/src/core/analyze';
import type { JourneyModel } from '../../server/src/core/model';
import { buildPortfolio, comparable, moneyText, Portfolio, PER_YEAR_RULE } from '../../server/src/core/portfolio';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { PORTFOLIO_FILES } from './portfolio.workspace';

const close = (a: number | null | undefined, b: number, what = ''): void =>
  assert.ok(typeof a === 'number' && Math.abs(a - b) < 1e-6, `${what}: ${a} != ${b}`);

function models(files: Record<string, string>): JourneyModel[] {
  const index = new WorkspaceIndex();
  const uri = (f: string): string => `file:///ws/${f}`;
  for (const [f, text] of Object.entries(files)) index.update(uri(f), text);
  return Object.entries(files)
    .map(([f, text]) => analyzeText(uri(f), text, index).model)
    .filter((m): m is JourneyModel => m?.kind === 'journey');
}

describe('portfolio: rankings across journeys', () => {
  const p: Portfolio = buildPortfolio(models(PORTFOLIO_FILES));

  it('annualises each period form and leaves other forms as given', () => {
    // year x1, half x2, quarter x4, month x12, week x52, day x365
    const cases: [string, number][] = [
      ['2026', 1],
      ['2026-H2', 2],
      ['2026-Q3', 4],
      ['2026-07', 12],
      ['2026-W27', 52],
      ['2026-07-14', 365],
    ];
    for (const [period, k] of cases) {
      const m = comparable(1000, 'EUR', period);
      assert.strictEqual(m.amount, 1000 * k, period);
      assert.strictEqual(m.annualised, true);
      assert.strictEqual(m.group, 'EUR per year');
      assert.strictEqual(m.given, 1000);
      assert.strictEqual(m.givenPeriod, period);
    }
    const sale = comparable(9000, 'EUR', 'spring sale');
    assert.deepStrictEqual([sale.amount, sale.annualised, sale.per, sale.group], [9000, false, 'spring sale', 'EUR per spring sale']);
    assert.strictEqual(comparable(5, undefined, undefined).group, 'no currency, no period');
    // 12,000 x 12 = 144,000
    assert.strictEqual(moneyText(comparable(12000, 'GBP', '2026-05')), 'GBP 144.0K per year');
    assert.strictEqual(p.rule, PER_YEAR_RULE);
  });

  it('ranks journeys by revenue at risk at their hotspots per year, each currency and each unannualised period apart', () => {
    // EUR per year: renew-b 3,500 a month x 12 = 42,000 (#1) before buy-a 10,000 a quarter x 4 = 40,000 (#2).
    // GBP per year: move-c 50,000 (#1): larger than both, but never ranked with EUR.
    // No currency per year: visit-e 100 x 4 = 400 (#1). EUR per spring sale: sale-d 9,000 as given (#1).
    // happy-f has no hotspot: unranked, last.
    assert.deepStrictEqual(
      p.journeys.map((j) => [j.id, j.rank, j.risk?.group ?? null]),
      [
        ['renew-b', 1, 'EUR per year'],
        ['buy-a', 2, 'EUR per year'],
        ['move-c', 1, 'GBP per year'],
        ['visit-e', 1, 'no currency per year'],
        ['sale-d', 1, 'EUR per spring sale'],
        ['happy-f', null, null],
      ],
    );
    const byId = new Map(p.journeys.map((j) => [j.id, j]));
    close(byId.get('renew-b')!.risk!.amount, 42000, 'renew-b per year');
    close(byId.get('renew-b')!.risk!.given, 3500, 'renew-b as given (per 2026-03)');
    assert.strictEqual(byId.get('renew-b')!.risk!.givenPeriod, '2026-03');
    close(byId.get('buy-a')!.risk!.amount, 40000, 'buy-a per year');
    close(byId.get('move-c')!.risk!.amount, 50000, 'move-c per year');
    close(byId.get('sale-d')!.risk!.amount, 9000, 'sale-d as given');
    close(byId.get('visit-e')!.risk!.amount, 400, 'visit-e per year');
    // The journey columns come from the model.
    const a = byId.get('buy-a')!;
    assert.deepStrictEqual(
      [a.hotspotCount, a.topHotspot?.touchpointId, a.owner, a.currency, a.period],
      [1, 'checkout', 'commerce', 'EUR', '2026-Q1'],
    );
    assert.deepStrictEqual(a.personas, [{ id: 'maya', name: 'Maya' }]);
    assert.deepStrictEqual(a.curve, [2, -2, 1]);
    // The funnel of buy-a: rate(browse) 0.5 x after(browse) (0.8 x 1) = 0.4; no declared rate; `done` unmeasured.
    close(a.completion.funnel, 0.4, 'funnel');
    assert.deepStrictEqual([a.completion.declared, a.completion.unmeasured], [null, 1]);
    // Journey revenue needs a first volume: 1,000 x 0.4 x 100 = 40,000 per quarter = 160,000 per year.
    close(a.revenue?.amount, 160000, 'revenue per year');
  });

  it('says which journeys it could not compare per year, and why', () => {
    const why = Object.fromEntries(p.journeys.map((j) => [j.id, j.notCompared]));
    assert.strictEqual(why['buy-a'], null);
    assert.strictEqual(why['renew-b'], null);
    assert.strictEqual(why['move-c'], null);
    assert.match(why['sale-d']!, /period "spring sale" does not annualise/);
    assert.match(why['visit-e']!, /no currency/);
    assert.strictEqual(why['happy-f'], 'no hotspots');
  });

  it('sums money per group only: never across currencies or periods', () => {
    // EUR per year: 42,000 + 40,000 = 82,000 over 2 journeys; GBP 50,000; none 400; EUR per spring sale 9,000.
    assert.deepStrictEqual(
      p.groups.map((g) => [g.group, g.journeys, Math.round(g.riskAtHotspots!)]),
      [
        ['EUR per year', 2, 82000],
        ['GBP per year', 1, 50000],
        ['no currency per year', 1, 400],
        ['EUR per spring sale', 1, 9000],
      ],
    );
  });

  it('ranks the hotspots of every journey together, per year within a currency', () => {
    // EUR per year: buy-a checkout 40,000, renew-b notice 3,000 x 12 = 36,000, renew-b pay 1,500 x 4 = 6,000;
    // GBP: move-c book 50,000; none: visit-e ask 400; EUR per spring sale: sale-d banner 9,000.
    assert.deepStrictEqual(
      p.hotspots.map((h) => [h.journeyId, h.touchpointId, h.rank, Math.round(h.risk!.amount)]),
      [
        ['buy-a', 'checkout', 1, 40000],
        ['renew-b', 'notice', 2, 36000],
        ['renew-b', 'pay', 3, 6000],
        ['move-c', 'book', 1, 50000],
        ['visit-e', 'ask', 1, 400],
        ['sale-d', 'banner', 1, 9000],
      ],
    );
    const checkout = p.hotspots[0];
    // friction 0.47 / 0.75; 100 customers lost; owner: the touchpoint's (not the stage's web-team)
    close(checkout.friction, 0.47 / 0.75, 'friction');
    close(checkout.customersLost, 100, 'lost');
    assert.deepStrictEqual(
      [checkout.owner, checkout.stageName, checkout.systems, checkout.confidence, checkout.journeyRank],
      ['checkout-team', 'Shop', ['psp'], 'high', 1],
    );
    // notice has no owner of its own: its stage's (billing)
    assert.strictEqual(p.hotspots[1].owner, 'billing');
    assert.strictEqual(p.hotspots[2].risk!.givenPeriod, '2026-Q2');
  });

  it('ranks the open backlog by priority, then value; unranked and closed ones apart', () => {
    // EUR per year, priority = value / effort, per year:
    //   Save the cart: value 1 x 10,000 = 10,000 a quarter = 40,000 a year; / 4 = 10,000 a year
    //   Show fees early: 0.5 x 10,000 = 5,000 = 20,000 a year; / 2 = 10,000 a year (tie: the larger value first)
    //   Clear notice: 0.2 x 3,000 = 600 a month = 7,200 a year; / 1 = 7,200
    //   Retry payment: 1 x 1,500 a quarter = 6,000 a year; / 4 = 1,500
    // GBP: Book online 0.1 x 50,000 = 5,000; / 1 = 5,000. EUR per spring sale: Bigger banner 0.5 x 9,000 = 4,500 / 1.
    // Apart: Ask the bank (no effort; value 0.5 x 1,500 a quarter = 750 = 3,000 a year),
    // then Old fix (done: value 1,500 a month, priority 1,500, not ranked).
    assert.deepStrictEqual(
      p.opportunities.map((o) => [
        o.text,
        o.standing,
        o.rank,
        o.priority ? Math.round(o.priority.amount) : null,
        o.value ? Math.round(o.value.amount) : null,
      ]),
      [
        ['Save the cart', 'ranked', 1, 10000, 40000],
        ['Show fees early', 'ranked', 2, 10000, 20000],
        ['Clear notice', 'ranked', 3, 7200, 7200],
        ['Retry payment', 'ranked', 4, 1500, 6000],
        ['Book online', 'ranked', 1, 5000, 5000],
        ['Bigger banner', 'ranked', 1, 4500, 4500],
        ['Ask the bank', 'unranked', null, null, 3000],
        ['Old fix', 'closed', null, 18000, 18000],
      ],
    );
    const ask = p.opportunities.find((o) => o.text === 'Ask the bank')!;
    assert.strictEqual(ask.reason, 'no effort');
    assert.match(p.opportunities.find((o) => o.text === 'Old fix')!.reason!, /^done/);
    const fees = p.opportunities.find((o) => o.text === 'Show fees early')!;
    // The hotspot it relieves: checkout, #1 of buy-a; with its owner and link.
    assert.deepStrictEqual(
      [fees.hotspotRank, fees.touchpointId, fees.owner, fees.link, fees.priority!.group],
      [1, 'checkout', 'web-team', 'https://tracker.example/A-1', 'EUR per year'],
    );
  });

  it('owners: money at risk at the hotspots they own or sit behind, and the journeys that spans', () => {
    // payments sits behind checkout (buy-a, 40,000 EUR/yr), notice (renew-b, 36,000) and banner (sale-d, 9,000 per spring sale):
    //   3 journeys; EUR per year 40,000 + 36,000 = 76,000 (2 hotspots); EUR per spring sale 9,000 apart.
    // checkout-team owns checkout (EUR 40,000/yr) and book (GBP 50,000/yr): 2 journeys, two currencies kept apart.
    // billing: stage of notice and pay, opportunity owner at notice, backstage at pay: 1 journey, 36,000 + 6,000 = 42,000.
    // Then one journey and one hotspot each, by money group (EUR/yr, GBP/yr, EUR per spring sale), amount, name:
    //   web-team (stage, opportunity; EUR 40,000), home (GBP 50,000), ops (GBP 50,000), marketing (EUR per spring sale).
    const rows = p.owners.map((o) => [
      o.name,
      o.journeys.length,
      o.hotspots.length,
      o.systemic,
      o.money.map((m) => `${m.group} ${Math.round(m.amount)}/${m.count}`),
    ]);
    assert.deepStrictEqual(rows, [
      ['payments', 3, 3, true, ['EUR per year 76000/2', 'EUR per spring sale 9000/1']],
      ['checkout-team', 2, 2, true, ['EUR per year 40000/1', 'GBP per year 50000/1']],
      ['billing', 1, 2, false, ['EUR per year 42000/2']],
      ['web-team', 1, 1, false, ['EUR per year 40000/1']],
      ['home', 1, 1, false, ['GBP per year 50000/1']],
      ['ops', 1, 1, false, ['GBP per year 50000/1']],
      ['marketing', 1, 1, false, ['EUR per spring sale 9000/1']],
    ]);
    assert.deepStrictEqual(p.owners.find((o) => o.name === 'billing')!.roles, ['backstage', 'opportunity', 'stage']);
    assert.deepStrictEqual(p.owners.find((o) => o.name === 'payments')!.journeys, ['buy-a', 'renew-b', 'sale-d']);
  });

  it('systems: the one behind hotspots of several journeys is the systemic issue', () => {
    // psp is behind checkout (buy-a), book (move-c), notice (renew-b) and banner (sale-d): 4 journeys;
    // EUR per year 40,000 + 36,000 = 76,000; GBP 50,000; EUR per spring sale 9,000. billing-engine: pay only, 6,000.
    assert.deepStrictEqual(
      p.systems.map((s) => [s.name, s.journeys, s.systemic, s.roles, s.money.map((m) => `${m.group} ${Math.round(m.amount)}`)]),
      [
        [
          'psp',
          ['buy-a', 'move-c', 'renew-b', 'sale-d'],
          true,
          ['ops', 'payments'],
          ['EUR per year 76000', 'GBP per year 50000', 'EUR per spring sale 9000'],
        ],
        ['billing-engine', ['renew-b'], false, ['billing'], ['EUR per year 6000']],
      ],
    );
  });

  it('personas: where each is hurt most, their lowest emotions at hotspots first', () => {
    // maya: checkout -2 (level 0, EUR 40,000/yr), pay -2 (level 0, 6,000/yr: the smaller money after), notice -1 (level 0.25)
    // raj: notice -2 (level 0), pay 0 (level 0.5)
    assert.deepStrictEqual(
      p.personas.map((x) => [x.id, x.name, x.journeys, x.moments.map((m) => `${m.journeyId}/${m.touchpointId} ${m.emotion} ${m.level}`)]),
      [
        ['maya', 'Maya', ['buy-a', 'renew-b'], ['buy-a/checkout -2 0', 'renew-b/pay -2 0', 'renew-b/notice -1 0.25']],
        ['raj', 'Raj', ['renew-b'], ['renew-b/notice -2 0', 'renew-b/pay 0 0.5']],
      ],
    );
  });

  it('is the same whatever order the models come in', () => {
    const reversed = buildPortfolio(models(Object.fromEntries(Object.entries(PORTFOLIO_FILES).reverse())));
    assert.deepStrictEqual(JSON.parse(JSON.stringify(reversed)), JSON.parse(JSON.stringify(p)));
  });

  it('an empty workspace gives empty rankings', () => {
    const empty = buildPortfolio([]);
    assert.deepStrictEqual(
      [empty.journeys, empty.hotspots, empty.opportunities, empty.owners, empty.systems, empty.personas, empty.groups],
      [[], [], [], [], [], [], []],
    );
  });
});
