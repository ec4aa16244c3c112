import { exactField, MAX_PRECISION, type Decimal } from '../arith/exact.ts';
import { proveExact, type ExactResult } from '../arith/exactness.ts';
import type { Field } from '../arith/field.ts';
import type { DecMat } from '../generators/aligned.ts';
import { mat, type Mat } from '../linalg/mat.ts';

/*
 * The aligned-dynamics family (A.L3, A.L8, A.L9, A.T3, A.AppA, A.Eq17): the scalar recursions (27) and (73) that the
 * implementation's matrix runs must decouple into, the spectra with finite-decimal inverses of the ICL claims, the
 * family's exact mode (the implementation run at P and at 2P digits, proveExact), and the float drift budget of a
 * Muon trajectory (how far float64 can follow the exact trajectory, argued step by step).
 */

// ---------------------------------------------------------------------------------------------------------------
// The exact mode: decimal at P and 2P digits.

/** What a case records about its exactness (the kit's `k.exactness`). */
export interface Exactness {
  readonly exact: boolean;
  readonly precision: number;
  readonly errorEstimate: string;
}

/** The part of a claim's check context these helpers use (structurally the kit's Ctx: cases/ sits below claims/). */
export interface FieldContext<T> {
  readonly F: Field<T>;
  exactness(e: Exactness): void;
  inconclusive(reason: string): void;
}

/*
 * The field a check of the exact mode sees: 1000 digits hold every value of a run at P ≤ 480 digits, and every
 * difference or product a check forms of them (`wide` below), so a bound is decided on exact copies of its numbers.
 * Two instances, so that `measured` can tell which of the two modes below it runs in.
 */
const HIGH = exactField(MAX_PRECISION);
const PROVEN = exactField(MAX_PRECISION);

/**
 * The family's exact mode, a FieldSpec of the claim kit: each case runs the implementation in decimal at P digits
 * and again at 2P (proveExact, `measured` below). When the two agree to the last digit no operation rounded and the
 * run is exact; otherwise their largest difference err estimates the P-digit run's error, and the bounds carry 2·err
 * (A.L3, A.L8, A.T3) or the float tolerance at u = ½·10^(1−P) plus 2·err (A.Eq17, A.AppA). A case whose err stays
 * above 10^(−P/2) (nothing left to absorb an amplification of the rounding) is inconclusive.
 */
export const highPrecision = { name: 'decimal: P vs 2P digits (proveExact)', decides: 'rounded' as const, make: (): Field<Decimal> => HIGH };

/**
 * The same for a claim whose runs must be proven exact (A.L9: every w_t is a finite decimal): a case whose runs at P
 * and 2P differ is inconclusive, and the bounds are decided exactly, without tolerance.
 */
export const provenExact = { name: 'decimal: exact, proven at P vs 2P digits (proveExact)', decides: 'exactly' as const, make: (): Field<Decimal> => PROVEN };

const isFloat = <T>(F: Field<T>): boolean => F.kind === 'float64';

/** An exact field large enough to hold the difference of two decimals of these precisions without rounding. */
function wideField(...precisions: number[]): Field<Decimal> {
  return exactField(Math.min(1000, precisions.reduce((a, b) => a + b, 0) + 20));
}

/** A run of the implementation under test, in float64 or at P digits with its error estimate. */
export interface Measured<T, R> {
  /** The run's value: in float64, or at P digits. */
  readonly value: R;
  /** The field of the value: float64, or decimal at P digits. */
  readonly field: Field<T>;
  /** True in float64, whose tolerances are argued instead of measured. */
  readonly float: boolean;
  /**
   * 0 in float64; in decimal the largest difference between the runs at P and 2P digits, which bounds the P-digit
   * run's error (it is at most err plus the 2P run's error, which is no larger).
   */
  readonly err: T;
  /** The unit roundoff of the run's field: 2^-53, or ½·10^(1−P). */
  readonly u: number;
  /** Digits of the run (P), 16 in float64. */
  readonly precision: number;
  /** The runs at P and 2P agree to the last digit (never in float64). */
  readonly exact: boolean;
  /**
   * err ≤ 10^(−P/2): what is left absorbs a modest amplification of the rounding (always in float64). A run that is
   * not resolved at the largest precision leaves its case inconclusive (in provenExact, any run that is not exact).
   */
  readonly resolved: boolean;
  /** The error estimate as a decimal string (errors below 1e-308 are not lost), "0" in float64. */
  readonly errText: string;
  /**
   * The field the check compares in: float64, or a decimal field wide enough to hold the run's numbers and those of
   * the given precisions, and their differences, without rounding.
   */
  wide(...precisions: number[]): Field<T>;
}

export interface MeasureOptions<T, R> {
  /** The starting precision P (digits). */
  readonly P: number;
  /**
   * With maxP: double P while the run is neither exact nor resolved (err > 10^(−P/2)) and 2P ≤ maxP; the last
   * attempt is returned otherwise. Without it: one run at P and 2P.
   */
  readonly maxP?: number;
  /** The computation, over the field it is given (the implementation's run). */
  compute(F: Field<T>): R;
  /** The numbers the result consists of (a trajectory flattened), compared between P and 2P. */
  numbers(r: R): readonly T[];
}

/**
 * Runs `compute` in the case's arithmetic: once in float64; in the exact mode at P and 2P digits (proveExact),
 * recording the case's exactness — the run's precision, whether it is exact and its error estimate — and marking
 * the case inconclusive when the mode's requirement (resolved, or proven exact) is not met.
 */
export function measured<T, R>(k: FieldContext<T>, o: MeasureOptions<T, R>): Measured<T, R> {
  if (isFloat(k.F)) {
    return { value: o.compute(k.F), field: k.F, float: true, err: k.F.zero, u: k.F.unitRoundoff, precision: 16, exact: false, resolved: true, errText: '0', wide: () => k.F };
  }
  const compute = o.compute as unknown as (F: Field<Decimal>) => R;
  const numbers = o.numbers as unknown as (r: R) => readonly Decimal[];
  let P = o.P;
  let r: ExactResult<R>;
  for (;;) {
    r = proveExact(P, compute, numbers);
    if (o.maxP === undefined || r.exact || r.errorEstimate <= 10 ** (-P / 2) || 2 * P > o.maxP) break;
    P *= 2;
  }
  const run = r;
  const resolved = run.exact || !(run.errorEstimate > 10 ** (-run.precision / 2));
  k.exactness({ exact: run.exact, precision: run.precision, errorEstimate: run.errorEstimateText });
  if (k.F === PROVEN && !run.exact) k.inconclusive(`run not proven exact at ${run.precision} digits (error estimate ${run.errorEstimateText})`);
  else if (!resolved) k.inconclusive(`error estimate ${run.errorEstimateText} above 10^(−P/2) at the largest precision ${run.precision}`);
  return {
    value: run.value,
    field: exactField(run.precision) as unknown as Field<T>,
    float: false,
    err: k.F.of(run.errorEstimateText),
    u: 0.5 * 10 ** (1 - run.precision),
    precision: run.precision,
    exact: run.exact,
    resolved,
    errText: run.errorEstimateText,
    wide: (...precisions) => wideField(run.precision, ...precisions) as unknown as Field<T>,
  };
}

/**
 * An exact reference computed here (the scalar recursions a matrix run must decouple into): in float64 as is; in the
 * exact mode at P digits, proven exact against 2P — undefined when it is not (the case is then inconclusive).
 */
export function reference<T, R>(k: FieldContext<T>, P: number, compute: (F: Field<T>) => R, numbers: (r: R) => readonly T[]): R | undefined {
  if (isFloat(k.F)) return compute(k.F);
  const r = proveExact(P, compute as unknown as (F: Field<Decimal>) => R, numbers as unknown as (r: R) => readonly Decimal[]);
  return r.exact ? r.value : undefined;
}

/** Decimal places of a decimal string (0 for an integer); a number counts as `ofNumber` places. */
export function placesOf(s: string | number, ofNumber = 0): number {
  if (typeof s === 'number') return ofNumber;
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
}

/** The most decimal places among decimal strings. */
export const maxPlaces = (xs: readonly string[]): number => Math.max(...xs.map((x) => placesOf(x)));

/**
 * The first step t < steps at which one of the scalar sequences' gradients g_{i,t} is exactly 0 (steps if none): there
 * the matrix gradient has an exactly zero singular value, where msign is discontinuous.
 */
export function firstExactZero<T>(F: Field<T>, g: readonly (readonly T[])[], steps: number): number {
  for (let t = 0; t < steps; t++) if (g.some((gi) => F.isZero(gi[t]!))) return t;
  return steps;
}

// ---------------------------------------------------------------------------------------------------------------
// The predictions: scalar recursions and decimal data.

/** A finite-decimal matrix in a field: exact in decimal, rounded to nearest in float64. */
export function toMat<T>(F: Field<T>, m: DecMat): Mat<T> {
  return mat(m.rows, m.cols, m.data.map((x) => F.of(x)));
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
    const s = sigma[t]!;
    const gt = F.sub(F.mul(F.mul(s, s), s), F.mul(lambda, s));
    g.push(gt);
    sigma.push(F.sub(s, F.mul(etas[t]!, F.sign(gt))));
  }
  return { sigma, g };
}

/** The ICL scalar recursion (73): w_{t+1} = w_t − η_t sign(w_t − 1/λ); returns w_0..w_T and the gaps w_t − 1/λ. */
export function iclScalar<T>(F: Field<T>, w0: T, invLambda: T, etas: readonly T[]): { w: T[]; gap: T[] } {
  const w = [w0];
  const gap: T[] = [];
  for (let t = 0; t < etas.length; t++) {
    const e = F.sub(w[t]!, invLambda);
    gap.push(e);
    w.push(F.sub(w[t]!, F.mul(etas[t]!, F.sign(e))));
  }
  return { w, gap };
}

/** 200 digits: every spectrum and prefactor below is a short finite decimal, formed without rounding. */
const D200 = exactField(200);

/** Eigenvalues λ_max / (2^a 5^b) as exact decimal strings (descending), λ_max first: 1/λᵢ is a finite decimal. */
export function friendlyLambdas(lmax: string, divs: readonly (readonly [number, number])[]): string[] {
  const F = D200;
  const L = F.of(lmax);
  const vals = [L, ...divs.map(([a, b]) => F.div(L, F.of(2 ** a * 5 ** b)))];
  vals.sort((x, y) => y.cmp(x));
  return vals.map((v) => v.toFixed());
}

/** C = 1/(2λ_min)·(1 + f) as a decimal string (exact: 1/λ_min is a finite decimal); f ≥ 0 is Lemma 9's C ≥ 1/(2λ_min). */
export function prefactorFor(lambdaMin: string, f: string): string {
  const F = D200;
  return F.mul(F.div(F.one, F.mul(F.of(2), F.of(lambdaMin))), F.add(F.one, F.of(f))).toFixed();
}

// ---------------------------------------------------------------------------------------------------------------
// The float drift budget.

export const U64 = 2 ** -53;

/**
 * One step of the float drift budget (see driftBudget): the step size, the rounding ν_t of the gradient formula, its
 * Lipschitz constant L_t, the smallest singular value s_t of the exact gradient, the closest-pair denominator s2_t,
 * and ‖X_{t+1}‖_F.
 */
export interface DriftStep {
  readonly eta: number;
  readonly nu: number;
  readonly L: number;
  readonly s: number;
  readonly s2: number;
  readonly normNext: number;
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
export function driftBudget(E0: number, steps: readonly DriftStep[]): number[] {
  const u = U64;
  const E = [E0];
  for (const st of steps) {
    const prev = E[E.length - 1]!;
    const N = st.nu + st.L * prev;
    const move = !(st.s > N) ? 2 : Math.min(2, (2 * N) / st.s2);
    E.push(prev + st.eta * move + 2 * u * st.normNext);
  }
  return E;
}

/** ‖A‖_F of a float matrix, the plain sum of squares (the drift budget's norms; entries here are O(1) to O(1e4)). */
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
 * Marks how far a case of A.L3/A.L8 compared its trajectory with the prediction: the 'compared' bin (all steps, up to
 * the float horizon, or up to an exact zero in decimal) and, in float64, whether the drift budget let it reach the end.
 */
export function markCompared(k: { branch(name: string): void; bin(axis: string, value: string): void }, float: boolean, horizon: number, steps: number): void {
  if (float) k.branch(horizon === steps ? 'float: all steps compared' : 'float: horizon reached');
  k.bin('compared', horizon === steps ? 'all steps' : float ? 'up to the float horizon' : 'up to an exact zero');
}

/**
 * The steps float64 can compare against the exact trajectory: t = 0 … while the drift budget E_t stays ≤ limit
 * (beyond it float cannot say whether the iterate is still aligned). Returns the last such t (−1 if none).
 */
export function floatHorizon(E: readonly number[], steps: number, limit: number): number {
  let horizon = -1;
  for (let t = 0; t <= steps && !(E[t]! > limit); t++) horizon = t;
  return horizon;
}
