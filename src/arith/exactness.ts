import type { Decimal } from './exact.ts';
import { exactField } from './exact.ts';
import type { Field } from './field.ts';

/** How a decimal result relates to the true value of the computation. */
export interface ExactnessReport {
  /** Precision (digits) of the run whose values are returned. */
  readonly precision: number;
  /** True when the run at P and the run at 2P gave identical numbers: no operation rounded (see below). */
  readonly exact: boolean;
  /**
   * An estimate of the largest absolute error of any returned number: 0 when exact, otherwise the largest
   * difference between the run at P and the run at 2P (the 2P run being far closer to the true value).
   */
  readonly errorEstimate: number;
  /** The same number as a decimal string, so that errors below 1e-308 are not lost. */
  readonly errorEstimateText: string;
}

export interface ExactResult<R> extends ExactnessReport {
  readonly value: R;
}

/**
 * Runs `compute` at precision P and at 2P. If every number it returns is identical, no rounding happened at
 * precision P in anything that reached the result (a rounding at P would have to be reproduced to the last digit by
 * a run with P more digits, which only happens if the exact result has ≤ P digits — i.e. it was exact after all).
 * This is the run-time proof of exactness required for the claims about exact behaviour.
 *
 * `numbers` lists the decimals a result consists of (for instance a trajectory flattened).
 */
export function proveExact<R>(
  precision: number,
  compute: (F: Field<Decimal>) => R,
  numbers: (r: R) => readonly Decimal[],
): ExactResult<R> {
  const lo = compute(exactField(precision));
  const hiF = exactField(2 * precision);
  const hi = compute(hiF);
  const a = numbers(lo);
  const b = numbers(hi);
  if (a.length !== b.length) {
    throw new Error(`proveExact: the runs at ${precision} and ${2 * precision} digits returned ${a.length} and ${b.length} numbers`);
  }
  let worst = hiF.zero;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (!x.isFinite() || !y.isFinite()) {
      if (!(x.isNaN() && y.isNaN()) && !x.eq(y)) worst = hiF.of(Infinity);
      continue;
    }
    const diff = hiF.abs(hiF.sub(hiF.of(x), y));
    if (diff.gt(worst)) worst = diff;
  }
  return {
    value: lo,
    precision,
    exact: worst.isZero(),
    errorEstimate: worst.toNumber(),
    errorEstimateText: worst.toString(),
  };
}
