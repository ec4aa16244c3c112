import fc from 'fast-check';
import { pairSearch, polarPairs, rankDiffersPairs, spectralWitnessPairs, sizes, type PolarPair } from '../../generators/perturbation.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { defaultRankCutoff } from '../../linalg/msign.ts';
import { polarSides } from '../../linalg/polar-perturbation.ts';
import { decade, decimal, defineClaim, float64Field, hyp, probe, shapeBin, SHAPE_BINS } from '../kit/index.ts';

/*
 * A.L17 — paper A, Lemma 17, App. F, (192), "adapted from Theorem 2.1 in Li and Sun (2006)" [W. Li, W. Sun, Some
 * remarks on the perturbation of polar decompositions for rectangular matrices, Numer. Linear Algebra Appl. 13(4)
 * (2006) 327–338]; used in (84) (i), the proof of Lemma 4. literature.
 *
 * The formula (192) is stripped from the seeds ("For arbitrary two matrices of the same rank r, we have (192)"), and
 * the exact statement of Li–Sun's Theorem 2.1 could not be read from the stored sources (its abstract: absolute
 * bounds "in unitarily invariant norms and in spectral norm ... for any rectangular complex matrices" of rank r). The
 * form checked is the same-rank bound with Li's (1995) constant, in the Frobenius norm:
 *   (192)_F  ‖msign A − msign B‖_F ≤ 2‖A − B‖_F/(σ_r(A) + σ_r(B)),   rank A = rank B = r,
 * and in the spectral norm where it is classical (Li 1995, Thm 1: square, full rank):
 *   (192)₂   ‖msign A − msign B‖₂ ≤ 2‖A − B‖₂/(σ_r(A) + σ_r(B)),    m = n = r.
 * Finding (probe 'spectral-rank-deficient'): the spectral form with this constant is false for rank-deficient pairs —
 * first-order ratio (1 + √17)/4 ≈ 1.28 at m = n = 3, r = 2 (numerical search, then the closed form in
 * generators/perturbation.ts); a spectral (192) needs a larger constant, so a proof that uses (192) in ‖·‖₂ for
 * rank-deficient or rectangular matrices (as (84) may) needs the Frobenius form or another constant.
 *
 * Tight: for A = σQ_A, B = σQ_B (equal flat spectra) both sides equal ‖Q_A − Q_B‖ (family 'flat', every θ), so the
 * constant 2 cannot be lowered. Cases: factors A = L_A R_Aᵀ, B = L_B R_Bᵀ (generators/perturbation.ts: B's frames are
 * polar(U + θG) of A's, θ ∈ [1e-6, 3]; spectra flat, general (σ_r/σ₁ ≥ 1e-3) or near-degenerate (1e-6 … 1e-5)),
 * formed in the field of the mode.
 *
 * Float tolerance: A and B are formed with ≤ r²u‖A‖ rounding (rank-r noise below msign's cut-off max(m, n)·2u·σ₁) and
 * Jacobi's backward error is ~p·u‖A‖ (p = max(m, n)); the retained part of msign moves by ≤ 2‖δA‖/σ_r (Li), so the
 * left side carries ≤ 16(p + r²)√r·u·(κ_A + κ_B), κ = σ₁/σ_r, and the right side ~4p·u relative: both are added.
 * A float failure is re-checked in decimal(50) (the same doubles, the factors multiplied there, Jacobi at 50 digits).
 */

const CONFIRM = decimal(50);
const sizeBin = (p: number): string => (p <= 5 ? '1–5' : p <= 10 ? '6–10' : '11–50');
const tiny = fc.integer({ min: 1, max: 4 });

export default defineClaim<PolarPair>({
  id: 'A.L17',
  title: 'msign perturbation for matrices of the same rank r: ‖msign A − msign B‖_F ≤ 2‖A − B‖_F/(σ_r(A) + σ_r(B)) (Li–Sun 2006, Thm 2.1)',
  source: { paper: 'A', where: 'Lemma 17, App. F (adapted from Li & Sun, Numer. Linear Algebra Appl. 13 (2006), Thm 2.1); used in (84) (i), proof of Lemma 4', equations: ['(192)', '(84)'] },
  provenance: 'literature',
  statement:
    'For A, B ∈ ℝ^{m×n} with rank A = rank B = r: (192)_F ‖msign A − msign B‖_F ≤ 2‖A − B‖_F/(σ_r(A) + σ_r(B)); and, for m = n = r (Li 1995, Thm 1), the same in the spectral norm. ' +
    'Form reconstructed (the seeds strip (192)); the spectral form outside m = n = r fails (probe spectral-rank-deficient).',
  hypotheses: [
    hyp.int('m, n', 'A, B ∈ ℝ^{m×n}, any shape (default m, n ≤ 10; deep to the paper’s d = 50)', 1, 50),
    hyp.int('rank', 'rank A = rank B = r ≥ 1 (full rank one case in three)', 1, 50, { necessary: true }),
    hyp.real('θ', 'B’s singular frames: polar(U + θG), θ ∈ [1e-6, 3] (B anywhere relative to A)', 1e-6, 3, { scale: 'log' }),
    hyp.real('σ_r/σ_1', 'σ_r/σ₁ of A and B: 1 (flat), [1e-3, 1] or 1e-6 … 1e-5 (near-degenerate)', 1e-6, 1, { scale: 'log' }),
    hyp.choice('norm', 'Frobenius always; spectral only for m = n = r (Li 1995, Thm 1)', ['F', '2'], { necessary: true }),
  ],
  modes: { float: float64Field, exact: CONFIRM },
  cases: { quick: { float: 60, exact: 4 }, default: { float: 300, exact: 12 }, deep: { float: 20_000, exact: 400 } },
  generate: (mode, profile) => polarPairs(mode === 'exact' ? { m: tiny, n: tiny, fullColumnRank: false } : { m: sizes(profile), n: sizes(profile), fullColumnRank: false }),

  check(c, k) {
    const { F, u } = k;
    const s = polarSides(k.la, c, c.spectral);
    const p = Math.max(c.m, c.n);
    const r = Math.max(c.rA, c.rB);
    const num = k.num;
    // The case must have the ranks it declares at msign's cut-off (a float product of rank-r factors carries noise
    // singular values ~r²u·σ₁, below max(m, n)·2u·σ₁ in practice; checked, not assumed).
    const cut = defaultRankCutoff(F, c.m, c.n);
    if (!(num(s.nextA) <= cut * num(s.sigma1A) && num(s.sigmaA) > cut * num(s.sigma1A) && num(s.nextB) <= cut * num(s.sigma1B) && num(s.sigmaB) > cut * num(s.sigma1B)))
      return k.inconclusive(`rank not resolved at msign's cut-off (σ_{r+1}/σ₁ = ${num(s.nextA) / num(s.sigma1A)}, ${num(s.nextB) / num(s.sigma1B)})`);
    const full = c.rA === Math.min(c.m, c.n);
    k.bin('shape', shapeBin(c.m, c.n));
    k.bin('size', sizeBin(p));
    k.bin('rank', full ? 'full' : 'deficient');
    k.bin('spectrum', c.family === 'flat' ? 'flat (equality)' : c.family === 'near-degenerate' ? 'near-degenerate σ_r' : 'general');
    k.bin('θ', decade(c.theta, { lo: -6, hi: 0 }));
    k.branch(c.m === c.n && full ? 'm = n = r: Sylvester block only' : 'complement blocks (rectangular or rank-deficient)');
    if (c.family === 'flat') k.branch('flat spectra: equality');

    const kappa = num(s.sigma1A) / num(s.sigmaA) + num(s.sigma1B) / num(s.sigmaB);
    const denom = F.add(s.sigmaA, s.sigmaB);
    const rhsF = F.div(F.mul(F.of(2), s.dF), denom);
    const why = '16(p + r²)√r·u·(κ_A + κ_B) on msign (forming A, B and Jacobi, through Li), 4p·u relative on the right (header)';
    k.bound('(192)_F', s.dQF, rhsF, { tol: 16 * (p + r * r) * Math.sqrt(r) * u * kappa + 4 * p * u * num(rhsF), why });
    if (c.spectral && s.dQ2 !== undefined && s.d2 !== undefined) {
      const rhs2 = F.div(F.mul(F.of(2), s.d2), denom);
      k.bound('(192)₂ (m = n = r)', s.dQ2, rhs2, { tol: 16 * (p + r * r) * Math.sqrt(r) * u * kappa + 8 * p * u * num(rhs2), why });
    }
    k.trace(() => ({ sigmaA: num(s.sigmaA), sigmaB: num(s.sigmaB), dF: num(s.dF), dQF: num(s.dQF) }));
  },

  probes: [
    probe({
      id: 'rank-differs',
      hypothesis: 'rank',
      drops: 'rank A = rank B dropped: B = A + ε u vᵀ (u, v orthogonal to A’s frames), rank r + 1, ε = (0.01 … 0.5)·σ_r(A): msign moves by u vᵀ (norm 1) against 2ε/(σ_r(A) + ε) < 1',
      cases: rankDiffersPairs(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 6 })),
      runs: { quick: 20, default: 20, deep: 500 },
      what: '(192)_F',
    }),
    probe({
      id: 'spectral-rank-deficient',
      hypothesis: 'norm',
      drops: 'the spectral form outside m = n = r: rank-2 pairs in ℝ^{n×n}, n ≥ 3, along the first-order worst direction (ratio (1 + √17)/4 ≈ 1.28)',
      cases: spectralWitnessPairs('rank-deficient', fc.integer({ min: 3, max: 6 })),
      runs: { quick: 10, default: 10, deep: 200 },
      what: '(192)₂',
    }),
    probe({ id: 'entrywise-sign', drops: 'msign replaced by the entrywise sign (a planted bug: not the polar factor)', impl: msignIsEntrywiseSign.impl, runs: { quick: 60, default: 100, deep: 1000 }, what: '(192)_F' }),
  ],
  search: pairSearch,
  bins: {
    shape: SHAPE_BINS,
    size: ['1–5', '6–10', '11–50'],
    rank: ['full', 'deficient'],
    spectrum: ['flat (equality)', 'general', 'near-degenerate σ_r'],
    θ: ['1e-6–1e-5', '1e-5–1e-4', '1e-4–1e-3', '1e-3–1e-2', '1e-2–1e-1', '1e-1–1e0', '1e0–1e1'],
  },
  deepOnly: { size: { bins: ['11–50'], why: 'Jacobi SVDs of up to 50×50 pairs (three per case, ~0.1 s each in float): the paper’s d = 50 in the deep profile only' } },
  branches: ['m = n = r: Sylvester block only', 'complement blocks (rectangular or rank-deficient)', 'flat spectra: equality'],
  fromJSON: (v) => v as PolarPair,
});
