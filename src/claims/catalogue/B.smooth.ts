import fc, { type Arbitrary } from 'fast-check';
import { exactField } from '../../arith/exact.ts';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { columns, inner, mat, sub, zeros, type Mat } from '../../linalg/mat.ts';
import { gaussian } from '../../random/matrices.ts';
import { rng } from '../../random/rng.ts';
import { probeSearch } from '../search.ts';
import type { Bound, CaseOutcome, CheckContext, Claim } from '../types.ts';
import { CONFIRM_PRECISION, constants, decade, fro, nuc, op, problemIn, quadBArbitrary, quadForm, rankBin, shapeBin, toField, U64, type QuadBCase } from './quadB-cases.ts';

/*
 * B.smooth (paper B §4, reconstructed): for P.quadB, f(W) = tr((W − W*)ᵀQ(W − W*)), W ∈ ℝ^{m×n},
 *   L = 2λ_max(Q) (Frobenius smoothness), L_* = 2·Σ_{i ≤ r} λ_i(Q) with r = min(m, n) (spectral/nuclear smoothness),
 *   and L ≤ L_* ≤ rL.
 * Derivation: f(W + E) = f(W) + ⟨∇f(W), E⟩ + tr(EᵀQE) and ∇f(W + E) − ∇f(W) = 2QE. max tr(EᵀQE) over ‖E‖_F ≤ 1 is
 * λ_max; over ‖E‖ ≤ 1 it is max tr(Q EEᵀ) with 0 ⪯ EEᵀ ⪯ I of rank ≤ n, i.e. the sum of the top r eigenvalues; and
 * ‖2QE‖_* ≤ 2Σ_{i≤r} σ_i(Q)σ_i(E) ≤ L_*‖E‖ (Horn/von Neumann), so L_* is also the Lipschitz constant of ∇f from the
 * spectral norm to its dual, the nuclear norm — the definition of B's Assumption (‖∇f(X) − ∇f(Y)‖_* ≤ L_*‖X − Y‖).
 * Checked: info.L/info.Lstar of the implementation against the spectrum Q was built from; L ≤ L_* ≤ rL; the quadratic
 * upper bounds and gradient-Lipschitz inequalities at random W, W' = W + E (E of random size, also ≫ W − W*); and
 * sharpness: E = the top-r eigenvectors of Q (‖E‖ = 1) attains L_{*}/2, E = the top eigenvector attains L/2.
 */

export interface SmoothCase extends QuadBCase {
  /** The second point W' = W0 + E. */
  readonly E: Mat<number>;
}

function withE(c: QuadBCase, logSize: number, seed: number): SmoothCase {
  const e = gaussian(rng(seed).fork('E'), c.m, c.n);
  const size = 10 ** logSize;
  return { ...c, E: mat(c.m, c.n, e.data.map((x) => x * size)) };
}

const arbitrary: Arbitrary<SmoothCase> = fc
  .record({ q: quadBArbitrary({ mMax: 6, nMax: 6, kappaMax: 1e4 }), logSize: fc.integer({ min: -2000, max: 2000 }), seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }) })
  .map(({ q, logSize, seed }) => withE(q, logSize / 1000, seed));

/** The sharp directions: top-r eigenvectors of Q as the columns of E (m ≥ n), or E = [B, 0] (m < n). */
function sharp<T>(F: Field<T>, c: QuadBCase, count: number): Mat<T> {
  const B = toField(F, c.basis);
  const top = columns(B, 0, Math.min(count, c.m));
  const out = zeros(F, c.m, c.n);
  for (let i = 0; i < c.m; i++) for (let j = 0; j < top.cols; j++) out.data[i * c.n + j] = top.data[i * top.cols + j];
  return out;
}

/** Q in the field: the float matrix itself, or (re-check) B diag(λ) Bᵀ formed in the field, exactly PSD, mirrored. */
export function qIn<T>(F: Field<T>, c: Pick<QuadBCase, 'm' | 'rankQ' | 'lambdas' | 'basis' | 'Q'>): Mat<T> {
  if (F.kind === 'float64') return c.Q as unknown as Mat<T>;
  const B = toField(F, c.basis);
  const l = c.lambdas.map((x) => F.of(x));
  const m = c.m;
  const out = new Array<T>(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      let s = F.zero;
      for (let k = 0; k < c.rankQ; k++) s = F.add(s, F.mul(l[k], F.mul(B.data[i * m + k], B.data[j * m + k])));
      out[i * m + j] = s;
      out[j * m + i] = s;
    }
  }
  return mat(m, m, out);
}

function checkIn<T>(F: Field<T>, c: SmoothCase, ctx: CheckContext, use: { Lstar?: 'true' | 'L' } = {}): CaseOutcome {
  const la = ctx.impl.over(F);
  const p = ctx.impl.problems.quadB(la, qIn(F, c), toField(F, c.Wstar));
  const { m, n } = c;
  const { L, Lstar: LstarTrue, r } = constants(c);
  const Lstar = use.Lstar === 'L' ? L : LstarTrue;
  const u = F.unitRoundoff;
  const lmax = c.lambdas[0];
  const bounds: Bound[] = [];
  // (i) the implementation's constants against the spectrum. Q (or B diag λ Bᵀ in the re-check) was formed in float64
  // from a basis orthogonal to ≈ m·u64: its eigenvalues are λ_i ± 8m·u64·λ_max; Jacobi adds 8m·u·‖Q‖_F ≤ 8m^{3/2}u·λ_max.
  const tolEig = 32 * m * U64 * lmax + 8 * m ** 1.5 * u * lmax;
  const tolTxt = '32m·u64·λ_max (Q formed in float64 from a Haar basis orthogonal to ≈ 4m·u64, measured) + 8m^{3/2}·u·λ_max (Jacobi), ×2 for L, ×2r for L_*';
  bounds.push({ name: 'info.L = 2λ_max(Q)', lhs: Math.abs(p.info.L - L), rhs: 2 * tolEig, holds: Math.abs(p.info.L - L) <= 2 * tolEig, tolerance: tolTxt });
  bounds.push({ name: 'info.Lstar = 2Σ_{i≤r}λ_i(Q)', lhs: Math.abs(p.info.Lstar - LstarTrue), rhs: 2 * r * tolEig, holds: Math.abs(p.info.Lstar - LstarTrue) <= 2 * r * tolEig, tolerance: tolTxt });
  // (ii) L ≤ L_* ≤ rL: a float sum of r non-negative terms is ≥ its largest term; ≤ r·max up to r·u.
  bounds.push({ name: 'L ≤ L_*', lhs: L, rhs: LstarTrue, holds: L <= LstarTrue });
  bounds.push({ name: 'L_* ≤ rL', lhs: LstarTrue, rhs: r * L * (1 + r * U64), holds: LstarTrue <= r * L * (1 + r * U64), tolerance: 'r·u64 relative: a sum of r rounded terms' });
  // (iii) the inequalities at W, W' = W + E.
  const W = toField(F, c.W0);
  const E = toField(F, c.E);
  const W2 = mat(m, n, W.data.map((x, i) => F.add(x, E.data[i])));
  const G = p.grad(W);
  const G2 = p.grad(W2);
  const rem = F.toNumber(F.sub(F.sub(p.loss(W2), p.loss(W)), inner(F, G, E)));
  const D = fro(F, sub(F, W, p.Wstar));
  const D2 = fro(F, sub(F, W2, p.Wstar));
  const e = fro(F, E);
  const eOp = op(F, E);
  // rem is a difference of f(W'), f(W), ⟨G, E⟩, each a sum of mn products with the inner Q·D of m terms: error
  // ≤ 2(m + mn)·u·‖Q‖·(‖D‖² + ‖D'‖² + 2‖D‖‖E‖) (‖Q‖ ≤ λ_max up to the float formation, absorbed by the 2×); the rounding
  // of W' = W + E (u‖W'‖ per entry) moves f(W') by ≤ 2λ_max‖D'‖·u‖W'‖_F.
  const w2 = fro(F, W2);
  const tolRem = 2 * (m + m * n) * u * 2 * lmax * (D * D + D2 * D2 + 2 * D * e) + 4 * lmax * D2 * u * w2;
  const remTxt = '4(m + mn)·u·λ_max(‖D‖² + ‖D′‖² + 2‖D‖‖E‖) + 4λ_max‖D′‖·u‖W′‖_F: cancellation in f(W′) − f(W) − ⟨G, E⟩';
  bounds.push({ name: 'f(W′) ≤ f(W) + ⟨∇f, E⟩ + (L/2)‖E‖_F²', lhs: rem, rhs: (L / 2) * e * e * (1 + 4 * m * U64) + tolRem, holds: rem <= (L / 2) * e * e * (1 + 4 * m * U64) + tolRem, tolerance: remTxt });
  bounds.push({ name: 'f(W′) ≤ f(W) + ⟨∇f, E⟩ + (L_{*}/2)‖E‖²', lhs: rem, rhs: (Lstar / 2) * eOp * eOp * (1 + 4 * m * U64) + tolRem, holds: rem <= (Lstar / 2) * eOp * eOp * (1 + 4 * m * U64) + tolRem, tolerance: remTxt });
  // ∇f(W′) − ∇f(W) = 2QE: two gradients of size 2λ_max‖D‖ with m-term products, a difference, then the norm; and
  // W′ = W + E is itself rounded (u‖W′‖_F in all), which moves ∇f(W′) by up to 2λ_max·u‖W′‖_F — the term the deep
  // profile showed missing (m = n = 1, |W| ≈ 2, ‖E‖ ≈ 3e-3: ΔG exceeded 2‖E‖ by one ulp of W).
  const dG = sub(F, G2, G);
  const tolG = 4 * (m + 2) * u * 2 * lmax * (D + D2) * Math.sqrt(r) + 8 * m * n * u * fro(F, dG) + 2 * 2 * lmax * u * w2 * Math.sqrt(r);
  const gTxt = '4(m + 2)·u·2λ_max(‖D‖ + ‖D′‖)·√r + 8mn·u·‖ΔG‖ + 4λ_max·u‖W′‖_F·√r: two rounded gradients, the norm, and the rounding of W′ = W + E';
  const dGF = fro(F, dG);
  const dGN = nuc(F, dG);
  bounds.push({ name: '‖∇f(W′) − ∇f(W)‖_F ≤ L‖E‖_F', lhs: dGF, rhs: L * e * (1 + 4 * m * U64) + tolG, holds: dGF <= L * e * (1 + 4 * m * U64) + tolG, tolerance: gTxt });
  bounds.push({ name: '‖∇f(W′) − ∇f(W)‖_* ≤ L_*‖E‖', lhs: dGN, rhs: Lstar * eOp * (1 + 4 * m * U64) + tolG, holds: dGN <= Lstar * eOp * (1 + 4 * m * U64) + tolG, tolerance: gTxt });
  // (iv) sharpness: the constants are attained (so L_* is not a loose over-estimate).
  const Er = sharp(F, c, r);
  const E1 = sharp(F, c, 1);
  const qr = F.toNumber(quadForm(la, p.Q, Er));
  const q1 = F.toNumber(quadForm(la, p.Q, E1));
  const opR = op(F, Er);
  const tolS = 64 * m * U64 * lmax * r + 8 * m * m * u * lmax * r;
  const sTxt = '64m·u64·λ_max·r (Haar basis orthogonal to ≈ 4m·u64, squared twice) + 8m²·u·λ_max·r (the quadratic form)';
  bounds.push({ name: 'sharp: (L_{*}/2)‖E_r‖² ≤ tr(E_rᵀQE_r)', lhs: (Lstar / 2) * opR * opR, rhs: qr + tolS, holds: (Lstar / 2) * opR * opR <= qr + tolS, tolerance: sTxt });
  bounds.push({ name: 'sharp: (L/2)‖e_1‖² ≤ e_1ᵀQe_1', lhs: L / 2, rhs: q1 + tolS, holds: L / 2 <= q1 + tolS, tolerance: sTxt });
  return {
    bounds,
    branches: [e > 10 * D ? '‖E‖ ≫ ‖W − W*‖' : e < 0.1 * D ? '‖E‖ ≪ ‖W − W*‖' : '‖E‖ ≈ ‖W − W*‖', c.rankQ < r ? 'rank Q < r: L_* sums zeros' : 'rank Q ≥ r'],
    bins: { shape: shapeBin(m, n), 'Q rank': rankBin(c), 'L_*/(rL)': (LstarTrue / (r * L)).toFixed(1), 'κ decade': decade(c.kappa, 0, 4) },
  };
}

const confirmField = exactField(CONFIRM_PRECISION);

export const claim: Claim<SmoothCase> = {
  id: 'B.smooth',
  title: 'P.quadB smoothness constants: L = 2λ_max(Q), L_* = 2·(sum of the top min(m,n) eigenvalues), L ≤ L_* ≤ rL',
  source: { paper: 'B', where: '§4 (Assumptions of Frobenius and spectral smoothness), Fig. 1 quadratic', equations: ['L', 'L_*', 'L ≤ L_* ≤ rL'] },
  provenance: 'reconstructed',
  statement:
    'For f(W) = tr((W − W*)ᵀQ(W − W*)): f(W′) ≤ f(W) + ⟨∇f(W), W′ − W⟩ + (L/2)‖W′ − W‖_F² and + (L_{*}/2)‖W′ − W‖², ‖∇f(W′) − ∇f(W)‖_F ≤ L‖W′ − W‖_F and ‖·‖_* ≤ L_*‖W′ − W‖, with L = 2λ_max(Q), L_* = 2Σ_{i≤min(m,n)}λ_i(Q) (both attained), and L ≤ L_* ≤ rL.',
  hypotheses: [
    { name: 'm, n', text: 'W ∈ ℝ^{m×n}', domain: { kind: 'int', min: 1, max: 6 } },
    { name: 'Q', text: 'Q ⪰ 0, any rank 1…m, κ on its nonzero eigenvalues ∈ [1, 1e4], λ_max ∈ [1e-2, 1e2]', domain: { kind: 'structure' } },
    { name: '‖E‖', text: "W′ − W Gaussian of scale 10^[-2, 2]", domain: { kind: 'real', min: 1e-2, max: 1e2, closed: 'both', scale: 'log' } },
  ],
  modes: ['float'],
  cases: { quick: { float: 40 }, default: { float: 300 }, deep: { float: 8000 } },
  arbitrary: () => arbitrary,
  check: (c, ctx) => (ctx.mode === 'float' ? checkIn(float64, c, ctx) : checkIn(confirmField, c, ctx)),
  confirm: (c, ctx) => checkIn(confirmField, c, ctx),
  probes: [
    {
      id: 'L-for-Lstar',
      drops: 'L_* replaced by L in the spectral-norm bounds (the sum over the top r eigenvalues is needed when r ≥ 2 and rank Q ≥ 2)',
      run: ({ seed, impl }) =>
        probeSearch(
          arbitrary.filter((c) => Math.min(c.m, c.n) >= 2 && c.rankQ >= 2),
          (c) => checkIn(float64, c, { mode: 'float', impl }, { Lstar: 'L' }),
          seed,
          60,
          'the spectral smoothness bounds with L in place of L_*',
        ),
    },
  ],
  binSpace: { shape: ['square', 'tall', 'wide'], 'Q rank': ['rank 1', 'low rank', 'full rank'] },
  branchSpace: ['‖E‖ ≫ ‖W − W*‖', '‖E‖ ≪ ‖W − W*‖', '‖E‖ ≈ ‖W − W*‖', 'rank Q < r: L_* sums zeros', 'rank Q ≥ r'],
};

export default claim;
