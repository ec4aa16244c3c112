import seedrandom from 'seedrandom';
import { dyadicPoint } from './dyadic.ts';

/**
 * A seeded random stream. Everything random in muon-claims draws from one of these, so a case is fully determined by
 * its seed (and a fast-check arbitrary only has to carry that seed).
 */
export interface Rng {
  /** The seed as a string; rng(7) and rng('7') are the same stream. */
  readonly seed: string;
  /** Uniform on [0, 1), 53 random bits (every multiple of 2^-53 equally likely). */
  uniform(): number;
  /** Standard Gaussian (Marsaglia's polar method). */
  normal(): number;
  /** Uniform integer in [lo, hi], both included, without modulo bias (hi − lo < 2^53). */
  int(lo: number, hi: number): number;
  /**
   * lo + (hi − lo)·k/2^bits for k uniform in [0, 2^bits]: both ends included. Dyadic rationals are exact as doubles
   * and as finite decimals, so float and exact runs see the same number (see dyadic.ts for which lo, hi are allowed).
   */
  dyadic(lo: number, hi: number, bits?: number): number;
  /** −1 or +1 with probability ½ each. */
  sign(): 1 | -1;
  /** One element of a non-empty list, uniformly. */
  pick<T>(xs: readonly T[]): T;
  /** A uniformly random permutation of [0, n) (Fisher–Yates). */
  permutation(n: number): number[];
  /**
   * An independent stream named `label`. It depends only on this stream's seed and the label, not on how many numbers
   * were drawn before, so adding draws to one part of a generator does not shift the others (the same label twice
   * gives the same stream: use distinct labels).
   */
  fork(label: string): Rng;
}

const TWO53 = 2 ** 53;

export function rng(seed: number | string): Rng {
  if (typeof seed === 'number' && !Number.isFinite(seed)) throw new RangeError(`rng: seed must be a finite number or a string, got ${seed}`);
  if (typeof seed !== 'number' && typeof seed !== 'string') throw new TypeError(`rng: seed must be a number or a string, got ${typeof seed}`);
  const seedText = String(seed);
  // Alea: fast, passes the usual statistical batteries, and its double() carries 53 bits.
  const prng = seedrandom.alea(seedText);
  let spare: number | null = null;

  const uniform = (): number => prng.double();

  const int = (lo: number, hi: number): number => {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo > hi || hi - lo >= TWO53) {
      throw new RangeError(`rng.int: need safe integers lo ≤ hi with hi − lo < 2^53, got lo = ${lo}, hi = ${hi}`);
    }
    const n = hi - lo + 1;
    // Rejection from a 53-bit integer: the accepted range is a multiple of n, so every value is equally likely.
    const limit = TWO53 - (TWO53 % n);
    for (;;) {
      const x = prng.double() * TWO53;
      if (x < limit) return lo + (x % n);
    }
  };

  return {
    seed: seedText,
    uniform,
    normal(): number {
      if (spare !== null) {
        const z = spare;
        spare = null;
        return z;
      }
      // Polar method: no trigonometry, and its rejection step keeps log() away from 0.
      for (;;) {
        const u = 2 * prng.double() - 1;
        const v = 2 * prng.double() - 1;
        const s = u * u + v * v;
        if (s > 0 && s < 1) {
          const f = Math.sqrt((-2 * Math.log(s)) / s);
          spare = v * f;
          return u * f;
        }
      }
    },
    int,
    dyadic(lo: number, hi: number, bits = 20): number {
      dyadicPoint(lo, hi, bits, 0); // validate before drawing, so a bad call consumes nothing
      return dyadicPoint(lo, hi, bits, int(0, 2 ** bits));
    },
    sign: () => (prng.double() < 0.5 ? -1 : 1),
    pick<T>(xs: readonly T[]): T {
      if (xs.length === 0) throw new RangeError('rng.pick: the list must not be empty');
      return xs[int(0, xs.length - 1)];
    },
    permutation(n: number): number[] {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`rng.permutation: n must be a non-negative integer, got ${n}`);
      const p = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = int(0, i);
        [p[i], p[j]] = [p[j], p[i]];
      }
      return p;
    },
    fork: (label: string) => rng(`${seedText}/${label}`),
  };
}
