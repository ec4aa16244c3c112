import fc, { type Arbitrary } from 'fast-check';
import { float64 } from '../arith/float64.ts';
import { identity, mat, matmul, transpose, type Mat } from '../linalg/mat.ts';
import { msign } from '../linalg/msign.ts';
import { gaussian, haar } from '../random/matrices.ts';
import { rng } from '../random/rng.ts';

/*
 * Cases for paper A's perturbation lemmas (App. F): pairs of matrices for the msign perturbation bounds (Lemmas 17,
 * 18), a matrix and its perturbation for Wedin's bound (Lemma 19), and pairs of orthonormal frames (Lemma 22).
 *
 * Every case is plain data (numbers and arrays) built from a seed and a few numeric parameters — the ones the target
 * search moves — so that a case replays from its values and the search can step through the same construction.
 */

const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });
/** 10^e for e uniform on a 2^-10 grid of [lo, hi]. */
const logUniform = (lo: number, hi: number): Arbitrary<number> => fc.integer({ min: Math.round(lo * 1024), max: Math.round(hi * 1024) }).map((e) => 10 ** (e / 1024));

// ---- msign pairs (Lemmas 17, 18) ---------------------------------------------------------------------------------

/**
 * Matrix dimensions per profile: 1 … 5 mostly and 6 … 10 one case in five; the deep profile adds 11 … 50 (the paper's
 * d = 50) one case in ten. `min` raises the lower end (Wedin needs min(m, n) ≥ 2).
 */
export function sizes(profile: string, min = 1): Arbitrary<number> {
  const small = fc.integer({ min, max: 5 });
  const mid = fc.integer({ min: 6, max: 10 });
  return profile === 'deep'
    ? fc.oneof({ arbitrary: small, weight: 6 }, { arbitrary: mid, weight: 3 }, { arbitrary: fc.integer({ min: 11, max: 50 }), weight: 1 })
    : fc.oneof({ arbitrary: small, weight: 4 }, { arbitrary: mid, weight: 1 });
}

export type PairFamily = 'flat' | 'general' | 'near-degenerate' | 'rank-differs' | 'spectral-witness';

/**
 * A = L_A R_Aᵀ and B = L_B R_Bᵀ (m×n, ranks r_A and r_B), given by their factors so that a decimal field forms the
 * same rank-r matrices (a float product would carry rank-(min(m, n)) rounding noise into a 60-digit SVD).
 */
export interface PolarPair {
  readonly m: number;
  readonly n: number;
  readonly rA: number;
  readonly rB: number;
  readonly family: PairFamily;
  readonly seed: number;
  /** B's singular frames are polar(U + θG_U), polar(V + θG_V) of A's: θ from 1e-6 (close) to 3 (unrelated). */
  readonly theta: number;
  /** σ_r/σ_1 of A and of B (1: flat spectrum). */
  readonly floorA: number;
  readonly floorB: number;
  /** σ_1(B)/σ_1(A). */
  readonly scaleB: number;
  /** Whether the check also states the spectral-norm form (the generator sets it only for m = n = r). */
  readonly spectral: boolean;
  /** Factors, row-major: L_A m×r_A, R_A n×r_A, L_B m×r_B, R_B n×r_B. */
  readonly LA: readonly number[];
  readonly RA: readonly number[];
  readonly LB: readonly number[];
  readonly RB: readonly number[];
}

export interface PairParams {
  readonly m: number;
  readonly n: number;
  readonly r: number;
  readonly family: PairFamily;
  readonly seed: number;
  readonly theta: number;
  readonly floorA: number;
  readonly floorB: number;
  readonly scaleB: number;
  /** rank-differs: the extra singular value of B relative to σ_r(A). */
  readonly extra?: number;
}

const scaleCols = (A: Mat<number>, s: readonly number[]): Mat<number> => mat(A.rows, A.cols, A.data.map((x, i) => x * s[i % A.cols]!));
const firstCols = (A: Mat<number>, c: number): Mat<number> => mat(A.rows, c, Array.from({ length: A.rows * c }, (_, i) => A.data[Math.floor(i / c) * A.cols + (i % c)]!));
const lastCol = (A: Mat<number>): number[] => Array.from({ length: A.rows }, (_, i) => A.data[i * A.cols + A.cols - 1]!);

/** A spectrum 1 = s₁ ≥ … ≥ s_r = floor, the inner values log-spaced at seeded positions. */
function spectrum(r: number, floor: number, u: () => number): number[] {
  const w = Array.from({ length: r }, (_, i) => (i === 0 ? 0 : i === r - 1 ? 1 : u())).sort((a, b) => a - b);
  return w.map((x) => floor ** x);
}

/** The pair of a PairParams (rank-differs: B = A + extra·σ_r(A)·u vᵀ with u, v orthogonal to A's frames). */
export function buildPair(p: PairParams): PolarPair {
  const { m, n, r } = p;
  const g = rng(p.seed);
  const U = haar(g, m, Math.min(m, r + 1));
  const V = haar(g, n, Math.min(n, r + 1));
  const Ur = firstCols(U, r);
  const Vr = firstCols(V, r);
  const move = (Q: Mat<number>, G: Mat<number>): Mat<number> => msign(float64, mat(Q.rows, Q.cols, Q.data.map((x, i) => x + p.theta * G.data[i]!)));
  const UB = move(Ur, gaussian(g, m, r));
  const VB = move(Vr, gaussian(g, n, r));
  const sA = spectrum(r, p.floorA, () => g.uniform());
  const sB = spectrum(r, p.floorB, () => g.uniform()).map((x) => x * p.scaleB);
  const LA = scaleCols(Ur, sA);
  if (p.family === 'rank-differs') {
    // B = A + ε u vᵀ: rank r + 1, with σ_{r+1}(B) = ε = extra·σ_r(A) and msign(B) − msign(A) = u vᵀ.
    const eps = (p.extra ?? 0.1) * sA[r - 1]!;
    const u = lastCol(U);
    const v = lastCol(V);
    const LB = Array.from({ length: m * (r + 1) }, (_, i) => (i % (r + 1) === r ? eps * u[Math.floor(i / (r + 1))]! : LA.data[Math.floor(i / (r + 1)) * r + (i % (r + 1))]!));
    const RB = Array.from({ length: n * (r + 1) }, (_, i) => (i % (r + 1) === r ? v[Math.floor(i / (r + 1))]! : Vr.data[Math.floor(i / (r + 1)) * r + (i % (r + 1))]!));
    return { m, n, rA: r, rB: r + 1, family: p.family, seed: p.seed, theta: 0, floorA: p.floorA, floorB: p.floorA, scaleB: 1, spectral: false, LA: LA.data, RA: Vr.data, LB, RB };
  }
  const LB = scaleCols(UB, sB);
  return { m, n, rA: r, rB: r, family: p.family, seed: p.seed, theta: p.theta, floorA: p.floorA, floorB: p.floorB, scaleB: p.scaleB, spectral: m === n && n === r, LA: LA.data, RA: Vr.data, LB: LB.data, RB: VB.data };
}

export interface PairOptions {
  /** Shapes: m and n from these ranges (L18 forces m ≥ n and r = n). */
  readonly m: Arbitrary<number>;
  readonly n: Arbitrary<number>;
  /** Full column rank (Lemma 18: r = n ≤ m) instead of any common rank r ≤ min(m, n) (Lemma 17). */
  readonly fullColumnRank: boolean;
}

/**
 * Pairs inside the lemmas' hypotheses: same rank (or full column rank), families flat (σ_r = σ_1 for both and equal
 * scales: the equality case of (192)/(193) — lhs = rhs for every θ), general (σ_r/σ_1 down to 1e-3, scales within
 * √10) and near-degenerate (σ_r/σ_1 of one of them 1e-6 … 1e-5).
 */
export function polarPairs(o: PairOptions): Arbitrary<PolarPair> {
  return fc
    .record({
      m: o.m,
      n: o.n,
      rPick: fc.integer({ min: 0, max: 2 ** 20 }),
      deficient: fc.integer({ min: 0, max: 2 }),
      family: fc.constantFrom<PairFamily>('flat', 'general', 'general', 'near-degenerate'),
      seed: seedArb,
      theta: logUniform(-6, 0.5),
      fa: logUniform(-3, 0),
      fb: logUniform(-3, 0),
      fd: logUniform(-6, -5),
      which: fc.boolean(),
      scale: logUniform(-0.5, 0.5),
    })
    .map((x) => {
      const [m, n] = o.fullColumnRank && x.m < x.n ? [x.n, x.m] : [x.m, x.n];
      const full = Math.min(m, n);
      // Lemma 17: full rank one case in three, else r uniform in [1, min(m, n) − 1].
      const r = o.fullColumnRank ? n : x.deficient === 0 || full === 1 ? full : 1 + (x.rPick % (full - 1));
      const flat = x.family === 'flat';
      const near = x.family === 'near-degenerate';
      const floorA = flat || r === 1 ? 1 : near && x.which ? x.fd : x.fa;
      const floorB = flat || r === 1 ? 1 : near && !x.which ? x.fd : x.fb;
      return buildPair({ m, n, r, family: x.family, seed: x.seed, theta: x.theta, floorA, floorB, scaleB: flat ? 1 : x.scale });
    });
}

/**
 * The target search over a pair (Lemmas 17, 18): log10 of θ, σ_r/σ₁ of A and of B, and σ₁(B)/σ₁(A), stepping the
 * same construction (shape, rank, family and seed kept) — the spectra move towards the flat equality case.
 */
export const pairSearch = {
  params: (c: PolarPair): readonly number[] => [Math.log10(c.theta), Math.log10(c.floorA), Math.log10(c.floorB), Math.log10(c.scaleB)],
  withParams(c: PolarPair, [lt, fa, fb, sb]: readonly number[]): PolarPair | undefined {
    if (c.family === 'rank-differs' || c.family === 'spectral-witness') return undefined;
    if (!(lt! >= -6 && lt! <= 0.5 && fa! <= 0 && fa! >= -6 && fb! <= 0 && fb! >= -6 && Math.abs(sb!) <= 1)) return undefined;
    const one = c.rA === 1;
    return buildPair({ m: c.m, n: c.n, r: c.rA, family: c.family, seed: c.seed, theta: 10 ** lt!, floorA: one ? 1 : 10 ** fa!, floorB: one ? 1 : 10 ** fb!, scaleB: 10 ** sb! });
  },
  steps: [0.1, 0.1, 0.1, 0.1],
  // decimal(50) Jacobi is ~100× float: 16 evaluations per mode by default (the flat family reaches lhs/rhs = 1 unaided).
  evaluations: { default: 16, deep: 400 },
};

/** Lemma 17 with "same rank" dropped: B = A + ε u vᵀ has rank r + 1, ε = extra·σ_r(A), extra ∈ [0.01, 0.5]. */
export function rankDiffersPairs(m: Arbitrary<number>, n: Arbitrary<number>): Arbitrary<PolarPair> {
  return fc
    .record({ m, n, rPick: fc.integer({ min: 0, max: 2 ** 20 }), seed: seedArb, fa: logUniform(-2, 0), extra: logUniform(-2, Math.log10(0.5)) })
    .filter((x) => Math.min(x.m, x.n) >= 2)
    .map((x) => {
      const r = 1 + (x.rPick % (Math.min(x.m, x.n) - 1));
      return buildPair({ m: x.m, n: x.n, r, family: 'rank-differs', seed: x.seed, theta: 0, floorA: x.fa, floorB: x.fa, scaleB: 1, extra: x.extra });
    });
}

/**
 * The spectral-norm form 2‖A − B‖₂/(σ_r(A) + σ_r(B)) outside m = n = r, near its first-order worst case (found by a
 * numerical search, then read off in closed form): A = σ·Q_L[I; 0]Q_Rᵀ and B = A + εσ·Q_L E Q_Rᵀ + O(ε²) with
 *  - tall, full column rank (m > n ≥ 2): E's 3×2 block [[0, ½], [−3/2, 0], [0, √2]] in rows 1, 2, n + 1 and
 *    columns 1, 2 — msign moves by [skew(E₁₁); E₂₁] to first order, of spectral norm 2/√3 times ‖E‖₂;
 *  - rank-deficient square (r = 2, m = n ≥ 3): B = L_B R_Bᵀ with L_B = [I₂ + εE₁₁; εE₂₁; 0], R_B = [I₂; εE₁₂ᵀ; 0]:
 *    first-order ratio (1 + √17)/4 ≈ 1.28.
 * Q_L, Q_R Haar (the ratio is invariant under them), σ log-uniform in [0.1, 10], ε ∈ [1e-4, 1e-3].
 */
export function spectralWitnessPairs(kind: 'tall' | 'rank-deficient', dims: Arbitrary<number>): Arbitrary<PolarPair> {
  return fc.record({ d: dims, extra: fc.integer({ min: 0, max: 3 }), seed: seedArb, sigma: logUniform(-1, 1), eps: logUniform(-4, -3) }).map((x) => {
    const g = rng(x.seed);
    const e11 = [-0.672872, 0.612032, -0.739759, 0.672871];
    const e12 = [1, -0.909582];
    const e21 = [0.909581, 1];
    if (kind === 'tall') {
      const n = Math.max(2, x.d);
      const m = n + 1 + x.extra;
      const QL = haar(g, m, m);
      const QR = haar(g, n, n);
      const A0 = mat(m, n, Array.from({ length: m * n }, (_, i) => (Math.floor(i / n) === i % n ? x.sigma : 0)));
      const E = mat(m, n, new Array<number>(m * n).fill(0));
      E.data[0 * n + 1] = 0.5;
      E.data[1 * n + 0] = -1.5;
      E.data[n * n + 1] = Math.SQRT2;
      const B0 = mat(m, n, A0.data.map((a, i) => a + x.eps * x.sigma * E.data[i]!));
      const rot = (X: Mat<number>): Mat<number> => matmul(float64, matmul(float64, QL, X), transpose(QR));
      const I = identity(float64, n);
      return { m, n, rA: n, rB: n, family: 'spectral-witness', seed: x.seed, theta: x.eps, floorA: 1, floorB: 1, scaleB: 1, spectral: true, LA: rot(A0).data, RA: I.data, LB: rot(B0).data, RB: I.data };
    }
    const n = Math.max(3, x.d);
    const Q = haar(g, n, n);
    const P = haar(g, n, n);
    const L0 = mat(n, 2, new Array<number>(n * 2).fill(0));
    const R0 = mat(n, 2, new Array<number>(n * 2).fill(0));
    const L1 = mat(n, 2, new Array<number>(n * 2).fill(0));
    const R1 = mat(n, 2, new Array<number>(n * 2).fill(0));
    for (let i = 0; i < 2; i++) {
      L0.data[i * 2 + i] = x.sigma;
      R0.data[i * 2 + i] = 1;
      for (let j = 0; j < 2; j++) L1.data[i * 2 + j] = x.sigma * ((i === j ? 1 : 0) + x.eps * e11[i * 2 + j]!);
      R1.data[i * 2 + i] = 1;
    }
    for (let j = 0; j < 2; j++) {
      L1.data[2 * 2 + j] = x.sigma * x.eps * e21[j]!;
      R1.data[2 * 2 + j] = x.eps * e12[j]!;
    }
    const q = (M: Mat<number>, W: Mat<number>): number[] => matmul(float64, W, M).data;
    return { m: n, n, rA: 2, rB: 2, family: 'spectral-witness', seed: x.seed, theta: x.eps, floorA: 1, floorB: 1, scaleB: 1, spectral: true, LA: q(L0, Q), RA: q(R0, P), LB: q(L1, Q), RB: q(R1, P) };
  });
}

// ---- Wedin (Lemma 19) --------------------------------------------------------------------------------------------

export type WedinFamily = 'coupled' | 'random' | 'gap-negative';

/**
 * A = U diag(s) Vᵀ (m×n, s descending with a gap at r) and Ã = A + E. 'coupled': E = η(u_r v_{r+1}ᵀ + u_{r+1}v_rᵀ),
 * the direction in which Wedin's sin θ bound is attained as η → 0; 'random': E = η·G/‖G‖_F, G Gaussian. η = x·δ_A
 * with δ_A = σ_r(A) − σ_{r+1}(A) and x < 1, so Wedin's δ = σ_r(Ã) − σ_{r+1}(A) ≥ δ_A − ‖E‖ > 0 (Weyl).
 * 'gap-negative' (probe): Ã = A's frames with the top r and the next singular values exchanged and shrunk, δ < 0.
 */
export interface WedinCase {
  readonly m: number;
  readonly n: number;
  readonly r: number;
  readonly family: WedinFamily;
  readonly seed: number;
  /** ‖E‖_F/δ_A (coupled: ‖E‖₂ = η). */
  readonly x: number;
  /** σ_{r+1}(A)/σ_r(A) ∈ [0, 1): the relative gap is 1 − gapRatio. */
  readonly gapRatio: number;
  readonly A: readonly number[];
  readonly At: readonly number[];
}

export function buildWedin(p: Omit<WedinCase, 'A' | 'At'>): WedinCase {
  const { m, n, r } = p;
  const g = rng(p.seed);
  const p0 = Math.min(m, n);
  const U = haar(g, m, p0);
  const V = haar(g, n, p0);
  // s: 1 … σ_r above the gap (σ_r ∈ [0.2, 1]), σ_{r+1} = gapRatio·σ_r, then down to ≥ 1e-2·σ_{r+1}.
  const sr = 0.2 + 0.8 * g.uniform();
  const s = Array.from({ length: p0 }, () => 0);
  const top = Array.from({ length: r }, (_, i) => (i === r - 1 ? sr : sr + (1 - sr) * g.uniform())).sort((a, b) => b - a);
  for (let i = 0; i < r; i++) s[i] = top[i]!;
  const low = Array.from({ length: p0 - r }, (_, i) => (i === 0 ? 1 : 10 ** (-2 * g.uniform()))).sort((a, b) => b - a);
  for (let i = r; i < p0; i++) s[i] = p.gapRatio * sr * low[i - r]!;
  const build = (sv: readonly number[]): number[] => matmul(float64, scaleCols(U, sv), transpose(V)).data;
  const A = build(s);
  const deltaA = s[r - 1]! - (r < p0 ? s[r]! : 0);
  const eta = p.x * deltaA;
  if (p.family === 'gap-negative') {
    // Ã: A's singular values with σ_1 … σ_r replaced by (1/2)·σ_{r+1}·(their order) below σ_{r+1}(A) (and σ_{r+1}
    // moved up to the top): Ã's leading r-space is A's (r+1)-th direction plus the rest, δ = σ_r(Ã) − σ_{r+1}(A) < 0.
    const st = s.slice();
    const next = s[r]!;
    for (let i = 0; i < r; i++) st[i] = 0.5 * next * (1 - i / (2 * r));
    return { ...p, A, At: build(st) };
  }
  let E: number[];
  if (p.family === 'coupled' && r < p0) {
    const uc = (j: number): number[] => Array.from({ length: m }, (_, i) => U.data[i * p0 + j]!);
    const vc = (j: number): number[] => Array.from({ length: n }, (_, i) => V.data[i * p0 + j]!);
    const [ur, ur1, vr, vr1] = [uc(r - 1), uc(r), vc(r - 1), vc(r)];
    E = Array.from({ length: m * n }, (_, t) => {
      const i = Math.floor(t / n);
      const j = t % n;
      return eta * (ur[i]! * vr1[j]! + ur1[i]! * vr[j]!);
    });
  } else {
    const G = gaussian(g, m, n).data;
    const nG = Math.hypot(...G);
    E = G.map((x) => (eta * x) / nG);
  }
  return { ...p, A, At: A.map((a, i) => a + E[i]!) };
}

export function wedinCases(o: { readonly m: Arbitrary<number>; readonly n: Arbitrary<number> }): Arbitrary<WedinCase> {
  return fc
    .record({ m: o.m, n: o.n, rPick: fc.integer({ min: 0, max: 2 ** 20 }), family: fc.constantFrom<WedinFamily>('coupled', 'random', 'random'), seed: seedArb, x: logUniform(-4, Math.log10(0.9)), gap: fc.integer({ min: 0, max: 1024 }) })
    .filter((c) => Math.min(c.m, c.n) >= 2)
    .map((c) => {
      const p0 = Math.min(c.m, c.n);
      const r = 1 + (c.rPick % (p0 - 1));
      // σ_{r+1}/σ_r: 0 one case in eight (a rank-r A), else uniform in [0, 0.99].
      const gapRatio = c.gap < 128 ? 0 : (0.99 * (c.gap - 128)) / 896;
      return buildWedin({ m: c.m, n: c.n, r, family: c.family, seed: c.seed, x: c.x, gapRatio });
    });
}

export function wedinGapNegative(o: { readonly m: Arbitrary<number>; readonly n: Arbitrary<number> }): Arbitrary<WedinCase> {
  return fc
    .record({ m: o.m, n: o.n, rPick: fc.integer({ min: 0, max: 2 ** 20 }), seed: seedArb, gap: fc.integer({ min: 1, max: 8 }) })
    .filter((c) => Math.min(c.m, c.n) >= 2)
    .map((c) => buildWedin({ m: c.m, n: c.n, r: 1 + (c.rPick % (Math.min(c.m, c.n) - 1)), family: 'gap-negative', seed: c.seed, x: 0, gapRatio: c.gap / 10 }));
}

// ---- frames (Lemma 22) -------------------------------------------------------------------------------------------

export type FrameFamily = 'near-right-angle' | 'rotated' | 'random' | 'not-orthonormal';

/**
 * O₁, O₂ ∈ O^{d×k}. 'near-right-angle': O₁ = W[:, :k], O₂ = W·G(φ)[:, :k] for a Haar W and a plane rotation G(φ) of
 * the first column into the first complement direction by φ = π/2 + τ: the completion of the proof is then a 2-D
 * problem with ratio 2/√(2 + 2 sin τ) → √2 as τ → 0⁺ (Lemma 22's constant, approached, never attained). 'rotated':
 * O₂ = polar(O₁ + θG); 'random': O₂ Haar, independent. 'not-orthonormal' (probe): O₂ = 1.25·polar(O₁ + θG).
 */
export interface FrameCase {
  readonly d: number;
  readonly k: number;
  readonly family: FrameFamily;
  readonly seed: number;
  /** near-right-angle: τ; rotated/not-orthonormal: θ (and τ = the scale defect); random: unused (0). */
  readonly t: number;
  /** Whether O₂⊥ is aligned by Step 2 (200) of the proof (false only in the probe that drops it). */
  readonly aligned: boolean;
  readonly O1: readonly number[];
  readonly O2: readonly number[];
}

export function buildFrames(p: Omit<FrameCase, 'O1' | 'O2'>): FrameCase {
  const { d, k } = p;
  const g = rng(p.seed);
  if (p.family === 'near-right-angle') {
    const W = haar(g, d, d);
    const phi = Math.PI / 2 + p.t;
    const [c, s] = [Math.cos(phi), Math.sin(phi)];
    const O1 = firstCols(W, k);
    const O2 = O1.data.slice();
    // column 0 of O₂ = c·w₀ + s·w_k (k < d): the rotation G(φ) in the plane (0, k).
    for (let i = 0; i < d; i++) O2[i * k] = c * W.data[i * d]! + s * W.data[i * d + k]!;
    return { ...p, O1: O1.data, O2 };
  }
  const O1 = haar(g, d, k);
  if (p.family === 'random') return { ...p, O1: O1.data, O2: haar(g, d, k).data };
  const G = gaussian(g, d, k);
  const O2 = msign(float64, mat(d, k, O1.data.map((x, i) => x + p.t * G.data[i]!)));
  if (p.family === 'not-orthonormal') return { ...p, O1: O1.data, O2: O2.data.map((x) => x * 1.25) };
  return { ...p, O1: O1.data, O2: O2.data };
}

export function frameCases(o: { readonly d: Arbitrary<number> }): Arbitrary<FrameCase> {
  return fc
    .record({ d: o.d, kPick: fc.integer({ min: 0, max: 2 ** 20 }), square: fc.integer({ min: 0, max: 9 }), family: fc.constantFrom<FrameFamily>('near-right-angle', 'rotated', 'rotated', 'random'), seed: seedArb, tau: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: logUniform(-6, -1), weight: 15 }), theta: logUniform(-6, 0.5) })
    .map((c) => {
      // k = d one case in ten (nothing to complete), else k uniform in [1, d − 1] (d ≥ 2).
      const k = c.square === 0 || c.d === 1 ? c.d : 1 + (c.kPick % (c.d - 1));
      const family = k === c.d && c.family === 'near-right-angle' ? 'rotated' : c.family;
      return buildFrames({ d: c.d, k, family, seed: c.seed, t: family === 'near-right-angle' ? c.tau : family === 'rotated' ? c.theta : 0, aligned: true });
    });
}

/** Probes: frames with Step 2's alignment skipped, or O₂ not orthonormal. */
export function frameProbeCases(kind: 'unaligned' | 'not-orthonormal', d: Arbitrary<number>): Arbitrary<FrameCase> {
  return fc.record({ d, kPick: fc.integer({ min: 0, max: 2 ** 20 }), seed: seedArb, theta: logUniform(-3, -1) }).map((c) => {
    const dd = Math.max(2, c.d);
    const k = 1 + (c.kPick % (dd - 1));
    return buildFrames({ d: dd, k, family: kind === 'unaligned' ? 'rotated' : 'not-orthonormal', seed: c.seed, t: c.theta, aligned: kind !== 'unaligned' });
  });
}
