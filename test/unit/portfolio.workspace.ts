// A small portfolio of journeys whose every ranking is worked out by hand (portfolio.test.ts
// states each sum). Shared by the unit tests of the core, the CLI tests and the LSP test, so the
// three read the same expected numbers. Not tied to the samples, which change under us.
//
// Figures per hotspot (friction = weighted mean of negative 0.4, drop 0.35, pain 0.25; scale -2..2):
//   buy-a (EUR, 2026-Q1, value 100): checkout: emotion -2 -> negative 1; drop_off 0.2
//     friction (0.4 x 1 + 0.35 x 0.2) / 0.75 = 0.47 / 0.75 = 0.6267 (a hotspot)
//     lost 500 x 0.2 = 100; after: `done` has no rate (1) and is the end (1) -> 1
//     risk 100 x 1 x 100 = 10,000 per 2026-Q1 = 40,000 per year
//     (browse: emotion 2, drop 0.5 -> friction 0.175 / 0.75 = 0.233, no hotspot, though its
//      risk 500 x 0.8 x 100 = 40,000 per quarter is larger: only hotspots count)
//   renew-b (EUR, 2026-03 a month): notice: emotion mean (-1 + -2) / 2 = -1.5 -> friction 0.875;
//     given 3,000 per 2026-03 = 36,000 per year
//     pay: emotion mean (-2 + 0) / 2 = -1 -> friction 0.75; given 1,500 per 2026-Q2 (its own
//     period) = 6,000 per year; journey total in its month: 3,000 + 1,500 x 4 / 12 = 3,500
//     -> 42,000 per year
//   move-c (GBP, 2026 a year): book: friction 1; given 50,000 per year
//   sale-d (EUR, "spring sale"): banner: friction 1; given 9,000 per spring sale (not annualised)
//   visit-e (no currency, 2026-Q1): ask: friction 1; given 100 -> 400 per year
//   happy-f (EUR, 2026-Q1): no hotspot
export const PORTFOLIO_FILES: Record<string, string> = {
  'personas/maya.persona.yaml': 'persona: maya\nname: Maya\n',
  'personas/raj.persona.yaml': 'persona: raj\nname: Raj\n',
  'journeys/buy-a.journey.yaml': `journey: buy-a
title: Buy A
owner: commerce
personas: [maya]
currency: EUR
metrics: { value_per_customer: 100, period: 2026-Q1 }
stages:
  - name: Shop
    owner: web-team
    touchpoints:
      - id: browse
        name: Browses
        emotion: 2
        evidence: [analytics]
        metrics: { volume: 1000, drop_off: 0.5 }
      - id: checkout
        name: Checks out
        owner: checkout-team
        emotion: { maya: -2 }
        evidence: [analytics]
        metrics: { volume: 500, drop_off: 0.2 }
        opportunities:
          - { text: Show fees early, uplift: 0.5, effort: 2, owner: web-team, link: "https://tracker.example/A-1" }
          - { text: Save the cart, uplift: 1, effort: 4 }
        backstage:
          - { text: Card check, owner: payments, system: psp }
      - id: done
        name: Done
        emotion: 1
        evidence: [analytics]
`,
  'journeys/renew-b.journey.yaml': `journey: renew-b
title: Renew B
personas: [maya, raj]
currency: EUR
metrics: { period: 2026-03 }
stages:
  - name: Renew
    owner: billing
    touchpoints:
      - id: notice
        name: Reads the notice
        emotion: { maya: -1, raj: -2 }
        evidence: [analytics]
        metrics: { revenue_at_risk: 3000 }
        opportunities:
          - { text: Clear notice, uplift: 0.2, effort: 1, owner: billing }
          - { text: Old fix, uplift: 0.5, effort: 1, status: done }
        backstage:
          - { text: Renewal run, owner: payments, system: psp }
      - id: pay
        name: Pays
        emotion: { maya: -2, raj: 0 }
        evidence: [analytics]
        metrics: { revenue_at_risk: 1500, period: 2026-Q2 }
        opportunities:
          - { text: Retry payment, uplift: 1, effort: 4 }
          - { text: Ask the bank, uplift: 0.5 }
        backstage:
          - { text: Invoice, owner: billing, system: billing-engine }
`,
  'journeys/move-c.journey.yaml': `journey: move-c
title: Move C
currency: GBP
metrics: { period: "2026" }
stages:
  - name: Move
    owner: home
    touchpoints:
      - id: book
        name: Books the move
        owner: checkout-team
        emotion: -2
        evidence: [transaction]
        metrics: { revenue_at_risk: 50000 }
        opportunities:
          - { text: Book online, uplift: 0.1, effort: 1 }
        backstage:
          - { text: Order, owner: ops, system: psp }
`,
  'journeys/sale-d.journey.yaml': `journey: sale-d
title: Sale D
currency: EUR
metrics: { period: spring sale }
stages:
  - name: Sell
    owner: marketing
    touchpoints:
      - id: banner
        name: Sees the banner
        emotion: -2
        evidence: [analytics]
        metrics: { revenue_at_risk: 9000 }
        opportunities:
          - { text: Bigger banner, uplift: 0.5, effort: 1 }
        backstage:
          - { text: Promo prices, owner: payments, system: psp }
`,
  'journeys/visit-e.journey.yaml': `journey: visit-e
title: Visit E
metrics: { period: 2026-Q1 }
stages:
  - name: Visit
    touchpoints:
      - id: ask
        name: Asks
        emotion: -2
        evidence: [analytics]
        metrics: { revenue_at_risk: 100 }
`,
  'journeys/happy-f.journey.yaml': `journey: happy-f
title: Happy F
currency: EUR
metrics: { period: 2026-Q1 }
stages:
  - name: Enjoy
    touchpoints:
      - id: smile
        name: Smiles
        emotion: 2
        evidence: [analytics]
`,
};
