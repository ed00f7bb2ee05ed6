// A journey's paths (format: "Paths"): from the first touchpoint along successors to an end,
// each alternative branch a path of its own, so a funnel never runs from one branch into
// another. A successor already on the path is a loop back and is left out; a touchpoint whose
// successors all loop back is an end (as in completionAfter, scores.ts). Per path: the share
// of those starting who are still in on entering each touchpoint, and the completion along it.
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** Paths the model lists; a journey with more says so (`morePaths`). */
export const MAX_PATHS = 8;
/** Steps of the walk, so a tangle of branches and loops never stalls a keystroke. */
export const PATH_STEP_BUDGET = 50_000;

export interface JourneyPath {
  /** Touchpoint indexes, the first touchpoint to an end. */
  touchpoints: number[];
  /** Per touchpoint of the path: the share of those starting still in on entering it (the rates before it, multiplied). */
  entering: number[];
  /** The share of those starting on this path who finish it: every rate along it multiplied; null when none of its steps has a rate. */
  completion: number | null;
  /** Steps of this path with a rate (`conversion`, else `1 - drop_off`); the others count as passing all. */
  measured: number;
}

/**
 * The paths from touchpoint 0, depth first in `next` order (so the first path follows each
 * touchpoint's first successor), at most `max`; `more` when there are others (or the walk ran
 * out of steps). `rates[i]` is touchpoint i's rate, undefined when unmeasured.
 */
export function journeyPaths(
  succ: number[][],
  rates: (number | undefined)[],
  max = MAX_PATHS,
  budget = PATH_STEP_BUDGET,
): { paths: JourneyPath[]; more: boolean } {
  const paths: JourneyPath[] = [];
  if (succ.length === 0) return { paths, more: false };
  const onPath = new Uint8Array(succ.length);
  // The walk's stack: the touchpoint, the next successor to try, whether it went anywhere.
  const vs = [0];
  const next = [0];
  const went = [false];
  onPath[0] = 1;
  let steps = 0;
  let more = false;
  while (vs.length) {
    const k = vs.length - 1;
    const v = vs[k];
    const out = succ[v] ?? [];
    let i = next[k];
    while (i < out.length && onPath[out[i]]) i++;
    if (i < out.length) {
      if (++steps > budget) {
        more = true;
        break;
      }
      next[k] = i + 1;
      went[k] = true;
      onPath[out[i]] = 1;
      vs.push(out[i]);
      next.push(0);
      went.push(false);
      continue;
    }
    if (!went[k]) {
      // An end: no successor, or every one loops back.
      if (paths.length === max) {
        more = true;
        break;
      }
      paths.push(pathOf(vs, rates));
    }
    onPath[v] = 0;
    vs.pop();
    next.pop();
    went.pop();
  }
  return { paths, more };
}

function pathOf(touchpoints: number[], rates: (number | undefined)[]): JourneyPath {
  const entering: number[] = [];
  let share = 1;
  let measured = 0;
  for (const t of touchpoints) {
    entering.push(share);
    const r = rates[t];
    if (r !== undefined) {
      measured++;
      share *= clamp01(r);
    }
  }
  return { touchpoints: [...touchpoints], entering, completion: measured ? share : null, measured };
}
