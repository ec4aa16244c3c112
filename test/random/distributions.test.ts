import { describe, expect, it } from 'vitest';
import { uniformDyadic } from '../../src/generators/dyadic.ts';
import { haar } from '../../src/random/matrices.ts';
import { rng } from '../../src/random/rng.ts';

/*
 * The random quantities the claims draw have the distribution their hypotheses name, not only the right range:
 * Theorem 1(b)'s and Lemma 11's prefactors C_t ~ Unif[1, 2], Lemma 1's C independent and uniform over its range (one
 * draw per case seed), and Haar frames. Each is a Kolmogorov–Smirnov test against the exact CDF, rejected at
 * α = 1e-6 by the DKW inequality: P(sup|F_n − F| > ε) ≤ 2e^(−2nε²), so ε = √(ln(2/α)/(2n)) — argued, not tuned; a
 * distribution that is off by more than ε (0.043 at n = 4000) fails.
 */

const ALPHA = 1e-6;
const dkw = (n: number): number => Math.sqrt(Math.log(2 / ALPHA) / (2 * n));

/** sup |F_n − F| of a sample against a continuous CDF. */
function ks(sample: number[], cdf: (x: number) => number): number {
  const xs = [...sample].sort((a, b) => a - b);
  let d = 0;
  xs.forEach((x, i) => {
    const F = cdf(x);
    d = Math.max(d, Math.abs((i + 1) / xs.length - F), Math.abs(i / xs.length - F));
  });
  return d;
}

const N = 4000;
const unif = (lo: number, hi: number) => (x: number): number => Math.min(1, Math.max(0, (x - lo) / (hi - lo)));

describe('distributions of the drawn quantities (KS at α = 1e-6)', () => {
  it('C_t = 1 + U_t, U_t ~ Unif[0, 1) from the seeded stream (Theorem 1(b), src/cases/mf.ts)', () => {
    const R = rng(20260123);
    const xs = Array.from({ length: N }, () => 1 + R.uniform());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...xs)).toBeLessThan(2);
    expect(ks(xs, unif(1, 2))).toBeLessThan(dkw(N));
  });

  it('a prefactor drawn once per case seed (Lemma 1/2: C = 2^j(1 + v), v uniform on a 2^24 grid) is uniform over the seeds', () => {
    const xs = Array.from({ length: N }, (_, s) => uniformDyadic(s * 7919 + 13, 1, 2));
    expect(ks(xs, unif(1, 2))).toBeLessThan(dkw(N));
    // and a broken map (every seed to the same end) is rejected: the test has power
    expect(ks(xs.map(() => 1), unif(1, 2))).toBeGreaterThan(dkw(N));
  });

  it('Haar frames: each column of a Haar 3×k frame is uniform on the sphere, so a coordinate is Unif[−1, 1] (Archimedes)', () => {
    for (const k of [1, 3]) {
      const R = rng(7 + k);
      const first: number[] = [];
      const last: number[] = [];
      for (let i = 0; i < N; i++) {
        const Q = haar(R, 3, k);
        first.push(Q.data[0]!); // Q[0][0]
        last.push(Q.data[2 * k + (k - 1)]!); // Q[2][k−1]
      }
      expect(ks(first, unif(-1, 1))).toBeLessThan(dkw(N));
      expect(ks(last, unif(-1, 1))).toBeLessThan(dkw(N));
    }
  });

  it('the test would see a non-Haar frame (a normalised draw from a cube, not from a Gaussian; off by ≈ 0.03, seen at n = 40 000)', () => {
    const R = rng(3);
    const xs: number[] = [];
    const n = 40_000;
    for (let i = 0; i < n; i++) {
      const v = [R.uniform() * 2 - 1, R.uniform() * 2 - 1, R.uniform() * 2 - 1];
      const n = Math.hypot(...v);
      xs.push(v[0]! / n);
    }
    expect(ks(xs, unif(-1, 1))).toBeGreaterThan(dkw(n));
  });
});
