import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonIncreasingSchedule } from '../../src/generators/index.ts';

describe('nonIncreasingSchedule', () => {
  it('is non-increasing, positive, inside [min, max] and of the requested length', () => {
    const arb = nonIncreasingSchedule({ length: fc.integer({ min: 1, max: 40 }), max: 1 / 16, min: 1e-6 });
    fc.assert(
      fc.property(arb, (s) => {
        if (s.steps.length !== s.length || s.max !== 1 / 16 || s.min !== 1e-6) return false;
        return s.steps.every((x, t) => x > 0 && x >= 1e-6 && x <= 1 / 16 && (t === 0 || x <= s.steps[t - 1]));
      }),
      { seed: 42, numRuns: 1000 },
    );
  });

  it('draws every kind, including constant sequences and a first step of exactly max', () => {
    const ss = fc.sample(nonIncreasingSchedule({ length: 10, max: 0.5 }), { seed: 42, numRuns: 1000 });
    const kinds = new Set(ss.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['constant', 'geometric', 'sorted']);
    expect(ss.some((s) => s.kind === 'constant' && s.steps.every((x) => x === s.steps[0]))).toBe(true);
    expect(ss.some((s) => s.steps[0] === 0.5)).toBe(true);
    expect(ss.some((s) => s.steps[9] < s.steps[0])).toBe(true);
    expect(ss.every((s) => s.min === 0.0005)).toBe(true); // default min = max/1000
  });

  it('validates its options', () => {
    expect(() => nonIncreasingSchedule({ length: 0, max: 1 })).toThrow(/length must be a positive integer/);
    expect(() => nonIncreasingSchedule({ length: 3, max: -1 })).toThrow(/max must be a finite number > 0/);
    expect(() => nonIncreasingSchedule({ length: 3, max: 1, min: 2 })).toThrow(/min must be in \(0, max\]/);
  });
});

describe('nonIncreasingSchedule: the three shapes', () => {
  const unbiased = (o: Parameters<typeof nonIncreasingSchedule>[0], n = 2000) => fc.sample(fc.noBias(nonIncreasingSchedule(o)), { seed: 5, numRuns: n });

  it('weighted sorted 6 : constant 2 : geometric 2', () => {
    const ss = unbiased({ length: 4, max: 1 });
    const share = (k: string) => ss.filter((s) => s.kind === k).length / ss.length;
    expect(Math.abs(share('sorted') - 0.6)).toBeLessThan(0.05);
    expect(Math.abs(share('constant') - 0.2)).toBeLessThan(0.05);
    expect(Math.abs(share('geometric') - 0.2)).toBeLessThan(0.05);
  });

  it('geometric: η_{t+1} = max(min, η_t·r) with r ∈ [1/2, 1]; the floor min is reached on long runs', () => {
    const ss = unbiased({ length: 60, max: 1, min: 1e-3 }).filter((s) => s.kind === 'geometric');
    for (const s of ss) {
      for (let t = 1; t < s.length; t++) {
        const r = s.steps[t]! / s.steps[t - 1]!;
        expect(s.steps[t] === 1e-3 || (r >= 0.5 - 1e-15 && r <= 1)).toBe(true);
      }
      // one common ratio until the floor
      const r0 = s.steps[1]! / s.steps[0]!;
      if (s.steps[2]! > 1e-3) expect(s.steps[2]! / s.steps[1]!).toBeCloseTo(r0, 12);
    }
    expect(ss.some((s) => s.steps.at(-1) === 1e-3)).toBe(true);
    expect(ss.some((s) => s.steps[1]! / s.steps[0]! < 0.6)).toBe(true);
    expect(ss.some((s) => s.steps[1]! / s.steps[0]! > 0.9)).toBe(true);
  });

  it('sorted: descending log-uniform values, spread over the decades of [min, max]', () => {
    const ss = unbiased({ length: 5, max: 1, min: 1e-4 }).filter((s) => s.kind === 'sorted');
    const all = ss.flatMap((s) => s.steps);
    const below = all.filter((x) => x < 1e-2).length / all.length;
    expect(below).toBeGreaterThan(0.4);
    expect(below).toBeLessThan(0.6);
    expect(ss.every((s) => s.steps.every((x, t) => t === 0 || x <= s.steps[t - 1]!))).toBe(true);
    expect(ss.some((s) => new Set(s.steps).size === 5)).toBe(true);
  });

  it('min = max gives every step = max; an arbitrary length is validated when drawn', () => {
    const ss = fc.sample(nonIncreasingSchedule({ length: 3, max: 0.25, min: 0.25 }), { seed: 1, numRuns: 50 });
    expect(ss.every((s) => s.steps.every((x) => x === 0.25) && s.steps.length === 3 && s.length === 3)).toBe(true);
    expect(() => fc.sample(nonIncreasingSchedule({ length: fc.constant(0), max: 1 }), { seed: 1, numRuns: 1 })).toThrow('nonIncreasingSchedule: length must be a positive integer (≥ 1), got 0');
    expect(() => fc.sample(nonIncreasingSchedule({ length: fc.constant(1.5), max: 1 }), { seed: 1, numRuns: 1 })).toThrow(/got 1\.5/);
    expect(() => nonIncreasingSchedule({ length: 2.5, max: 1 })).toThrow('nonIncreasingSchedule: length must be a positive integer (≥ 1), got 2.5');
    expect(() => nonIncreasingSchedule({ length: 2, max: Infinity })).toThrow('nonIncreasingSchedule: max must be a finite number > 0, got Infinity');
    expect(() => nonIncreasingSchedule({ length: 2, max: 0 })).toThrow(/max must be/);
    expect(() => nonIncreasingSchedule({ length: 2, max: 1, min: 0 })).toThrow('nonIncreasingSchedule: min must be in (0, max] = (0, 1], got 0');
    expect(fc.sample(nonIncreasingSchedule({ length: 1, max: 1 }), { seed: 1, numRuns: 20 }).every((s) => s.steps.length === 1)).toBe(true);
  });
});
