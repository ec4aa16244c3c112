import fc, { type Arbitrary } from 'fast-check';

/*
 * Draws of the SignGD lower bounds (A.T2, A.T4): short finite decimals, so that the construction and the exact runs
 * stay exact, and the non-increasing step-size schedules the theorems quantify over ("any non-increasing η_t").
 */

/** A decimal with `digits` significant digits from a log-uniform draw in [lo, hi] (a 2^24 grid). */
export const decimalLog = (lo: number, hi: number, digits = 4): Arbitrary<string> =>
  fc.integer({ min: 0, max: 2 ** 24 }).map((i) => Number((lo * (hi / lo) ** (i / 2 ** 24)).toPrecision(digits)).toString());

/** A decimal with `digits` significant digits from a uniform draw in [lo, hi] (a 2^24 grid). */
export const decimalLin = (lo: number, hi: number, digits = 4): Arbitrary<string> =>
  fc.integer({ min: 0, max: 2 ** 24 }).map((i) => Number((lo + (hi - lo) * (i / 2 ** 24)).toPrecision(digits)).toString());

/**
 * A step-size schedule as data (finite decimals): θc just below the construction's threshold c (the fastest for it),
 * geometric, step decay, a hold then a drop to θc, harmonic. Its values are made by scheduleValues (src/cases/signgd.ts).
 */
export type DecimalSchedule =
  | { readonly kind: 'below-threshold'; readonly theta: string }
  | { readonly kind: 'geo'; readonly eta0: string; readonly rho: string }
  | { readonly kind: 'step'; readonly eta0: string; readonly factor: string; readonly every: number }
  | { readonly kind: 'drop'; readonly eta0: string; readonly hold: number; readonly theta: string }
  | { readonly kind: 'harmonic'; readonly eta0: string; readonly L: number };

export const SCHEDULE_KINDS = ['below-threshold', 'geo', 'step', 'drop', 'harmonic'] as const;

export interface DecimalScheduleOptions {
  /** η₀ of geo, step and harmonic: log-uniform in [lo, hi]. */
  readonly eta0: readonly [number, number];
  /** η₀ of drop: log-uniform in [lo, hi]. */
  readonly dropEta0: readonly [number, number];
  /** The largest θ of drop (θ ∈ [0.5, dropThetaMax]). */
  readonly dropThetaMax: number;
  /** The weight of geo among below-threshold 3, step 2, drop 2, harmonic 1. */
  readonly geoWeight: number;
}

export function decimalSchedule(o: DecimalScheduleOptions): Arbitrary<DecimalSchedule> {
  const eta0 = decimalLog(o.eta0[0], o.eta0[1]);
  return fc.oneof(
    { weight: 3, arbitrary: decimalLin(0.5, 0.999, 3).map((theta) => ({ kind: 'below-threshold' as const, theta })) },
    { weight: o.geoWeight, arbitrary: fc.record({ eta0, rho: decimalLin(0.9, 0.9999) }).map((r) => ({ kind: 'geo' as const, ...r })) },
    { weight: 2, arbitrary: fc.record({ eta0, factor: decimalLin(0.1, 0.9, 2), every: fc.integer({ min: 1, max: 40 }) }).map((r) => ({ kind: 'step' as const, ...r })) },
    { weight: 2, arbitrary: fc.record({ eta0: decimalLog(o.dropEta0[0], o.dropEta0[1]), hold: fc.integer({ min: 1, max: 30 }), theta: decimalLin(0.5, o.dropThetaMax, 3) }).map((r) => ({ kind: 'drop' as const, ...r })) },
    { weight: 1, arbitrary: fc.record({ eta0, L: fc.integer({ min: 1, max: 100 }) }).map((r) => ({ kind: 'harmonic' as const, ...r })) },
  );
}
