import { describe, expect, it } from 'vitest';
import { gaussian, haar, orthonormalityError } from '../../src/random/matrices.ts';
import { rng } from '../../src/random/rng.ts';

const u = 2 ** -53;

describe('gaussian', () => {
  it('has the shape asked for, is deterministic and validates its arguments', () => {
    const A = gaussian(rng(1), 3, 4);
    expect([A.rows, A.cols, A.data.length]).toEqual([3, 4, 12]);
    expect(gaussian(rng(1), 3, 4)).toEqual(A);
    expect(() => gaussian(rng(1), 0, 4)).toThrow(/rows must be a positive integer/);
    expect(() => gaussian(rng(1), 2, 1.5)).toThrow(/cols must be a positive integer/);
  });
});

describe('haar', () => {
  it('has orthonormal columns (k ≤ d) or rows (k > d) to O(d·u)', () => {
    // Householder QR's computed Q satisfies ‖QᵀQ − I‖ ≤ c·d·u with a modest c (Higham, Thm 19.4); measured c < 3 here,
    // so 10·d·u (5.5e-15 at d = 5, 1.1e-13 at d = 100) can only be exceeded by a broken factorisation.
    for (const [d, k] of [[1, 1], [2, 1], [5, 5], [20, 4], [50, 50], [100, 5], [3, 7], [4, 40]]) {
      for (let seed = 0; seed < 5; seed++) {
        const Q = haar(rng(seed), d, k);
        expect([Q.rows, Q.cols]).toEqual([d, k]);
        expect(orthonormalityError(Q)).toBeLessThan(10 * Math.max(d, k) * u);
      }
    }
  });

  it('is deterministic for a seed', () => {
    expect(haar(rng('h'), 6, 3)).toEqual(haar(rng('h'), 6, 3));
    expect(haar(rng('h'), 6, 3)).not.toEqual(haar(rng('g'), 6, 3));
  });

  it('is Haar: E[Q_ij²] = 1/d and E[Q_jj] = 0 (the sign fix) within 6 standard errors', () => {
    const d = 4;
    const k = 3;
    const n = 4000;
    const r = rng('haar-stats');
    let sq00 = 0;
    let sqLast = 0;
    const diagSum = [0, 0, 0];
    for (let t = 0; t < n; t++) {
      const Q = haar(r, d, k);
      sq00 += Q.data[0] ** 2;
      sqLast += Q.data[(d - 1) * k + (k - 1)] ** 2;
      for (let j = 0; j < k; j++) diagSum[j] += Q.data[j * k + j];
    }
    // A column of a Haar matrix is uniform on the sphere: Q_ij² ~ Beta(½, (d−1)/2), mean 1/d,
    // variance 3/(d(d+2)) − 1/d² (= 1/16 at d = 4); the entries themselves have mean 0 and variance 1/d.
    const se2 = Math.sqrt((3 / (d * (d + 2)) - 1 / d ** 2) / n);
    expect(Math.abs(sq00 / n - 1 / d)).toBeLessThan(6 * se2);
    expect(Math.abs(sqLast / n - 1 / d)).toBeLessThan(6 * se2);
    // Without Mezzadri's sign fix Householder's Q₀₀ = −|x₀|/‖x‖ would average about −0.4 here.
    for (const s of diagSum) expect(Math.abs(s / n)).toBeLessThan(6 * Math.sqrt(1 / d / n));
  });

  it('rejects non-positive or fractional sizes with the parameter named', () => {
    expect(() => haar(rng(1), 0, 1)).toThrow(/haar: d must be a positive integer \(≥ 1\), got 0/);
    expect(() => haar(rng(1), 3, -1)).toThrow(/haar: k must be a positive integer/);
    expect(() => haar(rng(1), 2.5, 1)).toThrow(RangeError);
  });
});

describe('orthonormalityError', () => {
  it('sees a perturbation', () => {
    const Q = haar(rng(2), 5, 3);
    const bad = { ...Q, data: Q.data.map((x, i) => (i === 4 ? x + 1e-6 : x)) };
    expect(orthonormalityError(bad)).toBeGreaterThan(1e-7);
  });
});
