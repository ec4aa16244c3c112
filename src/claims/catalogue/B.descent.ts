import fc, { type Arbitrary } from 'fast-check';
import { CONFIRM_PRECISION, lossAfter, NS5_SUP, ns5Clo, onQuadB, rankBin, RANK_BINS, U64 } from '../../cases/quadB.ts';
import { quadBSearch, type QuadBCase } from '../../generators/quadB.ts';
import { quadBSized, quadBSizeBin, quadBSizeBins } from '../../generators/quadB-sizes.ts';
import { SPECTRUM_PATTERNS } from '../../random/spectrum.ts';
import { inner, sub } from '../../linalg/mat.ts';
import { frobenius, nuclear, spectral } from '../../linalg/norms.ts';
import { gradientWrongFactor, msignIsEntrywiseSign } from '../../impl/plants.ts';
import { decade, decades, decimal, defineClaim, float64Field, hyp, probe, shapeBin, SHAPE_BINS, type Profile } from '../kit/index.ts';

/*
 * B.descent — paper B §4, proof of Theorem 4.1 (one-step descent); reconstructed.
 *
 * For G = ∇f(W) = UΣVᵀ and any η ≥ 0,
 *   (L_*)  f(W − ηUVᵀ) ≤ f(W) − η‖G‖_* + (L_{*}/2)η²,
 *   (rL)   f(W − ηUVᵀ) ≤ f(W) − η‖G‖_* + (rL/2)η²   (Frobenius smoothness: ‖UVᵀ‖_F² = rank G ≤ r).
 * Proof: smoothness (B.smooth) with E = −ηUVᵀ, ⟨G, UVᵀ⟩ = ‖G‖_* (B.msign), ‖UVᵀ‖ = 1.
 *
 * Checked on P.quadB at random W and η = θ·‖G‖_{*}/L_* with θ log-uniform in [1e-3, 1e3] (large η included), with the
 * true L, L_* from the spectrum Q was built from (not the implementation's info), and ‖G‖_* from an SVD of the
 * gradient (not from the msign under test). Muon with NS5 (Alg. 3) is checked beside it in the form its own facts
 * give (B.NS5: ⟨G, N⟩ ≥ c_lo‖G‖_* with c_lo = 0.6818(1 − 0.01r(1 + 1e-4)), ‖N‖ ≤ 1.2024):
 *   (NS5)  f(W − ηN) ≤ f(W) − ηc_lo‖G‖_* + (L_{*}/2)(1.2024η)²   when ‖G‖_F ≥ 1e-3;
 * whether NS5 also meets the msign form (L_*) is recorded as a bin (information: NS5 is not msign).
 * Float64; a float failure is re-checked at 40 digits.
 */

export interface DescentCase extends QuadBCase {
  /** η / (‖G‖_{*}/L_*). */
  readonly theta: number;
}

/** Default: sides ≤ 6; deep: one case in four with max(m, n) 7 … 50 (quadBSized). κ ≤ 1e4, every spectrum pattern. */
const casesFor = (profile: Profile): Arbitrary<DescentCase> => fc
  .record({ q: quadBSized(6, { kappaMax: 1e4 }, profile === 'deep'), logTheta: fc.integer({ min: -3000, max: 3000 }) })
  .map(({ q, logTheta }) => ({ ...q, theta: 10 ** (logTheta / 1000) }));
const cases = casesFor('default');
const deepCases = casesFor('deep');

export default defineClaim<DescentCase>({
  id: 'B.descent',
  title: "Muon's descent inequality f(W − ηUVᵀ) ≤ f(W) − η‖G‖_* + (L_*/2)η² (and + (rL/2)η²)",
  source: { paper: 'B', where: '§4, proof of Theorem 4.1 (one-step descent)', equations: ['descent lemma with L_*', 'descent lemma with rL'] },
  provenance: 'reconstructed',
  statement: 'For P.quadB, any W and η ≥ 0, with G = ∇f(W) = UΣVᵀ: f(W − ηUVᵀ) ≤ f(W) − η‖G‖_* + (L_*/2)η², and ≤ f(W) − η‖G‖_* + (rL/2)η².',
  hypotheses: [
    hyp.int('m, n', 'W ∈ ℝ^{m×n}, any shape (sides 1 … 6; deep: up to 50)', 1, 50),
    hyp.structure('Q', 'Q ⪰ 0, any rank, κ ∈ [1, 1e4], λ_max ∈ [1e-2, 1e2]'),
    hyp.real('η', 'any η ≥ 0: η = θ‖G‖_{*}/L_* with θ ∈ [1e-3, 1e3]', 1e-3, 1e3, { scale: 'log' }),
    hyp.structure('direction', 'the step is msign(G) = UVᵀ (an SVD msign), not sign(G) nor NS5', { necessary: true }),
  ],
  modes: { float: float64Field },
  confirm: decimal(CONFIRM_PRECISION),
  cases: { quick: { float: 40 }, default: { float: 400 }, deep: { float: 10000 } },
  generate: (_mode, profile) => (profile === 'deep' ? deepCases : cases),

  check(c, k) {
    const { F, u, num: n } = k;
    const { p, W0: W, L, Lstar, r, lmax } = onQuadB(k, c);
    const { m } = c;
    const G = p.grad(W);
    const gNuc = n(nuclear(F, G));
    if (!(gNuc > 0)) return k.inconclusive('G = 0: nothing to check');
    const f0 = n(p.loss(W));
    const etaNum = (c.theta * gNuc) / Lstar;
    const eta = F.of(etaNum);
    const f1 = n(lossAfter(p, W, eta, k.la.msign(G))); // f(W − ηUVᵀ)
    const D = n(frobenius(F, sub(F, W, p.Wstar)));
    // Rounding: f(W), f(W − ηO) are sums of mn products with an m-term inner product Q·D: each ≤ 2(m + mn)·u·λ_max·‖·‖²;
    // W − ηO rounds each entry by u(|W| + η): f moves by ≤ 2λ_max(‖D‖ + η√r)·u(‖W‖_F + η√r); ‖G‖_* from Jacobi to
    // 8(m + n)·u·‖G‖_*, times η. The constants L, L_* carry 32m·u64 relative (B.smooth).
    const Dp = D + etaNum * Math.sqrt(r);
    const tol =
      4 * (m + m * c.n) * u * lmax * (D * D + Dp * Dp) + 2 * lmax * Dp * u * (n(frobenius(F, W)) + etaNum * Math.sqrt(r)) + 8 * (m + c.n) * u * etaNum * gNuc + 32 * m * U64 * (L * r) * etaNum * etaNum;
    const why = '4(m + mn)u·λ_max(‖D‖² + ‖D′‖²) + 2λ_max‖D′‖·u(‖W‖_F + η√r) + 8(m+n)u·η‖G‖_* + 32m·u64·rL·η²';
    const rhsStar = f0 - etaNum * gNuc + (Lstar / 2) * etaNum * etaNum;
    const rhsRL = f0 - etaNum * gNuc + ((r * L) / 2) * etaNum * etaNum;
    // Both sides + η‖G‖_*, so that they are ≥ 0 and the slack lhs/rhs means something.
    const shift = etaNum * gNuc;
    k.bound('f(W − ηUVᵀ) ≤ f(W) − η‖G‖_* + (L_{*}/2)η²', f1 + shift, rhsStar + shift, { tol, why }); // (L_*)
    k.bound('f(W − ηUVᵀ) ≤ f(W) − η‖G‖_* + (rL/2)η²', f1 + shift, rhsRL + shift, { tol, why }); //       (rL)

    k.bin('shape', shapeBin(m, c.n));
    k.bin('Q rank', rankBin(c));
    k.bin('spectrum', c.pattern); // two-level and clustered: repeated eigenvalues of Q
    k.bin('size', quadBSizeBin(6, c));
    k.bin('θ', decade(c.theta, { lo: -3, hi: 2 })); // θ = 1e3 (the closed top end) counts in 1e2–1e3
    k.branch(c.theta > 2 ? 'large η (past the minimiser along UVᵀ)' : c.theta < 0.5 ? 'small η' : 'η near ‖G‖_{*}/L_*');

    // NS5 beside it, inside B.NS5's hypothesis ‖G‖_F ≥ 1e-3.
    if (!(n(frobenius(F, G)) >= 1e-3)) return k.branch('NS5 not checked: ‖G‖_F < 1e-3');
    const N = k.impl.ns5(F, G);
    const fN = n(lossAfter(p, W, eta, N));
    const rhsN = f0 - etaNum * ns5Clo(r) * gNuc + (Lstar / 2) * NS5_SUP * NS5_SUP * etaNum * etaNum;
    const DN = D + etaNum * NS5_SUP * Math.sqrt(r);
    const tolN = tol + 4 * (m + m * c.n) * u * lmax * DN * DN; // the larger step ‖ηN‖ ≤ 1.2024η in f's rounding
    k.bound('NS5: f(W − ηN) ≤ f(W) − ηc_lo‖G‖_* + (L_{*}/2)(1.2024η)²', fN + shift, rhsN + shift, { tol: tolN, why }); // (NS5)
    k.bin('NS5 meets the msign form', fN <= rhsStar + tolN ? 'yes' : 'no');
    k.bin('‖NS5(G)‖', n(spectral(F, N)) > 1 ? '> 1' : '≤ 1');
    k.bin('⟨G,N⟩/‖G‖_*', (n(inner(F, G, N)) / gNuc).toFixed(1)); // how much of the msign decrease NS5 keeps
    k.branch('NS5 checked');
  },

  probes: [
    probe({
      id: 'entrywise-sign',
      hypothesis: 'direction',
      drops: 'the direction msign(G) replaced by the entrywise sign(G) (SignGD): ‖sign G‖ can reach √(mn)',
      impl: msignIsEntrywiseSign.impl,
      runs: 100,
      what: 'the descent inequality with sign(G)',
    }),
    probe({
      id: 'gradient-x2',
      drops: 'the true gradient 2Q(W − W*) replaced by 4Q(W − W*) (gradient-wrong-factor plant): ‖G‖_* doubles, f does not',
      impl: gradientWrongFactor.impl,
      runs: 100,
      what: 'the descent inequality with a doubled gradient',
    }),
  ],
  // The search for the worst case moves ln κ, ln λ_max, ln ‖W0 − W*‖ (quadBSearch) and θ = η·L_*/‖G‖_* ∈ [1e-3, 1e3]
  // (in log10); shape, rank and frames stay.
  search: quadBSearch<DescentCase>(1e4, {
    params: (c) => [Math.log10(c.theta)],
    withParams: (_c, [lt]) => (lt! >= -3 && lt! <= 3 ? { theta: 10 ** lt! } : undefined),
  }),
  bins: { shape: SHAPE_BINS, 'Q rank': RANK_BINS, spectrum: [...SPECTRUM_PATTERNS], size: quadBSizeBins(6), θ: decades(-3, 3) },
  deepOnly: { size: { bins: [quadBSizeBins(6)[1]!], why: 'cost: a case at max(m, n) = 7 … 50 takes two Jacobi SVDs (msign, ‖G‖_*), NS5 and a spectral norm of up to 50×50, ~(m + n)³ each: up to ~400× a 6×6 case; deep draws it one case in four' } },
  branches: ['large η (past the minimiser along UVᵀ)', 'small η', 'η near ‖G‖_{*}/L_*', 'NS5 checked'],
});
