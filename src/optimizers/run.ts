import type { Field } from '../arith/field.ts';
import { axpy, isFiniteMat, type Mat } from '../linalg/mat.ts';
import { frobenius, spectral } from '../linalg/norms.ts';
import type { Problem } from '../problems/problem.ts';
import type { Schedule } from '../schedules/schedule.ts';
import type { Optimizer } from './optimizer.ts';

export interface RunOptions<T> {
  readonly problem: Problem<T>;
  readonly optimizer: Optimizer;
  readonly schedule: Schedule;
  readonly x0: Mat<T>;
  /** Number of steps T (X_0 … X_T). */
  readonly steps: number;
  /** Keep X_t in the trajectory: true for every t, or a number n for every n-th (X_T is always in `final`). */
  readonly keepIterates?: boolean | number;
  /** Also record ‖residual(X_t)‖ in the spectral norm (an SVD per step; the theorems' norm). */
  readonly spectralErrors?: boolean;
  /** Stop early once ‖residual‖_F ≤ this (status 'converged'). */
  readonly stopBelow?: number;
  /**
   * false: do not compute ‖residual(X_t)‖_F (a square root per step, which dominates a run in decimal or
   * double-double arithmetic); `errors` is then empty. Not with stopBelow, which reads it. Default true.
   */
  readonly residualNorms?: boolean;
}

/** 'breakdown': the optimizer could not form its direction (e.g. ScaledGD with a singular UᵀU). */
export type RunStatus = 'completed' | 'converged' | 'nonfinite' | 'breakdown';

export interface Trajectory<T> {
  readonly status: RunStatus;
  /** Steps actually taken. */
  readonly steps: number;
  /** f(X_t) − f*, t = 0 … steps (as numbers; `finalLoss` keeps the backend's value). */
  readonly losses: number[];
  /** ‖residual(X_t)‖_F, t = 0 … steps (empty with residualNorms: false). */
  readonly errors: number[];
  /** ‖residual(X_t)‖, when spectralErrors. */
  readonly spectralErrors?: number[];
  /** η_t, t = 0 … steps − 1, in the backend's arithmetic (exact in decimal mode). */
  readonly etas: T[];
  /** The prefactors C_t the schedule drew (S.geo), for replay. */
  readonly prefactors: readonly T[];
  readonly iterates?: { t: number; X: Mat<T> }[];
  readonly final: Mat<T>;
  readonly finalLoss: T;
  /** Why a run stopped early: which quantity became non-finite at which step, or why the optimizer broke down. */
  readonly message?: string;
}

function validate<T>(o: RunOptions<T>): void {
  const { problem: p, x0, steps } = o;
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`run: steps must be a non-negative integer, got ${steps}`);
  if (x0.rows !== p.rows || x0.cols !== p.cols) throw new RangeError(`run: x0 must be ${p.rows}×${p.cols} for ${p.id}, got ${x0.rows}×${x0.cols}`);
  if (!isFiniteMat(p.la.F, x0)) throw new RangeError('run: x0 has a non-finite entry (NaN or ±Infinity)');
  if (o.residualNorms === false && o.stopBelow !== undefined) throw new RangeError('run: stopBelow needs the residual norms (residualNorms: false was given)');
}

/**
 * Runs X_{t+1} = X_t − η_t D_t for `steps` steps and returns the trajectory summary. A non-finite gradient,
 * direction, step size, iterate or loss stops the run with status 'nonfinite' and a message saying which and when:
 * a non-finite trajectory never counts as a finished run.
 */
export function run<T>(o: RunOptions<T>): Trajectory<T> {
  validate(o);
  const { problem, steps } = o;
  const { la } = problem;
  const F: Field<T> = la.F;
  const stepper = o.optimizer.start(la, o.x0);
  const sizes = o.schedule.start(F);
  // Stryker disable next-line ConditionalExpression: for keepIterates false or undefined, `every` becomes that value instead of 0, and `every > 0` is false all the same
  const every = o.keepIterates === true ? 1 : typeof o.keepIterates === 'number' ? o.keepIterates : 0;
  const losses: number[] = [];
  const errors: number[] = [];
  const specs: number[] | undefined = o.spectralErrors ? [] : undefined;
  const norms = o.residualNorms !== false;
  const etas: T[] = [];
  const iterates: { t: number; X: Mat<T> }[] | undefined = every > 0 ? [] : undefined;

  let X = o.x0;
  let loss = problem.loss(X);
  const observe = (t: number): void => {
    losses.push(F.toNumber(F.sub(loss, problem.optimalValue)));
    if (norms || specs) {
      const R = problem.residual(X);
      if (norms) errors.push(F.toNumber(frobenius(F, R)));
      if (specs) specs.push(F.toNumber(spectral(F, R)));
    }
    if (iterates && t % every === 0) iterates.push({ t, X });
  };
  observe(0);
  let status: RunStatus = 'completed';
  let message: string | undefined;
  let t = 0;
  const fail = (what: string): void => {
    status = 'nonfinite';
    message = `${what} became non-finite (NaN or ±Infinity) at step ${t}`;
  };
  for (; t < steps; t++) {
    // Stryker disable next-line ConditionalExpression: `x <= undefined` is false, so the undefined test only documents the intent
    if (o.stopBelow !== undefined && errors[errors.length - 1] <= o.stopBelow) {
      status = 'converged';
      break;
    }
    const G = problem.grad(X);
    if (!isFiniteMat(F, G)) { fail('the gradient'); break; }
    const eta = sizes.next(loss);
    if (!F.isFinite(eta)) { fail('the step size'); break; }
    let D: Mat<T>;
    try {
      D = stepper.direction(X, G);
    } catch (e) {
      status = 'breakdown';
      message = `${o.optimizer.id} broke down at step ${t}: ${(e as Error).message}`;
      break;
    }
    if (!isFiniteMat(F, D)) { fail(`the ${o.optimizer.id} direction`); break; }
    const next = axpy(F, X, F.neg(eta), D);
    if (!isFiniteMat(F, next)) { fail('the iterate'); break; }
    const nextLoss = problem.loss(next);
    if (!F.isFinite(nextLoss)) { fail('the loss'); break; }
    etas.push(eta);
    X = next;
    loss = nextLoss;
    observe(t + 1);
  }
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a run that breaks off passed the stopBelow test at the top of that step, so its last error is above the threshold; `x <= undefined` is false
  if (status === 'completed' && o.stopBelow !== undefined && errors[errors.length - 1] <= o.stopBelow) status = 'converged';
  return {
    status,
    steps: etas.length,
    losses,
    errors,
    ...(specs ? { spectralErrors: specs } : {}),
    etas,
    prefactors: sizes.prefactors,
    ...(iterates ? { iterates } : {}),
    final: X,
    finalLoss: loss,
    ...(message ? { message } : {}),
  };
}
