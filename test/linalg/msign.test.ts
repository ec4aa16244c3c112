/**
 * msign(G) = U Vᵀ (claims.md B.msign and Notation; numerics.md on the rank cut-off), in float64 and decimal.
 * The rank cut-off is the delicate part: exact zeros (and rounding noise) must be dropped, tiny-but-real singular
 * values (σ³-sized gradients of a rank-deficient M*) must be kept.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactField } from '../../src/arith/exact.ts';
import { proveExact } from '../../src/arith/exactness.ts';
import { float64 } from '../../src/arith/float64.ts';
import {
  add,
  columns,
  convert,
  diag,
  fromRows,
  inner,
  matmul,
  scale,
  sub,
  symmetrize,
  transpose,
  zeros,
  type Mat,
} from '../../src/linalg/mat.ts';
import { eigh } from '../../src/linalg/eigh.ts';
import { defaultRankCutoff, msign } from '../../src/linalg/msign.ts';
import { frobenius, nuclear } from '../../src/linalg/norms.ts';
import { svd } from '../../src/linalg/svd.ts';
import { anyRowsArb, fmat, fromSvd, givensOrthogonal, maxAbsDiff, orthoDefect, rowsArb } from './helpers.ts';

const F = float64;
const u = F.unitRoundoff;

/** Backward-error scale of a float SVD of A: c·N·u·‖A‖_F with c = 20 (see svd.test.ts). */
const bwd = (A: Mat<number>): number => 20 * Math.max(A.rows, A.cols) * u * frobenius(F, A);

/** σ_min of a (full-rank) matrix: msign's absolute condition number is about 1/σ_min. */
const sigmaMin = (A: Mat<number>): number => svd(F, A).s[Math.min(A.rows, A.cols) - 1];

describe('msign (float64): identities of B.msign on random matrices', () => {
  it('QᵀG is symmetric positive semidefinite, and ⟨G, Q⟩ = ‖G‖_*', () => {
    fc.assert(
      fc.property(anyRowsArb(6), (rows) => {
        const G = fmat(rows);
        const Q = msign(F, G);
        expect([Q.rows, Q.cols]).toEqual([G.rows, G.cols]);
        const P = matmul(F, transpose(Q), G);
        // If Q = msign(G + E) exactly, Qᵀ(G + E) is symmetric, so QᵀG is symmetric up to 2‖E‖ — the SVD's backward
        // error, whatever the conditioning (one more c·N·u for Q's own orthonormality).
        const tol = 2 * bwd(G);
        expect(maxAbsDiff(F, P, transpose(P))).toBeLessThanOrEqual(tol);
        const ev = eigh(F, symmetrize(F, P)).values;
        expect(ev[ev.length - 1]).toBeGreaterThanOrEqual(-tol);
        // ⟨G, Q⟩ = tr(QᵀG) = Σσᵢ: each σ and Q's orthonormality contribute a backward error.
        const r = Math.min(G.rows, G.cols);
        expect(Math.abs(inner(F, G, Q) - nuclear(F, G))).toBeLessThanOrEqual(r * tol);
      }),
      { seed: 701, numRuns: 150 },
    );
  });

  it('full-rank G gives a semi-orthogonal Q (QᵀQ = I tall, QQᵀ = I wide)', () => {
    fc.assert(
      fc.property(anyRowsArb(6), (rows) => {
        const G = fmat(rows);
        fc.pre(sigmaMin(G) > 1e-6 * frobenius(F, G));
        const Q = msign(F, G);
        const wideOrSquare = G.cols >= G.rows;
        // Orthonormal columns (rows) to the SVD's orthogonality error c·N·u.
        expect(orthoDefect(F, wideOrSquare ? transpose(Q) : Q)).toBeLessThanOrEqual(20 * Math.max(G.rows, G.cols) * u);
      }),
      { seed: 702, numRuns: 100 },
    );
  });

  it('msign(Gᵀ) = msign(G)ᵀ (wide and tall inputs); exactly so for non-square shapes', () => {
    fc.assert(
      fc.property(anyRowsArb(6), (rows) => {
        const G = fmat(rows);
        const a = msign(F, transpose(G));
        const b = transpose(msign(F, G));
        if (G.rows !== G.cols) {
          // A wide input is handled as the transpose of a tall one, so the very same products are formed.
          expect(a.data).toEqual(b.data);
        } else {
          const sm = sigmaMin(G);
          fc.pre(sm > 1e-6 * frobenius(F, G));
          // Two backward-stable results of msign, whose condition number is ~1/σ_min: 2·bwd/σ_min.
          expect(maxAbsDiff(F, a, b)).toBeLessThanOrEqual((2 * bwd(G)) / sm);
        }
      }),
      { seed: 703, numRuns: 120 },
    );
  });

  it('is invariant under power-of-two scaling (bit for bit, even 2^±500) and odd: msign(−G) = −msign(G)', () => {
    fc.assert(
      fc.property(anyRowsArb(6), fc.integer({ min: -500, max: 500 }), (rows, e) => {
        const G = fmat(rows);
        const Q = msign(F, G);
        // Scaling by 2^e scales every inner product by 4^e exactly, so the rotations are identical. A cut-off that is
        // absolute rather than relative to σ_max, or an overflowing column norm, breaks this.
        expect(msign(F, scale(F, 2 ** e, G)).data).toEqual(Q.data);
        // (+ 0 folds −0 into 0: msign(0) is +0 and −(+0) is −0.)
        expect(msign(F, scale(F, -1, G)).data.map((x) => x + 0)).toEqual(Q.data.map((x) => -x + 0));
      }),
      { seed: 704, numRuns: 100 },
    );
  });

  it('msign(Q) = Q for semi-orthogonal Q (idempotent), tall, wide and square', () => {
    for (const [m, n, shift] of [
      [6, 4, 0],
      [4, 6, 1],
      [5, 5, 2],
      [3, 1, 3],
    ] as const) {
      const full = givensOrthogonal(F, Math.max(m, n), shift);
      const Q = m >= n ? columns(full, 0, n) : transpose(columns(full, 0, m));
      // All σ are 1 (condition 1): the SVD's c·N·u.
      expect(maxAbsDiff(F, msign(F, Q), Q)).toBeLessThanOrEqual(20 * Math.max(m, n) * u);
    }
    fc.assert(
      fc.property(anyRowsArb(5), (rows) => {
        const G = fmat(rows);
        fc.pre(sigmaMin(G) > 1e-6 * frobenius(F, G));
        const Q = msign(F, G);
        // Q carries one SVD's orthogonality error and msign(Q) adds another: twice c·N·u.
        expect(maxAbsDiff(F, msign(F, Q), Q)).toBeLessThanOrEqual(2 * 20 * Math.max(G.rows, G.cols) * u);
      }),
      { seed: 705, numRuns: 60 },
    );
  });

  it('msign(0) = 0 exactly (sign(0) = 0), empty shapes, 1×1, vectors and rank one', () => {
    for (const [m, n] of [
      [3, 2],
      [2, 3],
      [1, 1],
    ]) {
      const Z = msign(F, zeros(F, m, n));
      expect([Z.rows, Z.cols]).toEqual([m, n]);
      expect(Z.data.every((x) => x === 0)).toBe(true);
    }
    expect(msign(F, zeros(F, 0, 3)).data).toEqual([]);
    expect(msign(F, fmat([[-3]])).data).toEqual([-1]);
    expect(msign(F, fmat([[0]])).data).toEqual([0]);
    // A column v: msign(v) = v/‖v‖.
    const v = msign(F, fmat([[3], [0], [-4]]));
    // √25 = 5 is exact; then one rounded division per entry (and 0.6, 0.8 themselves are rounded): a few ulps.
    expect(maxAbsDiff(F, v, fmat([[0.6], [0], [-0.8]]))).toBeLessThanOrEqual(4 * u);
    // Rank one xyᵀ: msign = xyᵀ/(‖x‖‖y‖), every other direction dropped.
    const R = msign(F, matmul(F, fmat([[1], [2], [2]]), fmat([[3, 4]])));
    // One well-conditioned direction of a 3×2 matrix: the SVD's c·N·u.
    expect(maxAbsDiff(F, R, scale(F, 1 / 15, fmat([[3, 4], [6, 8], [6, 8]])))).toBeLessThanOrEqual(20 * 3 * u);
  });
});

describe('msign (float64): nearest semi-orthogonal matrix (B.msign)', () => {
  it('‖G − msign G‖_F ≤ ‖G − Q‖_F for random and for nearby semi-orthogonal Q', () => {
    const shapeArb = fc
      .record({ m: fc.integer({ min: 1, max: 6 }), k: fc.integer({ min: 1, max: 6 }) })
      .map(({ m, k }) => ({ m: Math.max(m, k), k: Math.min(m, k) }));
    fc.assert(
      fc.property(
        shapeArb.chain(({ m, k }) => fc.tuple(rowsArb(m, k), rowsArb(m, k), fc.integer({ min: 0, max: k - 1 }))),
        ([g, h, flip]) => {
          const G = fmat(g);
          const H = fmat(h);
          fc.pre(sigmaMin(G) > 1e-6 * frobenius(F, G) && sigmaMin(H) > 1e-6 * frobenius(F, H));
          const best = frobenius(F, sub(F, G, msign(F, G)));
          const flipped = msign(F, G);
          for (let i = 0; i < flipped.rows; i++) flipped.data[i * flipped.cols + flip] *= -1;
          const competitors = [
            msign(F, H), // a random semi-orthogonal matrix
            msign(F, add(F, G, scale(F, 1e-3, H))), // a nearby one: the gap is second order, ~1e-6
            msign(F, add(F, G, scale(F, 1e-2, H))),
            flipped, // one singular direction reversed
          ];
          // Distances are computed to ~N·u·(‖G‖_F + √k): 1e-12 covers it by 3 orders.
          for (const Q of competitors) expect(best).toBeLessThanOrEqual(frobenius(F, sub(F, G, Q)) + 1e-12);
        },
      ),
      { seed: 706, numRuns: 100 },
    );
  });
});

describe('msign rank cut-off', () => {
  it('defaultRankCutoff is max(m, n)·2u: 1.3e-15 for a 6×4 float matrix, 6·10^-39 at 40 digits', () => {
    expect(defaultRankCutoff(F, 6, 4)).toBe(6 * 2 ** -52);
    expect(defaultRankCutoff(F, 4, 6)).toBe(6 * 2 ** -52);
    expect(defaultRankCutoff(exactField(40), 6, 4)).toBeCloseTo(6e-39, 50);
  });

  it('rejects cut-offs outside [0, 1)', () => {
    const G = fmat([[1, 2], [3, 4]]);
    expect(() => msign(F, G, { cutoff: 1 })).toThrow(RangeError);
    expect(() => msign(F, G, { cutoff: -1e-3 })).toThrow(RangeError);
    expect(() => msign(F, G, { cutoff: NaN })).toThrow(RangeError);
  });

  it('rank-deficient G (6×4 of rank 2, a product): msign has exactly rank 2, σ = (1, 1, 0, 0); no noise injected', () => {
    fc.assert(
      fc.property(rowsArb(6, 2), rowsArb(2, 4), (a, b) => {
        const G = matmul(F, fmat(a), fmat(b));
        const sg = svd(F, G).s;
        fc.pre(sg[1] > 1e-6 * sg[0]);
        const Q = msign(F, G);
        const s = svd(F, Q).s;
        // The two kept directions are resolved with condition ~σ₁/σ₂ ≤ 1e6 over rounding ~N·u: 1e-8 is safe; a
        // kept noise direction would show up as a third singular value 1, a dropped real one as σ₂ = 0.
        expect(Math.abs(s[0] - 1)).toBeLessThan(1e-8);
        expect(Math.abs(s[1] - 1)).toBeLessThan(1e-8);
        expect(s[2]).toBeLessThan(1e-8);
        expect(s[3]).toBeLessThan(1e-8);
        // Q = U₂V₂ᵀ maps into range(G): ⟨G, Q⟩ = σ₁ + σ₂ (as B.msign says).
        expect(Math.abs(inner(F, G, Q) - sg[0] - sg[1])).toBeLessThanOrEqual(4 * bwd(G));
      }),
      { seed: 707, numRuns: 100 },
    );
  });

  it('without a cut-off the same rank-2 G gets noise directions of norm 1 injected (why the cut-off exists)', () => {
    const G = matmul(F, fmat([[1, 0.5], [0.25, -1], [0.75, 0.125], [-0.5, 0.5], [1, 1], [0.3, -0.7]]), fmat([[1, 2, 0.5, -1], [0.25, -0.5, 1, 0.75]]));
    const s = svd(F, G).s;
    // The rounding noise of the two missing directions is tiny (~N·u·σ₁) but not zero…
    expect(s[2]).toBeLessThan(1e-14 * s[0]);
    // …and cutoff 0 turns it into full unit directions: rank 4 instead of 2.
    const noisy = svd(F, msign(F, G, { cutoff: 0 })).s;
    expect(noisy.filter((x) => x > 0.5)).toHaveLength(4);
    expect(svd(F, msign(F, G)).s.filter((x) => x > 0.5)).toHaveLength(2);
  });

  /** G = U diag(1, 0.5, 1e-11, 0) Vᵀ built exactly in decimal (Givens factors), and the msign it must have. */
  const E60 = exactField(60);
  const d = ['1', '0.5', '1e-11', '0'];
  const Gexact = fromSvd(E60, 6, 4, d.map((x) => E60.of(x)));
  const Qexact = fromSvd(E60, 6, 4, ['1', '1', '1', '0'].map((x) => E60.of(x)));
  const Q2exact = fromSvd(E60, 6, 4, ['1', '1', '0', '0'].map((x) => E60.of(x)));

  it('tiny-but-real σ = 1e-11 is kept and the exact 0 dropped (float64): msign = U diag(1,1,1,0) Vᵀ', () => {
    const G = convert(E60, F, Gexact);
    const s = svd(F, G).s;
    // σ₃ is resolved to ~u‖G‖/σ₃ ≈ 1e-5 relative; the exact zero becomes noise of ~√(mn)·u‖G‖ ≈ 5e-16.
    expect(s[2]).toBeGreaterThan(0.99e-11);
    expect(s[3]).toBeLessThan(1e-15);
    const Q = msign(F, G);
    // msign's sensitivity in the 1e-11 direction is ~1/σ₃ = 1e11, and the float entries of G carry ~u‖G‖ ≈ 1e-16
    // of rounding: ~1e-5 (measured 1.5e-6); tolerance 1e-4. Dropping the direction, or keeping the zero, errs by ~1.
    expect(maxAbsDiff(F, Q, convert(E60, F, Qexact))).toBeLessThan(1e-4);
    const sq = svd(F, Q).s;
    // Q's singular values are 1, 1, 1 and 0 up to the SVD's c·N·u ≈ 1e-14; 1e-8 only separates "kept" from "dropped".
    expect(sq[2]).toBeGreaterThan(1 - 1e-8);
    expect(sq[3]).toBeLessThan(1e-8);
  });

  it('a relative cut-off of 1e-9 wrongly drops the 1e-11 direction; defaultRankCutoff (1.3e-15) keeps it', () => {
    const G = convert(E60, F, Gexact);
    expect(defaultRankCutoff(F, 6, 4)).toBeLessThan(1e-11);
    const dropped = msign(F, G, { cutoff: 1e-9 });
    // The two large directions are well conditioned (gap 0.5): a few ulps.
    expect(maxAbsDiff(F, dropped, convert(E60, F, Q2exact))).toBeLessThan(1e-12);
    expect(maxAbsDiff(F, dropped, convert(E60, F, Qexact))).toBeGreaterThan(0.1);
    // Same tolerance and reason as in the previous test (sensitivity 1/σ₃ times u‖G‖).
    expect(maxAbsDiff(F, msign(F, G), convert(E60, F, Qexact))).toBeLessThan(1e-4);
  });

  it('in decimal (60 digits): the 1e-11 direction is kept to 1e-40, the exact 0 (noise ~1e-60) dropped', () => {
    const Q = msign(E60, Gexact);
    // Rounding while forming G leaves ~1e-60 in the zero direction; msign's sensitivity 1/σ₃ = 1e11 → ~1e-49.
    expect(maxAbsDiff(E60, Q, Qexact)).toBeLessThan(1e-40);
  });

  it('in decimal, σ = 1e-14 (a σ³-sized singular value) is dropped by a 1e-12 cut-off but kept by the default', () => {
    const G = fromSvd(E60, 6, 4, ['1', '0.5', '1e-14', '0'].map((x) => E60.of(x)));
    // Sensitivity 1/σ₃ = 1e14 times the ~1e-60 rounding of G: ~1e-46, under 1e-40.
    expect(maxAbsDiff(E60, msign(E60, G), Qexact)).toBeLessThan(1e-40);
    expect(maxAbsDiff(E60, msign(E60, G, { cutoff: 1e-12 }), Q2exact)).toBeLessThan(1e-40);
  });
});

describe('msign in decimal', () => {
  const G = fmat([
    [1, 2, 0, -1],
    [3, 4, 1, 2],
    [5, 6.5, 2, 0],
    [0, 1, 1, 1],
    [2, -1, 0, 3],
    [1, 1, 1, 1],
  ]);

  it('agrees with float64, and proveExact reports a small but nonzero error (msign needs √)', () => {
    const r = proveExact(30, (E) => msign(E, convert(F, E, G)).data, (xs) => xs);
    expect(r.exact).toBe(false);
    expect(r.errorEstimate).toBeGreaterThan(0);
    // At 30 digits each entry is off by a few units in the 30th digit times msign's condition ‖G‖/σ_min (≈ 10 here).
    expect(r.errorEstimate).toBeLessThan(1e-26);
    const Qf = msign(F, G);
    // The float result: backward error over σ_min.
    const tol = (2 * bwd(G)) / sigmaMin(G);
    r.value.forEach((x, i) => expect(Math.abs(x.toNumber() - Qf.data[i])).toBeLessThanOrEqual(tol));
  });

  it('msign of an aligned gradient V·diag(d) (V exactly orthogonal in decimal) is V·sign(d), proven exact', () => {
    // The columns of V·diag(d) are exactly orthogonal, so Jacobi does no rotation, and each column norm is the
    // square root of a perfect square: nothing rounds at 60 digits. The zero column maps to 0 (sign(0) = 0).
    const dd = ['0.37', '-1.2', '0', '2.5e-8'];
    const r = proveExact(
      60,
      (E) => {
        const V = givensOrthogonal(E, 4, 2);
        return { Q: msign(E, matmul(E, V, diag(E, dd.map((x) => E.of(x))))), V };
      },
      ({ Q }) => Q.data,
    );
    expect(r.exact).toBe(true);
    const E = exactField(60);
    const expected = matmul(E, r.value.V, diag(E, dd.map((x) => E.sign(E.of(x)))));
    expect(r.value.Q.data.every((x, i) => x.eq(expected.data[i]))).toBe(true);
  });

  it('the rank-2 product in decimal: σ(msign G) = (1, 1, 0, 0) to 1e-30', () => {
    const E = exactField(40);
    const A = fromRows(E, [['1', '0.5'], ['0.25', '-1'], ['0.75', '0.125'], ['-0.5', '0.5'], ['1', '1'], ['0.3', '-0.7']]);
    const B = fromRows(E, [['1', '2', '0.5', '-1'], ['0.25', '-0.5', '1', '0.75']]);
    const s = svd(E, msign(E, matmul(E, A, B))).s.map((x) => x.toNumber());
    // Kept directions are well conditioned (σ₁/σ₂ ≈ 2); noise is ~10^-40.
    expect(Math.abs(s[0] - 1)).toBeLessThan(1e-30);
    expect(Math.abs(s[1] - 1)).toBeLessThan(1e-30);
    expect(s[2]).toBeLessThan(1e-30);
    expect(s[3]).toBeLessThan(1e-30);
  });
});
