import fc, { type Arbitrary } from 'fast-check';
import { logUniform, real } from './scalars.ts';

export type ScheduleKind = 'sorted' | 'constant' | 'geometric';

/** A non-increasing positive step-size sequence and what it was drawn from. */
export interface Schedule {
  readonly kind: ScheduleKind;
  readonly length: number;
  readonly min: number;
  readonly max: number;
  /** η₀ ≥ η₁ ≥ … ≥ η_{length−1}, all in [min, max]. */
  readonly steps: number[];
}

export interface ScheduleOptions {
  /** Number of steps, ≥ 1 (or an arbitrary of it). */
  readonly length: number | Arbitrary<number>;
  /** Largest allowed step (e.g. 1/16 for Theorem 2's η₀ ≤ 1/16). */
  readonly max: number;
  /** Smallest allowed step, > 0 (default max/1000). */
  readonly min?: number;
}

/**
 * Non-increasing schedules of three shapes: log-uniform values sorted (arbitrary plateaus and drops), constant
 * sequences (the edge case where "non-increasing" is tight), and geometric decays η₀ρ^t floored at min.
 */
export function nonIncreasingSchedule(options: ScheduleOptions): Arbitrary<Schedule> {
  const { max } = options;
  const min = options.min ?? max / 1000;
  if (!(Number.isFinite(max) && max > 0)) throw new RangeError(`nonIncreasingSchedule: max must be a finite number > 0, got ${max}`);
  if (!(min > 0 && min <= max)) throw new RangeError(`nonIncreasingSchedule: min must be in (0, max] = (0, ${max}], got ${min}`);
  const lengthArb = typeof options.length === 'number' ? fc.constant(options.length) : options.length;
  if (typeof options.length === 'number' && !(Number.isInteger(options.length) && options.length >= 1)) {
    throw new RangeError(`nonIncreasingSchedule: length must be a positive integer (≥ 1), got ${options.length}`);
  }
  const value = logUniform(min, max);
  const make = (kind: ScheduleKind, length: number, steps: number[]): Schedule => ({ kind, length, min, max, steps });
  return lengthArb.chain((length) => {
    if (!(Number.isInteger(length) && length >= 1)) throw new RangeError(`nonIncreasingSchedule: length must be a positive integer (≥ 1), got ${length}`);
    const sorted = fc
      .array(value, { minLength: length, maxLength: length })
      .map((xs) => make('sorted', length, [...xs].sort((a, b) => b - a)));
    const constant = value.map((v) => make('constant', length, new Array<number>(length).fill(v)));
    const geometric = fc
      .tuple(value, real(0.5, 1))
      .map(([eta0, r]) => {
        // η_{t+1} = fl(η_t·r) ≤ η_t since r ≤ 1 and rounding is monotone: non-increasing by construction.
        const steps = [eta0];
        for (let t = 1; t < length; t++) steps.push(Math.max(min, steps[t - 1] * r));
        return make('geometric', length, steps);
      });
    return fc.oneof({ arbitrary: sorted, weight: 6 }, { arbitrary: constant, weight: 2 }, { arbitrary: geometric, weight: 2 });
  });
}
