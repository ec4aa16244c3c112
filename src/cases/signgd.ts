import { exactField, type Decimal } from '../arith/exact.ts';
import { proveExact } from '../arith/exactness.ts';
import type { Field, Scalarish } from '../arith/field.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { mat, type Mat } from '../linalg/mat.ts';
import type { Problem } from '../problems/problem.ts';
import type { Impl } from '../impl/impl.ts';
import type { DecimalSchedule } from '../generators/signgd.ts';

/*
 * The SignGD lower bounds of paper A (Lemmas 12–16, Theorems 2 and 4; claims A.L14, A.T2, A.T4): the invariant
 * slices, SignGD runs on them through the implementation under test, the runs' proof of exactness, and the
 * construction's schedule and warm start (Lemma 15).
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

/** How exact a decimal run was: the exactness record of a case, and its error as a number. */
export interface RunProof {
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
function proveSignExact<R>(P: number, compute: (F: Field<Decimal>) => R, exactNumbers: (r: R) => readonly Decimal[], signedNumbers: (r: R) => readonly Decimal[] = () => []): RunProof & { readonly value: R } {
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

// ---- the exact field of the SignGD claims ------------------------------------------------------------------------

/**
 * The exact mode of the SignGD claims: decimal at P digits, in which every run is proven exact by a re-run at 2P
 * (provenRun below), so that bounds are decided without tolerance. A field spec of the claim kit (its shape: name,
 * decides, make); the check must take its runs from provenRun and make an unproven case inconclusive.
 */
export function provenDecimal(P: number): { readonly name: string; readonly decides: 'exactly'; make(): Field<Decimal> } {
  return { name: `decimal(${P}), proven at ${2 * P}`, decides: 'exactly', make: () => exactField(P) };
}

/**
 * A SignGD computation in the check's field F: once in float64; in decimal at F's precision P and again at 2P
 * (proveSignExact: `exactNumbers` must agree to the last digit, `signedNumbers` keep their signs with a margin),
 * returning the P-digit run with its proof.
 */
export function provenRun<T, R>(F: Field<T>, compute: (F: Field<T>) => R, exactNumbers: (r: R) => readonly T[], signedNumbers?: (r: R) => readonly T[]): { readonly run: R; readonly proof?: RunProof } {
  if (F.kind === 'float64') return { run: compute(F) };
  // T is Decimal here: the exact fields of these claims are decimal.js at F.precision digits (provenDecimal).
  if (!Number.isFinite(F.precision)) throw new RangeError(`provenRun: a decimal field is needed (got ${F.kind} at precision ${F.precision})`);
  const asDecimal = compute as unknown as (G: Field<Decimal>) => R;
  const { value, ...proof } = proveSignExact(F.precision, asDecimal, exactNumbers as unknown as (r: R) => readonly Decimal[], signedNumbers as unknown as ((r: R) => readonly Decimal[]) | undefined);
  return { run: value, proof };
}

/** A run in decimal that its re-run at 2P did not prove exact: it decides nothing (its signs may be rounding). */
export const unproven = (r: { readonly proof?: RunProof }): boolean => r.proof !== undefined && !r.proof.exact;

// ---- the lower-bound construction (Theorems 2 and 4, Lemma 15) --------------------------------------------------

const CONSTRUCTION = exactField(60);

/**
 * The first n step sizes of a schedule with threshold c, as 6-digit decimals rounded down (so that the sequence stays
 * non-increasing and exact), floored at 10⁻¹² and capped at etaMax.
 */
export function scheduleValues(s: DecimalSchedule, c: Decimal, n: number, etaMax: string): string[] {
  const F = CONSTRUCTION;
  const out: string[] = [];
  let prev: Decimal | undefined;
  for (let t = 0; t < n; t++) {
    let v: Decimal;
    switch (s.kind) {
      case 'below-threshold':
        v = F.mul(F.of(s.theta), c);
        break;
      case 'geo':
        v = F.mul(F.of(s.eta0), F.of(s.rho).pow(t));
        break;
      case 'step':
        v = F.mul(F.of(s.eta0), F.of(s.factor).pow(Math.floor(t / s.every)));
        break;
      case 'drop':
        v = t < s.hold ? F.of(s.eta0) : F.mul(F.of(s.theta), c);
        break;
      case 'harmonic':
        v = F.div(F.of(s.eta0), F.add(F.one, F.div(F.of(t), F.of(s.L))));
        break;
    }
    // Floored at 10⁻¹² (then constant, still non-increasing): a geometric tail below it moves nothing visible
    // and would make the exact iterates need hundreds of digits.
    let e = F.of(floorDigits(F.max(v, F.of('1e-12')), 6));
    if (prev && F.lt(prev, e)) e = prev; // 'drop' with η₀ < θc: keep it non-increasing
    if (F.lt(F.of(etaMax), e)) e = F.of(etaMax);
    prev = e;
    out.push(F.toString(e));
  }
  return out;
}

/**
 * Lemma 15's backward warm start (144): δ_T = η_T and δ_t = −sign(δ_{t+1})(2η_t − |δ_{t+1}|) for t < T, so that
 * c ≤ |δ_t| ≤ 2η_t − c for non-increasing η and the other coordinate stays frozen through T. Returns δ₀ (0 when T < 0).
 */
export function warmStart(F: Field<Decimal>, etas: readonly string[], T: number): Decimal {
  if (T < 0) return F.zero;
  let d = F.of(etas[T]!);
  for (let t = T - 1; t >= 0; t--) d = F.mul(F.neg(F.sign(d)), F.sub(F.mul(F.of(2), F.of(etas[t]!)), F.abs(d)));
  return d;
}

/** N_ε: the first t with f(X_t) ≤ ε within the run, or undefined. */
export function firstReached<T>(F: Field<T>, r: SignRun<T>, eps: T): number | undefined {
  for (let t = 0; t < r.losses.length; t++) if (lossAtMost(F, r, t, eps)) return t;
  return undefined;
}

/**
 * Lemma 15's invariant (145) on a slice run: the second eigen-coordinate p − q unchanged through step T (iterates
 * 0 … T + 1), and its largest drift. Exact: identical. Float: p and q are each rounded once per step and p − q once
 * more, so a frozen coordinate drifts by at most 4u·mag per step (mag ≥ |p| + |q|); a moving one jumps by 2η_t ≥ 2c.
 */
export function frozenThrough<T>(F: Field<T>, iterates: readonly Mat<T>[], T: number, mag: number): { readonly frozen: boolean; readonly drift: number } {
  const b0 = sliceCoords(F, iterates[0]!).b;
  let frozen = true;
  let drift = 0;
  for (let t = 1; t <= Math.min(T + 1, iterates.length - 1); t++) {
    const d = F.toNumber(F.abs(F.sub(sliceCoords(F, iterates[t]!).b, b0)));
    drift = Math.max(drift, d);
    if (d > (F.kind === 'float64' ? 4 * F.unitRoundoff * mag * t : 0)) frozen = false;
  }
  return { frozen, drift };
}
