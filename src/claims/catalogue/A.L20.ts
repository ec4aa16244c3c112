import fc, { type Arbitrary } from 'fast-check';
import { caseMatrix, extremeSingularValues, type EntryLaw } from '../../cases/gaussian.ts';
import { DIMENSION_BINS, dimensionBin, dimensionTo50 } from '../../generators/gaussian.ts';
import * as gen from '../../generators/index.ts';
import { decade, decades, defineClaim, float64Field, hyp, type Ctx, type Probabilistic, type Profile } from '../kit/index.ts';
import { doubleDoubleField, rateProbe } from '../kit/rate.ts';

/*
 * A.L20 — paper A, Lemma 20 (App. F), "adapted from Theorem 6.1 in Wainwright (2019)"; literature. The seeds keep the
 * lemma's words ("Suppose that X is a standard Gaussian matrix, where n ≥ d. Then, it holds that (195)") but not the
 * formula (195); the form checked is the cited theorem's, with Σ = I_d (so γ_max(√Σ) = γ_min(√Σ) = 1, tr Σ = d):
 *
 *   Wainwright, High-Dimensional Statistics (CUP 2019), Theorem 6.1: X ∈ ℝ^{n×d} with iid rows N(0, Σ). For all δ > 0,
 *     P[ σ_max(X)/√n ≥ γ_max(√Σ)(1 + δ) + √(tr Σ / n) ] ≤ e^{−nδ²/2},
 *   and if n ≥ d,
 *     P[ σ_min(X)/√n ≤ γ_min(√Σ)(1 − δ) − √(tr Σ / n) ] ≤ e^{−nδ²/2}.
 *   With Σ = I: P[σ_max(X)/√n ≥ 1 + √(d/n) + δ] ≤ e^{−nδ²/2} and P[σ_min(X)/√n ≤ 1 − √(d/n) − δ] ≤ e^{−nδ²/2}   (195).
 *
 * A case is one draw X (iid entries from the case's seed) at (n, d) and a level q ∈ [1e-4, 0.025]; δ is the one at
 * which the bound's probability is q: e^{−nδ²/2} = q, δ = √(2 log(1/q)/n). The case fails when either tail event
 * occurs; by the theorem and a union bound that has probability ≤ 2q ≤ 0.05 for every case, so the failure rate over
 * any mix of cases is ≤ 0.05. The engine rejects "failure rate ≤ 0.05" by a one-sided binomial test at α = 1e-6
 * (false alarm ≤ 1e-6 per run at any seed, as the rate is ≤ 0.05 by the theorem itself).
 *
 * The bound is loose (Gordon's E σ_max ≤ √n + √d plus Gaussian concentration of a 1-Lipschitz function; the true
 * fluctuations are of Tracy–Widom size). Measured (properties/A.L20.test.ts, 300 draws per shape, 95 % Clopper–Pearson
 * intervals, x = √n·δ): at x = 0, where the bound is 1, P[σ_max ≥ √n + √d] is 0.05–0.13 (n = d = 1: 16/300; n = 100,
 * d = 20: 38/300) and P[σ_min ≤ √n − √d] 0.15 (n = 100, d = 20); at x = 1 (bound 0.61) at most 1 of 300 (≤ 0.018),
 * at x = 2 (bound 0.135) none (≤ 0.012) — loose by more than an order from x = 1 on, and no Gaussian draw of the
 * default profile comes near either tail (0 of 400; the worst slack is in the report). The test can still reject:
 * each probe draws entries of another law, and the same check then fails at rates near 1 — non-centred entries,
 * variance 4, and sparse heavy-tailed entries (centred, unit variance, kurtosis n) that leave a column empty.
 *
 * δ > 0 is necessary: with δ = −√(2 log(1/q)/n) (the same e^{−nδ²/2} = q) the σ_max threshold falls below its typical
 * value and nearly every draw fails (probe delta-negative). Not necessary: n ≥ d. For n < d, σ_min(X) = 0 but 1 −
 * √(d/n) − δ < 0, so the σ_min statement is vacuous (Wainwright states it for n ≥ d only); the generator keeps n ≥ d as
 * the lemma does.
 *
 * Float: no tolerance. σ_max and σ_min come from one-sided Jacobi (relative accuracy ~ d·u); a draw changes side only
 * if its σ/√n lies within ~1e-13 (relative) of the threshold, an event of probability ~1e-12 per case under a bounded
 * density — nothing next to the test's allowance of 5 %. A rejected test's witness is re-decided in double-double
 * (≈ 32 digits: the same float64 entries, exact there, Jacobi at 32u² per operation; decimal Jacobi on a 200×50 would
 * take minutes). Exact mode is not meaningful (random draws).
 *
 * d up to the paper's 50 in the default profile (one case in ten above 20): one SVD of an n×d with n ≤ 200 costs
 * < 5 ms, so no bin needs to be deep-only.
 */

export interface L20Case {
  readonly n: number;
  readonly d: number;
  /** The level e^{−nδ²/2} of each tail bound: δ = √(2 log(1/q)/n). */
  readonly q: number;
  readonly seed: number;
  /** The entries' law: 'gaussian' inside the hypotheses; the probes' other laws drop it. */
  readonly law: EntryLaw;
  readonly param?: number;
  /** −1: the probe's δ = −√(2 log(1/q)/n) (drops δ > 0); absent inside the hypotheses. */
  readonly deltaSign?: -1;
}

/** δ with e^{−nδ²/2} = q (negative only in the probe that drops δ > 0). */
export const deltaFor = (c: { n: number; q: number; deltaSign?: -1 }): number => (c.deltaSign ?? 1) * Math.sqrt((2 * Math.log(1 / c.q)) / c.n);

/** Each case fails with probability ≤ 2q ≤ 0.05 (union of the two tails); α = 1e-6. */
const PROBABILISTIC: Probabilistic = { maxFailureRate: 0.05, alpha: 1e-6 };

const Q_MIN = 1e-4;
const Q_MAX = 0.025;
const N_MAX = 200;

/** n = d (square) one case in five, else n = ⌈d·a⌉ with a log-uniform in (1, 16], n ≤ 200. */
export function cases(o: { d?: Arbitrary<number>; law?: EntryLaw; param?: (n: number) => number; n?: (d: number) => Arbitrary<number>; deltaSign?: -1 } = {}): Arbitrary<L20Case> {
  const law = o.law ?? 'gaussian';
  return (o.d ?? dimensionTo50)
    .chain((d) =>
      fc.record({
        d: fc.constant(d),
        n: o.n ? o.n(d) : fc.oneof({ arbitrary: fc.constant(d), weight: 1 }, { arbitrary: gen.logUniform(1, 16, { closed: 'right' }).map((a) => Math.min(Math.max(d + 1, Math.ceil(d * a)), Math.max(N_MAX, d + 1))), weight: 4 }),
        q: gen.logUniform(Q_MIN, Q_MAX),
        seed: gen.seed,
      }),
    )
    .map(({ d, n, q, seed }) => ({ n, d, q, seed, law, ...(o.param ? { param: o.param(n) } : {}), ...(o.deltaSign ? { deltaSign: o.deltaSign } : {}) }));
}

const ratioBin = (n: number, d: number): string => (n === d ? 'n = d' : n <= 4 * d ? '(1, 4]' : '(4, 16]');

function check<T>(c: L20Case, k: Ctx<T>): void {
  const F = k.F;
  k.bin('d', dimensionBin(c.d));
  k.bin('n/d', ratioBin(c.n, c.d));
  k.bin('q decade', decade(c.q));
  const s = extremeSingularValues(k.la, caseMatrix(c.seed, c.n, c.d, c.law, c.param));
  const sqrtN = F.sqrt(F.of(c.n));
  const root = F.sqrt(F.div(F.of(c.d), F.of(c.n))); // √(d/n)
  const delta = F.of(deltaFor(c));
  // (195), upper tail: the event σ_max/√n ≥ 1 + √(d/n) + δ fails the case, so the case states its complement (<).
  k.bound('(195) σ_max', F.div(s.max, sqrtN), F.add(F.add(F.one, root), delta), { strict: true });
  // (195), lower tail (n ≥ d): σ_min/√n ≤ 1 − √(d/n) − δ fails the case; vacuous when the threshold is ≤ 0.
  const lower = F.sub(F.sub(F.one, root), delta);
  k.branch(F.lt(F.zero, lower) ? 'σ_min tail active (1 − √(d/n) − δ > 0)' : 'σ_min tail vacuous (1 − √(d/n) − δ ≤ 0)');
  k.bound('(195) σ_min', lower, F.div(s.min, sqrtN), { strict: true });
  k.trace(() => ({ sigmaMax: k.num(s.max), sigmaMin: k.num(s.min), delta: deltaFor(c) }));
}

/** A probe: the same check over entries of another law, judged by the claim's binomial test. */
const dropped = (id: string, drops: string, arb: Arbitrary<L20Case>, runs: Readonly<Record<Profile, number>>, hypothesis = 'entries') =>
  rateProbe<L20Case>({ id, hypothesis, drops, cases: arb, runs, rate: PROBABILISTIC, check, field: float64Field, confirm: doubleDoubleField });

export default defineClaim<L20Case>({
  id: 'A.L20',
  title: 'Extreme singular values of an n×d standard Gaussian matrix: P[σ_max/√n ≥ 1 + √(d/n) + δ] ≤ e^{−nδ²/2}, and the σ_min analogue (Wainwright 2019, Thm 6.1)',
  source: { paper: 'A', where: 'Lemma 20, App. F (adapted from Wainwright 2019, Theorem 6.1); used in the proof of Lemma 10, App. B.5', equations: ['(195)', '(122)'] },
  provenance: 'literature',
  statement:
    'For X ∈ ℝ^{n×d} with iid N(0, 1) entries and n ≥ d, for every δ > 0: P[σ_max(X)/√n ≥ 1 + √(d/n) + δ] ≤ e^{−nδ²/2} and P[σ_min(X)/√n ≤ 1 − √(d/n) − δ] ≤ e^{−nδ²/2} ' +
    '(Wainwright 2019, Theorem 6.1 with Σ = I; the formula (195) is not in the seeds). Checked at δ = √(2 log(1/q)/n), q ∈ [1e-4, 0.025]: each draw fails with probability ≤ 2q ≤ 0.05.',
  hypotheses: [
    hyp.int('d', 'd ≥ 1 (1–10 mostly, 11–20 one case in five, 21–50 one in ten)', 1, 50),
    hyp.int('n', 'n ≥ d (n = d one case in five, else n = ⌈d·a⌉, a log-uniform in (1, 16], n ≤ 200); not necessary: for n < d the σ_min bound is vacuous', 1, N_MAX),
    hyp.real('q', 'δ > 0, taken as δ = √(2 log(1/q)/n) so that the bound e^{−nδ²/2} equals q ∈ [1e-4, 0.025] (log-uniform)', Q_MIN, Q_MAX, { scale: 'log', necessary: true }),
    hyp.choice('entries', 'X has iid N(0, 1) entries', ['gaussian'], { necessary: true }),
  ],
  modes: { float: float64Field },
  confirm: doubleDoubleField,
  cases: { quick: { float: 100 }, default: { float: 400 }, deep: { float: 20_000 } },
  generate: () => cases(),
  check,
  probabilistic: PROBABILISTIC,
  noSearch:
    'probabilistic: a case is one random draw, and a draw in a tail is no counterexample of a rate, so the engine runs no target search on a probabilistic claim; δ is instead set per case at the level q of the bound (δ = √(2 log(1/q)/n)), q down to 1e-4.',
  probes: [
    dropped('not-centred', '"centred" dropped: entries N(1, 1), n ∈ [20, 60], d ∈ [10, 20] (σ_max ≈ √(nd) ≫ √n + √d + √n·δ)', cases({ law: 'shifted', param: () => 1, d: fc.integer({ min: 10, max: 20 }), n: () => fc.integer({ min: 20, max: 60 }) }), { quick: 20, default: 40, deep: 400 }),
    dropped('variance-four', '"unit variance" dropped: entries N(0, 4), n ∈ [50, 100], d ∈ [10, 20] (σ_max ≈ 2(√n + √d))', cases({ law: 'scaled', param: () => 2, d: fc.integer({ min: 10, max: 20 }), n: () => fc.integer({ min: 50, max: 100 }) }), { quick: 20, default: 40, deep: 400 }),
    dropped(
      'heavy-tails',
      '"Gaussian" dropped for sparse heavy-tailed entries: ±√n with probability 1/n, else 0 (centred, unit variance, kurtosis n), n ∈ [100, 200], d ∈ [4, 8]: a column is empty with probability ≈ 1/e, so σ_min = 0 below 1 − √(d/n) − δ > 0',
      cases({ law: 'sparse', param: (n) => 1 / n, d: fc.integer({ min: 4, max: 8 }), n: () => fc.integer({ min: 100, max: 200 }) }),
      { quick: 20, default: 40, deep: 400 },
    ),
    dropped('delta-negative', 'δ > 0 dropped: δ = −√(2 log(1/q)/n) with the same level e^{−nδ²/2} = q, n ∈ [20, 100], d ∈ [5, 20] (the threshold falls below the typical σ_max ≈ √n + √d)', cases({ deltaSign: -1, d: fc.integer({ min: 5, max: 20 }), n: () => fc.integer({ min: 20, max: 100 }) }), { quick: 20, default: 40, deep: 400 }, 'q'),
  ],
  bins: {
    d: [...DIMENSION_BINS],
    'n/d': ['n = d', '(1, 4]', '(4, 16]'],
    'q decade': decades(-4, -1),
  },
  branches: ['σ_min tail active (1 − √(d/n) − δ > 0)', 'σ_min tail vacuous (1 − √(d/n) − δ ≤ 0)'],
  fromJSON: (v) => v as L20Case,
});
