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

const dec = (x: number, digits = 4): string => Number(x.toPrecision(digits)).toString();

/**
 * The numeric parameters of a schedule for the target phase's search, inside decimalSchedule's ranges: geo (ln η₀,
 * ρ ∈ [0.9, 0.9999]), step (ln η₀, factor ∈ [0.1, 0.9]), drop (ln η₀ in dropEta0, θ ∈ [0.5, dropThetaMax]), harmonic
 * (ln η₀), below-threshold (θ ∈ [0.5, 0.999]); the kind and the integer parameters stay. Values are rounded to the
 * generator's decimal digits, so exact modes stay exact.
 */
export function scheduleSearch(o: Pick<DecimalScheduleOptions, 'eta0' | 'dropEta0' | 'dropThetaMax'>): { params(s: DecimalSchedule): number[]; withParams(s: DecimalSchedule, x: readonly number[]): DecimalSchedule | undefined } {
  const inLog = (x: number, [lo, hi]: readonly [number, number]): boolean => Math.exp(x) >= lo && Math.exp(x) <= hi;
  const inLin = (x: number, lo: number, hi: number): boolean => x >= lo && x <= hi;
  return {
    params(s) {
      switch (s.kind) {
        case 'below-threshold': return [Number(s.theta)];
        case 'geo': return [Math.log(Number(s.eta0)), Number(s.rho)];
        case 'step': return [Math.log(Number(s.eta0)), Number(s.factor)];
        case 'drop': return [Math.log(Number(s.eta0)), Number(s.theta)];
        case 'harmonic': return [Math.log(Number(s.eta0))];
      }
    },
    withParams(s, [a, b]) {
      switch (s.kind) {
        case 'below-threshold': return inLin(a!, 0.5, 0.999) ? { ...s, theta: dec(a!, 3) } : undefined;
        case 'geo': return inLog(a!, o.eta0) && inLin(b!, 0.9, 0.9999) ? { ...s, eta0: dec(Math.exp(a!)), rho: dec(b!) } : undefined;
        case 'step': return inLog(a!, o.eta0) && inLin(b!, 0.1, 0.9) ? { ...s, eta0: dec(Math.exp(a!)), factor: dec(b!, 2) } : undefined;
        case 'drop': return inLog(a!, o.dropEta0) && inLin(b!, 0.5, o.dropThetaMax) ? { ...s, eta0: dec(Math.exp(a!)), theta: dec(b!, 3) } : undefined;
        case 'harmonic': return inLog(a!, o.eta0) ? { ...s, eta0: dec(Math.exp(a!)) } : undefined;
      }
    },
  };
}
