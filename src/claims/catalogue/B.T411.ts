import fc, { type Arbitrary } from 'fast-check';
import { constants, CONFIRM_PRECISION, loop, onQuadB, rankBin, RANK_BINS, U64 } from '../../cases/quadB.ts';
import { quadBSearch, type QuadBCase } from '../../generators/quadB.ts';
import { quadBSized, quadBSizeBin, quadBSizeBins } from '../../generators/quadB-sizes.ts';
import { SPECTRUM_PATTERNS } from '../../random/spectrum.ts';
import { sub } from '../../linalg/mat.ts';
import { frobenius, nuclear, spectral } from '../../linalg/norms.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { decade, decades, decimal, defineClaim, float64Field, hyp, probe, shapeBin, type Profile } from '../kit/index.ts';

/*
 * B.T411 — paper B Theorem 4.11 and Assumption 4.10 (§4.2), star-convex; step quoted, bound reconstructed.
 *
 * Muon with η_t = ‖∇f(W_t)‖_{*}/L_* and D_op ≥ max_t ‖W_t − W*‖ (Assumption 4.10) satisfies
 *   (4.11)   f(W_T) − f* ≤ 2L_*D_op²/T,
 * and GD with η = 1/L, D_F = max_t ‖W_t − W*‖_F:
 *   (GD)     f(W_T) − f* ≤ 2LD_F²/T.
 * Proof: the step minimises the descent bound, f(W_{t+1}) ≤ f(W_t) − ‖G_t‖_*²/(2L_*); star-convexity
 * f(W_t) − f* ≤ ⟨G_t, W_t − W*⟩ ≤ ‖G_t‖_*·D_op; so δ_{t+1} ≤ δ_t − δ_t²/(2L_*D_op²), 1/δ_T ≥ T/(2L_*D_op²).
 * (GD: the same with ‖·‖_F.)
 *
 * Checked on P.quadB (convex, so star-convex about W*) with the true L, L_* and the measured D_op, D_F along the two
 * runs. Bins record when Muon's bound is the smaller (D_F²L/(D_op²L_*) > 1) and which run actually ends lower. Muon
 * with NS5 and the same step is recorded beside it (not gated: with ‖N‖ up to 1.2024 the step ‖G‖_{*}/L_* overshoots
 * the NS5 descent bound, 1.2024²/2 > 0.6818, so no rate follows from B.NS5's facts). Float64; a float failure is
 * re-checked at 40 digits.
 */

export interface T411Case extends QuadBCase {
  readonly T: number;
}

/** Default: sides ≤ 5; deep: one case in four with max(m, n) 6 … 50 (quadBSized). κ ≤ 1e4, every spectrum pattern. */
const casesFor = (profile: Profile): Arbitrary<T411Case> => fc
  .record({ q: quadBSized(5, { kappaMax: 1e4 }, profile === 'deep'), T: fc.integer({ min: 1, max: 40 }) })
  .map(({ q, T }) => ({ ...q, T }));
const cases = casesFor('default');
const deepCases = casesFor('deep');

export default defineClaim<T411Case>({
  id: 'B.T411',
  title: 'Star-convex rate (Theorem 4.11): Muon with η_t = ‖∇f‖_*/L_* gives f(W_T) − f* ≤ 2L_*D_op²/T; GD with 1/L gives ≤ 2LD_F²/T',
  source: { paper: 'B', where: 'Theorem 4.11 and Assumption 4.10 (§4.2)', equations: ['(4.11)', 'GD comparison'] },
  provenance: 'reconstructed',
  statement: 'On a star-convex f (P.quadB), Muon with η_t = ‖∇f(W_t)‖_*/L_*: f(W_T) − f* ≤ 2L_*D_op²/T, D_op = max_t ‖W_t − W*‖; GD with η = 1/L: ≤ 2LD_F²/T.',
  hypotheses: [
    hyp.int('m, n', 'W ∈ ℝ^{m×n}, any shape (sides 1 … 5; deep: up to 50)', 1, 50),
    hyp.structure('Q', 'P.quadB, Q ⪰ 0 any rank, κ ∈ [1, 1e4], every spectrum pattern (two-level and clustered: repeated eigenvalues); convex, hence star-convex about W*'),
    hyp.int('T', 'T ≥ 1', 1, 40),
    hyp.structure('η_t', 'η_t = ‖∇f(W_t)‖_*/L_* with the true L_* (not a smaller constant)', { necessary: true }),
    hyp.structure('direction', 'msign(G), not sign(G)', { necessary: true }),
  ],
  modes: { float: float64Field },
  confirm: decimal(CONFIRM_PRECISION),
  cases: { quick: { float: 30 }, default: { float: 200 }, deep: { float: 5000 } },
  generate: (_mode, profile) => (profile === 'deep' ? deepCases : cases),

  check(c, k) {
    const { F, u, num: n } = k;
    const { p, W0, L, Lstar, r, lmax } = onQuadB(k, c);
    const { m, T } = c;
    const invLstar = F.of(1 / Lstar);
    const stepMuon = (G: typeof W0) => F.mul(nuclear(F, G), invLstar); // η_t = ‖G_t‖_*/L_*
    const muon = loop(p, k.impl.optimizers.muon(), W0, T, stepMuon);
    const gd = loop(p, k.impl.optimizers.gd, W0, T, () => F.of(1 / L));
    if (muon.status !== 'completed' || gd.status !== 'completed') return k.inconclusive('non-finite trajectory');
    const Dop = Math.max(...muon.W.map((W) => n(spectral(F, sub(F, W, p.Wstar)))));
    const DF = Math.max(...gd.W.map((W) => n(frobenius(F, sub(F, W, p.Wstar)))));
    const fMuon = n(muon.losses[T]);
    const fGD = n(gd.losses[T]);
    // Float error: f(W_T) rounds by 2(m + mn)u·λ_max‖D‖² and each of the T rounded updates (u per entry of W_t and of
    // η_tD_t) moves f by ≤ 2λ_max‖D‖_F·u(‖W‖_F + η√r)·(growth ≤ 1: both runs are non-expansive on a quadratic); the step
    // η_t carries ‖G_t‖_* from Jacobi (8(m + n)u relative), which only perturbs the descent by its square. The bound
    // itself carries the constants' 32m·u64 relative error (B.smooth), as the factor (1 + 32m·u64).
    const Df0 = n(frobenius(F, sub(F, W0, p.Wstar)));
    const Wmax = n(frobenius(F, W0)) + Df0;
    const tol = (2 * (m + m * c.n) * u * lmax * Df0 * Df0 + T * 2 * lmax * Df0 * 4 * u * Wmax * Math.sqrt(r)) * 4;
    const why = '4[2(m + mn)u·λ_max‖D_0‖² + T·2λ_max‖D_0‖·4u(‖W_0‖_F + ‖D_0‖)√r]: rounded loss and T rounded updates';
    k.bound('(4.11) f(W_T) − f* ≤ 2L_*D_op²/T', fMuon, ((2 * Lstar * Dop * Dop) / T) * (1 + 32 * m * U64), { tol, why });
    k.bound('(GD) f(W_T) − f* ≤ 2LD_F²/T', fGD, ((2 * L * DF * DF) / T) * (1 + 32 * m * U64), { tol, why });

    const ratio = (DF * DF * L) / (Dop * Dop * Lstar);
    k.bin('shape', shapeBin(m, c.n));
    k.bin('Q rank', rankBin(c));
    k.bin('κ decade', decade(c.kappa, { lo: 0, hi: 3 })); // κ = 1e4 (the closed top end) counts in 1e3–1e4
    k.bin('spectrum', c.pattern);
    k.bin('size', quadBSizeBin(5, c));
    k.bin('bound winner', ratio > 1 ? 'Muon (D_F²L > D_op²L_*)' : 'GD');
    k.bin('run winner', fMuon < fGD ? 'Muon' : fMuon > fGD ? 'GD' : 'tie');
    // NS5 beside it (information).
    const ns = loop(p, k.impl.optimizers.muon({ orthogonalizer: 'ns5' }), W0, T, stepMuon);
    if (ns.status === 'completed') {
      const DopN = Math.max(...ns.W.map((W) => n(spectral(F, sub(F, W, p.Wstar)))));
      k.bin('NS5 meets (4.11)', n(ns.losses[T]) <= (2 * Lstar * DopN * DopN) / T + tol ? 'yes' : 'no');
    }
    k.branch(ratio > 1 ? 'Muon bound smaller' : 'GD bound smaller');
    k.branch(fMuon === 0 || fMuon < 1e-12 * n(muon.losses[0]) ? 'Muon converged' : 'Muon not converged');
    k.trace(() => ({ ratio, fMuon, fGD, Dop, DF }));
  },

  probes: [
    probe({ id: 'entrywise-sign', hypothesis: 'direction', drops: 'msign replaced by the entrywise sign', impl: msignIsEntrywiseSign.impl, runs: 60, what: '(4.11) with sign(G)' }),
    probe({
      id: 'Lstar-too-small',
      hypothesis: 'η_t',
      drops: 'the true constants dropped: L_* and L both underestimated by the factor L/(4L_*) in the steps and the bounds (steps overshoot)',
      // Q's spectrum bookkeeping scaled so that constants() gives L_* = L/4 while the problem (Q itself) is unchanged.
      cases: cases
        .filter((c) => c.T >= 2)
        .map((c) => {
          const { L, Lstar } = constants(c);
          return { ...c, lambdas: c.lambdas.map((x) => x * (L / 4 / Lstar)) };
        }),
      runs: 60,
      what: '(4.11) with L_* too small',
    }),
  ],
  // The search for the worst case moves ln κ, ln λ_max and ln ‖W0 − W*‖ (quadBSearch); shape, rank, T and frames stay.
  search: quadBSearch<T411Case>(1e4),
  bins: { 'bound winner': ['Muon (D_F²L > D_op²L_*)', 'GD'], 'Q rank': RANK_BINS, 'κ decade': decades(0, 4), spectrum: [...SPECTRUM_PATTERNS], size: quadBSizeBins(5) },
  deepOnly: { size: { bins: [quadBSizeBins(5)[1]!], why: 'cost: a case at max(m, n) = 6 … 50 runs Muon, NS5 and GD for T ≤ 40 steps with a Jacobi SVD (msign, ‖G_t‖_*) and a spectral norm of up to 50×50 per step, ~(m + n)³ each: up to ~1000× a 5×5 case; deep draws it one case in four' } },
  branches: ['Muon bound smaller', 'GD bound smaller'],
});
