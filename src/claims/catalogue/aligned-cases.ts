import fc, { type Arbitrary } from 'fast-check';
import type { Decimal } from '../../arith/exact.ts';
import { exactField } from '../../arith/exact.ts';
import { proveExact, type ExactResult } from '../../arith/exactness.ts';
import type { Field } from '../../arith/field.ts';
import { mat, matmul, transpose, type Mat } from '../../linalg/mat.ts';
import { givensOrthogonal } from '../../random/givens.ts';
import { rng } from '../../random/rng.ts';
import type { Bound } from '../types.ts';

/*
 * Shared pieces of the aligned-dynamics family (A.L3, A.L8, A.L9, A.T3, A.AppA, A.Eq17): finite-decimal parameters
 * (so that a float case can be replayed exactly on the very same numbers), finite-decimal orthogonal bases, the
 * scalar recursions (27) and (73), an adaptive high-precision runner around proveExact, and the float drift budget
 * of a Muon trajectory (how far float64 can follow the exact trajectory, argued step by step).
 */

/** A matrix of finite decimals as plain JSON data. */
export interface DecMat {
  readonly rows: number;
  readonly cols: number;
  readonly data: readonly string[];
}

/** 'identity' and 'signed-permutation' keep every product exact (columns stay orthogonal, Jacobi never rotates);
 * 'givens' is a dense finite-decimal orthogonal matrix (exact inputs, but msign needs square roots). */
export type Basis = 'identity' | 'signed-permutation' | 'givens';
export const BASES: readonly Basis[] = ['identity', 'signed-permutation', 'givens'];

/** n/10^places as a plain decimal string (n an integer). */
export function fmtDecimal(n: number, places: number): string {
  const neg = n < 0;
  const s = Math.abs(Math.round(n)).toString().padStart(places + 1, '0');
  const body = places === 0 ? s : `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
  const trimmed = places === 0 ? body : body.replace(/\.?0+$/, '');
  return neg && trimmed !== '0' ? `-${trimmed}` : trimmed;
}

/** A finite decimal in [lo, hi] with `places` decimal places (both ends reachable). */
export function decimalIn(lo: number, hi: number, places: number): Arbitrary<string> {
  const s = 10 ** places;
  return fc.integer({ min: Math.round(lo * s), max: Math.round(hi * s) }).map((n) => fmtDecimal(n, places));
}

/** A finite-decimal orthogonal n×n matrix of the given kind, from a seed (deterministic). */
export function basisMatrix(kind: Basis, n: number, seed: number): DecMat {
  const g = givensOrthogonal(rng(seed), n, {
    rotations: kind === 'givens' && n > 1 ? Math.min(2 * n, 8) : 0,
    permute: kind !== 'identity',
    flipSigns: kind !== 'identity',
  });
  return { rows: n, cols: n, data: [...g.entries.data] };
}

export function basisArb(kind: Basis, n: number): Arbitrary<DecMat> {
  return fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((seed) => basisMatrix(kind, n, seed));
}

export function toMat<T>(F: Field<T>, m: DecMat): Mat<T> {
  return mat(m.rows, m.cols, m.data.map((x) => F.of(x)));
}

/** Plain JSON copy of a float matrix. */
export function plainMat(A: Mat<number>): { rows: number; cols: number; data: number[] } {
  return { rows: A.rows, cols: A.cols, data: [...A.data] };
}

/** Decimal-string scalar in a field: exact in decimal, rounded to nearest in float64. */
export function num<T>(F: Field<T>, x: string | number): T {
  return F.of(x);
}

/** η_t = C·c·ρ^t for t < T, as S.geo builds it (running product of ρ). */
export function geoEtas<T>(F: Field<T>, C: string | number, rho: string | number, scale: string | number, T: number): T[] {
  const out: T[] = [];
  let p = F.one;
  const Cc = F.mul(F.of(C), F.of(scale));
  for (let t = 0; t < T; t++) {
    out.push(F.mul(Cc, p));
    p = F.mul(p, F.of(rho));
  }
  return out;
}

/** The scalar recursion (27): σ_{t+1} = σ_t − η_t sign(σ_t³ − λσ_t); returns σ_0..σ_T and the g_t = σ_t³ − λσ_t. */
export function mfScalar<T>(F: Field<T>, sigma0: T, lambda: T, etas: readonly T[]): { sigma: T[]; g: T[] } {
  const sigma = [sigma0];
  const g: T[] = [];
  for (let t = 0; t < etas.length; t++) {
    const s = sigma[t];
    const gt = F.sub(F.mul(F.mul(s, s), s), F.mul(lambda, s));
    g.push(gt);
    sigma.push(F.sub(s, F.mul(etas[t], F.sign(gt))));
  }
  return { sigma, g };
}

/** The ICL scalar recursion (73): w_{t+1} = w_t − η_t sign(w_t − 1/λ); returns w_0..w_T and the gaps w_t − 1/λ. */
export function iclScalar<T>(F: Field<T>, w0: T, invLambda: T, etas: readonly T[]): { w: T[]; gap: T[] } {
  const w = [w0];
  const gap: T[] = [];
  for (let t = 0; t < etas.length; t++) {
    const e = F.sub(w[t], invLambda);
    gap.push(e);
    w.push(F.sub(w[t], F.mul(etas[t], F.sign(e))));
  }
  return { w, gap };
}

/** A·diag(s)·Bᵀ for A n×m, B p×m. */
export function adbt<T>(F: Field<T>, A: Mat<T>, s: readonly T[], B: Mat<T>): Mat<T> {
  const AS = mat(A.rows, A.cols, A.data.map((x, i) => F.mul(x, s[i % A.cols]!)));
  return matmul(F, AS, transpose(B));
}

/** max |a_ij − b_ij| (in F). */
export function maxAbsDiff<T>(F: Field<T>, A: Mat<T>, B: Mat<T>): T {
  let m = F.zero;
  for (let i = 0; i < A.data.length; i++) {
    const x = F.abs(F.sub(A.data[i]!, B.data[i]!));
    if (F.lt(m, x)) m = x;
  }
  return m;
}

/**
 * proveExact with adaptive precision: P, 2P, … up to maxP. Accepts the first run that is exact or whose error
 * estimate is below 10^(−P/2) (what is left to absorb a modest amplification of the rounding, see the claims);
 * returns the last attempt otherwise.
 */
export function highPrecision<R>(P0: number, maxP: number, compute: (F: Field<Decimal>) => R, numbers: (r: R) => readonly Decimal[]): ExactResult<R> {
  let P = P0;
  for (;;) {
    const r = proveExact(P, compute, numbers);
    if (r.exact || r.errorEstimate <= 10 ** (-P / 2) || 2 * P > maxP) return r;
    P *= 2;
  }
}

/** An exact field large enough to hold the difference of two decimals of these precisions without rounding. */
export function wideField(...precisions: number[]): Field<Decimal> {
  return exactField(Math.min(1000, precisions.reduce((a, b) => a + b, 0) + 20));
}

/** Decade bin of a positive number: "1e2–1e3". */
export function decade(x: number): string {
  if (!(x > 0) || !Number.isFinite(x)) return String(x);
  const e = Math.floor(Math.log10(x) + 1e-12);
  return `1e${e}–1e${e + 1}`;
}

/** The bins "1e0–1e1" … for exponents lo..hi−1. */
export function decades(lo: number, hi: number): string[] {
  const out: string[] = [];
  for (let e = lo; e < hi; e++) out.push(`1e${e}–1e${e + 1}`);
  return out;
}

export function rhoBin(rho: number): string {
  return rho < 0.5 ? '<1/2' : rho < 0.7 ? '[0.5,0.7)' : rho < 0.9 ? '[0.7,0.9)' : '[0.9,1)';
}

/**
 * The float drift budget of a Muon run against the exact trajectory it should follow, step by step (first order in
 * the unit roundoff u). With N_t the error of the computed gradient, ‖N_t‖ ≤ ν_t + L_t·E_t (ν_t: rounding of the
 * gradient formula; L_t: its Lipschitz constant, so the deviation E_t of the iterate moves it by ≤ L_t·E_t):
 *  - if ‖N_t‖ ≥ s_t, the smallest singular value of the exact gradient, a sign may flip: the step can differ by 2η_t;
 *  - otherwise the signs are right and only the singular vectors rotate: the polar factor moves by
 *    ≤ 2‖N_t‖/(σ_i + σ_j) over the closest pair (Li 1995), s2_t = the sum of the two smallest singular values for a
 *    square gradient (Infinity when there is a single one: a 1×1 sign cannot rotate), s_t for a rectangular one
 *    (whose polar factor also turns against the null space at rate 1/σ_min); capped at 2;
 *  - and X ← X − ηD rounds by ≤ 2u‖X_{t+1}‖_F.
 *   E_{t+1} = E_t + η_t·(flip ? 2 : min(2, 2‖N_t‖/s2_t)) + 2u‖X_{t+1}‖_F.
 * Returns E_0..E_T (E_0 given).
 */
export interface DriftStep {
  readonly eta: number;
  readonly nu: number;
  readonly L: number;
  readonly s: number;
  readonly s2: number;
  readonly normNext: number;
}
export function driftBudget(E0: number, steps: readonly DriftStep[]): number[] {
  const u = 2 ** -53;
  const E = [E0];
  for (const st of steps) {
    const prev = E[E.length - 1]!;
    const N = st.nu + st.L * prev;
    const move = !(st.s > N) ? 2 : Math.min(2, (2 * N) / st.s2);
    E.push(prev + st.eta * move + 2 * u * st.normNext);
  }
  return E;
}

export const U64 = 2 ** -53;

export function frob(A: Mat<number>): number {
  let s = 0;
  for (const x of A.data) s += x * x;
  return Math.sqrt(s);
}

/** s = the smallest of the singular values, s2 = the sum of the two smallest (Infinity for a single one): square case. */
export function smallest(sv: readonly number[]): { s: number; s2: number } {
  const a = [...sv].sort((x, y) => x - y);
  return { s: a[0]!, s2: a.length > 1 ? a[0]! + a[1]! : Infinity };
}

/**
 * The float check shared by A.L3 and A.L8: compares the matrix trajectory X_t with its aligned prediction while the
 * drift budget E_t stays ≤ 1e-6·scale (beyond that float cannot say whether X_t is still aligned). `deviation(t)`
 * gives max|X_t − prediction_t| and its tolerance E_t + (the rounding of forming the prediction). Returns the bound
 * (worst deviation/tolerance over the compared steps), the horizon reached and the matching branch and bin.
 */
export function alignedWithinBudget(
  steps: number,
  E: readonly number[],
  scale: number,
  deviation: (t: number) => { dev: number; tol: number },
  bound: { name: string; tolerance: string },
): { bound: Bound; branches: string[]; compared: string; trace: { horizon: number; worstAt: number } } {
  let worst = { ratio: -1, lhs: 0, rhs: 0, t: 0 };
  let holds = true;
  let horizon = 0;
  for (let t = 0; t <= steps; t++) {
    if (E[t]! > 1e-6 * scale) break;
    horizon = t;
    const { dev, tol } = deviation(t);
    if (!(dev <= tol)) holds = false;
    if (dev / tol > worst.ratio) worst = { ratio: dev / tol, lhs: dev, rhs: tol, t };
  }
  const all = horizon === steps;
  return {
    bound: { name: bound.name, lhs: worst.lhs, rhs: worst.rhs, holds, tolerance: bound.tolerance },
    branches: [all ? 'float: all steps compared' : 'float: horizon reached'],
    compared: all ? 'all steps' : 'up to the float horizon',
    trace: { horizon, worstAt: worst.t },
  };
}
