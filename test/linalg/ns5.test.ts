/**
 * ns5.ts — O.ns5 / B.NS5: the quintic Newton–Schulz stand-in for msign. Each step X ← aX + (bA + cA²)X with A = XXᵀ
 * maps X = U diag(x) Vᵀ to U diag(p(x)) Vᵀ, p(x) = ax + bx³ + cx⁵, so the output's singular values are exactly the
 * scalar map p⁵ applied to the normalised input singular values x = σ/(‖G‖_F + 1e-7): a sharp check.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { exactField } from '../../src/arith/exact.ts';
import { float64 } from '../../src/arith/float64.ts';
import { columns, convert, diag, matmul, scale, transpose, zeros, type Mat } from '../../src/linalg/mat.ts';
import { msign } from '../../src/linalg/msign.ts';
import { frobenius, spectral } from '../../src/linalg/norms.ts';
import { NS5_COEFFICIENTS, NS5_EPS, NS5_STEPS, ns5 } from '../../src/linalg/ns5.ts';
import { svd } from '../../src/linalg/svd.ts';
import { anyRowsArb, fmat, givensOrthogonal, maxAbsDiff, rowsArb } from './helpers.ts';

const F = float64;
const u = F.unitRoundoff;
const A = 3.4445;
const B = -4.775;
const C = 2.0315;

const p = (x: number): number => A * x + B * x ** 3 + C * x ** 5;
const p5 = (x: number): number => {
  let y = x;
  for (let i = 0; i < 5; i++) y = p(y);
  return y;
};

/** Extremum of p⁵ over [lo, hi]: a 20 000-point grid, then golden-section refinement around the best point. */
function extremum(lo: number, hi: number, sign: 1 | -1): number {
  const n = 20_000;
  let best = lo;
  for (let i = 0; i <= n; i++) {
    const x = lo + ((hi - lo) * i) / n;
    if (sign * p5(x) > sign * p5(best)) best = x;
  }
  let a = Math.max(lo, best - (hi - lo) / n);
  let b = Math.min(hi, best + (hi - lo) / n);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 80; i++) {
    const x1 = b - g * (b - a);
    const x2 = a + g * (b - a);
    if (sign * p5(x1) > sign * p5(x2)) b = x2;
    else a = x1;
  }
  return Math.max(sign * p5(a), sign * p5(b), sign * p5(lo), sign * p5(hi)) * sign;
}

/** Limits of the scalar map, derived here (not copied): B.NS5 quotes [0.6818, 1.1344] and 1.2024. */
const LO = extremum(0.01, 1, -1);
const HI = extremum(0.01, 1, 1);
const SUP = extremum(1e-6, 1, 1);

/**
 * Float error of the matrix iteration: each step rounds its products at ~N·u relative to |a| + |b| + |c| ≈ 10.25, and
 * later steps amplify an error by at most max|p′| ≤ 3.45 on [0, 1.21]: ≤ 3.45⁵·5·10.25·N·u ≈ 2.8e-12 at N = 6.
 */
const nsTol = (N: number): number => 3.45 ** 5 * 5 * 10.25 * N * u;

/** Singular values of ns5(G) next to p⁵ of the normalised singular values of G, both sorted descending. */
function compare(G: Mat<number>): { out: number[]; predicted: number[]; x: number[] } {
  const x = svd(F, G).s.map((s) => s / (frobenius(F, G) + 1e-7));
  const predicted = x.map(p5).sort((a, b) => b - a);
  const out = svd(F, ns5(F, G)).s;
  return { out, predicted, x };
}

describe('NS5 constants', () => {
  it('are B Alg. 3: (a, b, c) = (3.4445, −4.7750, 2.0315), 5 steps, ε = 1e-7', () => {
    expect(NS5_COEFFICIENTS).toEqual({ a: '3.4445', b: '-4.7750', c: '2.0315' });
    expect(NS5_STEPS).toBe(5);
    expect(NS5_EPS).toBe('1e-7');
    // p(1) = a + b + c = 0.701 exactly in decimal: the coefficients are used as decimals, not rounded.
    const E = exactField(20);
    const sumABC = E.add(E.add(E.of(NS5_COEFFICIENTS.a), E.of(NS5_COEFFICIENTS.b)), E.of(NS5_COEFFICIENTS.c));
    expect(sumABC.eq(new Decimal('0.701'))).toBe(true);
  });

  it('the scalar map p⁵ has the limits of B.NS5: [0.6818, 1.1344] on [0.01, 1], sup 1.2024 on (0, 1]', () => {
    // claims.md gives 4 decimals: agree to 1e-4.
    expect(Math.abs(LO - 0.6818)).toBeLessThan(1e-4);
    expect(Math.abs(HI - 1.1344)).toBeLessThan(1e-4);
    expect(Math.abs(SUP - 1.2024)).toBeLessThan(1e-4);
    // p(x) = x(a + bx² + cx⁴) and b² < 4ac, so p > 0 for x > 0: NS5 never flips or kills a direction.
    expect(B * B).toBeLessThan(4 * A * C);
    // Below ~1.5e-3 five steps do not reach the band: p⁵(1.5e-3) ≈ 0.68, p⁵(1e-3) ≈ 0.47.
    expect(p5(1.3e-3)).toBeLessThan(0.6);
    expect(p5(1.5e-3)).toBeLessThan(LO);
    expect(p5(1.6e-3)).toBeGreaterThan(LO);
  });
});

describe('ns5 (float64) against the scalar map', () => {
  it('singular values of ns5(G) are p⁵(σ/(‖G‖_F + 1e-7)) for random G of any shape ≤ 6×6; ‖ns5 G‖ ≤ 1.2024', () => {
    fc.assert(
      fc.property(anyRowsArb(6), (rows) => {
        const G = fmat(rows);
        const N = Math.max(G.rows, G.cols);
        const { out, predicted } = compare(G);
        out.forEach((y, i) => expect(Math.abs(y - predicted[i])).toBeLessThanOrEqual(nsTol(N)));
        expect(spectral(F, ns5(F, G))).toBeLessThanOrEqual(SUP + nsTol(N));
      }),
      { seed: 801, numRuns: 120 },
    );
  });

  it('inputs spanning s/‖G‖_F ∈ [0.01, 1] land in [0.6818, 1.1344], with the singular vectors of G', () => {
    const shape = fc.record({ m: fc.integer({ min: 2, max: 6 }), k: fc.integer({ min: 2, max: 5 }) }).filter(({ m, k }) => k <= m);
    fc.assert(
      fc.property(
        shape.chain(({ m, k }) =>
          fc.tuple(
            rowsArb(m, k),
            rowsArb(k, k),
            // s₁ = 1, the others in [0.01, 0.3]: normalised values from ~0.0055 to ~1.
            fc.array(fc.integer({ min: 10, max: 300 }).map((j) => j / 1000), { minLength: k - 1, maxLength: k - 1 }),
          ),
        ),
        ([ur, vr, rest]) => {
          const U = msign(F, fmat(ur));
          const V = msign(F, fmat(vr));
          fc.pre(svd(F, U).s.every((s) => s > 0.5) && svd(F, V).s.every((s) => s > 0.5));
          const s = [1, ...rest];
          const G = matmul(F, matmul(F, U, diag(F, s)), transpose(V));
          const N = G.rows;
          const { out, predicted, x } = compare(G);
          out.forEach((y, i) => expect(Math.abs(y - predicted[i])).toBeLessThanOrEqual(nsTol(N)));
          const inBand = x.filter((v) => v >= 0.01).map(p5);
          for (const y of inBand) {
            expect(y).toBeGreaterThanOrEqual(LO - nsTol(N));
            expect(y).toBeLessThanOrEqual(HI + nsTol(N));
          }
          // Same singular vectors as G (p⁵ > 0): msign(ns5 G) = msign G, up to msign's conditioning 1/σ_min ≤ 1/0.0055
          // over the backward errors (~N·u each).
          expect(maxAbsDiff(F, msign(F, ns5(F, G)), msign(F, G))).toBeLessThan(1e-11);
        },
      ),
      { seed: 802, numRuns: 60 },
    );
  });

  it('directions below ~1.5e-3·‖G‖_F are not orthogonalised: σ = 1e-3·‖G‖_F comes out ≈ 0.47, not 1', () => {
    const U = columns(givensOrthogonal(F, 5, 0), 0, 3);
    const V = givensOrthogonal(F, 3, 2);
    for (const small of [1e-3, 1.2e-3, 1e-4]) {
      const G = matmul(F, matmul(F, U, diag(F, [1, 0.5, small])), transpose(V));
      const x = small / (frobenius(F, G) + 1e-7);
      const out = svd(F, ns5(F, G)).s;
      const last = Math.min(...out);
      expect(Math.abs(last - p5(x))).toBeLessThanOrEqual(nsTol(5));
      expect(last).toBeLessThan(0.6);
      // msign does orthogonalise it.
      expect(Math.min(...svd(F, msign(F, G)).s)).toBeGreaterThan(1 - 1e-10);
    }
  });

  it('NS5 ≠ msign: on a semi-orthogonal Q with k columns, ns5(Q) = p⁵(1/(√k + 1e-7))·Q, not Q', () => {
    for (const k of [1, 2, 4]) {
      const Q = columns(givensOrthogonal(F, 5, k), 0, k);
      const expected = scale(F, p5(1 / (Math.sqrt(k) + 1e-7)), Q);
      const Y = ns5(F, Q);
      expect(maxAbsDiff(F, Y, expected)).toBeLessThanOrEqual(nsTol(5));
      expect(maxAbsDiff(F, msign(F, Q), Q)).toBeLessThan(1e-14);
    }
    // k = 4: x = 0.5 → 0.7654, so ‖ns5 Q − msign Q‖ ≈ 0.23.
    const Q4 = columns(givensOrthogonal(F, 5, 4), 0, 4);
    expect(spectral(F, matmul(F, transpose(Q4), ns5(F, Q4)))).toBeLessThan(0.8);
  });

  it('the ε = 1e-7 in the normalisation matters for tiny G: ns5([[1e-7]]) = p⁵(0.5), not p⁵(1)', () => {
    const y = ns5(F, fmat([[1e-7]])).data[0];
    expect(Math.abs(y - p5(0.5))).toBeLessThanOrEqual(nsTol(1));
    expect(Math.abs(y - p5(1))).toBeGreaterThan(0.05);
  });

  it('ns5(0) = 0, shapes are kept, and ns5(Gᵀ) = ns5(G)ᵀ (the tall branch transposes)', () => {
    const Z = ns5(F, zeros(F, 4, 2));
    expect([Z.rows, Z.cols]).toEqual([4, 2]);
    expect(Z.data.every((x) => x === 0)).toBe(true);
    fc.assert(
      fc.property(anyRowsArb(6), (rows) => {
        const G = fmat(rows);
        const Y = ns5(F, G);
        expect([Y.rows, Y.cols]).toEqual([G.rows, G.cols]);
        // Two float evaluations of the same polynomial: each within nsTol of the exact one.
        expect(maxAbsDiff(F, ns5(F, transpose(G)), transpose(Y))).toBeLessThanOrEqual(2 * nsTol(Math.max(G.rows, G.cols)));
      }),
      { seed: 803, numRuns: 60 },
    );
  });

  it('steps: 0 steps is the normalised G, 1 step applies p once', () => {
    const G = fmat([[0.5, 0.25], [-0.25, 1], [0.75, 0]]);
    const nf = frobenius(F, G) + 1e-7;
    // One rounded reciprocal and one product per entry on either side: a few ulps.
    expect(maxAbsDiff(F, ns5(F, G, 0), scale(F, 1 / nf, G))).toBeLessThanOrEqual(4 * u);
    const x1 = svd(F, G).s.map((s) => p(s / nf)).sort((a, b) => b - a); // p is not monotone: re-sort
    svd(F, ns5(F, G, 1)).s.forEach((y, i) => expect(Math.abs(y - x1[i])).toBeLessThanOrEqual(nsTol(3)));
  });
});

describe('ns5 (decimal)', () => {
  it('at 40 digits agrees with float64 to the float tolerance', () => {
    const E = exactField(40);
    fc.assert(
      fc.property(rowsArb(4, 3), (rows) => {
        const G = fmat(rows);
        const Yf = ns5(F, G);
        const Ye = convert(E, F, ns5(E, convert(F, E, G)));
        expect(maxAbsDiff(F, Ye, Yf)).toBeLessThanOrEqual(nsTol(4));
      }),
      { seed: 804, numRuns: 8 },
    );
  });
});
