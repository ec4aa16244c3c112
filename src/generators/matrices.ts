import fc, { type Arbitrary } from 'fast-check';
import type { Mat } from '../linalg/mat.ts';
import { givensOrthogonal as givensOrthogonalFrom, givensOrthonormalColumns as givensColumnsFrom, type GivensMatrix, type GivensOptions } from '../random/givens.ts';
import { gaussian, haar } from '../random/matrices.ts';
import { psdTarget as psdTargetFrom, type PsdTarget } from '../random/psd.ts';
import { rng } from '../random/rng.ts';
import { SPECTRUM_PATTERNS, type SpectrumPattern } from '../random/spectrum.ts';
import { kappa as kappaArb } from './scalars.ts';

/*
 * Random matrices as arbitraries over a seed: each draws a seed integer and builds the matrix from rng(seed), so a
 * case is replayable from its (seed, shape). Shrinking acts on the seed only — a smaller seed is just another random
 * matrix, not a simpler one; the shape and parameters shrink meaningfully when they are passed as arbitraries.
 */

export type Param = number | Arbitrary<number>;

const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const arb = (x: Param): Arbitrary<number> => (typeof x === 'number' ? fc.constant(x) : x);

export interface SeededGaussian {
  readonly seed: number;
  readonly rows: number;
  readonly cols: number;
  readonly A: Mat<number>;
}

/** iid standard Gaussian rows×cols. */
export function gaussianMatrix(rows: Param, cols: Param): Arbitrary<SeededGaussian> {
  return fc.record({ rows: arb(rows), cols: arb(cols), seed: seedArb }).map(({ rows, cols, seed }) => ({ seed, rows, cols, A: gaussian(rng(seed), rows, cols) }));
}

export interface SeededHaar {
  readonly seed: number;
  readonly d: number;
  readonly k: number;
  /** d×k Haar: orthonormal columns if k ≤ d, orthonormal rows if k > d. */
  readonly Q: Mat<number>;
}

export function haarMatrix(d: Param, k: Param): Arbitrary<SeededHaar> {
  return fc.record({ d: arb(d), k: arb(k), seed: seedArb }).map(({ d, k, seed }) => ({ seed, d, k, Q: haar(rng(seed), d, k) }));
}

export interface PsdTargetOptions {
  readonly d: Param;
  /** Rank; default uniform in [1, d]. A drawn r > d is clamped to d (the object's r is the one used). */
  readonly r?: Param;
  /** Default kappa() of scalars.ts (log-uniform on [1, 1e8] with both ends); forced to 1 when r = 1. */
  readonly kappa?: Param;
  readonly lambdaMax?: Param;
  /** Patterns to choose from (default all of SPECTRUM_PATTERNS). */
  readonly patterns?: readonly SpectrumPattern[];
}

export type SeededPsdTarget = PsdTarget & { readonly seed: number };

/** A PSD target M* of dimension d, rank r, condition number κ (exact in float64), carrying all its parameters. */
export function psdTarget(options: PsdTargetOptions): Arbitrary<SeededPsdTarget> {
  const patterns = options.patterns ?? SPECTRUM_PATTERNS;
  if (patterns.length === 0) throw new RangeError('psdTarget: patterns must not be empty');
  for (const p of patterns) {
    if (!SPECTRUM_PATTERNS.includes(p)) throw new RangeError(`psdTarget: pattern must be one of ${SPECTRUM_PATTERNS.join(', ')}, got ${String(p)}`);
  }
  return arb(options.d).chain((d) =>
    fc
      .record({
        r: options.r === undefined ? fc.integer({ min: 1, max: d }) : arb(options.r),
        kappa: options.kappa === undefined ? kappaArb() : arb(options.kappa),
        lambdaMax: arb(options.lambdaMax ?? 1),
        pattern: fc.constantFrom(...patterns),
        seed: seedArb,
      })
      .map(({ r, kappa, lambdaMax, pattern, seed }) => {
        const rank = Math.min(r, d);
        const target = psdTargetFrom(rng(seed), { d, r: rank, kappa: rank === 1 ? 1 : kappa, lambdaMax, pattern });
        return { ...target, seed };
      }),
  );
}

export type SeededGivens = GivensMatrix & { readonly seed: number };

/** A d×d orthogonal matrix with finite-decimal entries (exact runs), with its float copy. */
export function givensOrthogonal(d: Param, options: GivensOptions = {}): Arbitrary<SeededGivens> {
  return fc.record({ d: arb(d), seed: seedArb }).map(({ d, seed }) => ({ ...givensOrthogonalFrom(rng(seed), d, options), seed }));
}

/** A d×k finite-decimal matrix with orthonormal columns (k ≤ d) or rows (k > d). */
export function givensOrthonormalColumns(d: Param, k: Param, options: GivensOptions = {}): Arbitrary<SeededGivens> {
  return fc.record({ d: arb(d), k: arb(k), seed: seedArb }).map(({ d, k, seed }) => ({ ...givensColumnsFrom(rng(seed), d, k, options), seed }));
}
