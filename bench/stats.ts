// Small statistics helpers: median and p95 (nearest rank) of a sample.
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}

export interface Summary {
  n: number;
  median: number;
  p95: number;
}

export function summary(xs: number[]): Summary {
  return { n: xs.length, median: round(quantile(xs, 0.5)), p95: round(quantile(xs, 0.95)) };
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
