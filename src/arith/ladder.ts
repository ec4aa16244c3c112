import { doubleDouble } from './double-double.ts';
import { exactField, type Decimal } from './exact.ts';
import type { Field } from './field.ts';
import { float64 } from './float64.ts';
import { rationalField } from './rational.ts';

/**
 * The confirmation ladder: decide a question about a computation in the cheapest arithmetic that can decide it.
 *
 * CONTRACT
 *
 *   confirm(problem, options?) → LadderResult
 *
 * `problem.compute(F)` is the computation, written ONCE against the Field interface (the same code runs in every
 * rung); it returns the numbers the decision reads, in F. The rungs, tried in order, each only when the previous one
 * could not decide:
 *
 *   1. float64         — values from compute(float64), each with the a-priori error bound problem.errorBound(F, values)
 *                        (in terms of F.unitRoundoff; the problem's own error analysis);
 *   2. double-double   — the same computation and the same bound formula in the ~32-digit field (unitRoundoff 2^-101);
 *   3. decimal P → 2P  — compute at P and at 2P digits; a value that agrees to the last digit is exact (error 0, the
 *                        proveExact argument of exactness.ts), otherwise its error is taken as |x_P − x_2P| and the
 *                        2P value is used (the project's convention for decimal error estimates);
 *   4. rational        — compute(Q) with bigint fractions: exact when no √ fell back to a double (F.inexact = 0),
 *                        otherwise this rung cannot decide.
 *
 * Rungs 1–2 are skipped when the problem gives no errorBound (there is then no bound to decide with); rung 3 and 4
 * can be disabled (options.rungs). At each rung `problem.decide(F, values, errors)` gets the values and an upper
 * bound on the absolute error of each (as field elements; 0 when exact) and returns a decision — any value but
 * undefined — or undefined when the errors leave the question open (for instance |lhs − rhs| ≤ error). A rung whose
 * computation throws or returns a non-finite value is recorded as undecided with the reason, and the ladder goes on.
 *
 * The result names the rung that decided (or none), and records every attempt with its error bound and time, so a
 * report can say "decided in double-double, error ≤ 3e-29" beside the verdict. `marginDecision` is the decision of
 * the common case "every margin m_i = lhs_i − rhs_i ≤ 0".
 *
 * Cost: a rung is typically 1× (float64), 5–30× (double-double), 100–1000× (decimal at 2×50 digits) the float run,
 * so a question that float64 cannot decide is usually settled by the double-double rung far below the cost of
 * decimal arithmetic (`npm run bench` measures the ratios on four cases, src/bench/confirm.ts).
 */

export type RungName = 'float64' | 'double-double' | 'decimal' | 'rational';

export const ALL_RUNGS: readonly RungName[] = ['float64', 'double-double', 'decimal', 'rational'];

export interface LadderProblem<D> {
  /** The computation over a field; returns the numbers the decision reads. */
  compute<T>(F: Field<T>): readonly T[];
  /**
   * An upper bound on the absolute error of each value computed in F (float64 or double-double), from the problem's
   * own error analysis in terms of F.unitRoundoff — one number for all values or one per value. Infinity (or NaN)
   * says "no bound" for that value (e.g. a branch decided by a sign too close to 0). Without it the approximate rungs
   * are skipped.
   */
  errorBound?<T>(F: Field<T>, values: readonly T[]): number | readonly number[];
  /** The decision, or undefined when `errors` (absolute, per value) leave it open. */
  decide<T>(F: Field<T>, values: readonly T[], errors: readonly T[]): D | undefined;
}

export interface LadderOptions {
  /** Rungs to try, in this order (default ALL_RUNGS). */
  readonly rungs?: readonly RungName[];
  /** Digits P of the decimal rung (run at P and 2P; default 50). */
  readonly precision?: number;
}

export interface RungAttempt {
  readonly rung: RungName;
  /** Decimal digits of the rung's arithmetic (decimal: the 2P run's). */
  readonly precision: number;
  readonly decided: boolean;
  /** Largest error bound over the values (0: exact; Infinity: no bound). */
  readonly maxError: number;
  /** Wall time of the rung in ms. */
  readonly ms: number;
  /** Why the rung could not run or decide, when it says more than "the errors leave it open". */
  readonly note?: string;
}

export interface LadderResult<D> {
  /** The decision, or undefined when no rung could decide. */
  readonly decision: D | undefined;
  /** The rung that decided. */
  readonly rung: RungName | undefined;
  readonly attempts: readonly RungAttempt[];
  /** Total wall time in ms. */
  readonly ms: number;
}

function errorsIn<T>(F: Field<T>, n: number, e: number | readonly number[]): T[] {
  const list = typeof e === 'number' ? Array.from({ length: n }, () => e) : e;
  if (list.length !== n) throw new Error(`confirm: errorBound returned ${list.length} bounds for ${n} values`);
  return list.map((x) => F.of(Number.isNaN(x) ? Infinity : x));
}

const maxOf = (xs: readonly number[]): number => xs.reduce((m, x) => (x > m || Number.isNaN(x) ? x : m), 0);

/**
 * One rung of a ladder whose computation is not a LadderProblem — the engine's confirmation (src/claims/phases/
 * confirm.ts) runs a claim's one check through the claim kit in each rung's field, where the kit itself decides each
 * bound against its tolerance at that field's unit roundoff (the rung's argued error, as marginDecision does).
 * `run` returns the decision, or undefined with a note when the rung cannot decide.
 */
export interface Rung<D> {
  readonly rung: RungName;
  /** The field's name as reports show it ('double-double', 'decimal(50)', 'Q', …). */
  readonly field: string;
  readonly precision: number;
  run(): { readonly decision: D | undefined; readonly maxError: number; readonly note?: string };
}

export interface ClimbAttempt extends RungAttempt {
  readonly field: string;
}

/** Tries the rungs in order, each only when the previous could not decide; a rung that throws is undecided. */
export function climb<D>(rungs: readonly Rung<D>[]): { readonly decision: D | undefined; readonly rung: RungName | undefined; readonly field: string | undefined; readonly attempts: readonly ClimbAttempt[]; readonly ms: number } {
  const attempts: ClimbAttempt[] = [];
  const t0 = performance.now();
  for (const r of rungs) {
    const start = performance.now();
    let out: ReturnType<Rung<D>['run']>;
    try {
      out = r.run();
    } catch (e) {
      out = { decision: undefined, maxError: Infinity, note: `threw: ${(e as Error).message}` };
    }
    const decided = out.decision !== undefined;
    attempts.push({ rung: r.rung, field: r.field, precision: r.precision, decided, maxError: out.maxError, ms: performance.now() - start, ...(out.note ? { note: out.note } : {}) });
    if (decided) return { decision: out.decision, rung: r.rung, field: r.field, attempts, ms: performance.now() - t0 };
  }
  return { decision: undefined, rung: undefined, field: undefined, attempts, ms: performance.now() - t0 };
}

/** Runs the ladder (see the contract above). */
export function confirm<D>(problem: LadderProblem<D>, options: LadderOptions = {}): LadderResult<D> {
  const rungs = options.rungs ?? ALL_RUNGS;
  const P = options.precision ?? 50;
  const attempts: RungAttempt[] = [];
  const t0 = performance.now();
  for (const rung of rungs) {
    const start = performance.now();
    const record = (precision: number, decided: boolean, maxError: number, note?: string): void => {
      attempts.push({ rung, precision, decided, maxError, ms: performance.now() - start, ...(note ? { note } : {}) });
    };
    try {
      let decision: D | undefined;
      if (rung === 'float64' || rung === 'double-double') {
        if (!problem.errorBound) continue;
        const F = (rung === 'float64' ? float64 : doubleDouble) as Field<unknown>;
        const values = problem.compute(F);
        if (!values.every((v) => F.isFinite(v))) {
          record(F.precision, false, Infinity, 'a value is not finite');
          continue;
        }
        const bound = problem.errorBound(F, values);
        const errors = errorsIn(F, values.length, bound);
        decision = problem.decide(F, values, errors);
        record(F.precision, decision !== undefined, maxOf(errors.map((e) => F.toNumber(e))));
      } else if (rung === 'decimal') {
        const lo = problem.compute(exactField(P));
        const F = exactField(2 * P);
        const hi = problem.compute(F);
        if (lo.length !== hi.length) throw new Error(`the runs at ${P} and ${2 * P} digits returned ${lo.length} and ${hi.length} values`);
        if (!hi.every((v) => F.isFinite(v)) || !lo.every((v) => (v as Decimal).isFinite())) {
          record(2 * P, false, Infinity, 'a value is not finite');
          continue;
        }
        const errors = hi.map((y, i) => F.abs(F.sub(F.of(lo[i] as Decimal), y)));
        decision = problem.decide(F, hi, errors);
        record(2 * P, decision !== undefined, maxOf(errors.map((e) => e.toNumber())));
      } else {
        const Q = rationalField();
        const values = problem.compute(Q);
        if (Q.inexact > 0) {
          record(Infinity, false, Infinity, `${Q.inexact} square root(s) were not exact in Q`);
          continue;
        }
        decision = problem.decide(Q, values, values.map(() => Q.zero));
        record(Infinity, decision !== undefined, 0);
      }
      if (decision !== undefined) return { decision, rung, attempts, ms: performance.now() - t0 };
    } catch (e) {
      record(NaN, false, Infinity, `threw: ${(e as Error).message}`);
    }
  }
  return { decision: undefined, rung: undefined, attempts, ms: performance.now() - t0 };
}

/**
 * The decision for margins m_i = lhs_i − rhs_i of bounds lhs_i ≤ rhs_i: 'holds' when every m_i + e_i ≤ 0 (each
 * bound holds for every value within the error), 'violated' when some m_i − e_i > 0 (that bound fails for every such
 * value), undefined otherwise. Margins of 0 with error 0 hold (lhs = rhs is allowed).
 */
export function marginDecision<T>(F: Field<T>, margins: readonly T[], errors: readonly T[]): 'holds' | 'violated' | undefined {
  let open = false;
  for (let i = 0; i < margins.length; i++) {
    const m = margins[i];
    const e = errors[i];
    if (F.lt(F.zero, F.sub(m, e))) return 'violated';
    if (!F.le(F.add(m, e), F.zero)) open = true;
  }
  return open ? undefined : 'holds';
}
