import { describe, expect, it } from 'vitest';
import { exactField } from '../../src/arith/exact.ts';
import { float64 } from '../../src/arith/float64.ts';
import { constant, geo, plateau, sequence } from '../../src/schedules/index.ts';

const take = <T>(s: { next(loss: T): T }, n: number, loss: (t: number) => T): T[] => Array.from({ length: n }, (_, t) => s.next(loss(t)));

describe('S.geo', () => {
  it('η_t = C·c·ρ^t exactly in decimal', () => {
    const F = exactField(50);
    const etas = take(geo({ scale: '2', rho: '0.67', C: '1.5' }).start(F), 4, () => F.zero).map(String);
    expect(etas).toEqual(['3', '2.01', '1.3467', '0.902289']);
  });
  it('a fresh C_t per step is drawn once per step and recorded', () => {
    const draws = ['1.25', '1.75', '1.5'];
    let i = 0;
    const s = geo({ rho: '0.5', C: () => draws[i++] }).start(exactField(30));
    const etas = take(s, 3, () => exactField(30).zero).map(String);
    expect(etas).toEqual(['1.25', '0.875', '0.375']);
    expect(s.prefactors.map(String)).toEqual(draws);
  });
  it('rejects ρ ∉ (0,1), C ≤ 0 and a non-positive scale, naming the parameter', () => {
    expect(() => geo({ rho: 1, C: 1 }).start(float64)).toThrow(/ρ must be in \(0, 1\)/);
    expect(() => geo({ rho: 0, C: 1 }).start(float64)).toThrow(/ρ must be in \(0, 1\)/);
    expect(() => geo({ rho: 0.5, C: -1 }).start(float64)).toThrow(/C must be finite and > 0/);
    expect(() => geo({ rho: 0.5, C: 1, scale: 0 }).start(float64)).toThrow(/scale c must be finite and > 0/);
    expect(() => geo({ rho: 0.5, C: () => Number.NaN }).start(float64).next(0)).toThrow(/C_t/);
  });
});

describe('S.plateau', () => {
  it('multiplies η by the factor after `patience` steps without a new best loss, then restarts the count', () => {
    const s = plateau({ eta0: 1, factor: 0.5, patience: 2 }).start(float64);
    // losses: improving, then flat for 5 steps
    const losses = [5, 4, 3, 3, 3, 3, 3, 3];
    expect(losses.map((l) => s.next(l))).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.25, 0.25]);
  });
  it('with a relative threshold, a decrease smaller than threshold·best is no improvement (the zigzag of a 2-cycle)', () => {
    const s = plateau({ eta0: 1, factor: 0.5, patience: 3, threshold: 1e-4 }).start(float64);
    expect([10, 9, 9, 9].map((l) => s.next(l))).toEqual([1, 1, 1, 1]);
    expect(s.next(9 * (1 - 1e-6))).toBe(0.5); // an ulp-scale "new best" counts as a plateau step
    const t = plateau({ eta0: 1, factor: 0.5, patience: 3 }).start(float64); // threshold 0: any decrease resets
    expect([10, 9, 9, 9, 9 * (1 - 1e-6)].map((l) => t.next(l))).toEqual([1, 1, 1, 1, 1]);
    expect(() => plateau({ eta0: 1, factor: 0.5, patience: 1, threshold: 1 }).start(float64)).toThrow(/threshold must be in \[0, 1\)/);
  });
  it('rejects a factor outside (0,1) and a bad patience', () => {
    expect(() => plateau({ eta0: 1, factor: 1.5, patience: 2 }).start(float64)).toThrow(/factor must be in \(0, 1\)/);
    expect(() => plateau({ eta0: 1, factor: 0.5, patience: 0 })).toThrow(/patience must be a positive integer/);
    expect(() => plateau({ eta0: -1, factor: 0.5, patience: 1 }).start(float64)).toThrow(/eta0 must be finite and > 0/);
  });
});

describe('constant and user-given sequences', () => {
  it('constant', () => {
    expect(take(constant(0.1).start(float64), 3, () => 0)).toEqual([0.1, 0.1, 0.1]);
    expect(() => constant(-0.1).start(float64)).toThrow(/η must be finite and > 0/);
  });
  it('a non-increasing sequence is replayed and then exhausted loudly', () => {
    const s = sequence([0.0625, 0.0625, 0.03]).start(float64);
    expect(take(s, 3, () => 0)).toEqual([0.0625, 0.0625, 0.03]);
    expect(() => s.next(0)).toThrow(/only 3 step sizes/);
  });
  it('rejects increasing and negative steps', () => {
    expect(() => sequence([0.01, 0.02]).start(float64)).toThrow(/non-increasing.*η_1/);
    expect(() => sequence([0.01, -0.02]).start(float64)).toThrow(/η_1 must be finite and ≥ 0/);
    expect(take(sequence([0.01, 0.02], { nonIncreasing: false }).start(float64), 2, () => 0)).toEqual([0.01, 0.02]);
  });
});
