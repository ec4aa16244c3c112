import fc, { type Arbitrary } from 'fast-check';
import type { Field } from '../../arith/field.ts';
import type { LinAlg } from '../../linalg/backend.ts';
import { axpy, inner, mat, sub, transpose, type Mat } from '../../linalg/mat.ts';
import { eigh } from '../../linalg/eigh.ts';
import { fastFloat } from '../../linalg/fast/index.ts';
import { frobenius } from '../../linalg/norms.ts';
import { svd } from '../../linalg/svd.ts';
import type { Optimizer } from '../../optimizers/index.ts';
import type { QuadBProblem } from '../../problems/quadB.ts';
import { gaussian } from '../../random/matrices.ts';
import { psdTarget } from '../../random/psd.ts';
import { rng } from '../../random/rng.ts';
import type { SpectrumPattern } from '../../random/spectrum.ts';
import type { CheckContext } from '../types.ts';

/*
 * Shared pieces of paper B's claims on P.quadB, f(W) = tr((W − W*)ᵀQ(W − W*)), Q ⪰ 0 (m×m), W ∈ ℝ^{m×n}.
 *
 * A case carries its matrices as plain numbers (so a counterexample is stored as a value) together with the spectrum
 * Q was built from: Q = B diag(λ) Bᵀ with B Haar (psdTarget), so L = 2λ_max and L_* = 2·Σ_{i≤min(m,n)} λ_i are known
 * independently of the eigen-solver that P.quadB's info uses. Checks run in float64 or, for the re-check of a float
 * failure, in decimal at CONFIRM_PRECISION digits (msign and norms need square roots: high precision, not exact).
 */

export const CONFIRM_PRECISION = 40;
/** Unit roundoff of float64: the data of every case was formed in float64, whatever field re-checks it. */
export const U64 = 2 ** -53;

export interface QuadBCase {
  readonly m: number;
  readonly n: number;
  readonly rankQ: number;
  readonly kappa: number;
  readonly pattern: SpectrumPattern;
  readonly seed: number;
  /** Eigenvalues of Q, descending, length m (zeros past rankQ). */
  readonly lambdas: readonly number[];
  /** The m×m orthogonal basis of Q's eigenvectors (columns, same order as lambdas). */
  readonly basis: Mat<number>;
  readonly Q: Mat<number>;
  readonly Wstar: Mat<number>;
  readonly W0: Mat<number>;
}

export interface QuadBOptions {
  readonly mMax?: number;
  readonly nMax?: number;
  /** Largest κ(Q) on Q's nonzero eigenvalues. */
  readonly kappaMax?: number;
  /** Restrict Q's rank: 'any' (1…m), 'full' (m). */
  readonly rank?: 'any' | 'full';
}

const PATTERNS: readonly SpectrumPattern[] = ['log-uniform', 'uniform', 'geometric', 'two-level', 'clustered'];

export function buildQuadB(m: number, n: number, rankQ: number, kappa: number, pattern: SpectrumPattern, lambdaMax: number, w0Scale: number, seed: number): QuadBCase {
  const r = rng(seed);
  const k = rankQ === 1 ? 1 : kappa;
  const P = psdTarget(r.fork('Q'), { d: m, r: rankQ, kappa: k, lambdaMax, pattern });
  const lambdas = [...P.lambdas, ...new Array<number>(m - rankQ).fill(0)];
  const Wstar = gaussian(r.fork('Wstar'), m, n);
  const G0 = gaussian(r.fork('W0'), m, n);
  const W0 = mat(m, n, G0.data.map((x, i) => Wstar.data[i] + w0Scale * x));
  return { m, n, rankQ, kappa: k, pattern, seed, lambdas, basis: P.basis, Q: P.M, Wstar, W0 };
}

export function quadBArbitrary(o: QuadBOptions = {}): Arbitrary<QuadBCase> {
  const mMax = o.mMax ?? 5;
  const nMax = o.nMax ?? 5;
  return fc
    .record({
      m: fc.integer({ min: 1, max: mMax }),
      n: fc.integer({ min: 1, max: nMax }),
      rankFrac: fc.integer({ min: 0, max: 1000 }),
      logKappa: fc.integer({ min: 0, max: 1000 }),
      pattern: fc.constantFrom(...PATTERNS),
      logLambda: fc.integer({ min: -1000, max: 1000 }),
      logScale: fc.integer({ min: -1000, max: 1000 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map(({ m, n, rankFrac, logKappa, pattern, logLambda, logScale, seed }) => {
      const rankQ = o.rank === 'full' ? m : 1 + Math.round((rankFrac / 1000) * (m - 1));
      const kappa = Math.exp((logKappa / 1000) * Math.log(o.kappaMax ?? 1e3));
      // λ_max ∈ [1e-2, 1e2] and ‖W0 − W*‖ scale ∈ [1e-2, 1e2] (log-uniform): the claims are scale-free, the float
      // tolerances are written relative to the scales.
      return buildQuadB(m, n, rankQ, kappa, pattern, 10 ** (2 * logLambda / 1000), 10 ** (2 * logScale / 1000), seed);
    });
}

export const toField = <T>(F: Field<T>, A: Mat<number>): Mat<T> => (F.kind === 'float64' ? (A as unknown as Mat<T>) : mat(A.rows, A.cols, A.data.map((x) => F.of(x))));

/** Independent smoothness constants from the spectrum Q was built from (B.smooth). */
export function constants(c: QuadBCase): { L: number; Lstar: number; r: number } {
  const r = Math.min(c.m, c.n);
  const L = 2 * c.lambdas[0];
  let s = 0;
  for (let i = 0; i < r; i++) s += c.lambdas[i];
  return { L, Lstar: 2 * s, r };
}

/** The problem over field F, built with the implementation under test. */
export function problemIn<T>(F: Field<T>, c: QuadBCase, ctx: CheckContext): QuadBProblem<T> {
  const la = ctx.impl.over(F);
  return ctx.impl.problems.quadB(la, toField(F, c.Q), toField(F, c.Wstar));
}

export const num = <T>(F: Field<T>, x: T): number => F.toNumber(x);

/**
 * Work-around for a defect of src/linalg/svd.ts: its one-sided Jacobi can cycle forever on some matrices (seen on
 * 3×5 and 5×5 matrices of entries ~1e-16 — gradients at convergence — in float64 and at 40 digits alike; see the
 * report). Singular values are transpose-invariant, so a failed SVD is retried on Aᵀ (the other sweep order), then
 * (float64) with the fast backend's SVD, else from the eigenvalues of AᵀA (√ of them: absolute error ≤ √(n·u)‖A‖,
 * used only for matrices the Jacobi SVD cannot handle).
 */
function singular<T>(F: Field<T>, A: Mat<T>): T[] {
  const tries: (() => T[])[] = [
    () => svd(F, A).s,
    () => svd(F, transpose(A)).s,
    ...(F.kind === 'float64' ? [() => (fastFloat.svd(A as unknown as Mat<number>).s as unknown as T[])] : []),
    () => {
      const AtA = inner2(F, A);
      return eigh(F, AtA).values.map((v) => (F.lt(v, F.zero) ? F.zero : F.sqrt(v)));
    },
  ];
  let last: unknown;
  for (const t of tries) {
    try {
      return t();
    } catch (e) {
      if (!(e instanceof Error) || !e.message.includes('did not converge')) throw e;
      last = e;
    }
  }
  throw last;
}

/** AᵀA, exactly symmetric. */
function inner2<T>(F: Field<T>, A: Mat<T>): Mat<T> {
  const n = A.cols;
  const out = new Array<T>(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let acc = F.zero;
      for (let k = 0; k < A.rows; k++) acc = F.add(acc, F.mul(A.data[k * n + i], A.data[k * n + j]));
      out[i * n + j] = acc;
      out[j * n + i] = acc;
    }
  }
  return mat(n, n, out);
}

export const nuc = <T>(F: Field<T>, A: Mat<T>): number => F.toNumber(singular(F, A).reduce((a, x) => F.add(a, x), F.zero));
export const op = <T>(F: Field<T>, A: Mat<T>): number => {
  const s = singular(F, A);
  return s.length === 0 ? 0 : Math.max(...s.map((x) => F.toNumber(x)));
};
export const fro = <T>(F: Field<T>, A: Mat<T>): number => F.toNumber(frobenius(F, A));
export const dot = <T>(F: Field<T>, A: Mat<T>, B: Mat<T>): number => F.toNumber(inner(F, A, B));

/** tr(EᵀQE) = ½·vec(E)ᵀ H vec(E) for P.quadB (H = 2(I_n ⊗ Q), column-stacking vec). */
export function quadForm<T>(la: LinAlg<T>, Q: Mat<T>, E: Mat<T>): T {
  return inner(la.F, E, la.matmul(Q, E));
}

/** f(W − ηD) in the field. */
export function lossAfter<T>(p: QuadBProblem<T>, W: Mat<T>, eta: T, D: Mat<T>): T {
  return p.loss(axpy(p.la.F, W, p.la.F.neg(eta), D));
}

export interface Loop<T> {
  readonly W: Mat<T>[];
  readonly G: Mat<T>[];
  readonly D: Mat<T>[];
  readonly etas: T[];
  readonly losses: T[];
  readonly status: 'completed' | 'nonfinite';
}

/**
 * W_{t+1} = W_t − η_t D_t for T steps with the optimizer's direction D_t (taken from ctx.impl, so planted bugs reach
 * it) and a step size that may depend on the gradient (B.T411: η_t = ‖∇f(W_t)‖_{*}/L_{*}). Keeps W_t, G_t, D_t.
 */
export function loop<T>(p: QuadBProblem<T>, opt: Optimizer, W0: Mat<T>, T: number, eta: (G: Mat<T>, t: number) => T): Loop<T> {
  const F = p.la.F;
  const stepper = opt.start(p.la, W0);
  const W = [W0];
  const G: Mat<T>[] = [];
  const D: Mat<T>[] = [];
  const etas: T[] = [];
  const losses = [p.loss(W0)];
  for (let t = 0; t < T; t++) {
    const g = p.grad(W[t]);
    const e = eta(g, t);
    const d = stepper.direction(W[t], g);
    const next = axpy(F, W[t], F.neg(e), d);
    const l = p.loss(next);
    G.push(g);
    D.push(d);
    etas.push(e);
    if (!F.isFinite(l)) return { W, G, D, etas, losses, status: 'nonfinite' };
    W.push(next);
    losses.push(l);
  }
  G.push(p.grad(W[T]));
  return { W, G, D, etas, losses, status: 'completed' };
}

export const residualOf = <T>(F: Field<T>, W: Mat<T>, Wstar: Mat<T>): Mat<T> => sub(F, W, Wstar);

/* ---------- the NS5 scalar map (B Alg. 3) ---------- */

export const NS5_A = '3.4445';
export const NS5_B = '-4.7750';
export const NS5_C = '2.0315';
/** The catalogue's computed facts (B.NS5), to the digits given there. */
export const NS5_BAND_LO = 0.6818;
export const NS5_BAND_HI = 1.1344;
export const NS5_SUP = 1.2024;
export const NS5_TINY = 1.5e-3;

/** p(x) = a x + b x³ + c x⁵ iterated `steps` times: NS5 acts on each singular value x = s/(‖G‖_F + 1e-7) by it. */
export function p5<T>(F: Field<T>, x: T, steps = 5): T {
  const a = F.of(NS5_A);
  const b = F.of(NS5_B);
  const c = F.of(NS5_C);
  let y = x;
  for (let i = 0; i < steps; i++) {
    const y2 = F.mul(y, y);
    y = F.mul(y, F.add(a, F.mul(y2, F.add(b, F.mul(c, y2)))));
  }
  return y;
}

/** Bins of a scale-free quantity by decade. */
export function decade(x: number, lo: number, hi: number): string {
  if (!(x > 0)) return `≤0`;
  const e = Math.min(hi, Math.max(lo, Math.floor(Math.log10(x))));
  return `1e${e}`;
}

export const shapeBin = (m: number, n: number): string => (m === n ? 'square' : m > n ? 'tall' : 'wide');
export const rankBin = (c: QuadBCase): string => (c.rankQ === 1 ? 'rank 1' : c.rankQ === c.m ? 'full rank' : 'low rank');
