import { describe, expect, it } from 'vitest';
import { exactField } from '../../src/arith/exact.ts';
import { float64 } from '../../src/arith/float64.ts';
import { identity, matmul, transpose } from '../../src/linalg/mat.ts';
import { DECIMAL_CIRCLE_POINTS, givensInField, givensOrthogonal, givensOrthonormalColumns, isExactlyOrthonormal } from '../../src/random/givens.ts';
import { orthonormalityError } from '../../src/random/matrices.ts';
import { rng } from '../../src/random/rng.ts';

describe('DECIMAL_CIRCLE_POINTS', () => {
  it('lie exactly on the unit circle', () => {
    const F = exactField(20);
    for (const [c, s] of DECIMAL_CIRCLE_POINTS) expect(F.eq(F.add(F.mul(F.of(c), F.of(c)), F.mul(F.of(s), F.of(s))), F.one)).toBe(true);
  });
});

describe('givensOrthogonal', () => {
  it('is exactly orthogonal in decimal: QᵀQ = QQᵀ = I with F.eq at a precision where nothing rounds', () => {
    const r = rng('giv');
    for (const d of [1, 2, 3, 5, 8]) {
      const g = givensOrthogonal(r, d);
      expect([g.rows, g.cols, g.n, g.rotations.length]).toEqual([d, d, d, Math.min(2 * d, 150) * (d > 1 ? 1 : 0)]);
      // Entries have ≤ 3·rotations decimal places and |q| ≤ 1: products need ≤ 6·rotations + 2 digits.
      const F = exactField(2 * g.precision + 5);
      const Q = givensInField(F, g);
      const I = identity(F, d);
      const QtQ = matmul(F, transpose(Q), Q);
      const QQt = matmul(F, Q, transpose(Q));
      for (let i = 0; i < d * d; i++) {
        expect(F.eq(QtQ.data[i], I.data[i])).toBe(true);
        expect(F.eq(QQt.data[i], I.data[i])).toBe(true);
      }
      // Not a signed permutation: the rotations mixed coordinates.
      if (d > 1) expect(g.entries.data.some((x) => !['0', '1', '-1'].includes(x))).toBe(true);
      // The float copy is the entries rounded to nearest: orthonormal to about u.
      expect(orthonormalityError(g.Q)).toBeLessThan(4 * d * 2 ** -53);
      expect(g.Q.data).toEqual(givensInField(float64, g).data);
    }
  });

  it('is deterministic, uses decimal circle points, and honours its options', () => {
    const a = givensOrthogonal(rng(3), 4, { rotations: 5 });
    expect(givensOrthogonal(rng(3), 4, { rotations: 5 })).toEqual(a);
    expect(a.rotations).toHaveLength(5);
    const allowed = new Set(DECIMAL_CIRCLE_POINTS.flat().flatMap((x) => [x, `-${x}`]));
    for (const { i, j, c, s } of a.rotations) {
      expect(i).not.toBe(j);
      expect(allowed.has(c) && allowed.has(s)).toBe(true);
    }
    const plain = givensOrthogonal(rng(3), 4, { rotations: 0, permute: false, flipSigns: false });
    expect(plain.entries.data).toEqual(['1', '0', '0', '0', '0', '1', '0', '0', '0', '0', '1', '0', '0', '0', '0', '1']);
    expect(() => givensOrthogonal(rng(1), 3, { rotations: 151 })).toThrow(/rotations must be an integer in \[0, 150\]/);
    expect(() => givensOrthogonal(rng(1), 0)).toThrow(/d must be a positive integer/);
    expect(() => givensOrthogonal(rng(1), 1, { rotations: 2 })).toThrow(/rotations must be 0 when d = 1/);
  });
});

describe('isExactlyOrthonormal', () => {
  it('accepts exact matrices and rejects one perturbed in its 40th decimal', () => {
    const g = givensOrthogonal(rng(8), 4, { rotations: 6 });
    expect(isExactlyOrthonormal(g.entries)).toBe(true);
    const bumped = { ...g.entries, data: g.entries.data.map((x, i) => (i === 5 ? `${x.includes('.') ? x : `${x}.`}${'0'.repeat(39)}1` : x)) };
    expect(isExactlyOrthonormal(bumped)).toBe(false);
    // The nearest-double copy is not exactly orthonormal: exactness lives in the decimal strings only.
    const E = exactField(80);
    const rounded = { ...g.entries, data: g.Q.data.map((x) => E.of(x).toFixed()) };
    expect(isExactlyOrthonormal(rounded)).toBe(false);
  });
});

describe('givensOrthonormalColumns', () => {
  it('gives d×k with exactly orthonormal columns (k ≤ d) or rows (k > d)', () => {
    const r = rng('cols');
    for (const [d, k] of [[5, 2], [4, 4], [3, 1], [2, 5], [1, 3]]) {
      const g = givensOrthonormalColumns(r, d, k);
      expect([g.rows, g.cols, g.entries.rows, g.entries.cols, g.Q.rows, g.Q.cols]).toEqual([d, k, d, k, d, k]);
      expect(isExactlyOrthonormal(g.entries)).toBe(true);
      expect(orthonormalityError(g.Q)).toBeLessThan(4 * Math.max(d, k) * 2 ** -53);
    }
    expect(() => givensOrthonormalColumns(rng(1), 3, 0)).toThrow(/k must be a positive integer/);
  });
});
