import type { Decimal } from '../arith/exact.ts';
import { proveExact } from '../arith/exactness.ts';
import type { Field, Scalarish } from '../arith/field.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { mat, type Mat } from '../linalg/mat.ts';
import type { Problem } from '../problems/problem.ts';
import type { Impl } from '../impl/impl.ts';

/*
 * Shared pieces of the SignGD lower bounds of paper A (Lemmas 12–16, Theorems 2 and 4; claims A.L14, A.T2, A.T4).
 *
 * Every instance lives on a 2-D invariant slice rotated by Q = (1/√2)[[1,1],[1,−1]] (Q = Qᵀ = Q⁻¹):
 *  - P.quad2 (131): x ∈ ℝ², y = Qx. We track z = √2·y = Hx, H = [[1,1],[1,−1]], which is exact in decimal;
 *    "y₁ moves by √2η" reads "z₁ moves by 2η".
 *  - P.mf on {pI + qJ} (147): U = Q diag(μ₁, μ₂) Q = [[p, q], [q, p]], μ = (p + q, p − q) (150).
 *  - P.icl on {pI + qJ} (180): W likewise, u = (p + q, p − q) (182).
 * In each case ∇f = Q diag(w₁, w₂) Q = ½[[w₁+w₂, w₁−w₂], [w₁−w₂, w₁+w₂]] with w = (λ₁z₁, λ₂z₂) (138),
 * w = ((μᵢ² − λᵢ)μᵢ) (152), w = (λᵢ²(λᵢuᵢ − 1)) = (λᵢ³(uᵢ − 1/λᵢ)) (187)–(188): the sign of ∇f is s(I + J) when
 * |w₁| > |w₂| (only coordinate 1 moves, by 2η) and s(I − J) when |w₁| < |w₂| (only coordinate 2 moves) (140)–(142).
 */

/** A scalar of a case: a number is a double (converted exactly in exact mode), a string a finite decimal. */
export type Num = number | string;

export const isDecimalCase = (xs: readonly Num[]): boolean => xs.every((x) => typeof x === 'string');

/** Q diag(a, b) Q = ½[[a + b, a − b], [a − b, a + b]]: exact in decimal (M* (132), Σ (179), and slice points). */
export function rotatedDiag<T>(F: Field<T>, a: T, b: T): Mat<T> {
  const half = F.div(F.one, F.of(2));
  const p = F.mul(half, F.add(a, b));
  const q = F.mul(half, F.sub(a, b));
  return mat(2, 2, [p, q, q, p]);
}

/** Eigen-coordinates (p + q, p − q) of a slice point [[p, q], [q, p]] and its distance from the slice. */
export function sliceCoords<T>(F: Field<T>, U: Mat<T>): { a: T; b: T; defect: T } {
  const [p, q, q2, p2] = U.data as T[];
  return { a: F.add(p!, q!), b: F.sub(p!, q!), defect: F.add(F.abs(F.sub(p!, p2!)), F.abs(F.sub(q!, q2!))) };
}

/** x = H z / 2 for P.quad2 (so that z = Hx = √2·Qx). */
export function quadPoint<T>(F: Field<T>, z1: T, z2: T): Mat<T> {
  const half = F.div(F.one, F.of(2));
  return mat(2, 1, [F.mul(half, F.add(z1, z2)), F.mul(half, F.sub(z1, z2))]);
}

export function quadCoords<T>(F: Field<T>, x: Mat<T>): { a: T; b: T; defect: T } {
  const [x1, x2] = x.data as T[];
  return { a: F.add(x1!, x2!), b: F.sub(x1!, x2!), defect: F.zero };
}

export type Setting = 'quad2' | 'mf' | 'icl';

/** The problem of a setting, built from ctx.impl (so planted bugs reach it) with eigenvalues λ₁, λ₂ in the Q basis. */
export function buildProblem<T>(impl: Impl, la: LinAlg<T>, setting: Setting, l1: T, l2: T): Problem<T> {
  const F = la.F;
  if (setting === 'quad2') return impl.problems.quad2(la, l1, l2);
  const S = rotatedDiag(F, l1, l2);
  return setting === 'mf' ? impl.problems.mf(la, { M: S }, 2) : impl.problems.icl(la, { Sigma: S });
}

export const startPoint = <T>(F: Field<T>, setting: Setting, a: T, b: T): Mat<T> => (setting === 'quad2' ? quadPoint(F, a, b) : rotatedDiag(F, a, b));
export const coordsOf = <T>(F: Field<T>, setting: Setting, X: Mat<T>): { a: T; b: T; defect: T } => (setting === 'quad2' ? quadCoords(F, X) : sliceCoords(F, X));

/** The signed gradient weights wᵢ of the setting at eigen-coordinate v with eigenvalue λ (see the file comment). */
export function weight<T>(F: Field<T>, setting: Setting, v: T, l: T): T {
  if (setting === 'quad2') return F.mul(l, v);
  if (setting === 'mf') return F.mul(F.sub(F.mul(v, v), l), v);
  return F.mul(F.mul(l, l), F.sub(F.mul(l, v), F.one));
}

export interface SignRun<T> {
  readonly iterates: Mat<T>[];
  /** ∇f(X_t) as the implementation computed it, t = 0 … steps − 1. */
  readonly grads: Mat<T>[];
  /** f(X_t) − f* as numbers (from the run), t = 0 … steps. */
  readonly losses: number[];
  /** f(X_t) in the run's arithmetic (the problem's own loss, evaluated on demand). */
  lossAt(t: number): T;
  readonly status: string;
  readonly message?: string;
}

/**
 * SignGD (ctx.impl.optimizers.signgd) on `problem` from X₀ with the step sizes `etas` (ctx.impl.schedules.sequence,
 * non-increasing unless told), through ctx.impl.run. The gradient is wrapped only to record it (the margin proof of
 * the signs below needs it); losses are re-evaluated with the problem's own loss in the run's arithmetic.
 */
export function runSignGD<T>(impl: Impl, problem: Problem<T>, x0: Mat<T>, etas: readonly Scalarish[], nonIncreasing = true): SignRun<T> {
  const grads: Mat<T>[] = [];
  const recorded: Problem<T> = {
    ...problem,
    grad: (X) => {
      const G = problem.grad(X);
      grads.push(G);
      return G;
    },
  };
  const tr = impl.run({ problem: recorded, optimizer: impl.optimizers.signgd, schedule: impl.schedules.sequence(etas, { nonIncreasing }), x0, steps: etas.length, keepIterates: true });
  const iterates = tr.iterates!.map((i) => i.X);
  return { iterates, grads: grads.slice(0, iterates.length - 1), losses: tr.losses, lossAt: (t) => problem.loss(iterates[t]!), status: tr.status, ...(tr.message ? { message: tr.message } : {}) };
}

/**
 * runSignGD in chunks of `chunk` steps (each chunk a fresh ctx.impl.run from the last iterate with the next step sizes:
 * SignGD has no state besides X, so the trajectory is the same), stopping after the first chunk in which `done`
 * holds for some iterate. Returns the concatenated run.
 */
export function runSignGDUntil<T>(impl: Impl, problem: Problem<T>, x0: Mat<T>, etas: readonly Scalarish[], done: (r: SignRun<T>, t: number) => boolean, chunk = 24): SignRun<T> {
  const iterates: Mat<T>[] = [x0];
  const grads: Mat<T>[] = [];
  const losses: number[] = [];
  let status = 'completed';
  let message: string | undefined;
  for (let start = 0; start < etas.length; start += chunk) {
    const part = runSignGD(impl, problem, iterates[iterates.length - 1]!, etas.slice(start, start + chunk));
    if (start === 0) losses.push(part.losses[0]!);
    iterates.push(...part.iterates.slice(1));
    grads.push(...part.grads);
    losses.push(...part.losses.slice(1));
    if (part.status !== 'completed') {
      status = part.status;
      message = part.message;
      break;
    }
    const whole: SignRun<T> = { iterates, grads, losses, lossAt: (t) => problem.loss(iterates[t]!), status };
    let stop = false;
    for (let t = start + 1; t < iterates.length && !stop; t++) stop = done(whole, t);
    if (start === 0 && done(whole, 0)) stop = true;
    if (stop) break;
  }
  return { iterates, grads, losses, lossAt: (t) => problem.loss(iterates[t]!), status, ...(message ? { message } : {}) };
}

export interface SignExactness<R> {
  readonly value: R;
  readonly exact: boolean;
  readonly precision: number;
  readonly errorEstimate: string;
  /** Largest difference of the exact numbers between P and 2P (0 when exact; Infinity when a sign is uncertified). */
  readonly errorNumber: number;
}

/**
 * Runs `compute` at P and 2P digits (proveExact). SignGD iterates are sums of the ηₜ, so they are exact whenever
 * every sign is right. `exactNumbers` must then agree to the last digit at P and 2P. Where the gradient itself is
 * rounded (P.mf: its eigenvectors (1, ±1)/√2 come from a Jacobi rotation, so VΛVᵀ carries a relative error ~10^{−P}),
 * `signedNumbers` (the gradients) must keep their signs with a margin: |G_P − G_2P| ≤ 10⁻⁶·|G_2P| entrywise, so that
 * the P-digit signs are those of the exact gradient of the exact iterate (its error is below |G_P − G_2P|(1 + 10^{−P})).
 */
export function proveSignExact<R>(P: number, compute: (F: Field<Decimal>) => R, exactNumbers: (r: R) => readonly Decimal[], signedNumbers: (r: R) => readonly Decimal[] = () => []): SignExactness<R> {
  const runs: R[] = [];
  const res = proveExact(P, (F) => {
    const r = compute(F);
    runs.push(r);
    return r;
  }, exactNumbers);
  let exact = res.exact;
  let note = res.errorEstimateText;
  let errorNumber = res.errorEstimate;
  if (exact && runs.length === 2) {
    const lo = signedNumbers(runs[0]!);
    const hi = signedNumbers(runs[1]!);
    let worst = 0;
    for (let i = 0; i < lo.length; i++) {
      const d = lo[i]!.minus(hi[i]!).abs();
      if (d.isZero()) continue;
      const rel = hi[i]!.isZero() ? Infinity : d.div(hi[i]!.abs()).toNumber();
      worst = Math.max(worst, rel);
    }
    if (worst > 1e-6) {
      exact = false;
      errorNumber = Infinity;
      note = `a gradient sign is not certified (relative gap ${worst.toExponential(2)} between ${P} and ${2 * P} digits)`;
    } else if (worst > 0) note = `0 (iterates identical at ${P} and ${2 * P} digits; gradient signs certified, relative rounding ≤ ${worst.toExponential(2)})`;
  }
  return { value: res.value, exact, precision: P, errorEstimate: note, errorNumber };
}

/** Floor of a positive decimal to `digits` significant digits (keeps a non-increasing sequence non-increasing). */
export function floorDigits(x: Decimal, digits: number): string {
  return x.toSignificantDigits(digits, 1 /* ROUND_DOWN */).toString();
}

/**
 * Whether f(X_t) ≤ ε, decided from the run's float summary when it is clear by a relative 10⁻⁹ (the summary is the
 * exact loss rounded once to a double) and from the loss in the run's own arithmetic otherwise.
 */
export function lossAtMost<T>(F: Field<T>, r: SignRun<T>, t: number, eps: T): boolean {
  const e = F.toNumber(eps);
  const l = r.losses[t]!;
  if (Math.abs(l - e) > 1e-9 * Math.max(Math.abs(e), Math.abs(l))) return l <= e;
  return F.le(r.lossAt(t), eps);
}

export const flatten = <T>(ms: readonly Mat<T>[]): T[] => ms.flatMap((m) => m.data as T[]);
