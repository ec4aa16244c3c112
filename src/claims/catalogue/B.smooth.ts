import fc, { type Arbitrary } from 'fast-check';
import type { Field } from '../../arith/field.ts';
import { CONFIRM_PRECISION, onQuadB, quadForm, rankBin, RANK_BINS, toField, U64 } from '../../cases/quadB.ts';
import { seed } from '../../generators/dyadic.ts';
import { quadBSearch, type QuadBCase } from '../../generators/quadB.ts';
import { quadBSized, quadBSizeBin, quadBSizeBins } from '../../generators/quadB-sizes.ts';
import { SPECTRUM_PATTERNS } from '../../random/spectrum.ts';
import { columns, identity, inner, mat, matmul, sub, transpose, zeros, type Mat } from '../../linalg/mat.ts';
import { frobenius, nuclear, spectral } from '../../linalg/norms.ts';
import { gaussian } from '../../random/matrices.ts';
import { rng } from '../../random/rng.ts';
import { decade, decimal, defineClaim, float64Field, hyp, probe, shapeBin, SHAPE_BINS, type Profile } from '../kit/index.ts';

/*
 * B.smooth — paper B §4 (Assumptions of Frobenius and spectral smoothness), Fig. 1 quadratic; reconstructed.
 *
 * For P.quadB, f(W) = tr((W − W*)ᵀQ(W − W*)), W ∈ ℝ^{m×n}:
 *   L = 2λ_max(Q) (Frobenius smoothness), L_* = 2·Σ_{i ≤ r} λ_i(Q) with r = min(m, n) (spectral/nuclear smoothness),
 *   and L ≤ L_* ≤ rL.
 * Derivation: f(W + E) = f(W) + ⟨∇f(W), E⟩ + tr(EᵀQE) and ∇f(W + E) − ∇f(W) = 2QE. max tr(EᵀQE) over ‖E‖_F ≤ 1 is
 * λ_max; over ‖E‖ ≤ 1 it is max tr(Q EEᵀ) with 0 ⪯ EEᵀ ⪯ I of rank ≤ n, i.e. the sum of the top r eigenvalues; and
 * ‖2QE‖_* ≤ 2Σ_{i≤r} σ_i(Q)σ_i(E) ≤ L_*‖E‖ (Horn/von Neumann), so L_* is also the Lipschitz constant of ∇f from the
 * spectral norm to its dual, the nuclear norm — the definition of B's Assumption (‖∇f(X) − ∇f(Y)‖_* ≤ L_*‖X − Y‖).
 *
 * Checked: info.L/info.Lstar of the implementation against the spectrum Q was built from; L ≤ L_* ≤ rL; the quadratic
 * upper bounds and gradient-Lipschitz inequalities at random W, W' = W + E (E of random size, also ≫ W − W*); and
 * sharpness: E = the top-r eigenvectors of Q (‖E‖ = 1) attains L_{*}/2, E = the top eigenvector attains L/2.
 * Float64; a float failure is re-checked at 40 digits (Q re-formed there as B diag(λ) Bᵀ, exactly PSD). The constants
 * come from data formed in float64, so their tolerances are in u64 = 2⁻⁵³ whatever the field.
 */

export interface SmoothCase extends QuadBCase {
  /** The second point W' = W0 + E. */
  readonly E: Mat<number>;
  /** The constant the spectral-norm bounds use: L_* (the claim) unless the probe puts L in its place. */
  readonly spectralConstant?: 'L';
}

function withE(c: QuadBCase, logSize: number, seedValue: number): SmoothCase {
  const e = gaussian(rng(seedValue).fork('E'), c.m, c.n);
  const size = 10 ** logSize;
  return { ...c, E: mat(c.m, c.n, e.data.map((x) => x * size)) };
}

/** Default: sides ≤ 6; deep: one case in four with max(m, n) 7 … 50 (quadBSized). κ ≤ 1e4, every spectrum pattern. */
const casesFor = (profile: Profile): Arbitrary<SmoothCase> => fc
  .record({ q: quadBSized(6, { kappaMax: 1e4 }, profile === 'deep'), logSize: fc.integer({ min: -2000, max: 2000 }), seed })
  .map(({ q, logSize, seed: s }) => withE(q, logSize / 1000, s));
const cases = casesFor('default');
const deepCases = casesFor('deep');

/** The sharp directions: top-`count` eigenvectors of Q as the columns of E (m ≥ n), or E = [B, 0] (m < n). */
function sharp<T>(F: Field<T>, c: QuadBCase, count: number): Mat<T> {
  const top = columns(toField(F, c.basis), 0, Math.min(count, c.m));
  const out = zeros(F, c.m, c.n);
  for (let i = 0; i < c.m; i++) for (let j = 0; j < top.cols; j++) out.data[i * c.n + j] = top.data[i * top.cols + j];
  return out;
}

export default defineClaim<SmoothCase>({
  id: 'B.smooth',
  title: 'P.quadB smoothness constants: L = 2λ_max(Q), L_* = 2·(sum of the top min(m,n) eigenvalues), L ≤ L_* ≤ rL',
  source: { paper: 'B', where: '§4 (Assumptions of Frobenius and spectral smoothness), Fig. 1 quadratic', equations: ['L', 'L_*', 'L ≤ L_* ≤ rL'] },
  provenance: 'reconstructed',
  statement:
    'For f(W) = tr((W − W*)ᵀQ(W − W*)): f(W′) ≤ f(W) + ⟨∇f(W), W′ − W⟩ + (L/2)‖W′ − W‖_F² and + (L_{*}/2)‖W′ − W‖², ‖∇f(W′) − ∇f(W)‖_F ≤ L‖W′ − W‖_F and ‖·‖_* ≤ L_*‖W′ − W‖, with L = 2λ_max(Q), L_* = 2Σ_{i≤min(m,n)}λ_i(Q) (both attained), and L ≤ L_* ≤ rL.',
  hypotheses: [
    hyp.int('m, n', 'W ∈ ℝ^{m×n}, any shape (sides 1 … 6; deep: up to 50)', 1, 50),
    hyp.structure('Q', 'Q ⪰ 0, any rank 1…m, κ on its nonzero eigenvalues ∈ [1, 1e4], λ_max ∈ [1e-2, 1e2]'),
    hyp.real('‖E‖', 'W′ − W Gaussian of scale 10^[-2, 2]', 1e-2, 1e2, { scale: 'log' }),
  ],
  modes: { float: float64Field },
  confirm: decimal(CONFIRM_PRECISION),
  cases: { quick: { float: 40 }, default: { float: 300 }, deep: { float: 8000 } },
  generate: (_mode, profile) => (profile === 'deep' ? deepCases : cases),

  check(c, k) {
    const { F, u, num: n } = k;
    const { p, W0: W, L, Lstar: LstarTrue, r, lmax } = onQuadB(k, c);
    const { m } = c;
    const Lstar = c.spectralConstant === 'L' ? L : LstarTrue;

    // (i) the implementation's constants against the spectrum. Q (or B diag λ Bᵀ in the re-check) was formed in
    // float64 from a basis orthogonal to ≈ m·u64: its eigenvalues are λ_i ± 8m·u64·λ_max; Jacobi adds 8m·u·‖Q‖_F ≤
    // 8m^{3/2}u·λ_max.
    const tolEig = 32 * m * U64 * lmax + 8 * m ** 1.5 * u * lmax;
    const whyEig = '32m·u64·λ_max (Q formed in float64 from a Haar basis orthogonal to ≈ 4m·u64, measured) + 8m^{3/2}·u·λ_max (Jacobi), ×2 for L, ×2r for L_*';
    k.equal('info.L = 2λ_max(Q)', p.info.L, L, { tol: 2 * tolEig, why: whyEig });
    k.equal('info.Lstar = 2Σ_{i≤r}λ_i(Q)', p.info.Lstar, LstarTrue, { tol: 2 * r * tolEig, why: whyEig });
    // (ii) L ≤ L_* ≤ rL: a float sum of r non-negative terms is ≥ its largest term; ≤ r·max up to r·u64 relative.
    k.bound('L ≤ L_*', L, LstarTrue);
    k.bound('L_* ≤ rL', LstarTrue, r * L * (1 + r * U64), { why: 'r·u64 relative: a sum of r rounded terms' });

    // (iii) the inequalities at W, W' = W + E.
    const E = toField(F, c.E);
    const W2 = mat(m, c.n, W.data.map((x, i) => F.add(x, E.data[i])));
    const G = p.grad(W);
    const rem = F.sub(F.sub(p.loss(W2), p.loss(W)), inner(F, G, E)); // f(W′) − f(W) − ⟨∇f(W), E⟩
    const D = n(frobenius(F, sub(F, W, p.Wstar)));
    const D2 = n(frobenius(F, sub(F, W2, p.Wstar)));
    const e = n(frobenius(F, E));
    const eOp = n(spectral(F, E));
    const w2 = n(frobenius(F, W2));
    // rem is a difference of f(W'), f(W), ⟨G, E⟩, each a sum of mn products with the inner Q·D of m terms: error
    // ≤ 2(m + mn)·u·‖Q‖·(‖D‖² + ‖D'‖² + 2‖D‖‖E‖) (‖Q‖ ≤ λ_max up to the float formation, absorbed by the 2×); the
    // rounding of W' = W + E (u‖W'‖ per entry) moves f(W') by ≤ 2λ_max‖D'‖·u‖W'‖_F. The constants carry 4m·u64.
    // ‖Q‖ ≤ λ_max(1 + δ) with δ = ‖BᵀB − I‖_F of the float64 Haar basis Q is built from (measured in the field: in a
    // confirmation rung Q = B diag(λ) Bᵀ is formed exactly from that rounded B, so δ is a term no precision removes —
    // the ladder's near-tight confirmation met it at m = 1, B = −1.0000000000000004); 4m·u64 covers forming Q in float64.
    const B = toField(F, c.basis);
    const delta = n(frobenius(F, sub(F, matmul(F, transpose(B), B), identity(F, m))));
    const infl = 1 + 4 * m * U64 + 2 * delta;
    const tolRem = 2 * (m + m * c.n) * u * 2 * lmax * (D * D + D2 * D2 + 2 * D * e) + 4 * lmax * D2 * u * w2;
    const whyRem = '4(m + mn)·u·λ_max(‖D‖² + ‖D′‖² + 2‖D‖‖E‖) + 4λ_max‖D′‖·u‖W′‖_F: cancellation in f(W′) − f(W) − ⟨G, E⟩';
    k.bound('f(W′) ≤ f(W) + ⟨∇f, E⟩ + (L/2)‖E‖_F²', rem, (L / 2) * e * e * infl, { tol: tolRem, why: whyRem });
    k.bound('f(W′) ≤ f(W) + ⟨∇f, E⟩ + (L_{*}/2)‖E‖²', rem, (Lstar / 2) * eOp * eOp * infl, { tol: tolRem, why: whyRem });

    // ∇f(W′) − ∇f(W) = 2QE: two gradients of size 2λ_max‖D‖ with m-term products, a difference, then the norm; and
    // W′ = W + E is itself rounded (u‖W′‖_F in all), which moves ∇f(W′) by up to 2λ_max·u‖W′‖_F — the term the deep
    // profile showed missing (m = n = 1, |W| ≈ 2, ‖E‖ ≈ 3e-3: ΔG exceeded 2‖E‖ by one ulp of W; pinned).
    const dG = sub(F, p.grad(W2), G);
    const tolG = 4 * (m + 2) * u * 2 * lmax * (D + D2) * Math.sqrt(r) + 8 * m * c.n * u * n(frobenius(F, dG)) + 2 * 2 * lmax * u * w2 * Math.sqrt(r);
    const whyG = '4(m + 2)·u·2λ_max(‖D‖ + ‖D′‖)·√r + 8mn·u·‖ΔG‖ + 4λ_max·u‖W′‖_F·√r: two rounded gradients, the norm, and the rounding of W′ = W + E';
    k.bound('‖∇f(W′) − ∇f(W)‖_F ≤ L‖E‖_F', frobenius(F, dG), L * e * infl, { tol: tolG, why: whyG });
    k.bound('‖∇f(W′) − ∇f(W)‖_* ≤ L_*‖E‖', nuclear(F, dG), Lstar * eOp * infl, { tol: tolG, why: whyG });

    // (iv) sharpness: the constants are attained (so L_* is not a loose over-estimate).
    const Er = sharp(F, c, r);
    const opR = n(spectral(F, Er));
    const tolS = 64 * m * U64 * lmax * r + 8 * m * m * u * lmax * r;
    const whyS = '64m·u64·λ_max·r (Haar basis orthogonal to ≈ 4m·u64, squared twice) + 8m²·u·λ_max·r (the quadratic form)';
    k.bound('sharp: (L_{*}/2)‖E_r‖² ≤ tr(E_rᵀQE_r)', (Lstar / 2) * opR * opR, quadForm(k.la, p.Q, Er), { tol: tolS, why: whyS });
    k.bound('sharp: (L/2)‖e_1‖² ≤ e_1ᵀQe_1', L / 2, quadForm(k.la, p.Q, sharp(F, c, 1)), { tol: tolS, why: whyS });

    k.branch(e > 10 * D ? '‖E‖ ≫ ‖W − W*‖' : e < 0.1 * D ? '‖E‖ ≪ ‖W − W*‖' : '‖E‖ ≈ ‖W − W*‖');
    k.branch(c.rankQ < r ? 'rank Q < r: L_* sums zeros' : 'rank Q ≥ r');
    k.bin('shape', shapeBin(m, c.n));
    k.bin('Q rank', rankBin(c));
    k.bin('spectrum', c.pattern); // two-level and clustered: repeated eigenvalues of Q
    k.bin('size', quadBSizeBin(6, c));
    k.bin('L_*/(rL)', (LstarTrue / (r * L)).toFixed(1));
    k.bin('κ decade', decade(c.kappa, { lo: 0, hi: 3 })); // κ = 1e4 (the closed top end) counts in 1e3–1e4
  },

  probes: [
    probe({
      id: 'L-for-Lstar',
      drops: 'L_* replaced by L in the spectral-norm bounds (the sum over the top r eigenvalues is needed when r ≥ 2 and rank Q ≥ 2)',
      cases: cases.filter((c) => Math.min(c.m, c.n) >= 2 && c.rankQ >= 2).map((c) => ({ ...c, spectralConstant: 'L' as const })),
      runs: 60,
      what: 'the spectral smoothness bounds with L in place of L_*',
    }),
  ],
  // The search for the worst case moves ln κ, ln λ_max, ln ‖W0 − W*‖ (quadBSearch) and log10 ‖E‖_F (E any matrix: kept
  // in [1e-4, 1e4], the generator's range widened by its Gaussian's norm; same direction); shape, rank and frames stay.
  search: quadBSearch<SmoothCase>(1e4, {
    params: (c) => [Math.log10(Math.hypot(...c.E.data))],
    withParams(c, [le]) {
      const now = Math.hypot(...c.E.data);
      if (!(le! >= -4 && le! <= 4) || !(now > 0)) return undefined;
      const f = 10 ** le! / now;
      return { E: mat(c.m, c.n, c.E.data.map((x) => x * f)) };
    },
  }),
  bins: { shape: SHAPE_BINS, 'Q rank': RANK_BINS, spectrum: [...SPECTRUM_PATTERNS], size: quadBSizeBins(6) },
  deepOnly: { size: { bins: [quadBSizeBins(6)[1]!], why: 'cost: a case at max(m, n) = 7 … 50 takes the eigen-solve of Q by the implementation (up to 50×50), a nuclear and three spectral norms by Jacobi SVD, ~(m + n)³ each: up to ~400× a 6×6 case; deep draws it one case in four' } },
  branches: ['‖E‖ ≫ ‖W − W*‖', '‖E‖ ≪ ‖W − W*‖', '‖E‖ ≈ ‖W − W*‖', 'rank Q < r: L_* sums zeros', 'rank Q ≥ r'],
});
