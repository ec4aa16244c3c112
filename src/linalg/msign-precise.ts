import type { Decimal } from '../arith/exact.ts';
import { proveExact, type ExactResult } from '../arith/exactness.ts';
import type { Field } from '../arith/field.ts';
import { convert, type Mat } from './mat.ts';
import { msign, type MsignOptions } from './msign.ts';

/**
 * msign of a general matrix in exact mode: square roots make it inexact, so it is computed at `precision` digits and
 * again at twice that, and the largest difference is reported as the error estimate (`exact` is true only when no
 * rounding reached the result, e.g. for a diagonal input). The input is converted exactly (a double's binary value).
 */
export function msignPrecise<S>(from: Field<S>, G: Mat<S>, precision: number, options: MsignOptions = {}): ExactResult<Mat<Decimal>> {
  return proveExact(
    precision,
    (E) => msign(E, convert(from, E, G), options),
    (M) => M.data,
  );
}
