import fc, { type Arbitrary } from 'fast-check';
import { SPECTRUM_PATTERNS, type SpectrumPattern } from '../random/spectrum.ts';
import { seed } from './dyadic.ts';
import { real } from './scalars.ts';

/*
 * Draws of the matrix-factorisation theorems (paper A, Theorem 1 and Table 1): the spectrum pattern of M*, and the κ
 * sweeps of the GD comparison (A.GD), one MF or ICL instance family per case.
 */

/** The shape of M*'s spectrum between λ_max and λ_min (random/spectrum.ts), each pattern equally likely. */
export const spectrumPattern: Arbitrary<SpectrumPattern> = fc.constantFrom(...SPECTRUM_PATTERNS);

/** One MF κ sweep: d, k = r, one eigenbasis/init seed, κ ∈ κ₀·{1, 2, 4, 8}. */
export interface GdMfSweep {
  readonly problem: 'MF';
  readonly seed: number;
  readonly d: number;
  readonly r: number;
  readonly kappa0: number;
  /** ε = eps·λ_max/(8κ₀) = eps·(λ_min at the largest κ): the sweep's one accuracy, below every λ_min so that every eigendirection must be fitted. */
  readonly eps: number;
}

/** One ICL κ sweep: d, one eigenbasis seed, κ(Σ) ∈ κ₀·{1, 1.5, 2, 3}. */
export interface GdIclSweep {
  readonly problem: 'ICL';
  readonly seed: number;
  readonly d: number;
  readonly kappa0: number;
  /** ε = eps·‖Σ⁻¹‖ (= eps, as λ_min = 1 at every κ of the sweep). */
  readonly eps: number;
}

/** d ∈ [3, 6], k = r ∈ [2, 3] with r < d, κ₀ ∈ [4, 8], eps ∈ {0.1, 0.01}. */
export const gdMfSweep: Arbitrary<GdMfSweep> = fc
  .record({
    problem: fc.constant('MF' as const),
    seed,
    d: fc.integer({ min: 3, max: 6 }),
    r: fc.integer({ min: 2, max: 3 }),
    kappa0: real(4, 8),
    eps: fc.constantFrom(0.1, 0.01),
  })
  .map((c) => ({ ...c, r: Math.min(c.r, c.d - 1) }));

/** d ∈ [2, 4], κ₀ ∈ [2, 4], eps ∈ {1e-3, 1e-4}. */
export const gdIclSweep: Arbitrary<GdIclSweep> = fc.record({
  problem: fc.constant('ICL' as const),
  seed,
  d: fc.integer({ min: 2, max: 4 }),
  kappa0: real(2, 4),
  eps: fc.constantFrom(1e-3, 1e-4),
});
