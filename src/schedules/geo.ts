import type { Field, Scalarish } from '../arith/field.ts';
import { inOpenUnit, positive, type Schedule, type StepSizes } from './schedule.ts';

export interface GeoOptions {
  /** c in η_t = C·c·ρ^t: √λ_max for MF (A (22)), 1 for ICL, 1/√λ… whatever the claim states. Default 1. */
  readonly scale?: Scalarish;
  /** ρ ∈ (0, 1). */
  readonly rho: Scalarish;
  /**
   * The prefactor: a number (one draw of C, fixed for the run — Theorem 1(a)), or a function called once per step
   * for a fresh C_t (Lemma 11, Theorem 1(b)). Draw it as a dyadic rational (rng.dyadic) so that float and exact runs
   * of the same case see the same value.
   */
  readonly C: Scalarish | (() => Scalarish);
}

/**
 * S.geo, the step sizes of the theorems: η_t = C_t · c · ρ^t. ρ^t is kept as a running product, so with decimal
 * C, c and ρ every η_t is exact in decimal arithmetic.
 */
export function geo(options: GeoOptions): Schedule {
  const { rho, C } = options;
  const scale = options.scale ?? 1;
  const fresh = typeof C === 'function';
  return {
    id: 'S.geo',
    params: { scale: String(scale), rho: String(rho), C: fresh ? 'fresh draw per step' : String(C) },
    start<T>(F: Field<T>): StepSizes<T> {
      const c = positive(F, scale, 'scale c', 'S.geo');
      const r = inOpenUnit(F, rho, 'ρ', 'S.geo');
      const fixed = fresh ? undefined : positive(F, C, 'C', 'S.geo');
      let rhoPow = F.one;
      const prefactors: T[] = [];
      return {
        prefactors,
        next() {
          const Ct = fixed ?? positive(F, (C as () => Scalarish)(), 'C_t', 'S.geo');
          prefactors.push(Ct);
          const eta = F.mul(F.mul(Ct, c), rhoPow);
          rhoPow = F.mul(rhoPow, r);
          return eta;
        },
      };
    },
  };
}
