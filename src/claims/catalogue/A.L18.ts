import fc from 'fast-check';
import { pairSearch, polarPairs, spectralWitnessPairs, sizes, type PolarPair } from '../../generators/perturbation.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { defaultRankCutoff } from '../../linalg/msign.ts';
import { polarSides } from '../../linalg/polar-perturbation.ts';
import { decade, decimal, defineClaim, float64Field, hyp, probe } from '../kit/index.ts';

/*
 * A.L18 — paper A, Lemma 18, App. F, (193), "adapted from Theorem 2 in Li (1995)" [R.-C. Li, New perturbation bounds
 * for the unitary polar factor, SIAM J. Matrix Anal. Appl. 16(1) (1995) 327–332]. literature.
 *
 * The formula (193) is stripped from the seeds ("For arbitrary two matrices A, B ∈ ℝ^{m×n} (m ≥ n) of full column
 * rank, we have (193)"); the spec's catalogue gives the shape ‖msign A − msign B‖ ≤ 2‖A − B‖/(σ_min(A) + σ_min(B)).
 * Li's Theorem 1 states it for square matrices in every unitarily invariant norm; for m > n his bound is the Frobenius
 * one (the exact wording of his Theorem 2 is not in the stored sources; the Frobenius form is the one other work
 * quotes for rectangular full-rank matrices). Checked:
 *   (193)_F  ‖msign A − msign B‖_F ≤ 2‖A − B‖_F/(σ_n(A) + σ_n(B)),   m ≥ n = rank A = rank B;
 *   (193)₂   the same in the spectral norm, for m = n (Theorem 1).
 * Finding (probe 'spectral-tall'): the spectral form is false for m > n. A = [I₂; 0] ∈ ℝ^{3×2}, B = A + εE with E's
 * 3×2 block [[0, ½], [−3/2, 0], [0, √2]]: msign moves by [skew(E₁₁); E₂₁] to first order, ‖·‖₂ = (2/√3)‖E‖₂, so
 * lhs/rhs → 2/√3 ≈ 1.155 as ε → 0 (numerical search over 3×2 pairs: 1.1507). Paper A writes ‖·‖ for the spectral norm;
 * if (193) is read in it for m > n, the constant 2 is wrong (≥ 2.31 is needed): it holds in ‖·‖_F, or for m = n.
 *
 * Tight: for A = σQ_A, B = σQ_B with Q_A, Q_B ∈ O^{m×n} both sides equal ‖Q_A − Q_B‖ (family 'flat'), so the constant
 * is attained in both norms. Cases as A.L17's with r = n ≤ m (generators/perturbation.ts).
 *
 * Float tolerance: as A.L17 (forming A, B from factors: n²u‖A‖; Jacobi: ~m·u‖A‖; through Li into msign:
 * 16(m + n²)√n·u·(κ_A + κ_B); the right side 4m·u relative). A float failure is re-checked in decimal(50).
 */

const CONFIRM = decimal(50);
const sizeBin = (p: number): string => (p <= 5 ? '1–5' : p <= 10 ? '6–10' : '11–50');
const tiny = fc.integer({ min: 1, max: 4 });

export default defineClaim<PolarPair>({
  id: 'A.L18',
  title: 'msign perturbation for full column rank: ‖msign A − msign B‖_F ≤ 2‖A − B‖_F/(σ_n(A) + σ_n(B)), m ≥ n; spectral for m = n (Li 1995)',
  source: { paper: 'A', where: 'Lemma 18, App. F (adapted from R.-C. Li, SIAM J. Matrix Anal. Appl. 16 (1995), Thm 2; Thm 1 for m = n)', equations: ['(193)'] },
  provenance: 'literature',
  statement:
    'For A, B ∈ ℝ^{m×n}, m ≥ n, both of full column rank: (193)_F ‖msign A − msign B‖_F ≤ 2‖A − B‖_F/(σ_n(A) + σ_n(B)); for m = n also (193)₂ in the spectral norm. ' +
    'The spectral form fails for m > n (probe spectral-tall: lhs/rhs → 2/√3).',
  hypotheses: [
    hyp.int('m', 'm ≥ n (m, n drawn independently, swapped when m < n: square about one case in five; default m ≤ 10, deep to the paper’s d = 50)', 1, 50),
    hyp.int('n', 'rank A = rank B = n (full column rank)', 1, 50),
    hyp.real('θ', 'B’s singular frames: polar(U + θG), θ ∈ [1e-6, 3]', 1e-6, 3, { scale: 'log' }),
    hyp.real('σ_n/σ_1', 'σ_n/σ₁ of A and B: 1 (flat), [1e-3, 1] or 1e-6 … 1e-5 (near-degenerate)', 1e-6, 1, { scale: 'log' }),
    hyp.choice('norm', 'Frobenius for every m ≥ n; spectral only for m = n (Li 1995, Thm 1)', ['F', '2'], { necessary: true }),
  ],
  modes: { float: float64Field, exact: CONFIRM },
  cases: { quick: { float: 60, exact: 4 }, default: { float: 300, exact: 12 }, deep: { float: 20_000, exact: 400 } },
  generate: (mode, profile) => polarPairs(mode === 'exact' ? { m: tiny, n: tiny, fullColumnRank: true } : { m: sizes(profile), n: sizes(profile), fullColumnRank: true }),

  check(c, k) {
    const { F, u } = k;
    const spectralForm = c.spectral || c.m === c.n;
    const s = polarSides(k.la, c, spectralForm);
    const num = k.num;
    const cut = defaultRankCutoff(F, c.m, c.n);
    if (!(num(s.sigmaA) > cut * num(s.sigma1A) && num(s.sigmaB) > cut * num(s.sigma1B))) return k.inconclusive('σ_n at msign’s cut-off: full column rank not resolved');
    k.bin('shape', c.m === c.n ? 'square' : 'tall');
    k.bin('size', sizeBin(c.m));
    k.bin('n', c.n === 1 ? '1 (a vector)' : '≥ 2');
    k.bin('spectrum', c.family === 'flat' ? 'flat (equality)' : c.family === 'near-degenerate' ? 'near-degenerate σ_n' : 'general');
    k.bin('θ', decade(c.theta, { lo: -6, hi: 0 }));
    k.branch(c.m === c.n ? 'm = n: Sylvester block only (Thm 1)' : 'm > n: the complement block U₂ᵀŨ₁');
    if (c.family === 'flat') k.branch('flat spectra: equality');

    const p = c.m;
    const r = c.n;
    const kappa = num(s.sigma1A) / num(s.sigmaA) + num(s.sigma1B) / num(s.sigmaB);
    const denom = F.add(s.sigmaA, s.sigmaB);
    const base = 16 * (p + r * r) * Math.sqrt(r) * u * kappa;
    const why = '16(m + n²)√n·u·(κ_A + κ_B) on msign (forming A, B and Jacobi, through Li), 4m·u relative on the right (header)';
    const rhsF = F.div(F.mul(F.of(2), s.dF), denom);
    k.bound('(193)_F', s.dQF, rhsF, { tol: base + 4 * p * u * num(rhsF), why });
    if (spectralForm && s.dQ2 !== undefined && s.d2 !== undefined) {
      const rhs2 = F.div(F.mul(F.of(2), s.d2), denom);
      k.bound('(193)₂ (m = n)', s.dQ2, rhs2, { tol: base + 8 * p * u * num(rhs2), why });
    }
    k.trace(() => ({ sigmaA: num(s.sigmaA), sigmaB: num(s.sigmaB), dF: num(s.dF), dQF: num(s.dQF) }));
  },

  probes: [
    probe({
      id: 'spectral-tall',
      hypothesis: 'norm',
      drops: 'm = n dropped for the spectral form: m > n ≥ 2, B = A + εE along the first-order worst direction (lhs/rhs → 2/√3 ≈ 1.155)',
      cases: spectralWitnessPairs('tall', fc.integer({ min: 2, max: 5 })),
      runs: { quick: 10, default: 10, deep: 200 },
      what: '(193)₂',
    }),
    probe({ id: 'entrywise-sign', drops: 'msign replaced by the entrywise sign (a planted bug: not the polar factor)', impl: msignIsEntrywiseSign.impl, runs: { quick: 60, default: 100, deep: 1000 }, what: '(193)_F' }),
  ],
  search: pairSearch,
  bins: {
    shape: ['square', 'tall'],
    size: ['1–5', '6–10', '11–50'],
    n: ['1 (a vector)', '≥ 2'],
    spectrum: ['flat (equality)', 'general', 'near-degenerate σ_n'],
    θ: ['1e-6–1e-5', '1e-5–1e-4', '1e-4–1e-3', '1e-3–1e-2', '1e-2–1e-1', '1e-1–1e0', '1e0–1e1'],
  },
  deepOnly: { size: { bins: ['11–50'], why: 'Jacobi SVDs of up to 50×50 pairs (three per case): the paper’s d = 50 in the deep profile only' } },
  branches: ['m = n: Sylvester block only (Thm 1)', 'm > n: the complement block U₂ᵀŨ₁', 'flat spectra: equality'],
  fromJSON: (v) => v as PolarPair,
});
