// Small hand-written workspaces whose expected answers are worked out by hand in the tests.
export const MAYA = 'persona: maya\nname: Maya, first-time buyer\n';
export const OMAR = 'persona: omar\nname: Omar, upgrader\n';

export const SHOP_A = `# Shop A: two stages
# and a branch
journey: shop-a
title: Shop A
personas: [maya, omar]
stages:
  - id: browse
    name: Browse
    touchpoints:
      - id: search
        name: Searches
        emotion: { maya: 1, omar: 0 }
        next: [basket]
      - name: Basket Review
        emotion: 0

  - id: buy
    name: Buy
    touchpoints:
      - id: basket
        name: Reviews basket
        emotion:
          maya: 1
        next: [basket-review, pay]
      - { id: pay, name: Pays, emotion: 1 }
`;

export const SHOP_B = `journey: shop-b
title: Shop B
personas: ["maya"]
stages:
  - name: Visit
    touchpoints:
      - name: Walks in
        emotion: { maya: 1 }
`;
