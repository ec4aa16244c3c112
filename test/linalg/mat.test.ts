/** mat.ts: the dense matrix basics every algorithm is built from, in both backends. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactField } from '../../src/arith/exact.ts';
import type { Field } from '../../src/arith/field.ts';
import { float64 } from '../../src/arith/float64.ts';
import {
  add,
  axpy,
  column,
  columns,
  convert,
  diag,
  diagonal,
  fromRows,
  get,
  hadamard,
  identity,
  inner,
  isFiniteMat,
  mat,
  matmul,
  maxAbs,
  scale,
  signEntrywise,
  sub,
  symmetrize,
  toNumbers,
  toRows,
  trace,
  transpose,
  zeros,
} from '../../src/linalg/mat.ts';
import { rowsArb } from './helpers.ts';

function matContract<T>(name: string, F: Field<T>): void {
  // + 0 folds −0 into 0 (vitest's toEqual tells them apart; sign(−0) is tested in test/arith).
  const nums = (A: { data: T[] }): number[] => A.data.map((x) => F.toNumber(x) + 0);

  describe(`mat.ts basics: ${name}`, () => {
    it('matmul of a hand example: [[1,2,3],[4,5,6]]·[[7,8],[9,10],[11,12]] = [[58,64],[139,154]]', () => {
      const A = fromRows(F, [
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const B = fromRows(F, [
        [7, 8],
        [9, 10],
        [11, 12],
      ]);
      const C = matmul(F, A, B);
      expect([C.rows, C.cols]).toEqual([2, 2]);
      expect(nums(C)).toEqual([58, 64, 139, 154]);
      // B·A is 3×3: the order matters.
      const D = matmul(F, B, A);
      expect([D.rows, D.cols]).toEqual([3, 3]);
      expect(nums(D)).toEqual([39, 54, 69, 49, 68, 87, 59, 82, 105]);
    });

    it('matmul with zeros in A still multiplies the rest (the zero-skip must not skip the row)', () => {
      const A = fromRows(F, [
        [0, 2],
        [3, 0],
      ]);
      const B = fromRows(F, [
        [5, 6],
        [7, 8],
      ]);
      expect(nums(matmul(F, A, B))).toEqual([14, 16, 15, 18]);
    });

    it('matmul is associative and distributes, on integer matrices (exact in both backends)', () => {
      const small = fc.integer({ min: -50, max: 50 });
      const m = (r: number, c: number) =>
        fc.array(fc.array(small, { minLength: c, maxLength: c }), { minLength: r, maxLength: r });
      fc.assert(
        fc.property(
          fc.record({ a: fc.integer({ min: 1, max: 4 }), b: fc.integer({ min: 1, max: 4 }), c: fc.integer({ min: 1, max: 4 }) }).chain(
            ({ a, b, c }) => fc.tuple(m(a, b), m(b, c), m(b, c), m(c, 2)),
          ),
          ([a, b, b2, c]) => {
            const A = fromRows(F, a);
            const B = fromRows(F, b);
            const B2 = fromRows(F, b2);
            const C = fromRows(F, c);
            expect(nums(matmul(F, matmul(F, A, B), C))).toEqual(nums(matmul(F, A, matmul(F, B, C))));
            expect(nums(matmul(F, A, add(F, B, B2)))).toEqual(nums(add(F, matmul(F, A, B), matmul(F, A, B2))));
            // (AB)ᵀ = BᵀAᵀ
            expect(nums(transpose(matmul(F, A, B)))).toEqual(nums(matmul(F, transpose(B), transpose(A))));
          },
        ),
        { seed: 301, numRuns: 60 },
      );
    });

    it('transpose: shape swaps, entries move, and it is an involution', () => {
      const A = fromRows(F, [
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const T = transpose(A);
      expect([T.rows, T.cols]).toEqual([3, 2]);
      expect(nums(T)).toEqual([1, 4, 2, 5, 3, 6]);
      expect(nums(transpose(T))).toEqual(nums(A));
      expect(F.toNumber(get(T, 2, 1))).toBe(6);
    });

    it('shape mismatches throw RangeError', () => {
      const A = zeros(F, 2, 3);
      const B = zeros(F, 2, 2);
      expect(() => matmul(F, A, B)).toThrow(RangeError);
      expect(() => add(F, A, B)).toThrow(RangeError);
      expect(() => sub(F, A, B)).toThrow(RangeError);
      expect(() => axpy(F, A, F.one, B)).toThrow(RangeError);
      expect(() => hadamard(F, A, B)).toThrow(RangeError);
      expect(() => inner(F, A, B)).toThrow(RangeError);
      expect(() => symmetrize(F, A)).toThrow(RangeError);
      expect(() => mat(2, 2, [F.one])).toThrow(RangeError);
      expect(() => mat(-1, 2, [])).toThrow(RangeError);
      expect(() => mat(1.5, 2, [])).toThrow(RangeError);
      expect(() => fromRows(F, [[1, 2], [3]])).toThrow(RangeError);
      // A 2×3 times a 3×2 is fine (inner sizes agree).
      expect(() => matmul(F, A, zeros(F, 3, 2))).not.toThrow();
    });

    it('identity, zeros, diag (rectangular), diagonal, column, columns, toRows', () => {
      expect(nums(identity(F, 2))).toEqual([1, 0, 0, 1]);
      expect(nums(zeros(F, 2, 1))).toEqual([0, 0]);
      const D = diag(F, [F.of(2), F.of(3)], 2, 3);
      expect([D.rows, D.cols]).toEqual([2, 3]);
      expect(nums(D)).toEqual([2, 0, 0, 0, 3, 0]);
      expect(diagonal(fromRows(F, [[1, 2], [3, 4], [5, 6]])).map((x) => F.toNumber(x))).toEqual([1, 4]);
      const v = column(F, [1, '2.5']);
      expect([v.rows, v.cols]).toEqual([2, 1]);
      expect(nums(v)).toEqual([1, 2.5]);
      const C = columns(fromRows(F, [[1, 2, 3], [4, 5, 6]]), 1, 3);
      expect([C.rows, C.cols]).toEqual([2, 2]);
      expect(nums(C)).toEqual([2, 3, 5, 6]);
      expect(toRows(fromRows(F, [[1, 2], [3, 4]])).map((r) => r.map((x) => F.toNumber(x)))).toEqual([[1, 2], [3, 4]]);
    });

    it('add, sub, scale, axpy, hadamard, inner, trace, signEntrywise on a hand example', () => {
      const A = fromRows(F, [[1, -2], [0, 4]]);
      const B = fromRows(F, [[3, 1], [-1, '0.5']]);
      expect(nums(add(F, A, B))).toEqual([4, -1, -1, 4.5]);
      expect(nums(sub(F, A, B))).toEqual([-2, -3, 1, 3.5]);
      expect(nums(scale(F, F.of(-2), A))).toEqual([-2, 4, 0, -8]);
      expect(nums(axpy(F, A, F.of('0.5'), B))).toEqual([2.5, -1.5, -0.5, 4.25]);
      expect(nums(hadamard(F, A, B))).toEqual([3, -2, 0, 2]);
      expect(F.toNumber(inner(F, A, B))).toBe(3);
      expect(F.toNumber(trace(F, A))).toBe(5);
      expect(F.toNumber(trace(F, fromRows(F, [[1, 2, 3], [4, 5, 6]])))).toBe(6);
      expect(nums(signEntrywise(F, fromRows(F, [[-3, 0], ['-0', '0.001']])))).toEqual([-1, 0, 0, 1]);
    });

    it('symmetrize gives an exactly symmetric matrix with the mean off-diagonal', () => {
      const S = symmetrize(F, fromRows(F, [[1, 2], [4, 5]]));
      expect(nums(S)).toEqual([1, 3, 3, 5]);
    });

    it('maxAbs, isFiniteMat, and NaN propagation through maxAbs', () => {
      expect(F.toNumber(maxAbs(F, fromRows(F, [[1, -7], [3, 2]])))).toBe(7);
      expect(F.toNumber(maxAbs(F, zeros(F, 2, 2)))).toBe(0);
      expect(isFiniteMat(F, fromRows(F, [[1, 2]]))).toBe(true);
      expect(isFiniteMat(F, fromRows(F, [[1, Infinity]]))).toBe(false);
      // An all-NaN matrix must not look like the zero matrix (frobenius is built on maxAbs).
      expect(Number.isNaN(F.toNumber(maxAbs(F, fromRows(F, [[NaN, NaN]]))))).toBe(true);
      expect(Number.isNaN(F.toNumber(maxAbs(F, fromRows(F, [[1, NaN]]))))).toBe(true);
    });
  });
}

matContract('float64', float64);
matContract('exactField(30)', exactField(30));

describe('mat.ts across backends', () => {
  it('0.1·0.2 is exactly 0.02 from decimal strings in exact mode, not in float', () => {
    const E = exactField(30);
    const p = matmul(E, fromRows(E, [['0.1']]), fromRows(E, [['0.2']]));
    expect(p.data[0].eq('0.02')).toBe(true);
    expect(matmul(float64, fromRows(float64, [[0.1]]), fromRows(float64, [[0.2]])).data[0]).not.toBe(0.02);
  });

  it('convert float → exact is lossless (at enough digits) and exact → float rounds to nearest', () => {
    const E = exactField(60);
    fc.assert(
      fc.property(rowsArb(2, 3), (rows) => {
        const A = fromRows(float64, rows);
        const X = convert(float64, E, A);
        expect(toNumbers(E, X).data).toEqual(A.data);
        expect(convert(E, float64, X).data).toEqual(A.data);
      }),
      { seed: 302, numRuns: 50 },
    );
    const third = convert(E, float64, fromRows(E, [['0.333333333333333333333333333333']]));
    expect(third.data[0]).toBe(1 / 3);
    expect(convert(float64, E, fromRows(float64, [[0.1]])).data[0].eq('0.1')).toBe(false);
  });
});
