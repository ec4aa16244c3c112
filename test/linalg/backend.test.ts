/** backend.ts: plain(F), floatPlain and exact(P) expose exactly the free functions of this folder. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactField } from '../../src/arith/exact.ts';
import { float64 } from '../../src/arith/float64.ts';
import { exact, floatPlain, plain } from '../../src/linalg/backend.ts';
import { eigh } from '../../src/linalg/eigh.ts';
import { convert, matmul, symmetrize, transpose } from '../../src/linalg/mat.ts';
import { msign } from '../../src/linalg/msign.ts';
import { svd } from '../../src/linalg/svd.ts';
import { fmat, fromSvd, rowsArb } from './helpers.ts';

const F = float64;

describe('floatPlain', () => {
  it('is plain(float64), named float64-plain', () => {
    expect(floatPlain.F).toBe(float64);
    expect(floatPlain.name).toBe('float64-plain');
    expect(plain(float64).name).toBe('float64-plain');
    expect(plain(float64, 'custom').name).toBe('custom');
  });

  it('matmul, matmulTN = AᵀB, matmulNT = ABᵀ, msign, svd, eigh equal the free functions bit for bit', () => {
    // Non-square, mutually different shapes, so that a swapped transpose cannot go unnoticed (it would throw or differ).
    fc.assert(
      fc.property(rowsArb(5, 3), rowsArb(5, 2), rowsArb(4, 3), rowsArb(3, 3), (a, b, c, s) => {
        const A = fmat(a); // 5×3
        const B = fmat(b); // 5×2
        const C = fmat(c); // 4×3
        const S = symmetrize(F, fmat(s));
        expect(floatPlain.matmul(transpose(A), B).data).toEqual(matmul(F, transpose(A), B).data);
        const tn = floatPlain.matmulTN(A, B);
        expect([tn.rows, tn.cols]).toEqual([3, 2]);
        expect(tn.data).toEqual(matmul(F, transpose(A), B).data);
        const nt = floatPlain.matmulNT(A, C);
        expect([nt.rows, nt.cols]).toEqual([5, 4]);
        expect(nt.data).toEqual(matmul(F, A, transpose(C)).data);
        expect(floatPlain.msign(A).data).toEqual(msign(F, A).data);
        expect(floatPlain.svd(A)).toEqual(svd(F, A));
        expect(floatPlain.eigh(S)).toEqual(eigh(F, S));
      }),
      { seed: 901, numRuns: 30 },
    );
  });

  it('plain passes its msign options through (a 1e-9 cut-off drops a 1e-11 direction)', () => {
    const E = exactField(60);
    const G = convert(E, F, fromSvd(E, 6, 4, ['1', '0.5', '1e-11', '0'].map((x) => E.of(x))));
    const coarse = plain(float64, 'coarse', { cutoff: 1e-9 });
    expect(coarse.msign(G).data).toEqual(msign(F, G, { cutoff: 1e-9 }).data);
    expect(coarse.msign(G).data).not.toEqual(floatPlain.msign(G).data);
  });
});

describe('exact(P)', () => {
  it('is plain(exactField(P)) named exact(P), with the precision and the free functions’ results', () => {
    const la = exact(30);
    expect(la.name).toBe('exact(30)');
    expect(la.F.kind).toBe('exact');
    expect(la.F.precision).toBe(30);
    const E = exactField(30);
    const A = convert(F, E, fmat([[1, 2], [3, 4], [5, 6.5]]));
    const C = convert(F, E, fmat([[0.5, -1], [2, 0.25]]));
    const eq = (x: { data: { eq(y: unknown): boolean }[] }, y: { data: unknown[] }): boolean =>
      x.data.length === y.data.length && x.data.every((v, i) => v.eq(y.data[i]));
    expect(eq(la.matmul(A, C), matmul(E, A, C))).toBe(true);
    expect(eq(la.matmulTN(A, A), matmul(E, transpose(A), A))).toBe(true);
    expect(eq(la.matmulNT(A, A), matmul(E, A, transpose(A)))).toBe(true);
    expect(eq(la.msign(A), msign(E, A))).toBe(true);
    const s1 = la.svd(A);
    const s2 = svd(E, A);
    expect(s1.s.every((v, i) => v.eq(s2.s[i]))).toBe(true);
    const S = symmetrize(E, matmul(E, transpose(A), A));
    expect(la.eigh(S).values.every((v, i) => v.eq(eigh(E, S).values[i]))).toBe(true);
    // A different precision really is used: 1/3 has 30 digits here.
    expect(la.F.div(la.F.one, la.F.of(3)).toString()).toBe('0.' + '3'.repeat(30));
  });
});
