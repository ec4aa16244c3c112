import type { LinAlg } from '../linalg/backend.ts';
import { convert, mat, type Mat } from '../linalg/mat.ts';
import { float64 } from '../arith/float64.ts';
import { gaussian, haar } from '../random/matrices.ts';
import { rng, type Rng } from '../random/rng.ts';

/*
 * The random-matrix cases of paper A's probabilistic lemmas (App. F, Lemmas 20 and 21; App. B.5, Lemma 10): a matrix
 * with iid entries of a named law drawn from a seed, its extreme singular values in any field, and the frames of
 * Lemma 10 (V* fixed, O Haar as the polar factor of a Gaussian G, or a frame concentrated near V*⊥). A case stores
 * only (seed, shape, law), so that a counterexample is plain data and replays bit for bit.
 */

/**
 * The law of the entries. 'gaussian': iid N(0, 1), the lemmas' hypothesis; the others drop it (necessity probes):
 *  - 'shifted':    N(μ, 1), not centred (μ = param, default 1);
 *  - 'scaled':     N(0, s²), variance ≠ 1 (s = param, default 1.5);
 *  - 'sparse':     ±1/√p with probability p, else 0 (p = param): centred, unit variance, kurtosis 1/p — heavy tails;
 *  - 'rademacher': ±1 with probability ½: centred, unit variance, subgaussian, but with atoms (P(singular) > 0);
 *  - 'repeated':   N(0, 1) entries, but the last column repeats the first (not independent; rank < cols when cols ≥ 2).
 */
export type EntryLaw = 'gaussian' | 'shifted' | 'scaled' | 'sparse' | 'rademacher' | 'repeated';
export const ENTRY_LAWS: readonly EntryLaw[] = ['gaussian', 'shifted', 'scaled', 'sparse', 'rademacher', 'repeated'];

/** rows×cols with iid entries of `law` from the stream R. */
export function drawEntries(R: Rng, rows: number, cols: number, law: EntryLaw = 'gaussian', param?: number): Mat<number> {
  if (law === 'gaussian') return gaussian(R, rows, cols);
  if (law === 'repeated') {
    const A = gaussian(R, rows, cols);
    for (let i = 0; i < rows; i++) A.data[i * cols + cols - 1] = A.data[i * cols]!;
    return A;
  }
  const data = new Array<number>(rows * cols);
  for (let i = 0; i < data.length; i++) {
    if (law === 'shifted') data[i] = (param ?? 1) + R.normal();
    else if (law === 'scaled') data[i] = (param ?? 1.5) * R.normal();
    else if (law === 'rademacher') data[i] = R.sign();
    else {
      const p = param ?? 0.1;
      data[i] = R.uniform() < p ? R.sign() / Math.sqrt(p) : 0;
    }
  }
  return mat(rows, cols, data);
}

/** The matrix of a case: iid entries of `law` from rng(seed)'s 'X' stream. */
export function caseMatrix(seed: number, rows: number, cols: number, law: EntryLaw = 'gaussian', param?: number): Mat<number> {
  return drawEntries(rng(seed).fork('X'), rows, cols, law, param);
}

/**
 * σ_max and σ_min = σ_{min(m,n)} of A (float64 entries, exact in any field) computed in la's field: one-sided Jacobi
 * (linalg/svd.ts), which gets small singular values to high relative accuracy.
 */
export function extremeSingularValues<T>(la: LinAlg<T>, A: Mat<number>): { readonly max: T; readonly min: T; readonly all: readonly T[] } {
  const s = la.svd(convert(float64, la.F, A)).s;
  return { max: s[0]!, min: s[s.length - 1]!, all: s };
}

/** How Lemma 10's O is drawn: Haar (the hypothesis) or, for the probes, concentrated near V*⊥ or a coordinate frame. */
export type FrameLaw = 'haar' | 'near-perp' | 'coordinate';

/** Lemma 10's draw: V* (d×r, orthonormal), G (d×k Gaussian) and O = G(GᵀG)^{−1/2} (Haar on O^{d×k} when k ≤ d). */
export interface FrameDraw {
  readonly V: Mat<number>;
  readonly G: Mat<number>;
}

/**
 * V* from rng(seed)'s 'V' stream (Haar, though by the rotation invariance of O any fixed V* gives the same law of V*ᵀO)
 * and G from its 'G' stream. 'coordinate' (a probe's): V* = [e₁, …, e_r] and G = k coordinate vectors chosen uniformly
 * — random and orthonormal, but not rotation invariant. 'near-perp' (needs r + k ≤ d): G = V*⊥W + η·V*Z with W, Z
 * Gaussian — its polar factor O lies within O(η) of the span of V*⊥, so σ_min(V*ᵀO) = O(η); not Haar.
 */
export function frameDraw(seed: number, d: number, k: number, r: number, law: FrameLaw = 'haar', eta = 1e-3): FrameDraw {
  const R = rng(seed);
  if (law === 'haar') return { V: haar(R.fork('V'), d, r), G: gaussian(R.fork('G'), d, k) };
  if (law === 'coordinate') {
    // V* = [e₁, …, e_r]; G = k distinct coordinate vectors chosen uniformly (orthonormal: its polar factor is G).
    const chosen = R.fork('G').permutation(d).slice(0, k);
    const V = mat(d, r, Array.from({ length: d * r }, (_, i) => (Math.floor(i / r) === i % r ? 1 : 0)));
    const G = mat(d, k, Array.from({ length: d * k }, (_, i) => (chosen[i % k] === Math.floor(i / k) ? 1 : 0)));
    return { V, G };
  }
  if (r + k > d) throw new RangeError(`frameDraw: a frame near V*⊥ needs r + k ≤ d, got r = ${r}, k = ${k}, d = ${d}`);
  const Q = haar(R.fork('V'), d, d); // V* = Q's first r columns, V*⊥ the rest
  const V = mat(d, r, Array.from({ length: d * r }, (_, i) => Q.data[Math.floor(i / r) * d + (i % r)]!));
  const W = gaussian(R.fork('G'), d - r, k);
  const Z = gaussian(R.fork('Z'), r, k);
  const G = new Array<number>(d * k).fill(0);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let a = 0; a < r; a++) s += eta * Q.data[i * d + a]! * Z.data[a * k + j]!;
      for (let a = r; a < d; a++) s += Q.data[i * d + a]! * W.data[(a - r) * k + j]!;
      G[i * k + j] = s;
    }
  }
  return { V, G: mat(d, k, G) };
}

/**
 * Lemma 10's quantities on one draw, in la's field: O = UWᵀ from G's thin SVD G = U diag(g) Wᵀ (the polar factor
 * G(GᵀG)^{−1/2}, Haar on O^{d×k} for Gaussian G), σ_r(V*ᵀO) (0 when r exceeds k), σ_r(V*ᵀG) and σ_max(G) of the
 * proof's step (121), and κ(G).
 */
export function lemma10Quantities<T>(la: LinAlg<T>, draw: FrameDraw, r: number): { readonly sigmaMin: T; readonly sigmaMinVG: T; readonly sigmaMaxG: T; readonly kappaG: number } {
  const F = la.F;
  const V = convert(float64, F, draw.V);
  const G = convert(float64, F, draw.G);
  const svdG = la.svd(G);
  const g = svdG.s;
  const O = la.matmulNT(svdG.U, svdG.V);
  const sigmaR = (s: readonly T[]): T => (r <= s.length ? s[r - 1]! : F.zero);
  return {
    sigmaMin: sigmaR(la.svd(la.matmulTN(V, O)).s),
    sigmaMinVG: sigmaR(la.svd(la.matmulTN(V, G)).s),
    sigmaMaxG: g[0]!,
    kappaG: F.toNumber(g[0]!) / F.toNumber(g[g.length - 1]!),
  };
}

/** Seeds for a measurement: `count` draws from the named stream (the same stream gives the same seeds). */
export function measurementSeeds(stream: string, count: number): number[] {
  const R = rng(stream);
  return Array.from({ length: count }, () => R.int(0, 2 ** 31 - 1));
}

/** Lemma 21's statistic σ_min(A)/(√N − √(n−1)) over `count` Gaussian N×n draws (N ≥ n ≥ 1), sorted ascending. */
export function l21Ratios(la: LinAlg<number>, stream: string, N: number, n: number, count: number): number[] {
  const s = Math.sqrt(N) - Math.sqrt(n - 1);
  return measurementSeeds(stream, count)
    .map((seed) => extremeSingularValues(la, caseMatrix(seed, N, n)).min / s)
    .sort((a, b) => a - b);
}

/** Lemma 10's statistic S = σ_r(V*ᵀO)·√d/(√k − √(r−1)) over `count` Haar draws, sorted ascending. */
export function l10Statistics(la: LinAlg<number>, stream: string, d: number, k: number, r: number, count: number): number[] {
  const scale = Math.sqrt(d) / (Math.sqrt(k) - Math.sqrt(r - 1));
  return measurementSeeds(stream, count)
    .map((seed) => lemma10Quantities(la, frameDraw(seed, d, k, r), r).sigmaMin * scale)
    .sort((a, b) => a - b);
}

/** Lemma 20's deviations over `count` Gaussian n×d draws: σ_max − √n − √d and √n − √d − σ_min (each sorted). */
export function l20Deviations(la: LinAlg<number>, stream: string, n: number, d: number, count: number): { readonly upper: number[]; readonly lower: number[] } {
  const upper: number[] = [];
  const lower: number[] = [];
  for (const seed of measurementSeeds(stream, count)) {
    const s = extremeSingularValues(la, caseMatrix(seed, n, d));
    upper.push(s.max - Math.sqrt(n) - Math.sqrt(d));
    lower.push(Math.sqrt(n) - Math.sqrt(d) - s.min);
  }
  return { upper: upper.sort((a, b) => a - b), lower: lower.sort((a, b) => a - b) };
}
