import { binomialUpperTail } from '../src/claims/binomial.ts';

/*
 * Interval estimates of a failure rate from `failures` of `n` independent runs, for the A.T1b sweeps: the exact
 * (Clopper–Pearson) two-sided interval at level 1 − 2·tail (95 % by default), by bisection on the binomial tails of
 * src/claims/binomial.ts.
 */

/** The p at which f(p) crosses `target`, f increasing in p, by bisection on [0, 1]. */
function solve(f: (p: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Clopper–Pearson: lo solves P(X ≥ k; p) = tail, hi solves P(X ≤ k; p) = tail (k = 0: lo = 0; k = n: hi = 1). */
export function clopperPearson(failures: number, n: number, tail = 0.025): { lo: number; hi: number } {
  const lo = failures === 0 ? 0 : solve((p) => binomialUpperTail(n, failures, p), tail);
  // P(X ≤ k; p) = 1 − P(X ≥ k + 1; p) decreases in p: solve P(X ≥ k + 1; p) = 1 − tail.
  const hi = failures === n ? 1 : solve((p) => binomialUpperTail(n, failures + 1, p), 1 - tail);
  return { lo, hi };
}
