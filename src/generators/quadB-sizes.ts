import fc, { type Arbitrary } from 'fast-check';
import { quadBArbitrary, type QuadBCase, type QuadBOptions } from './quadB.ts';

/*
 * Paper B's matrices are of any shape; its experiments' sizes reach d = 50. The default profile draws P.quadB cases
 * with sides up to a small `small` (the claims' cost is a Jacobi SVD per step, ~(m + n)³); the deep profile draws, one
 * case in four, a case with max(m, n) in small + 1 … 50 (both sides uniform in 1 … 50, the larger one above `small`).
 */

/** The largest side the deep profile draws (the experiments' d = 50). */
export const QUADB_SIDE_MAX = 50;

/** A case's size bin: 'max(m, n) ≤ small' or 'max(m, n) small+1–50'. */
export const quadBSizeBin = (small: number, c: Pick<QuadBCase, 'm' | 'n'>): string => (Math.max(c.m, c.n) <= small ? `max(m, n) ≤ ${small}` : `max(m, n) ${small + 1}–${QUADB_SIDE_MAX}`);
export const quadBSizeBins = (small: number): string[] => [`max(m, n) ≤ ${small}`, `max(m, n) ${small + 1}–${QUADB_SIDE_MAX}`];

/** P.quadB cases with sides ≤ `small` (default profile), or that mixed with sides up to 50 one case in four (deep). */
export function quadBSized(small: number, o: Omit<QuadBOptions, 'mMax' | 'nMax'>, deep: boolean): Arbitrary<QuadBCase> {
  const base = quadBArbitrary({ ...o, mMax: small, nMax: small });
  if (!deep) return base;
  const large = quadBArbitrary({ ...o, mMax: QUADB_SIDE_MAX, nMax: QUADB_SIDE_MAX }).filter((c) => Math.max(c.m, c.n) > small);
  return fc.oneof({ arbitrary: base, weight: 3 }, { arbitrary: large, weight: 1 });
}
