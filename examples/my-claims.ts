import { defineClaim, fc, float64Field, hyp, probe, rational, type Arbitrary, type Mode } from 'muon-claims';

/*
 * A claim of our own, written as a user of the package writes one (README "Writing a claim").
 *
 * Lemma (the geometric series stays below its limit). For ρ ∈ [0, 1) and T ≥ 1,
 *
 *     S_T = Σ_{t<T} ρ^t ≤ 1/(1 − ρ).                                                                  (1)
 *
 * Proof: S_T = (1 − ρ^T)/(1 − ρ), and 1 − ρ > 0 (ρ < 1) and ρ^T ≥ 0 (ρ ≥ 0). Both halves of the hypothesis are
 * needed: for ρ > 1 the right side is negative; for ρ < 0 and T odd, ρ^T < 0 and S_T exceeds the limit (ρ = −1/2,
 * T = 1: 1 > 2/3). Each probe below drops one half and must find a counterexample.
 *
 * The check is written once, over a field: in Q (rational()) every operation is exact and the bound is decided
 * exactly; in float64 the bound gets its argued tolerance, 2(T + 2)·u·(1/(1 − ρ)): fl(ρ^t) carries t roundings and the
 * recursive sum T − 1 more, each at most u relative to S_T ≤ 1/(1 − ρ); 1 − ρ is exact for ρ = k/256 and the division
 * rounds once.
 */

export interface GeometricCase {
  /** ρ = k/256. */
  readonly rho: number;
  /** The number of terms, T ≥ 1. */
  readonly T: number;
}

/** More terms in float64 (cheap) than in Q (ρ^t grows by 8 bits a term). */
const T_MAX: Readonly<Record<Mode, number>> = { exact: 60, float: 400 };

/** Cases ρ = k/256, k ∈ [kMin, kMax], and T ∈ [1, tMax]. */
const cases = (kMin: number, kMax: number, tMax: number): Arbitrary<GeometricCase> =>
  fc.record({ rho: fc.integer({ min: kMin, max: kMax }).map((k) => k / 256), T: fc.integer({ min: 1, max: tMax }) });

export default defineClaim<GeometricCase>({
  id: 'my.geometric',
  title: 'Geometric series below its limit: Σ_{t<T} ρ^t ≤ 1/(1 − ρ) for ρ ∈ [0, 1)',
  source: { paper: 'my notes', where: 'Lemma 1', equations: ['(1)'] },
  provenance: 'quoted',
  statement: 'For ρ ∈ [0, 1) and T ≥ 1: S_T = Σ_{t<T} ρ^t ≤ 1/(1 − ρ).',
  hypotheses: [
    hyp.real('ρ', 'ρ ∈ [0, 1) (ρ = k/256)', 0, 255 / 256, { necessary: true }),
    hyp.int('T', 'T ≥ 1 (≤ 60 in Q, ≤ 400 in float64)', 1, 400),
  ],
  // The fields, in priority order: exact first (the probes run in it), float64 beside it.
  modes: { exact: rational(), float: float64Field },
  cases: { quick: { exact: 30, float: 100 }, default: { exact: 200, float: 1000 }, deep: { exact: 5000, float: 50000 } },
  generate: (mode) => cases(0, 255, T_MAX[mode]),

  check(c, k) {
    const { F } = k;
    const rho = F.of(c.rho);
    let S = F.zero; // S_T = Σ_{t<T} ρ^t
    let term = F.one; // ρ^t
    for (let t = 0; t < c.T; t++) {
      S = F.add(S, term);
      term = F.mul(term, rho);
    }
    const limit = F.div(F.one, F.sub(F.one, rho)); // 1/(1 − ρ)
    k.bin('ρ', c.rho < 0.5 ? '[0,1/2)' : c.rho < 0.9 ? '[1/2,0.9)' : '[0.9,1)');
    k.bin('T', c.T === 1 ? '1' : c.T <= 10 ? '2–10' : '>10');
    k.bound('(1)', S, limit, { tol: 2 * (c.T + 2) * k.u * k.num(limit), why: '2(T + 2)·u·1/(1 − ρ): t roundings in ρ^t, T − 1 in the sum, one in the division' });
  },

  probes: [
    probe({ id: 'rho-above-one', hypothesis: 'ρ', drops: 'ρ < 1 dropped: ρ ∈ (1, 2] (k/256, k ∈ [257, 512])', cases: cases(257, 512, 60), runs: 50 }),
    probe({ id: 'rho-negative', hypothesis: 'ρ', drops: 'ρ ≥ 0 dropped: ρ ∈ [−255/256, −1/256]', cases: cases(-255, -1, 60), runs: 100 }),
  ],
  bins: { ρ: ['[0,1/2)', '[1/2,0.9)', '[0.9,1)'], T: ['1', '2–10', '>10'] },
});
