import fc from 'fast-check';
import type { Field } from '../../arith/field.ts';
import { buildWedin, sizes, wedinCases, wedinGapNegative, type WedinCase } from '../../generators/perturbation.ts';
import { columns, mat, matmul, sub, transpose, type Mat } from '../../linalg/mat.ts';
import { spectral } from '../../linalg/norms.ts';
import { decade, decimal, defineClaim, float64Field, hyp, probe, shapeBin, SHAPE_BINS, type Ctx } from '../kit/index.ts';

/*
 * A.L19 — paper A, Lemma 19, App. F, (194), "adapted from Equation (4.4) in Wedin (1972)" [P.-Å. Wedin, Perturbation
 * bounds in connection with singular value decomposition, BIT 12 (1972) 99–111]; used in (84) (iii), the proof of
 * Lemma 4. literature.
 *
 * The seeds keep the words ("For any two matrices A, Ã, denote the best rank-r approximations by A_r, Ã_r. We define
 * the eigengap δ. Then (194)") and strip the formulas; Wedin's (4.4) could not be read from the stored sources. The
 * form checked is Wedin's sin θ theorem in the spectral norm with the residuals bounded by ‖E‖ (R = −EṼ_r,
 * S = −EᵀŨ_r), and the bound on the best rank-r approximations it gives:
 *   (194a)  max(‖sin Θ(U_r, Ũ_r)‖, ‖sin Θ(V_r, Ṽ_r)‖) ≤ ‖E‖/δ,
 *   (194)   ‖A_r − Ã_r‖ ≤ (1 + 2‖A‖/δ)‖E‖,
 * E = Ã − A, δ = σ_r(Ã) − σ_{r+1}(A) > 0 (Wedin's gap; δ ≥ δ_A − ‖E‖ for the eigengap δ_A = σ_r(A) − σ_{r+1}(A) by
 * Weyl). (194) follows from (194a): Ã_r − A_r = P̃ÃQ̃ − PAQ = P̃EQ̃ + (P̃ − P)AQ̃ + A_r(Q̃ − Q) with ‖P̃ − P‖ = ‖sin Θ_U‖.
 *
 * Tight: (194a) is attained as ‖E‖/δ → 0 along E = η(u_r v_{r+1}ᵀ + u_{r+1}v_rᵀ) (family 'coupled': the 2×2 block
 * [[σ_r, η], [η, σ_{r+1}]] turns by ½·atan(2η/(σ_r − σ_{r+1})), ratio 1 − O(x²), x = η/δ_A); the target search climbs
 * x → 0. (194) is not: its worst ratio is about ½ (the first-order change of A_r is ‖E‖σ_r/δ, not ‖E‖(1 + 2σ₁/δ)).
 *
 * Cases (generators/perturbation.ts): A = U diag(s) Vᵀ Haar frames, σ_r ∈ [0.2, 1], σ_{r+1} = g·σ_r with g = 0 one case
 * in eight (A of rank r) or uniform in [0, 0.99]; ‖E‖ = x·δ_A with x ∈ [1e-4, 0.9] (so δ > 0), E coupled or Gaussian.
 *
 * Float tolerance: Jacobi computes each singular subspace to within ~p·u·‖A‖/gap (p = max(m, n)), so each sin Θ is
 * within 16p·u·(‖A‖ + ‖Ã‖)(1/gap_A + 1/gap_Ã), gap = σ_r − σ_{r+1} of each; A_r and Ã_r within
 * 16p·u·(‖A‖ + ‖Ã‖)(1 + ‖A‖/gap_A + ‖Ã‖/gap_Ã); ‖E‖ and δ to 4p·u relative. A float failure is re-checked in
 * decimal(40) (the same doubles; Jacobi at 40 digits); small shapes also run there.
 */

const CONFIRM = decimal(40);
const sizeBin = (p: number): string => (p <= 5 ? '2–5' : p <= 10 ? '6–10' : '11–50');
/** ‖sin Θ(Q₁, Q₂)‖ = ‖Q₁ − Q₂(Q₂ᵀQ₁)‖ for orthonormal Q₁, Q₂ of the same width. */
function sinTheta<T>(F: Field<T>, Q1: Mat<T>, Q2: Mat<T>): T {
  return spectral(F, sub(F, Q1, matmul(F, Q2, matmul(F, transpose(Q2), Q1))));
}

export default defineClaim<WedinCase>({
  id: 'A.L19',
  title: 'Wedin (1972): max ‖sin Θ‖ ≤ ‖E‖/δ and ‖A_r − Ã_r‖ ≤ (1 + 2‖A‖/δ)‖E‖ for the best rank-r approximations, δ = σ_r(Ã) − σ_{r+1}(A) > 0',
  source: { paper: 'A', where: 'Lemma 19, App. F (adapted from Wedin, BIT 12 (1972), Eq. (4.4)); used in (84) (iii), proof of Lemma 4', equations: ['(194)', '(84)'] },
  provenance: 'literature',
  statement:
    'For A, Ã = A + E ∈ ℝ^{m×n}, 1 ≤ r < min(m, n), δ = σ_r(Ã) − σ_{r+1}(A) > 0 and U_r, V_r (Ũ_r, Ṽ_r) the leading r singular frames: (194a) max(‖sin Θ(U_r, Ũ_r)‖, ‖sin Θ(V_r, Ṽ_r)‖) ≤ ‖E‖/δ; ' +
    '(194) ‖A_r − Ã_r‖ ≤ (1 + 2‖A‖/δ)‖E‖ (spectral norm). Form reconstructed (the seeds strip (194)).',
  hypotheses: [
    hyp.int('m, n', 'A ∈ ℝ^{m×n}, min(m, n) ≥ 2 (default ≤ 10; deep to the paper’s d = 50)', 2, 50),
    hyp.int('r', '1 ≤ r < min(m, n)', 1, 49),
    hyp.real('δ', 'δ = σ_r(Ã) − σ_{r+1}(A) > 0 (ensured by ‖E‖ = x·δ_A, x ∈ [1e-4, 0.9])', 0, 1, { necessary: true }),
    hyp.real('σ_{r+1}/σ_r', 'eigengap of A: σ_{r+1}/σ_r = 0 (rank r) or ∈ [0, 0.99]', 0, 0.99),
  ],
  modes: { float: float64Field, exact: CONFIRM },
  cases: { quick: { float: 60, exact: 4 }, default: { float: 300, exact: 12 }, deep: { float: 20_000, exact: 400 } },
  generate: (mode, profile) => wedinCases(mode === 'exact' ? { m: fc.integer({ min: 2, max: 4 }), n: fc.integer({ min: 2, max: 4 }) } : { m: sizes(profile, 2), n: sizes(profile, 2) }),

  check<T>(c: WedinCase, k: Ctx<T>) {
    const { F, u, la } = k;
    const num = k.num;
    const { m, n, r } = c;
    const p = Math.min(m, n);
    const A = mat(m, n, c.A.map((x) => F.of(x)));
    const At = mat(m, n, c.At.map((x) => F.of(x)));
    const sv = la.svd(A);
    const st = la.svd(At);
    const [Ur, Vr, Utr, Vtr] = [columns(sv.U, 0, r), columns(sv.V, 0, r), columns(st.U, 0, r), columns(st.V, 0, r)];
    const next = r < p ? sv.s[r]! : F.zero;
    const nextT = r < p ? st.s[r]! : F.zero;
    const delta = F.sub(st.s[r - 1]!, next); // Wedin's δ = σ_r(Ã) − σ_{r+1}(A)
    const E = spectral(F, sub(F, At, A));
    const normA = sv.s[0]!;
    const normAt = st.s[0]!;
    const gapA = num(sv.s[r - 1]!) - num(next);
    const gapT = num(st.s[r - 1]!) - num(nextT);
    k.bin('shape', shapeBin(m, n));
    k.bin('size', sizeBin(Math.max(m, n)));
    k.bin('r', r === 1 ? 'r = 1' : 'r ≥ 2');
    k.bin('σ_{r+1}/σ_r', c.gapRatio === 0 ? '0 (A of rank r)' : c.gapRatio < 0.5 ? '(0, 0.5)' : '[0.5, 0.99]');
    k.bin('‖E‖/δ_A', decade(c.x, { lo: -4, hi: -1 }));
    k.bin('E', c.family);
    k.branch(c.gapRatio === 0 ? 'A of rank r (σ_{r+1} = 0)' : 'gap inside the spectrum');
    if (c.family === 'coupled') k.branch('coupled: sin θ attained as x → 0');

    const scale = num(normA) + num(normAt);
    const tolSin = 16 * Math.max(m, n) * u * scale * (1 / gapA + 1 / gapT);
    const eOverDelta = F.div(E, delta);
    const why = '16p·u·(‖A‖ + ‖Ã‖)/gap per singular subspace (Jacobi), 4p·u relative on ‖E‖ and δ (header)';
    const sinU = sinTheta(F, Ur, Utr);
    const sinV = sinTheta(F, Vr, Vtr);
    const sinMax = F.lt(sinU, sinV) ? sinV : sinU;
    k.bound('(194a) sin θ', sinMax, eOverDelta, { tol: tolSin + 8 * Math.max(m, n) * u * Math.abs(num(eOverDelta)), why });
    const Ar = matmul(F, matmul(F, Ur, mat(r, r, Array.from({ length: r * r }, (_, i) => (i % (r + 1) === 0 ? sv.s[i / (r + 1)]! : F.zero)))), transpose(Vr));
    const Atr = matmul(F, matmul(F, Utr, mat(r, r, Array.from({ length: r * r }, (_, i) => (i % (r + 1) === 0 ? st.s[i / (r + 1)]! : F.zero)))), transpose(Vtr));
    const rhs = F.mul(F.add(F.one, F.div(F.mul(F.of(2), normA), delta)), E);
    const tolAr = 16 * Math.max(m, n) * u * scale * (1 + num(normA) / gapA + num(normAt) / gapT);
    k.bound('(194) A_r', spectral(F, sub(F, Ar, Atr)), rhs, { tol: tolAr + 8 * Math.max(m, n) * u * Math.abs(num(rhs)), why });
    k.trace(() => ({ delta: num(delta), E: num(E), sinU: num(sinU), sinV: num(sinV), gapA, gapT }));
  },

  probes: [
    probe({
      id: 'gap-negative',
      hypothesis: 'δ',
      drops: 'δ > 0 dropped: Ã with its top r singular values moved below σ_{r+1}(A) (same frames, values exchanged), δ < 0: Ã_r spans A’s (r+1)-th direction',
      cases: wedinGapNegative({ m: fc.integer({ min: 2, max: 6 }), n: fc.integer({ min: 2, max: 6 }) }),
      runs: { quick: 10, default: 10, deep: 200 },
      what: '(194a)',
    }),
  ],
  search: {
    // log10 x = log10(‖E‖/δ_A) and σ_{r+1}/σ_r: (194a) climbs to 1 as x → 0 along the coupled direction.
    params: (c) => [Math.log10(c.x), c.gapRatio],
    withParams(c, [lx, g]) {
      if (c.family === 'gap-negative' || !(lx! >= -8 && lx! <= Math.log10(0.9) && g! >= 0 && g! <= 0.99)) return undefined;
      return buildWedin({ m: c.m, n: c.n, r: c.r, family: c.family, seed: c.seed, x: 10 ** lx!, gapRatio: c.gapRatio === 0 ? 0 : g! });
    },
    steps: [0.5, 0.1],
    evaluations: { default: 24, deep: 400 },
  },
  bins: {
    shape: SHAPE_BINS,
    size: ['2–5', '6–10', '11–50'],
    r: ['r = 1', 'r ≥ 2'],
    'σ_{r+1}/σ_r': ['0 (A of rank r)', '(0, 0.5)', '[0.5, 0.99]'],
    '‖E‖/δ_A': ['1e-4–1e-3', '1e-3–1e-2', '1e-2–1e-1', '1e-1–1e0'],
    E: ['coupled', 'random'],
  },
  deepOnly: { size: { bins: ['11–50'], why: 'two Jacobi SVDs and four spectral norms of up to 50×50 matrices per case: the paper’s d = 50 in the deep profile only' } },
  branches: ['A of rank r (σ_{r+1} = 0)', 'gap inside the spectrum', 'coupled: sin θ attained as x → 0'],
  fromJSON: (v) => v as WedinCase,
});
