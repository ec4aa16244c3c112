import type { Field, Scalarish } from '../arith/field.ts';

/** A step-size rule. `start` gives a fresh, stateful stream of η_t for one run, in the run's arithmetic. */
export interface Schedule {
  /** 'S.geo', 'S.plateau', 'constant' or 'sequence'. */
  readonly id: string;
  /** Its parameters, for reports. */
  readonly params: Readonly<Record<string, string | number>>;
  start<T>(F: Field<T>): StepSizes<T>;
}

export interface StepSizes<T> {
  /** η_t for the next step t = 0, 1, 2, …, given f(X_t) (only S.plateau looks at it). Call once per step, in order. */
  next(loss: T): T;
  /** The prefactors C_t used so far (S.geo), so that a run with fresh C_t can be replayed. */
  readonly prefactors: readonly T[];
}

export function positive<T>(F: Field<T>, x: Scalarish | T, name: string, schedule: string): T {
  const v = F.of(x);
  if (!F.isFinite(v) || !F.lt(F.zero, v)) throw new RangeError(`${schedule}: ${name} must be finite and > 0, got ${F.toString(v)}`);
  return v;
}

/** ρ ∈ (0, 1), the range every theorem's schedule needs (each claim narrows it further). */
export function inOpenUnit<T>(F: Field<T>, x: Scalarish | T, name: string, schedule: string): T {
  const v = F.of(x);
  if (!F.isFinite(v) || !F.lt(F.zero, v) || !F.lt(v, F.one)) {
    throw new RangeError(`${schedule}: ${name} must be in (0, 1), got ${F.toString(v)}`);
  }
  return v;
}
