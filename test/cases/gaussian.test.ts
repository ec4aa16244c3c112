import { describe, expect, it } from 'vitest';
import { float64 } from '../../src/arith/float64.ts';
import { caseMatrix, drawEntries, extremeSingularValues, frameDraw, l10Statistics, l20Deviations, l21Ratios, lemma10Quantities, measurementSeeds } from '../../src/cases/gaussian.ts';
import { dimensionBin, dimensionTo50, DIMENSION_BINS } from '../../src/generators/gaussian.ts';
import { matmul, transpose } from '../../src/linalg/mat.ts';
import { orthonormalityError } from '../../src/random/matrices.ts';
import { rng } from '../../src/random/rng.ts';
import { reference } from '../../src/impl/impl.ts';
import fc from 'fast-check';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: readonly number[]): number => mean(xs.map((x) => x * x)) - mean(xs) ** 2;

describe('entry laws', () => {
  it('moments of 10 000 entries: gaussian, shifted (μ = 1), scaled (s = 1.5), sparse (unit variance), rademacher (±1)', () => {
    const R = rng('entry laws');
    const of = (law: Parameters<typeof drawEntries>[3], param?: number) => drawEntries(R.fork(String(law)), 100, 100, law, param).data;
    // 5σ bands of the sample mean and variance (σ of the mean 1/100, of the variance ≈ √2·s²/100 for Gaussian entries).
    expect(Math.abs(mean(of('gaussian')))).toBeLessThan(0.05);
    expect(Math.abs(variance(of('gaussian')) - 1)).toBeLessThan(0.075);
    expect(Math.abs(mean(of('shifted')) - 1)).toBeLessThan(0.05);
    expect(Math.abs(variance(of('scaled')) - 2.25)).toBeLessThan(0.16);
    const sparse = of('sparse', 0.1);
    expect(sparse.filter((x) => x !== 0).length / sparse.length).toBeCloseTo(0.1, 1);
    expect(new Set(sparse.map(Math.abs))).toEqual(new Set([0, 1 / Math.sqrt(0.1)]));
    expect(new Set(of('rademacher'))).toEqual(new Set([-1, 1]));
  });

  it("'repeated' copies the first column into the last; a case's matrix replays from its seed", () => {
    const A = drawEntries(rng(3), 5, 3, 'repeated');
    for (let i = 0; i < 5; i++) expect(A.data[i * 3 + 2]).toBe(A.data[i * 3]);
    expect(caseMatrix(9, 4, 3).data).toEqual(caseMatrix(9, 4, 3).data);
    expect(extremeSingularValues(reference.float, A).min).toBeLessThan(1e-14);
  });
});

describe("Lemma 10's frames", () => {
  it('haar: V* orthonormal; (121) holds and is an equality at k = 1; O orthonormal through the SVD', () => {
    const f = frameDraw(5, 12, 4, 3);
    expect(orthonormalityError(f.V)).toBeLessThan(1e-14);
    const q = lemma10Quantities(reference.float, f, 3);
    expect(q.sigmaMin).toBeGreaterThanOrEqual(q.sigmaMinVG / q.sigmaMaxG - 1e-14);
    const one = lemma10Quantities(reference.float, frameDraw(6, 12, 1, 1), 1);
    expect(one.sigmaMin).toBeCloseTo(one.sigmaMinVG / one.sigmaMaxG, 14);
  });

  it('near-perp: σ_r(V*ᵀO) = O(η); coordinate: V*ᵀO is a 0/1 selection; near-perp needs r + k ≤ d', () => {
    const near = lemma10Quantities(reference.float, frameDraw(7, 10, 4, 3, 'near-perp', 1e-6), 3);
    expect(near.sigmaMin).toBeLessThan(1e-4);
    const coord = frameDraw(8, 10, 4, 2, 'coordinate');
    const B = matmul(float64, transpose(coord.V), coord.G);
    expect(B.data.every((x) => x === 0 || x === 1)).toBe(true);
    expect(() => frameDraw(1, 5, 3, 3, 'near-perp')).toThrow(RangeError);
  });
});

describe('measurements', () => {
  it('are sorted, replay from their stream, and have the right scale', () => {
    expect(measurementSeeds('s', 3)).toEqual(measurementSeeds('s', 3));
    const r = l21Ratios(reference.float, 's', 6, 3, 50);
    expect(r).toEqual([...r].sort((a, b) => a - b));
    expect(r[25]).toBeGreaterThan(0.5); // the median of σ_min/(√N − √(n−1)) is ≈ 1
    const S = l10Statistics(reference.float, 's', 8, 1, 1, 50);
    expect(S[49]).toBeLessThanOrEqual(Math.sqrt(8) + 1e-12); // S = √d·|o₁| ≤ √d
    const dev = l20Deviations(reference.float, 's', 20, 5, 50);
    expect(dev.upper[49]).toBeLessThan(3); // σ_max − √n − √d: far below the bound's tail
  });
});

describe('dimensions', () => {
  it('dimensionTo50 stays in 1 … 50 and every bin is reachable', () => {
    const ds = fc.sample(dimensionTo50, { seed: 1, numRuns: 400 });
    expect(Math.min(...ds)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...ds)).toBeLessThanOrEqual(50);
    expect(new Set(ds.map(dimensionBin))).toEqual(new Set(DIMENSION_BINS));
  });
});
