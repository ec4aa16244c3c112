import { exactField } from '../../arith/exact.ts';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { rationalField, type RationalField } from '../../arith/rational.ts';
import type { CaseOutcome } from '../types.ts';

/*
 * The fields a claim runs its one check in. A claim declares them once per mode (`modes: { exact: rational(),
 * float: float64Field }`) and, optionally, the field that re-checks a float counterexample (`confirm: decimal(60)`).
 * A field spec makes a fresh field for every case and says, after the check, how exact the case was — so that the
 * claim never writes `ctx.mode === 'exact' ? … : …` itself.
 *
 * How a bound is decided in each (kit/context.ts): `lhs ≤ rhs + tol` compared in the field itself; `tol` is the
 * argued float tolerance, and a field whose comparisons are exact (`decides: 'exactly'`) ignores it.
 */

export interface FieldSpec<T = any> {
  /** 'float64', 'Q', 'decimal(60)', …: shown in reports and counterexamples. */
  readonly name: string;
  /** 'exactly': every operation is exact or counted (Q), so bounds take no tolerance; 'rounded': they do. */
  readonly decides: 'exactly' | 'rounded';
  /** A fresh field for one case. */
  make(): Field<T>;
  /** What the run of one case says about its exactness (an inconclusive reason, or the exactness record). */
  after?(F: Field<T>): Pick<CaseOutcome, 'inconclusive' | 'exactness'>;
}

/** IEEE double: the fast kernels of the implementation under test. */
export const float64Field: FieldSpec<number> = { name: 'float64', decides: 'rounded', make: () => float64 };

/**
 * Q, bigint fractions: +, −, ×, ÷ exact by construction, √ exact on squares and counted otherwise. A case with an
 * inexact √ is inconclusive; every other case is proven exact (the run-time proof the exact claims report).
 */
export function rational(note = 'rational (bigint) arithmetic: +, −, ×, ÷ exact, √ taken only of perfect squares'): FieldSpec<unknown> {
  return {
    name: 'Q',
    decides: 'exactly',
    make: () => rationalField(),
    after(F) {
      const inexact = (F as RationalField).inexact;
      if (inexact > 0) return { inconclusive: `${inexact} inexact √ in Q` };
      return { exactness: { exact: true, precision: 0, errorEstimate: `0: ${note}` } };
    },
  };
}

/**
 * Decimal arithmetic at P digits (decimal.js): high precision, not a proof. Bounds keep their tolerance, formed with
 * u = ½·10^(1−P), so a float tolerance argued as c·u carries over unchanged.
 */
export function decimal(precision: number): FieldSpec<unknown> {
  if (!Number.isInteger(precision) || precision < 1) throw new RangeError(`decimal: precision must be an integer ≥ 1, got ${precision}`);
  const F = exactField(precision);
  return { name: `decimal(${precision})`, decides: 'rounded', make: () => F };
}
