import fc, { type Arbitrary } from 'fast-check';
import { dyadicPoint } from '../random/dyadic.ts';
import { nextDown, nextUp } from '../random/ulp.ts';

/*
 * Scalar parameters drawn from the real ranges the hypotheses allow. Never fc.double: it is uniform over bit patterns,
 * so ~90% of its draws in [-1, 1] are below 1e-10 (numerics.md). Instead an integer k ∈ [0, 2^30] is scaled onto the
 * range: fast-check's integer bias reaches both ends of the range exactly, and shrinking k toward 0 shrinks toward lo.
 */

/** Grid resolution of the scaled integers. */
export const STEPS = 2 ** 30;

export type Closed = 'both' | 'left' | 'right' | 'neither';

function checkRange(fn: string, lo: number, hi: number, closed: Closed): void {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`${fn}: lo and hi must be finite, got [${lo}, ${hi}]`);
  if (closed === 'both' ? !(lo <= hi) : !(lo < hi)) {
    throw new RangeError(`${fn}: need lo ${closed === 'both' ? '≤' : '<'} hi for closed = '${closed}', got lo = ${lo}, hi = ${hi}`);
  }
}

/** k ∈ [0, STEPS] ↦ [lo, hi] through `at`, with the ends exact and the open ends excluded even after rounding. */
function scaled(lo: number, hi: number, closed: Closed, at: (t: number) => number): Arbitrary<number> {
  const min = closed === 'both' || closed === 'left' ? 0 : 1;
  const max = closed === 'both' || closed === 'right' ? STEPS : STEPS - 1;
  const left = min === 0;
  const right = max === STEPS;
  return fc.integer({ min, max }).map((k) => {
    if (k === 0) return lo;
    if (k === STEPS) return hi;
    let x = Math.min(hi, Math.max(lo, at(k / STEPS)));
    // Rounding can land an interior grid point on an end; keep open ends open.
    if (!right && x >= hi) x = nextDown(hi);
    if (!left && x <= lo) x = nextUp(lo);
    return x;
  });
}

/** A real in the range: [lo, hi] ('both', default), [lo, hi) ('left'), (lo, hi] ('right') or (lo, hi) ('neither'). */
export function real(lo: number, hi: number, options: { closed?: Closed } = {}): Arbitrary<number> {
  const closed = options.closed ?? 'both';
  checkRange('real', lo, hi, closed);
  return scaled(lo, hi, closed, (t) => lo + (hi - lo) * t);
}

/** Uniform in log x on [lo, hi] (0 < lo ≤ hi): every decade gets the same share; both ends included. */
export function logUniform(lo: number, hi: number, options: { closed?: Closed } = {}): Arbitrary<number> {
  const closed = options.closed ?? 'both';
  checkRange('logUniform', lo, hi, closed);
  if (!(lo > 0)) throw new RangeError(`logUniform: lo must be > 0, got ${lo}`);
  const a = Math.log(lo);
  const b = Math.log(hi);
  return scaled(lo, hi, closed, (t) => Math.exp(a + (b - a) * t));
}

/**
 * A condition number κ ∈ [min, max] (default [1, 1e8]), log-uniform over the decades, with min (κ = 1 by default: the
 * isotropic case) and max drawn on purpose, each about one time in ten.
 */
export function kappa(options: { min?: number; max?: number } = {}): Arbitrary<number> {
  const { min = 1, max = 1e8 } = options;
  if (!(min >= 1) || !Number.isFinite(max) || !(max >= min)) throw new RangeError(`kappa: need 1 ≤ min ≤ max < ∞, got min = ${min}, max = ${max}`);
  return fc.oneof(
    { arbitrary: logUniform(min, max), weight: 8 },
    { arbitrary: fc.constant(min), weight: 1 },
    { arbitrary: fc.constant(max), weight: 1 },
  );
}

/** The decay ρ ∈ [lo, hi), half-open as in the theorems (ρ ∈ [1/2, 1), [2/3, 1)): lo is drawn, hi never. */
export function rho(lo = 0.5, hi = 1): Arbitrary<number> {
  if (!(lo > 0 && lo < hi && hi <= 1)) throw new RangeError(`rho: need 0 < lo < hi ≤ 1 (ρ ∈ (0, 1)), got lo = ${lo}, hi = ${hi}`);
  return real(lo, hi, { closed: 'left' });
}

/** The step-size prefactor C ∈ [lo, hi] (default [1, 2], the theorems' Unif(1, 2) with its ends as edge cases). */
export function prefactor(lo = 1, hi = 2, options: { closed?: Closed } = {}): Arbitrary<number> {
  if (!(lo > 0)) throw new RangeError(`prefactor: lo must be > 0, got ${lo}`);
  return real(lo, hi, options);
}

/** The initial scale α ∈ [lo, hi], log-uniform (the "sufficiently small" α of Theorem 1(b) spans decades). */
export function alpha(lo = 1e-6, hi = 1): Arbitrary<number> {
  return logUniform(lo, hi);
}

/** A target accuracy ε ∈ [lo, hi] (relative to λ_max), log-uniform; float runs should keep lo ≥ 1e-6 (numerics.md). */
export function epsilon(lo = 1e-6, hi = 1): Arbitrary<number> {
  return logUniform(lo, hi);
}

/**
 * A dyadic point lo + (hi − lo)·k/2^bits, k ∈ [0, 2^bits]: exact both as a double and as a decimal, so a float case
 * can be replayed in exact arithmetic on the very same input. lo and hi must be dyadic enough (see dyadic.ts).
 */
export function dyadicIn(lo: number, hi: number, bits = 20): Arbitrary<number> {
  dyadicPoint(lo, hi, bits, 0); // validate now, not at the first draw
  // bigInt, because fc.integer stops at 2^31 − 1 and bits may go up to 52.
  return fc.bigInt({ min: 0n, max: 2n ** BigInt(bits) }).map((k) => dyadicPoint(lo, hi, bits, Number(k)));
}
