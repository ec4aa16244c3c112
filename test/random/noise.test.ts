import { describe, expect, it } from 'vitest';
import { minibatchNoise, noiseMean, twoPoint, type NoiseKind } from '../../src/random/noise.ts';
import { meanCI } from '../../src/cases/stochastic.ts';
import { buildQuadB } from '../../src/generators/quadB.ts';
import { reference } from '../../src/impl/impl.ts';
import { withGradientNoise } from '../../src/problems/stochastic.ts';

/*
 * The noise model of stochastic Muon: unbiased minibatch means with E‖ξ‖_F² = σ²/B, reproducible from the seed.
 * Moments are checked by Monte Carlo with 99.99 % t-intervals (one-sided α = 5e-5 each side) over 4000 draws: a
 * correct model fails a check with probability < 1e-4, a wrong factor (B instead of √B, a missing 1/(mn)) is 2× off
 * and far outside the interval (its half-width is ~6 % of σ²/B for the skewed law, ~2 % for the Gaussian).
 */

const frob2 = (d: readonly number[]): number => d.reduce((a, x) => a + x * x, 0);

describe('minibatchNoise', () => {
  it('two-point law: mean 0, variance 1', () => {
    for (const p of [0.1, 0.3, 0.5]) {
      const { a, b } = twoPoint(p);
      expect(p * a - (1 - p) * b).toBeCloseTo(0, 14);
      expect(p * a * a + (1 - p) * b * b).toBeCloseTo(1, 14);
    }
    expect(twoPoint(0.1).a).toBeCloseTo(3, 14);
    expect(() => twoPoint(0)).toThrow(RangeError);
  });

  it('is reproducible from its seed and differs across seeds', () => {
    const a = minibatchNoise({ kind: 'gaussian', sigma: 1, batch: 2 }, 7, 3, 2);
    const b = minibatchNoise({ kind: 'gaussian', sigma: 1, batch: 2 }, 7, 3, 2);
    const c = minibatchNoise({ kind: 'gaussian', sigma: 1, batch: 2 }, 8, 3, 2);
    const xa = [a.next(), a.next()];
    expect([b.next(), b.next()]).toEqual(xa);
    expect(c.next()).not.toEqual(xa[0]);
  });

  for (const kind of ['gaussian', 'skewed'] as NoiseKind[]) {
    for (const batch of [1, 4]) {
      it(`${kind}, B = ${batch}: E ξ = 0 and E‖ξ‖_F² = σ²/B (Monte Carlo, 99.99 % t-intervals)`, () => {
        const sigma = 2;
        const src = minibatchNoise({ kind, sigma, batch }, `m-${kind}-${batch}`, 3, 2);
        const draws = Array.from({ length: 4000 }, () => src.next().data);
        const sq = meanCI(draws.map(frob2), 5e-5);
        expect(sq.lo).toBeLessThanOrEqual((sigma * sigma) / batch);
        expect(sq.hi).toBeGreaterThanOrEqual((sigma * sigma) / batch);
        for (let i = 0; i < 6; i++) {
          const m = meanCI(draws.map((d) => d[i]), 5e-5);
          expect(m.lo).toBeLessThanOrEqual(0);
          expect(m.hi).toBeGreaterThanOrEqual(0);
        }
      });
    }
  }

  it('skewed: the median of a B = 1 draw along P is −σ/3 (p = 0.1), not the mean 0', () => {
    const src = minibatchNoise({ kind: 'skewed', sigma: 3, batch: 1 }, 'median', 2, 2);
    const along = Array.from({ length: 2001 }, () => src.next().data.reduce((a, x, i) => a + x * src.direction.data[i], 0)).sort((x, y) => x - y);
    expect(along[1000]).toBeCloseTo(-1, 12);
  });

  it('biased: E ξ = σ·mu·P ≠ 0', () => {
    const spec = { kind: 'biased' as const, sigma: 2, batch: 1, mu: 0.5 };
    const src = minibatchNoise(spec, 'b', 2, 2);
    const mean = noiseMean(spec, src.direction);
    const draws = Array.from({ length: 4000 }, () => src.next().data);
    for (let i = 0; i < 4; i++) {
      const m = meanCI(draws.map((d) => d[i]), 5e-5);
      expect(m.lo).toBeLessThanOrEqual(mean.data[i]);
      expect(m.hi).toBeGreaterThanOrEqual(mean.data[i]);
    }
    expect(Math.sqrt(frob2(mean.data))).toBeCloseTo(1, 12);
  });

  it('rejects a negative σ, a zero batch and an unknown law', () => {
    expect(() => minibatchNoise({ kind: 'gaussian', sigma: -1, batch: 1 }, 1, 2, 2)).toThrow(RangeError);
    expect(() => minibatchNoise({ kind: 'gaussian', sigma: 1, batch: 0 }, 1, 2, 2)).toThrow(RangeError);
    expect(() => minibatchNoise({ kind: 'other' as NoiseKind, sigma: 1, batch: 1 }, 1, 2, 2)).toThrow(RangeError);
  });
});

describe('withGradientNoise', () => {
  it('adds the draws to ∇f, records them, and leaves loss and the clean gradient alone', () => {
    const c = buildQuadB(3, 2, 2, 10, 'uniform', 1, 1, 5);
    const p = reference.problems.quadB(reference.float, c.Q, c.Wstar);
    const src = minibatchNoise({ kind: 'gaussian', sigma: 1, batch: 1 }, 's', 3, 2);
    const twin = minibatchNoise({ kind: 'gaussian', sigma: 1, batch: 1 }, 's', 3, 2);
    const noisy = withGradientNoise<number, typeof p>(p, src.next);
    const g = noisy.grad(c.W0);
    const xi = twin.next();
    expect(g.data).toEqual(p.grad(c.W0).data.map((x, i) => x + xi.data[i]));
    expect(noisy.drawn).toEqual([xi]);
    expect(noisy.loss(c.W0)).toBe(p.loss(c.W0));
    expect(noisy.Q).toBe(p.Q);
    expect(noisy.clean.grad(c.W0)).toEqual(p.grad(c.W0));
  });
});
