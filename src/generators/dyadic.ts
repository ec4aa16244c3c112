import fc, { type Arbitrary } from 'fast-check';
import { rng } from '../random/rng.ts';

/*
 * Draws that stay exact in every backend: dyadic rationals with few bits (exact in float64, in decimal and cheap in
 * Q), and seeds for builders that draw from an Rng rather than from fast-check.
 */

/** A seed for the builders of src/random (Rng-based draws), over the whole 31-bit range. */
export const seed: Arbitrary<number> = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** A positive dyadic m·2^(e−bits), m ∈ [2^bits, 2^(bits+1)): in [2^e, 2^(e+1)), log-uniform over the decades. */
export function dyadicMagnitude(bits: number, eMin: number, eMax: number): Arbitrary<number> {
  return fc
    .tuple(fc.integer({ min: 2 ** bits, max: 2 ** (bits + 1) - 1 }), fc.integer({ min: eMin, max: eMax }))
    .map(([m, e]) => m * 2 ** (e - bits));
}

/** ρ = k/256, k ∈ [kMin, kMax]: dyadic with 8 bits, so ρ^t costs 8 binary digits per step in Q. */
export function rho256(kMin: number, kMax: number): Arbitrary<number> {
  return fc.integer({ min: kMin, max: kMax }).map((k) => k / 256);
}

/**
 * A uniform draw of a `bits`-bit dyadic in [lo, hi] from a seed, not from fast-check's biased integers: where a
 * lemma needs a parameter independent of the others and spread over its range (Lemma 1's C), fast-check's bias
 * toward the ends would land on the null set the lemma excludes.
 */
export function uniformDyadic(seedValue: number, lo: number, hi: number, bits = 24): number {
  return rng(seedValue).dyadic(lo, hi, bits);
}
