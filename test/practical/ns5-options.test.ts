/**
 * ns5.ts's options are additive: ns5(F, G) and ns5(F, G, steps) compute exactly what they did before the options
 * existed (the function as of commit b6df2ef is frozen below and compared bit for bit, in float64 and in decimal),
 * and each option changes what it says.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bf16 } from '../../src/arith/bf16.ts';
import { exactField } from '../../src/arith/exact.ts';
import type { Field } from '../../src/arith/field.ts';
import { float64 } from '../../src/arith/float64.ts';
import { add, convert, mat, matmul, scale, transpose, type Mat } from '../../src/linalg/mat.ts';
import { frobenius } from '../../src/linalg/norms.ts';
import { NS5_COEFFICIENTS, NS5_EPS, NS5_STEPS, ns5, ns5Reference } from '../../src/linalg/ns5.ts';
import { gaussian, rng } from '../../src/random/index.ts';

/** ns5 at commit b6df2ef, verbatim. */
function ns5Before<T>(F: Field<T>, G: Mat<T>, steps: number = NS5_STEPS): Mat<T> {
  const a = F.of(NS5_COEFFICIENTS.a);
  const b = F.of(NS5_COEFFICIENTS.b);
  const c = F.of(NS5_COEFFICIENTS.c);
  const tall = G.rows > G.cols;
  let X = scale(F, F.div(F.one, F.add(frobenius(F, G), F.of(NS5_EPS))), tall ? transpose(G) : G);
  for (let i = 0; i < steps; i++) {
    const A = matmul(F, X, transpose(X));
    const B = add(F, scale(F, b, A), scale(F, c, matmul(F, A, A)));
    X = add(F, scale(F, a, X), matmul(F, B, X));
  }
  return tall ? transpose(X) : X;
}

const shapes = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(1, 1e-9, 1e5));

describe('ns5 defaults unchanged', () => {
  it('float64: ns5(F, G) and ns5(F, G, k) equal the frozen function bit for bit', () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 0, max: 8 }), ([r, c, seed, s], k) => {
        const G = scale(float64, s, gaussian(rng(seed), r, c));
        expect(ns5(float64, G).data).toEqual(ns5Before(float64, G).data);
        expect(ns5(float64, G, k).data).toEqual(ns5Before(float64, G, k).data);
        expect(ns5(float64, G, { steps: k }).data).toEqual(ns5Before(float64, G, k).data);
      }),
      { seed: 21, numRuns: 150 },
    );
  });

  it('decimal (30 digits): equal to the frozen function', () => {
    const E = exactField(30);
    for (const [r, c] of [[3, 2], [2, 3], [3, 3]]) {
      const G = convert(float64, E, gaussian(rng(`d${r}${c}`), r, c));
      const x = ns5(E, G).data.map((v) => E.toString(v));
      expect(x).toEqual(ns5Before(E, G).data.map((v) => E.toString(v)));
    }
  });
});

describe('ns5 options', () => {
  it("'clamp' differs from 'add' only where ‖G‖_F is near or below ε", () => {
    const G = gaussian(rng('clamp'), 4, 3);
    expect(ns5(float64, G, { normalise: 'clamp' }).data.every((x, i) => Math.abs(x - ns5(float64, G).data[i]!) < 1e-5)).toBe(true);
    const tiny = scale(float64, 1e-9, G);
    const diff = Math.max(...ns5(float64, tiny, { normalise: 'clamp' }).data.map((x, i) => Math.abs(x - ns5(float64, tiny).data[i]!)));
    expect(diff).toBeGreaterThan(0.01);
  });

  it("'reference' order agrees with the default to rounding in float64", () => {
    const G = gaussian(rng('order'), 5, 3);
    const d = Math.max(...ns5(float64, G, { order: 'reference' }).data.map((x, i) => Math.abs(x - ns5(float64, G).data[i]!)));
    expect(d).toBeLessThan(1e-13);
  });

  it("accumulate 'float64' is refused for fields wider than float32 and, in bf16, rounds each product entry once", () => {
    expect(() => ns5(float64, gaussian(rng(1), 2, 2), { accumulate: 'float64' })).toThrow(RangeError);
    const G = mat(1, 2, [1, 1]);
    // 1 step from X = G/(√2 + ε): A = XXᵀ = 1·(1 ± bf16 error); a result on the bf16 grid
    const X = ns5(bf16, convert(float64, bf16, G), { steps: 1, accumulate: 'float64' });
    for (const x of X.data) expect(bf16.of(x)).toBe(x);
  });

  it('ns5Reference returns values of the caller’s field: bf16 values as doubles, decimals over a decimal field', () => {
    const G = gaussian(rng('ref'), 3, 4);
    const X = ns5Reference(float64, G, 'kellerjordan');
    for (const x of X.data) expect(bf16.of(x)).toBe(x);
    const E = exactField(25);
    const XE = ns5Reference(E, convert(float64, E, G), 'torch', { precision: 'field' });
    const XF = ns5Reference(float64, G, 'torch', { precision: 'field' });
    expect(Math.max(...XE.data.map((x, i) => Math.abs(E.toNumber(x) - XF.data[i]!)))).toBeLessThan(1e-12);
  });
});
