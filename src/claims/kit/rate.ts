import type { Arbitrary } from 'fast-check';
import { doubleDouble, type DD } from '../../arith/double-double.ts';
import type { Impl } from '../../impl/impl.ts';
import { binomialTest, binomialUpperTail } from '../binomial.ts';
import { breakRate } from '../search.ts';
import type { Bound, Mode, Probabilistic, Profile } from '../types.ts';
import { runInField, type Ctx } from './context.ts';
import type { CustomProbe } from './define.ts';
import type { FieldSpec } from './fields.ts';

/*
 * Rates of probabilistic claims ("with probability ≥ 1 − p"): the interval estimate of a measured rate, and the
 * necessity probe of a probabilistic claim — its own check over a generator with one hypothesis dropped, judged by
 * the claim's binomial test (a single failing run is no counterexample of a rate; a rejected "rate ≤ p" is).
 */

/**
 * Double-double (≈ 32 digits, each operation within 32u² relatively): where a probe re-decides a float run's failure
 * — 10–50× cheaper than decimal(30) for a Jacobi SVD, and as far from float64's rounding.
 */
export const doubleDoubleField: FieldSpec<DD> = { name: 'double-double', decides: 'rounded', make: () => doubleDouble };

/** The p at which f(p) crosses `target`, f non-decreasing in p, by bisection on [0, 1] (60 halvings: ~1e-18). */
function solve(f: (p: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The exact (Clopper–Pearson) interval of a rate from k events in n independent runs, at confidence 1 − 2·tail (95 %
 * by default): lo solves P(X ≥ k; lo) = tail, hi solves P(X ≤ k; hi) = tail (lo = 0 when k = 0, hi = 1 when k = n).
 * Conservative: it covers the true rate with probability ≥ 1 − 2·tail whatever the rate.
 */
export function clopperPearson(k: number, n: number, tail = 0.025): { readonly lo: number; readonly hi: number } {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`clopperPearson: need integers 0 ≤ k ≤ n, n ≥ 1; got k = ${k}, n = ${n}`);
  if (!(tail > 0 && tail < 0.5)) throw new RangeError(`clopperPearson: tail must be in (0, ½), got ${tail}`);
  const lo = k === 0 ? 0 : solve((p) => binomialUpperTail(n, k, p), tail);
  // P(X ≤ k; p) = 1 − P(X ≥ k + 1; p) falls as p grows: solve P(X ≥ k + 1; p) = 1 − tail.
  const hi = k === n ? 1 : solve((p) => binomialUpperTail(n, k + 1, p), 1 - tail);
  return { lo, hi };
}

export interface RateProbeSpec<C> {
  readonly id: string;
  readonly drops: string;
  readonly hypothesis?: string;
  /** The generator with the hypothesis dropped. */
  readonly cases: Arbitrary<C> | ((profile: Profile) => Arbitrary<C>);
  readonly runs: Readonly<Record<Profile, number>>;
  /** The claim's rate and the test's significance. */
  readonly rate: Probabilistic;
  /** The claim's check, written once over a field. */
  check<T>(c: C, k: Ctx<T>): void;
  /** The field the runs are checked in (float64 for the catalogue's) and the one the first failure is re-checked in. */
  readonly field: FieldSpec;
  readonly confirm?: FieldSpec;
  /** What the summary prints of a case (default: the case). */
  readonly show?: (c: C) => unknown;
}

/**
 * A probabilistic claim's necessity probe: n runs drawn with one hypothesis dropped, checked by the claim's own check;
 * found when the claim's binomial test rejects "failure rate ≤ p" at its α. The first failing run is re-checked in
 * the confirm field, and the summary carries the rate's 95 % Clopper–Pearson interval.
 */
export function rateProbe<C>(p: RateProbeSpec<C>): CustomProbe {
  const inField = (field: FieldSpec, mode: Mode, impl: Impl, c: C) => runInField(field, mode, impl, (k) => p.check(c, k));
  return {
    id: p.id,
    drops: p.drops,
    ...(p.hypothesis ? { hypothesis: p.hypothesis } : {}),
    run: ({ seed, profile, impl }) => {
      const n = p.runs[profile];
      const arb = typeof p.cases === 'function' ? p.cases(profile) : p.cases;
      const rate = breakRate(arb, (c) => inField(p.field, 'float', impl, c), seed, n);
      const t = binomialTest(n, rate.broke, p.rate.maxFailureRate, p.rate.alpha);
      const ci = clopperPearson(rate.broke, n);
      let bound: Bound | undefined = rate.first?.bound;
      let exact = false;
      if (rate.first && p.confirm) {
        const again = inField(p.confirm, 'exact', impl, rate.first.value);
        const failed = again.bounds.find((b) => !b.holds);
        if (failed) bound = failed;
        exact = failed !== undefined;
      }
      const show = p.show ?? ((c: C) => c);
      return {
        found: t.rejected,
        tried: n,
        broke: rate.broke,
        ...(rate.first ? { witness: show(rate.first.value) } : {}),
        ...(bound ? { bound } : {}),
        exact,
        summary:
          `${rate.broke} of ${n} runs failed (rate 95 % CI [${ci.lo.toFixed(3)}, ${ci.hi.toFixed(3)}]): "failure rate ≤ ${p.rate.maxFailureRate}" ${t.rejected ? 'rejected' : 'not rejected'} ` +
          `(p = ${t.pValue.toExponential(2)}, α = ${p.rate.alpha}; rejects from ${t.criticalFailures} failures)` +
          (rate.first ? `; first failing run ${JSON.stringify(show(rate.first.value))}${p.confirm ? (exact ? `, confirmed in ${p.confirm.name}` : `, not confirmed in ${p.confirm.name}`) : ''}` : ''),
      };
    },
  };
}

/**
 * A distribution-free interval for the p-quantile ξ_p of a continuous law from a sorted sample x₁ ≤ … ≤ x_M:
 * [x_j, x_l] with j the largest index such that P[Bin(M, p) ≥ j] ≥ 1 − tail (then P[x_j ≤ ξ_p] ≥ 1 − tail) and l the
 * smallest with P[Bin(M, p) ≥ l] ≤ tail (then P[x_l < ξ_p] ≤ tail); −∞ / +∞ when the sample is too small for an end.
 */
export function quantileInterval(sorted: readonly number[], p: number, tail = 0.025): { readonly lo: number; readonly hi: number } {
  const M = sorted.length;
  if (M < 1 || !(p > 0 && p < 1)) throw new RangeError(`quantileInterval: need a sample and p ∈ (0, 1), got ${M} values, p = ${p}`);
  let j = 0;
  while (j < M && binomialUpperTail(M, j + 1, p) >= 1 - tail) j++;
  let l = 1;
  while (l <= M && binomialUpperTail(M, l, p) > tail) l++;
  return { lo: j === 0 ? -Infinity : sorted[j - 1]!, hi: l > M ? Infinity : sorted[l - 1]! };
}
