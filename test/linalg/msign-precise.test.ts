import { describe, expect, it } from 'vitest';
import { float64 } from '../../src/arith/float64.ts';
import { fromRows } from '../../src/linalg/mat.ts';
import { msign } from '../../src/linalg/msign.ts';
import { msignPrecise } from '../../src/linalg/msign-precise.ts';

describe('msignPrecise: msign in exact mode with its error estimate', () => {
  it('a general matrix is not exact (√ is needed) but carries an estimate near 10^−P, and agrees with float64', () => {
    const G = fromRows(float64, [[1, 2, 0.5], [3, -4, 1], [0.25, 6.5, -2], [1, 1, 1]]);
    const res = msignPrecise(float64, G, 40);
    expect(res.exact).toBe(false);
    // Jacobi at 40 digits: each entry is a few hundred roundings of 10^−40 amplified by 1/gap(σ) = O(1) here.
    expect(res.errorEstimate).toBeGreaterThan(0);
    expect(res.errorEstimate).toBeLessThan(1e-34);
    // float64's msign errs by ~n·u/σ_min-gap ≈ 1e-15 here; 1e-13 leaves a factor 100.
    const f = msign(float64, G);
    res.value.data.forEach((x, i) => expect(Math.abs(x.toNumber() - f.data[i])).toBeLessThan(1e-13));
  });
  it('a diagonal matrix needs no rounding at all, and is reported exact', () => {
    const res = msignPrecise(float64, fromRows(float64, [[0.5, 0], [0, -3], [0, 0]]), 30);
    expect(res.exact).toBe(true);
    expect(res.errorEstimate).toBe(0);
    expect(res.value.data.map(String)).toEqual(['1', '0', '0', '-1', '0', '0']);
  });
});
