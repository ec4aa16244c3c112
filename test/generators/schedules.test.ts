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
