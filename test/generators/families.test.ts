import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basisArb, basisMatrix, buildQuadB, decimalIn, decimalLin, decimalLog, decimalSchedule, dyadicMagnitude, gdIclSweep, gdMfSweep, quadBArbitrary, rho256, seed, spectrumPattern, uniformDyadic, type DecimalSchedule } from '../../src/generators/index.ts';
import { givensOrthogonal as givensFrom, isExactlyOrthonormal } from '../../src/random/givens.ts';
import { gaussian } from '../../src/random/matrices.ts';
import { psdTarget as psdFrom } from '../../src/random/psd.ts';
import { rng } from '../../src/random/rng.ts';
import { SPECTRUM_PATTERNS } from '../../src/random/spectrum.ts';
import { mat } from '../../src/linalg/mat.ts';

/*
 * The generators of the claim families (aligned dynamics, dyadic draws, the MF/ICL sweeps, paper B's quadratic, the
 * SignGD schedules): every draw inside its declared range, the ends reached where the range is closed, the shares
 * of a mixture as weighted, and the objects replayable from the seed they carry.
 */

const sample = <T>(a: fc.Arbitrary<T>, numRuns = 1000, seedValue = 7): T[] => fc.sample(a, { seed: seedValue, numRuns });
const unbiased = <T>(a: fc.Arbitrary<T>, numRuns = 2000, seedValue = 11): T[] => fc.sample(fc.noBias(a), { seed: seedValue, numRuns });
const canonical = (s: string): boolean => String(Number(s)) === s;
const share = <T>(xs: readonly T[], p: (x: T) => boolean): number => xs.filter(p).length / xs.length;
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('aligned: finite decimals and orthogonal bases', () => {
  it('decimalIn writes n/10^places as the shortest plain decimal, sign included', () => {
    const one = (x: number, places: number): string => sample(decimalIn(x, x, places), 1)[0]!;
    expect(one(0.05, 2)).toBe('0.05');
    expect(one(-0.05, 2)).toBe('-0.05');
    expect(one(-1.5, 2)).toBe('-1.5');
    expect(one(1, 2)).toBe('1');
    expect(one(0, 3)).toBe('0');
    expect(one(12.34, 2)).toBe('12.34');
    expect(one(10, 0)).toBe('10');
    expect(one(-20, 0)).toBe('-20');
    expect(one(2.5, 1)).toBe('2.5');
  });

  it('decimalIn stays in [lo, hi] on the 10^−places grid and reaches both ends', () => {
    const xs = sample(decimalIn(-0.5, 2, 3));
    for (const s of xs) {
      expect(canonical(s), s).toBe(true);
      const n = Number(s) * 1000;
      expect(Math.abs(n - Math.round(n))).toBeLessThan(1e-9);
      expect(Number(s)).toBeGreaterThanOrEqual(-0.5);
      expect(Number(s)).toBeLessThanOrEqual(2);
    }
    expect(xs).toContain('-0.5');
    expect(xs).toContain('2');
    expect(xs.some((s) => /\.\d\d\d$/.test(s))).toBe(true);
  });

  it('basisMatrix: identity, a signed permutation, or a dense exactly orthogonal Givens product', () => {
    for (const n of [1, 2, 3, 5]) {
      for (let s = 0; s < 6; s++) {
        const I = basisMatrix('identity', n, s);
        expect(I).toEqual({ rows: n, cols: n, data: Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? '1' : '0')) });
        const P = basisMatrix('signed-permutation', n, s);
        expect([P.rows, P.cols]).toEqual([n, n]);
        expect(P.data.every((x) => ['0', '1', '-1'].includes(x))).toBe(true);
        for (let i = 0; i < n; i++) expect(P.data.slice(i * n, i * n + n).filter((x) => x !== '0')).toHaveLength(1);
        const G = basisMatrix('givens', n, s);
        expect(isExactlyOrthonormal(mat(n, n, [...G.data]))).toBe(true);
        if (n === 1) expect(['1', '-1']).toContain(G.data[0]);
        // the documented construction: min(2n, 8) rotations, then a random permutation and signs
        expect(G.data).toEqual([...givensFrom(rng(s), n, { rotations: n > 1 ? Math.min(2 * n, 8) : 0, permute: true, flipSigns: true }).entries.data]);
        expect(P.data).toEqual([...givensFrom(rng(s), n, { rotations: 0, permute: true, flipSigns: true }).entries.data]);
      }
    }
    // over seeds, the Givens bases are dense (rotations may cancel or land on the axes in a few)
    for (const n of [2, 3, 5]) expect(share(Array.from({ length: 10 }, (_, s) => basisMatrix('givens', n, s)), (G) => G.data.some((x) => !['0', '1', '-1'].includes(x)))).toBeGreaterThan(0.5);
    // over seeds, the signed permutations are not all the identity, and both signs occur
    const Ps = Array.from({ length: 20 }, (_, s) => basisMatrix('signed-permutation', 3, s).data);
    expect(Ps.some((d) => d.includes('-1'))).toBe(true);
    expect(Ps.some((d) => d[0] === '0')).toBe(true);
  });

  it('basisArb draws the basis of a seed', () => {
    for (const B of sample(basisArb('givens', 4), 20)) {
      expect([B.rows, B.cols]).toEqual([4, 4]);
      expect(isExactlyOrthonormal(mat(4, 4, [...B.data]))).toBe(true);
    }
    expect(new Set(sample(basisArb('givens', 3), 20).map((b) => b.data.join())).size).toBeGreaterThan(10);
  });
});

describe('dyadic draws', () => {
  it('seed spans the whole 31-bit range, ends included', () => {
    const xs = sample(seed, 2000);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= 2 ** 31 - 1)).toBe(true);
    expect(xs).toContain(0);
    expect(xs).toContain(2 ** 31 - 1);
  });

  it('dyadicMagnitude: in [2^eMin, 2^(eMax+1)), bits + 1 significant bits, both extreme values drawn', () => {
    const bits = 6;
    const xs = sample(dyadicMagnitude(bits, -3, 2), 2000);
    for (const x of xs) {
      const e = Math.floor(Math.log2(x));
      expect(e).toBeGreaterThanOrEqual(-3);
      expect(e).toBeLessThanOrEqual(2);
      expect(Number.isInteger(x * 2 ** (bits - e))).toBe(true);
    }
    expect(Math.min(...xs)).toBe(2 ** -3);
    expect(Math.max(...xs)).toBe((2 ** (bits + 1) - 1) * 2 ** (2 - bits));
    // every exponent drawn, log-uniform: each binade about 1/6 of the draws
    const ys = unbiased(dyadicMagnitude(bits, -3, 2), 3000);
    for (let e = -3; e <= 2; e++) expect(share(ys, (y) => Math.floor(Math.log2(y)) === e)).toBeGreaterThan(0.12);
  });

  it('rho256 is k/256 for k in [kMin, kMax], ends included', () => {
    const xs = sample(rho256(128, 255));
    expect(xs.every((x) => Number.isInteger(x * 256) && x >= 0.5 && x <= 255 / 256)).toBe(true);
    expect(xs).toContain(0.5);
    expect(xs).toContain(255 / 256);
  });

  it('uniformDyadic: on the 2^bits grid of [lo, hi] (24 bits by default), uniform over seeds, replayable', () => {
    const xs = Array.from({ length: 4000 }, (_, s) => uniformDyadic(s, 1, 3));
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(1);
      expect(x).toBeLessThanOrEqual(3);
      expect(Number.isInteger(((x - 1) / 2) * 2 ** 24)).toBe(true);
    }
    expect(xs.some((x) => !Number.isInteger(((x - 1) / 2) * 2 ** 20))).toBe(true);
    expect(uniformDyadic(5, 1, 3)).toBe(rng(5).dyadic(1, 3, 24));
    expect(Number.isInteger(((uniformDyadic(5, 1, 3, 4) - 1) / 2) * 16)).toBe(true);
    // uniform: the quarters of the range take about a quarter each
    for (let q = 0; q < 4; q++) expect(share(xs, (x) => x >= 1 + q / 2 && x < 1.5 + q / 2)).toBeGreaterThan(0.22);
  });
});

describe('MF and ICL sweeps', () => {
  it('spectrumPattern draws every pattern', () => {
    expect(new Set(sample(spectrumPattern, 200))).toEqual(new Set(SPECTRUM_PATTERNS));
  });

  it('gdMfSweep: d ∈ [3, 6], 2 ≤ r = k < d, κ₀ ∈ [4, 8], ε ∈ {0.1, 0.01}, every value of d and r drawn', () => {
    const xs = sample(gdMfSweep, 1000);
    for (const c of xs) {
      expect(c.problem).toBe('MF');
      expect(c.d).toBeGreaterThanOrEqual(3);
      expect(c.d).toBeLessThanOrEqual(6);
      expect(c.r).toBeGreaterThanOrEqual(2);
      expect(c.r).toBeLessThan(c.d);
      expect(c.r).toBeLessThanOrEqual(3);
      expect(c.kappa0).toBeGreaterThanOrEqual(4);
      expect(c.kappa0).toBeLessThanOrEqual(8);
      expect([0.1, 0.01]).toContain(c.eps);
      expect(Number.isInteger(c.seed) && c.seed >= 0).toBe(true);
    }
    expect(new Set(xs.map((c) => c.d))).toEqual(new Set([3, 4, 5, 6]));
    expect(new Set(xs.map((c) => c.r))).toEqual(new Set([2, 3]));
    expect(xs.some((c) => c.d === 3 && c.r === 2) && xs.some((c) => c.d === 4 && c.r === 3)).toBe(true);
    expect(new Set(xs.map((c) => c.eps))).toEqual(new Set([0.1, 0.01]));
    expect(xs.some((c) => c.kappa0 === 4) && xs.some((c) => c.kappa0 === 8)).toBe(true);
  });

  it('gdIclSweep: d ∈ [2, 4], κ₀ ∈ [2, 4], ε ∈ {1e-3, 1e-4}', () => {
    const xs = sample(gdIclSweep, 500);
    for (const c of xs) {
      expect(c.problem).toBe('ICL');
      expect(c.d).toBeGreaterThanOrEqual(2);
      expect(c.d).toBeLessThanOrEqual(4);
      expect(c.kappa0).toBeGreaterThanOrEqual(2);
      expect(c.kappa0).toBeLessThanOrEqual(4);
      expect(Number.isInteger(c.seed) && c.seed >= 0).toBe(true);
    }
    expect(new Set(xs.map((c) => c.d))).toEqual(new Set([2, 3, 4]));
    expect(new Set(xs.map((c) => c.eps))).toEqual(new Set([1e-3, 1e-4]));
    expect(xs.some((c) => c.kappa0 === 2) && xs.some((c) => c.kappa0 === 4)).toBe(true);
  });
});

describe("paper B's quadratic", () => {
  const lmin = (lambdas: readonly number[], r: number): number => lambdas[r - 1]!;

  it('buildQuadB: Q = B diag(λ) Bᵀ of rank r and condition κ (1 at rank 1), λ padded with zeros; W0 = W* + scale·G', () => {
    for (const [m, n, r, kappa, s] of [[4, 3, 2, 50, 1], [3, 2, 1, 50, 2], [3, 3, 3, 7, 3]] as const) {
      const c = buildQuadB(m, n, r, kappa, 'geometric', 2, 0.25, s);
      expect([c.m, c.n, c.rankQ, c.seed, c.pattern]).toEqual([m, n, r, s, 'geometric']);
      expect(c.kappa).toBe(r === 1 ? 1 : kappa);
      expect(c.lambdas).toHaveLength(m);
      expect(c.lambdas[0]).toBe(2);
      expect(c.lambdas.slice(r).every((x) => x === 0)).toBe(true);
      expect(c.lambdas.slice(0, r).every((x) => x > 0)).toBe(true);
      expect(c.lambdas[0]! / lmin(c.lambdas, r)).toBeCloseTo(c.kappa, 9);
      for (let i = 1; i < m; i++) expect(c.lambdas[i]!).toBeLessThanOrEqual(c.lambdas[i - 1]!);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          let q = 0;
          for (let t = 0; t < m; t++) q += c.basis.data[i * m + t]! * c.lambdas[t]! * c.basis.data[j * m + t]!;
          expect(c.Q.data[i * m + j]).toBeCloseTo(q, 12);
        }
      }
      const root = rng(s);
      expect(c.Wstar).toEqual(gaussian(root.fork('Wstar'), m, n));
      const P = psdFrom(rng(s).fork('Q'), { d: m, r, kappa: c.kappa, lambdaMax: 2, pattern: 'geometric' });
      expect(c.Q).toEqual(P.M);
      expect(c.basis).toEqual(P.basis);
      const G = gaussian(rng(s).fork('W0'), m, n);
      c.W0.data.forEach((x, i) => expect(x).toBeCloseTo(c.Wstar.data[i]! + 0.25 * G.data[i]!, 14));
      expect([c.W0.rows, c.W0.cols, c.Q.rows, c.Q.cols]).toEqual([m, n, m, m]);
    }
  });

  it('quadBArbitrary: m, n ∈ [1, 5] by default, rank in [1, m], κ ∈ [1, kappaMax], λ_max and ‖W0 − W*‖ scale ∈ [1e-2, 1e2], ends drawn', () => {
    const xs = sample(quadBArbitrary(), 600);
    const scales: number[] = [];
    for (const c of xs) {
      expect(c.m).toBeGreaterThanOrEqual(1);
      expect(c.m).toBeLessThanOrEqual(5);
      expect(c.n).toBeGreaterThanOrEqual(1);
      expect(c.n).toBeLessThanOrEqual(5);
      expect(c.rankQ).toBeGreaterThanOrEqual(1);
      expect(c.rankQ).toBeLessThanOrEqual(c.m);
      expect(c.kappa).toBeGreaterThanOrEqual(1);
      expect(c.kappa).toBeLessThanOrEqual(1e3 * (1 + 1e-12));
      expect(c.lambdas[0]).toBeGreaterThanOrEqual(1e-2 * (1 - 1e-12));
      expect(c.lambdas[0]).toBeLessThanOrEqual(1e2 * (1 + 1e-12));
      const G = gaussian(rng(c.seed).fork('W0'), c.m, c.n);
      const i = G.data.findIndex((g) => Math.abs(g) > 0.1);
      if (i >= 0) scales.push((c.W0.data[i]! - c.Wstar.data[i]!) / G.data[i]!);
    }
    for (const s of scales) {
      expect(s).toBeGreaterThan(1e-2 * (1 - 1e-6));
      expect(s).toBeLessThan(1e2 * (1 + 1e-6));
    }
    expect(Math.min(...scales)).toBeLessThan(1.01e-2);
    expect(Math.max(...scales)).toBeGreaterThan(0.99e2);
    expect(new Set(xs.map((c) => c.m))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(new Set(xs.map((c) => c.n))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(xs.some((c) => c.m > 1 && c.rankQ === 1) && xs.some((c) => c.m > 1 && c.rankQ === c.m) && xs.some((c) => c.rankQ > 1 && c.rankQ < c.m)).toBe(true);
    const full = xs.filter((c) => c.rankQ > 1);
    expect(full.some((c) => c.kappa === 1) && full.some((c) => Math.abs(c.kappa - 1e3) < 1e-9)).toBe(true);
    expect(xs.some((c) => Math.abs(c.lambdas[0]! - 1e-2) < 1e-15) && xs.some((c) => Math.abs(c.lambdas[0]! - 1e2) < 1e-12)).toBe(true);
    // log-uniform over the four decades of λ_max: the middle one (1e-1…1e1) gets about half
    const mid = share(unbiased(quadBArbitrary({ mMax: 1, nMax: 1 }), 1000), (c) => c.lambdas[0]! > 0.1 && c.lambdas[0]! < 10);
    expect(mid).toBeGreaterThan(0.4);
    expect(mid).toBeLessThan(0.6);
  });

  it('quadBArbitrary honours mMax, nMax, kappaMax and rank: full', () => {
    const xs = sample(quadBArbitrary({ mMax: 3, nMax: 2, kappaMax: 10, rank: 'full' }), 300);
    for (const c of xs) {
      expect(c.m).toBeLessThanOrEqual(3);
      expect(c.n).toBeLessThanOrEqual(2);
      expect(c.rankQ).toBe(c.m);
      expect(c.kappa).toBeLessThanOrEqual(10 * (1 + 1e-12));
    }
    expect(xs.some((c) => c.m === 3) && xs.some((c) => c.n === 2)).toBe(true);
    expect(xs.some((c) => c.m > 1 && Math.abs(c.kappa - 10) < 1e-12)).toBe(true);
  });
});

describe('SignGD decimals and schedules', () => {
  const sig = (s: string): number => s.replace('-', '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;

  it('decimalLog: `digits` significant digits, in [lo, hi] with both ends, log-uniform', () => {
    const xs = sample(decimalLog(1e-4, 1, 3), 1000);
    for (const s of xs) {
      expect(canonical(s), s).toBe(true);
      expect(sig(s)).toBeLessThanOrEqual(3);
      expect(Number(s)).toBeGreaterThanOrEqual(1e-4);
      expect(Number(s)).toBeLessThanOrEqual(1);
    }
    expect(xs).toContain('0.0001');
    expect(xs).toContain('1');
    expect(sample(decimalLog(1, 2), 300).some((s) => sig(s) === 4)).toBe(true);
    const m = median(unbiased(decimalLog(1e-4, 1)).map(Number));
    expect(m).toBeGreaterThan(10 ** -2.3);
    expect(m).toBeLessThan(10 ** -1.7);
  });

  it('decimalLin: `digits` significant digits, in [lo, hi] with both ends, uniform', () => {
    const xs = sample(decimalLin(0.5, 0.999, 3), 1000);
    for (const s of xs) {
      expect(canonical(s), s).toBe(true);
      expect(sig(s)).toBeLessThanOrEqual(3);
      expect(Number(s)).toBeGreaterThanOrEqual(0.5);
      expect(Number(s)).toBeLessThanOrEqual(0.999);
    }
    expect(xs).toContain('0.5');
    expect(xs).toContain('0.999');
    expect(sample(decimalLin(1, 2), 300).some((s) => sig(s) === 4)).toBe(true);
    const m = median(unbiased(decimalLin(0, 10)).map(Number));
    expect(m).toBeGreaterThan(4.5);
    expect(m).toBeLessThan(5.5);
  });

  it('decimalSchedule: every kind, each field in its range, the kinds weighted 3 : geoWeight : 2 : 2 : 1', () => {
    const o = { eta0: [0.01, 0.1] as const, dropEta0: [0.2, 0.4] as const, dropThetaMax: 0.8, geoWeight: 2 };
    const xs = sample(decimalSchedule(o), 1500);
    const within = (s: string, lo: number, hi: number): void => {
      expect(canonical(s), s).toBe(true);
      expect(Number(s)).toBeGreaterThanOrEqual(lo);
      expect(Number(s)).toBeLessThanOrEqual(hi);
    };
    const seen = (k: DecimalSchedule['kind']) => xs.filter((x) => x.kind === k);
    for (const x of xs) {
      switch (x.kind) {
        case 'below-threshold':
          within(x.theta, 0.5, 0.999);
          expect(sig(x.theta)).toBeLessThanOrEqual(3);
          break;
        case 'geo':
          within(x.eta0, 0.01, 0.1);
          within(x.rho, 0.9, 0.9999);
          break;
        case 'step':
          within(x.eta0, 0.01, 0.1);
          within(x.factor, 0.1, 0.9);
          expect(sig(x.factor)).toBeLessThanOrEqual(2);
          expect(x.every).toBeGreaterThanOrEqual(1);
          expect(x.every).toBeLessThanOrEqual(40);
          break;
        case 'drop':
          within(x.eta0, 0.2, 0.4);
          within(x.theta, 0.5, 0.8);
          expect(sig(x.theta)).toBeLessThanOrEqual(3);
          expect(x.hold).toBeGreaterThanOrEqual(1);
          expect(x.hold).toBeLessThanOrEqual(30);
          break;
        case 'harmonic':
          within(x.eta0, 0.01, 0.1);
          expect(x.L).toBeGreaterThanOrEqual(1);
          expect(x.L).toBeLessThanOrEqual(100);
          break;
      }
    }
    expect(seen('geo').some((x) => x.kind === 'geo' && x.rho === '0.9999')).toBe(true);
    expect(seen('step').some((x) => x.kind === 'step' && x.every === 40) && seen('step').some((x) => x.kind === 'step' && x.every === 1)).toBe(true);
    expect(seen('drop').some((x) => x.kind === 'drop' && x.hold === 30) && seen('drop').some((x) => x.kind === 'drop' && x.theta === '0.8')).toBe(true);
    expect(seen('harmonic').some((x) => x.kind === 'harmonic' && x.L === 100)).toBe(true);
    const u = unbiased(decimalSchedule(o), 4000);
    const expected: Record<DecimalSchedule['kind'], number> = { 'below-threshold': 0.3, geo: 0.2, step: 0.2, drop: 0.2, harmonic: 0.1 };
    for (const [k, p] of Object.entries(expected)) expect(Math.abs(share(u, (x) => x.kind === k) - p), k).toBeLessThan(0.04);
    // geoWeight 6: geo's share grows to 6/14
    expect(share(unbiased(decimalSchedule({ ...o, geoWeight: 6 }), 2000), (x) => x.kind === 'geo')).toBeGreaterThan(0.36);
  });
});
