/**
 * The one-sided binomial test of probabilistic claims (A.T1b: "with probability ≥ 0.99").
 * H0: the failure rate is ≤ p0. With k failures in n independent runs the p-value is P(X ≥ k) for X ~ Bin(n, p0)
 * (the largest over all rates ≤ p0, since the tail grows with p). H0 is rejected — the claim is violated — only when
 * the p-value is below α; with α = 1e-6 a correct claim fails CI less than once in a million runs.
 */

export interface BinomialTest {
  readonly n: number;
  readonly failures: number;
  /** The claimed bound on the failure rate (0.01 for A.T1b). */
  readonly bound: number;
  readonly alpha: number;
  /** P(X ≥ failures) under Bin(n, bound). */
  readonly pValue: number;
  readonly rejected: boolean;
  /**
   * The fewest failures out of n that would reject: a reader sees how far the run was from failing the claim.
   * Infinity when even n failures would not reject.
   */
  readonly criticalFailures: number;
}

/** log C(n, k) via lgamma-free summation of logs (n is at most a few hundred thousand). */
function logChoose(n: number, k: number): number {
  let s = 0;
  const m = Math.min(k, n - k);
  for (let i = 1; i <= m; i++) s += Math.log((n - m + i) / i);
  return s;
}

/** P(X ≥ k) for X ~ Bin(n, p), summed in log space from the top term down so that tiny tails keep their digits. */
export function binomialUpperTail(n: number, k: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`binomial: k must be a non-negative integer, got ${k}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial: p must be in [0, 1], got ${p}`);
  if (k === 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  // log pmf(j + 1) − log pmf(j) = log((n − j)/(j + 1)) + log(p/q): one O(n) pass.
  const logs: number[] = [logChoose(n, k) + k * lp + (n - k) * lq];
  for (let j = k; j < n; j++) logs.push(logs[logs.length - 1]! + Math.log((n - j) / (j + 1)) + lp - lq);
  let top = -Infinity;
  for (const l of logs) top = Math.max(top, l);
  let s = 0;
  for (const l of logs) s += Math.exp(l - top);
  return Math.min(1, Math.exp(top) * s);
}

export function binomialTest(n: number, failures: number, bound: number, alpha: number): BinomialTest {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`binomial: α must be in (0, 1), got ${alpha}`);
  const pValue = binomialUpperTail(n, failures, bound);
  // The tail falls as k grows: bisect for the smallest rejecting k.
  let criticalFailures = Infinity;
  if (binomialUpperTail(n, n, bound) < alpha) {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (binomialUpperTail(n, mid, bound) < alpha) hi = mid;
      else lo = mid + 1;
    }
    criticalFailures = lo;
  }
  return { n, failures, bound, alpha, pValue, rejected: pValue < alpha, criticalFailures };
}
