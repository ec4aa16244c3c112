import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { decimalSpectrum } from '../../src/random/decimal-spectrum.ts';
import { rng } from '../../src/random/rng.ts';
import { exactExtremes, spectrum, SPECTRUM_PATTERNS } from '../../src/random/spectrum.ts';

const U = 2 ** -52; // one ulp of 1

describe('exactExtremes', () => {
  it('hits κ exactly, keeping λ_max = 1 or moving it by one ulp at most (measured over 20000 κ)', () => {
    const r = rng('kappas');
    let moved = 0;
    const bad: number[] = []; // collected rather than expect()ed one by one: 20000 expects cost ~0.4 s
    for (let i = 0; i < 20_000; i++) {
      const kappa = Math.exp(r.uniform() * Math.log(1e12));
      const { lambdaMax, lambdaMin } = exactExtremes(1, kappa);
      if (lambdaMax / lambdaMin !== kappa || Math.abs(lambdaMax - 1) > U) bad.push(kappa);
      if (lambdaMax !== 1) moved++;
    }
    expect(bad).toEqual([]);
    // Roughly 14% of κ (those whose ratio steps jump over κ's rounding interval) need λ_max moved.
    expect(moved).toBeGreaterThan(0);
  });

  it('keeps λ_max where some λ_min works (κ = 3, 10, 1e8 with λ_max = 1) and moves it only a little otherwise', () => {
    for (const k of [1, 2, 3, 10, 1e4, 1e8]) expect(exactExtremes(1, k).lambdaMax).toBe(1);
    const r = rng('lmax');
    const bad: number[][] = [];
    for (let i = 0; i < 5000; i++) {
      const kappa = Math.exp(r.uniform() * Math.log(1e12));
      const lm = Math.exp((r.uniform() - 0.5) * 40);
      const e = exactExtremes(lm, kappa);
      // measured worst move ≈ 5e-13 relative (2397 ulps, κ just below 2^13)
      if (e.lambdaMax / e.lambdaMin !== kappa || Math.abs(e.lambdaMax - lm) / lm > 1e-11) bad.push([lm, kappa]);
    }
    expect(bad).toEqual([]);
  });

  it('rejects κ < 1, λ_max ≤ 0, non-finite values and underflowing λ_min', () => {
    expect(() => exactExtremes(1, 0.5)).toThrow(/kappa must be a finite number ≥ 1/);
    expect(() => exactExtremes(0, 2)).toThrow(/lambdaMax must be a finite number > 0/);
    expect(() => exactExtremes(1, NaN)).toThrow(RangeError);
    expect(() => exactExtremes(Infinity, 2)).toThrow(RangeError);
    expect(() => exactExtremes(1e-300, 1e300)).toThrow(/underflows/);
  });
});

describe('spectrum', () => {
  it('gives r descending values in [λ_min, λ_max] with both extremes and κ exact, for every pattern', () => {
    const r = rng('spec');
    for (const pattern of SPECTRUM_PATTERNS) {
      for (let t = 0; t < 200; t++) {
        const rank = r.int(1, 12);
        const kappa = rank === 1 ? 1 : Math.exp(r.uniform() * Math.log(1e10));
        const s = spectrum(r, { r: rank, kappa, lambdaMax: r.uniform() * 10 + 0.1, pattern });
        expect(s.lambdas).toHaveLength(rank);
        expect(s.lambdas[0] / s.lambdas[rank - 1]).toBe(kappa);
        expect(s.lambdas[0]).toBe(s.lambdaMax);
        expect(s.lambdas[rank - 1]).toBe(s.lambdaMin);
        for (let i = 1; i < rank; i++) expect(s.lambdas[i]).toBeLessThanOrEqual(s.lambdas[i - 1]);
        expect(s.lambdaMin).toBeGreaterThan(0);
      }
    }
  });

  it("'two-level' uses only the extremes; 'clustered' repeats a value; 'log-uniform' spreads over the decades", () => {
    const r = rng('patterns');
    for (let t = 0; t < 50; t++) {
      const two = spectrum(r, { r: 7, kappa: 1e4, pattern: 'two-level' });
      for (const x of two.lambdas) expect(x === two.lambdaMax || x === two.lambdaMin).toBe(true);
      const cl = spectrum(r, { r: 3 + (t % 8), kappa: 1e4, pattern: 'clustered' });
      expect(new Set(cl.lambdas).size).toBeLessThan(cl.r);
    }
    // 200 log-uniform values over 8 decades: each decade expects 25 (Binomial SE ≈ 4.7); demand ≥ 5 in each.
    const lu = spectrum(r, { r: 200, kappa: 1e8, pattern: 'log-uniform' });
    const perDecade = new Array<number>(8).fill(0);
    for (const x of lu.lambdas) perDecade[Math.min(7, Math.floor(-Math.log10(x)))]++;
    for (const c of perDecade) expect(c).toBeGreaterThanOrEqual(5);
    // 'uniform' puts most mass in the top decade instead.
    const un = spectrum(r, { r: 200, kappa: 1e8, pattern: 'uniform' });
    expect(un.lambdas.filter((x) => x >= 0.1).length).toBeGreaterThan(150);
    const geo = spectrum(r, { r: 5, kappa: 1e4, pattern: 'geometric' });
    geo.lambdas.forEach((x, i) => expect(Math.abs(Math.log10(x) + i)).toBeLessThan(1e-12));
  });

  it('requires κ = 1 for rank 1, and gives all-equal values when κ = 1', () => {
    expect(() => spectrum(rng(1), { r: 1, kappa: 10 })).toThrow(/kappa must be 1 when r = 1/);
    expect(spectrum(rng(1), { r: 1, kappa: 1, lambdaMax: 2 }).lambdas).toEqual([2]);
    expect(spectrum(rng(1), { r: 4, kappa: 1, lambdaMax: 3 }).lambdas).toEqual([3, 3, 3, 3]);
    expect(() => spectrum(rng(1), { r: 0, kappa: 1 })).toThrow(/r must be a positive integer/);
    expect(() => spectrum(rng(1), { r: 3, kappa: 2, pattern: 'zipf' as never })).toThrow(/pattern must be one of/);
  });
});

describe('decimalSpectrum', () => {
  const exactRatio = (lmax: string, lmin: string, kappa: string): boolean =>
    // Multiplying back at a precision with room for every digit: an exact check, not a rounded one.
    new (Decimal.clone({ precision: 200 }))(lmin).times(kappa).eq(lmax);

  it('gives finite decimals with λ_max/λ_min = κ exactly', () => {
    const r = rng('dec');
    for (const kappa of ['1', '2', '10', '100', '1e6', '2.5', '1024', '6.25']) {
      for (const pattern of SPECTRUM_PATTERNS) {
        const rank = kappa === '1' ? 1 + r.int(0, 5) : 2 + r.int(0, 8);
        const s = decimalSpectrum(r, { r: rank, kappa, lambdaMax: '1', pattern, digits: 4 });
        expect(s.lambdas).toHaveLength(rank);
        expect(s.lambdas[0]).toBe('1');
        expect(exactRatio(s.lambdas[0], s.lambdas[rank - 1], kappa)).toBe(true);
        for (const x of s.lambdas) expect(x).toMatch(/^\d+(\.\d+)?$/); // plain finite decimal
        for (let i = 1; i < rank; i++) expect(new Decimal(s.lambdas[i]).lte(s.lambdas[i - 1])).toBe(true);
        for (const x of s.lambdas.slice(1, -1)) expect(new Decimal(x).sd()).toBeLessThanOrEqual(Math.max(4, new Decimal(s.lambdaMin).sd()));
      }
    }
    expect(decimalSpectrum(r, { r: 3, kappa: 3, lambdaMax: '3' }).lambdaMin).toBe('1');
    expect(decimalSpectrum(r, { r: 2, kappa: 8, lambdaMax: 0.1 }).lambdas).toEqual(['0.1', '0.0125']);
    const two = decimalSpectrum(r, { r: 6, kappa: '20', lambdaMax: '1.5', pattern: 'two-level' });
    for (const x of two.lambdas) expect(x === '1.5' || x === '0.075').toBe(true);
  });

  it('clamps rounded interior values into [λ_min, λ_max] (1 digit: 0.53 → 0.5 < λ_min = 0.52, 0.97 → 1 > λ_max = 0.98)', () => {
    const r = rng('clamp');
    for (const lambdaMax of ['1.04', '0.98']) {
      const s = decimalSpectrum(r, { r: 100, kappa: 2, lambdaMax, pattern: 'uniform', digits: 1 });
      const lo = new Decimal(s.lambdaMin);
      for (const x of s.lambdas) expect(new Decimal(x).gte(lo) && new Decimal(x).lte(lambdaMax)).toBe(true);
      expect(new Set(s.lambdas).size).toBeLessThanOrEqual(7); // 1-digit values plus the two extremes
    }
  });

  it('refuses κ for which λ_max/κ is not a finite decimal', () => {
    expect(() => decimalSpectrum(rng(1), { r: 3, kappa: 3 })).toThrow(/not a finite decimal/);
    expect(() => decimalSpectrum(rng(1), { r: 3, kappa: '7', lambdaMax: '2' })).toThrow(RangeError);
    expect(() => decimalSpectrum(rng(1), { r: 3, kappa: '0.5' })).toThrow(/kappa must be ≥ 1/);
    expect(() => decimalSpectrum(rng(1), { r: 1, kappa: '2' })).toThrow(/kappa must be 1 when r = 1/);
    expect(() => decimalSpectrum(rng(1), { r: 2, kappa: 'abc' })).toThrow(/kappa must be a decimal number/);
    expect(() => decimalSpectrum(rng(1), { r: 2, kappa: 2, digits: 0 })).toThrow(/digits/);
  });
});
