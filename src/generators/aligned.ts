import fc, { type Arbitrary } from 'fast-check';
import { givensOrthogonal } from '../random/givens.ts';
import { rng } from '../random/rng.ts';
import { seed } from './dyadic.ts';

/*
 * Draws of the aligned-dynamics family (A.L3, A.L8, A.L9, A.T3, A.AppA, A.Eq17): finite-decimal parameters, so that a
 * float case can be replayed exactly on the very same numbers, and finite-decimal orthogonal bases.
 */

/** A matrix of finite decimals as plain JSON data. */
export interface DecMat {
  readonly rows: number;
  readonly cols: number;
  readonly data: readonly string[];
}

/**
 * 'identity' and 'signed-permutation' keep every product exact (columns stay orthogonal, Jacobi never rotates);
 * 'givens' is a dense finite-decimal orthogonal matrix (exact inputs, but msign needs square roots).
 */
export type Basis = 'identity' | 'signed-permutation' | 'givens';
export const BASES: readonly Basis[] = ['identity', 'signed-permutation', 'givens'];

/** n/10^places as a plain decimal string (n an integer). */
function fmtDecimal(n: number, places: number): string {
  const neg = n < 0;
  const s = Math.abs(Math.round(n)).toString().padStart(places + 1, '0');
  const body = places === 0 ? s : `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
  const trimmed = places === 0 ? body : body.replace(/\.?0+$/, '');
  return neg && trimmed !== '0' ? `-${trimmed}` : trimmed;
}

/** A finite decimal in [lo, hi] with `places` decimal places (both ends reachable), as a decimal string. */
export function decimalIn(lo: number, hi: number, places: number): Arbitrary<string> {
  const s = 10 ** places;
  return fc.integer({ min: Math.round(lo * s), max: Math.round(hi * s) }).map((n) => fmtDecimal(n, places));
}

/** A finite-decimal orthogonal n×n matrix of the given kind, from a seed (deterministic). */
export function basisMatrix(kind: Basis, n: number, seedValue: number): DecMat {
  const g = givensOrthogonal(rng(seedValue), n, {
    rotations: kind === 'givens' && n > 1 ? Math.min(2 * n, 8) : 0,
    permute: kind !== 'identity',
    flipSigns: kind !== 'identity',
  });
  return { rows: n, cols: n, data: [...g.entries.data] };
}

/** A finite-decimal orthogonal n×n basis of the given kind, drawn through its seed. */
export function basisArb(kind: Basis, n: number): Arbitrary<DecMat> {
  return seed.map((s) => basisMatrix(kind, n, s));
}
