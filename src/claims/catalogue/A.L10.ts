import fc, { type Arbitrary } from 'fast-check';
import { frameDraw, lemma10Quantities, type FrameLaw } from '../../cases/gaussian.ts';
import { DIMENSION_BINS, dimensionBin, dimensionTo50 } from '../../generators/gaussian.ts';
import * as gen from '../../generators/index.ts';
import { defineClaim, float64Field, hyp, type Ctx, type Probabilistic, type Profile } from '../kit/index.ts';
import { doubleDoubleField, rateProbe } from '../kit/rate.ts';

/*
 * A.L10 — paper A, Lemma 10 (App. B.1, proof in App. B.5, via Lemmas 20 and 21); open (the constant), reconstructed
 * (the form). The seeds keep the words — "There exists some universal constant such that, with probability at least
 * [p], (86)" — and the proof's steps, not the formulas. Reconstructed from B.5:
 *   (120) by rotation invariance, σ_min(V*ᵀO) for O Haar on O^{d×k} has the law of σ_min of r rows of a Haar frame;
 *         "O has the same distribution as G(GᵀG)^{−1/2}, where G is a d×k random matrix with i.i.d. standard
 *         Gaussian entries" (the polar factor msign(G));
 *   (121) σ_min(V*ᵀG(GᵀG)^{−1/2}) ≥ σ_min(V*ᵀG)/σ_max(G), where V*ᵀG is again r×k iid Gaussian;
 *   (122) Lemma 20 (σ_max(G) ≤ √d + √k + t ≤ 3√d w.h.p.) and Lemma 21 (σ_min(V*ᵀG) ≥ ε(√k − √(r−1)) w.h.p.);
 *   (123) hence, with r ≤ k ≤ d and a universal c₀ > 0:
 *           σ_min(V*ᵀO) ≥ c₀(√k − √(r − 1))/√d   with probability ≥ 0.995.                                      (86)
 * The level 0.995 is reconstructed: Theorem 1(b) holds with probability ≥ 0.99 and Lemma 4 takes 0.995 of it; the
 * remaining 0.005 is Lemma 10's (its use in the proof of (55) follows Lemma 4's). σ_min here is σ_r, the r-th (last)
 * singular value of the r×k matrix V*ᵀO.
 *
 * The constant, measured (properties/A.L10.test.ts; scripts/gaussian-lemmas-sweep.ts, 4000 draws per (d, k, r),
 * docs/findings/gaussian-lemmas.md): with S = σ_r(V*ᵀO)·√d/(√k − √(r−1)), (86) at level 0.995 needs c₀ ≤ the 0.5 %
 * quantile of S in every (d, k, r). The smallest quantiles are at r = k = 1, where S = √d·|⟨v, o⟩| with o uniform on
 * the sphere, which increases in law to |N(0, 1)| as d → ∞: so the largest universal c₀ is Φ⁻¹(0.5025) ≈ 0.00627
 * (analytic; P[√d|o₁| < c] < √(2/π)·c for every d, by Gautschi's inequality). Measured 0.5 % quantiles: 0.0043–0.0091
 * at r = k = 1 (d = 2 … 50), 0.008–0.019 at r = k = 2, 0.010–0.016 at r = k = 5, ≥ 0.07 at r < k. The gate: c₀ = 1/200,
 * 80 % of that supremum; a case then fails with probability < √(2/π)/200 ≈ 0.0040 at r = k = 1 (proven) and below it
 * elsewhere (measured P[S < 1/200] ≈ 0.0015–0.0033 at r = k = 2; → 1/400 for large r = k by Edelman's law for
 * σ_min of a square Gaussian; 0 of 4000 at r < k), within the allowed 0.005; the engine rejects "failure rate ≤
 * 0.005" by a one-sided binomial test at α = 1e-6 (false alarm ≤ 1e-6 per run at any seed).
 *
 * The case also checks the proof's deterministic step (121) on the same draw (O = UWᵀ from G's SVD, the polar factor
 * msign(G)). It is an equality at k = 1 (V*ᵀg/‖g‖ both sides), so it carries a tolerance: the computed polar factor is
 * the exact one of a G + ΔG with ‖ΔG‖ ≲ d·u‖G‖ (backward-stable Jacobi SVD), hence ‖Ô − O‖ ≲ d·u·κ(G) and σ_r moves by
 * as much; tol = 64·d·u·κ(G) (64: the few products and the SVDs' sweeps).
 *
 * Necessity: O Haar — a frame concentrated near V*⊥ gives σ_min(V*ᵀO) = O(η), and a uniformly chosen set of k
 * coordinate vectors (random, orthonormal, not rotation invariant) misses one of V* = [e₁, …, e_r] most of the time.
 * Not necessary: r ≤ k (for r > k the right side c₀(√k − √(r−1))/√d ≤ 0, so (86) is vacuous though σ_r = 0), and k ≤ d,
 * built into O^{d×k} (no d×k frame has orthonormal columns for k > d; the orthonormal-rows extension gives σ_min = 1) —
 * no probes for them. Float: the (86) decision has no tolerance (σ_r to relative accuracy ~ k·u·κ(G), a flip needs a
 * draw within ~1e-12 of the threshold); a rejected test's witness is re-decided in double-double.
 *
 * d up to the paper's 50 in the default profile (one case in ten above 20): a case costs two SVDs of a d×k, < 2 ms.
 */

export interface L10Case {
  readonly d: number;
  readonly k: number;
  readonly r: number;
  readonly seed: number;
  /** How O is drawn: 'haar' inside the hypotheses; 'near-perp' is the probe's (G = V*⊥W + ηV*Z). */
  readonly frame: FrameLaw;
  readonly eta?: number;
}

/** The gate's c₀ in (86) (measured supremum ≈ 0.00627, see the header). */
export const C0_GATE = 1 / 200;

/** "With probability at least 0.995": failure rate ≤ 0.005, α = 1e-6. */
const PROBABILISTIC: Probabilistic = { maxFailureRate: 0.005, alpha: 1e-6 };


/** k = d one case in seven, else 1 … d; r = k (square block) one in three, r = 1 one in six, else 1 … k. */
export function cases(o: { d?: Arbitrary<number>; k?: (d: number) => Arbitrary<number>; r?: (k: number, d: number) => Arbitrary<number>; frame?: FrameLaw; eta?: number } = {}): Arbitrary<L10Case> {
  const frame = o.frame ?? 'haar';
  return (o.d ?? dimensionTo50)
    .chain((d) => (o.k ? o.k(d) : fc.oneof({ arbitrary: fc.constant(d), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: d }), weight: 6 })).map((k) => ({ d, k })))
    .chain(({ d, k }) => (o.r ? o.r(k, d) : fc.oneof({ arbitrary: fc.constant(k), weight: 2 }, { arbitrary: fc.constant(1), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: k }), weight: 3 })).map((r) => ({ d, k, r })))
    .chain(({ d, k, r }) => gen.seed.map((seed) => ({ d, k, r, seed, frame, ...(o.eta !== undefined ? { eta: o.eta } : {}) })));
}

const gapBin = (k: number, r: number): string => (k === r ? '0' : k - r <= 3 ? '1–3' : '≥ 4');

function check<T>(c: L10Case, k: Ctx<T>): void {
  const { F, la } = k;
  k.bin('d', dimensionBin(c.d));
  k.bin('k − r', gapBin(c.k, c.r));
  k.branch(c.r === c.k ? 'r = k (square block)' : 'r < k');
  k.branch(c.k === c.d ? 'k = d (O orthogonal)' : 'k < d');
  const q = lemma10Quantities(la, frameDraw(c.seed, c.d, c.k, c.r, c.frame, c.eta), c.r); // (120): O = msign(G) = UWᵀ
  const lhs = q.sigmaMin; // σ_min(V*ᵀO) = σ_r
  const kappaG = q.kappaG;
  // (121): σ_min(V*ᵀO) ≥ σ_min(V*ᵀG)/σ_max(G) — equality at k = 1; tolerance from the polar factor's error (header).
  k.bound('(121)', F.div(q.sigmaMinVG, q.sigmaMaxG), lhs, { tol: 64 * c.d * k.u * kappaG, why: '64·d·u·κ(G): the computed polar factor is exact for G + ΔG, ‖ΔG‖ ≲ d·u‖G‖' });
  // (86): σ_min(V*ᵀO) ≥ c₀(√k − √(r−1))/√d with c₀ = 1/200 (the event below it fails the case).
  const rhs = F.div(F.mul(F.of(C0_GATE), F.sub(F.sqrt(F.of(c.k)), F.sqrt(F.of(c.r - 1)))), F.sqrt(F.of(c.d)));
  k.bound('(86)', rhs, lhs);
  k.trace(() => ({ sigmaMin: k.num(lhs), S: (k.num(lhs) * Math.sqrt(c.d)) / (Math.sqrt(c.k) - Math.sqrt(c.r - 1)), kappaG }));
}

const probe = (id: string, hypothesis: string, drops: string, arb: Arbitrary<L10Case>, runs: Readonly<Record<Profile, number>>) =>
  rateProbe<L10Case>({ id, hypothesis, drops, cases: arb, runs, rate: PROBABILISTIC, check, field: float64Field, confirm: doubleDoubleField });

export default defineClaim<L10Case>({
  id: 'A.L10',
  title: 'σ_min(V*ᵀO) ≥ c₀(√k − √(r−1))/√d with probability ≥ 0.995 for O Haar on O^{d×k} (Lemma 10, via Lemmas 20 and 21); c₀ open',
  source: { paper: 'A', where: 'Lemma 10, App. B.1; proof App. B.5 (Lemmas 20, 21); used for (55) in §3.4', equations: ['(86)', '(120)', '(121)', '(122)', '(123)'] },
  provenance: 'open',
  statement:
    'For V* ∈ O^{d×r} fixed and O Haar on O^{d×k}, r ≤ k ≤ d: there is a universal c₀ > 0 with σ_min(V*ᵀO) ≥ c₀(√k − √(r−1))/√d with probability ≥ 0.995 (form and level reconstructed from the proof in B.5; the formula (86) is not in the seeds). ' +
    'Gated with c₀ = 1/200 (the largest valid c₀ is measured: ≈ Φ⁻¹(0.5025) ≈ 0.0063, set by r = k = 1, d → ∞); each draw also checks the proof step (121) σ_min(V*ᵀO) ≥ σ_min(V*ᵀG)/σ_max(G) for O = msign(G).',
  hypotheses: [
    hyp.int('d', 'd ≥ 1 (1–10 mostly, 11–20 one case in five, 21–50 one in ten)', 1, 50),
    hyp.int('k', 'k ≤ d (k = d one case in seven); built into O^{d×k}', 1, 50),
    hyp.int('r', '1 ≤ r ≤ k (r = k one case in three, r = 1 one in six); not necessary: for r > k the right side c₀(√k − √(r−1))/√d is ≤ 0 and (86) is vacuous', 1, 50),
    hyp.structure('O', 'O Haar on O^{d×k} (the polar factor of a d×k Gaussian G), V* ∈ O^{d×r} fixed (drawn per case: the law of V*ᵀO does not depend on V*)', { necessary: true }),
  ],
  modes: { float: float64Field },
  confirm: doubleDoubleField,
  cases: { quick: { float: 100 }, default: { float: 400 }, deep: { float: 20_000 } },
  generate: () => cases(),
  check,
  probabilistic: PROBABILISTIC,
  noSearch: 'probabilistic: a case is one Haar draw, and a draw in the lower tail is no counterexample of a rate, so the engine runs no target search on a probabilistic claim; the gate sits instead at c₀ = 1/200, 80 % of the measured largest valid c₀.',
  probes: [
    probe(
      'frame-near-perp',
      'O',
      'O Haar dropped: O = msign(V*⊥W + ηV*Z), η = 1e-5, a frame within O(η) of span(V*⊥) (d ∈ 4 … 20, r + k ≤ d)',
      cases({ d: fc.integer({ min: 4, max: 20 }), k: (d) => fc.integer({ min: 1, max: Math.floor(d / 2) }), r: (k) => fc.integer({ min: 1, max: k }), frame: 'near-perp', eta: 1e-5 }),
      { quick: 20, default: 40, deep: 400 },
    ),
    probe(
      'coordinate-frame',
      'O',
      'O Haar dropped for another random frame: O = k coordinate vectors chosen uniformly, V* = [e₁, …, e_r] (d ∈ 6 … 20, k ≤ d/2): σ_r(V*ᵀO) = 0 unless O contains e₁, …, e_r',
      cases({ d: fc.integer({ min: 6, max: 20 }), k: (d) => fc.integer({ min: 1, max: Math.floor(d / 2) }), r: (k) => fc.integer({ min: 1, max: k }), frame: 'coordinate' }),
      { quick: 20, default: 40, deep: 400 },
    ),
  ],
  bins: {
    d: [...DIMENSION_BINS],
    'k − r': ['0', '1–3', '≥ 4'],
  },
  branches: ['r = k (square block)', 'r < k', 'k = d (O orthogonal)', 'k < d'],
  fromJSON: (v) => v as L10Case,
});
