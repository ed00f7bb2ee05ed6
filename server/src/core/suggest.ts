// "Did you mean ...?" for keys, enum values, persona ids and channels: the closest candidate by
// edit distance, compared case-insensitively with `-`, `_` and spaces treated alike.

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions: `nsp` -> `nps` is 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, '-');
}

/** The largest distance still worth suggesting: short words tolerate one slip, long ones three. */
export function defaultMaxDistance(word: string): number {
  return word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
}

/**
 * Candidates close to `word`, best first (smaller distance, then the candidates' own order);
 * empty when none is close. A candidate is never suggested when the edit would rewrite most
 * of the word, nor when it is the word itself.
 */
export function closest(word: string, candidates: Iterable<string>, maxDistance = defaultMaxDistance(word)): string[] {
  const w = normalise(word);
  const found: { c: string; d: number; i: number }[] = [];
  const seen = new Set<string>();
  let i = 0;
  for (const c of candidates) {
    if (seen.has(c) || c === word) continue;
    seen.add(c);
    const n = normalise(c);
    // The distance is at least the difference in length: a 100,000-character value is ruled out without the quadratic work.
    const d = Math.abs(n.length - w.length) > maxDistance ? Infinity : editDistance(w, n);
    if (d <= maxDistance && d < Math.max(w.length, 2)) found.push({ c, d, i });
    i++;
  }
  return found.sort((a, b) => a.d - b.d || a.i - b.i).map((f) => f.c);
}
