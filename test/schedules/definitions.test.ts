/**
 * The step-size rules against their definitions: η_t = C·c·ρ^t exactly in decimal (default scale c = 1, a fresh
 * C_t per step), the plateau rule's semantics (strict improvement, counter restart, the relative threshold's
 * boundary), the parameters reported for each rule, and the parameter named by each validation message.
 */
import { describe, expect, it } from 'vitest';
import { exactField } from '../../src/arith/exact.ts';
import { float64 } from '../../src/arith/float64.ts';
import { constant, geo, plateau, sequence } from '../../src/schedules/index.ts';
import { inOpenUnit, positive } from '../../src/schedules/schedule.ts';

const D = exactField(60);
const take = <T>(s: { next(loss: T): T }, losses: T[]): string[] => losses.map((l) => String(s.next(l)));

describe('S.geo: η_t = C·c·ρ^t', () => {
  it('default scale c = 1: η_t = Cρ^t, exactly in decimal for 30 steps (ρ^t as a running product)', () => {
    const s = geo({ rho: '0.9', C: '0.75' }).start(D);
    const got = take(s, Array.from({ length: 30 }, () => D.zero));
    const want = Array.from({ length: 30 }, (_, t) => D.mul(D.of('0.75'), D.of('0.9').pow(t)).toString());
    expect(got).toEqual(want);
    expect(got[0]).toBe('0.75');
    expect(s.prefactors.map(String)).toEqual(Array.from({ length: 30 }, () => '0.75'));
  });
  it('a fresh C_t multiplies the same ρ^t: η_t = C_t·c·ρ^t', () => {
    const draws = ['1', '2', '4'];
    let i = 0;
    const s = geo({ scale: '3', rho: '0.5', C: () => draws[i++] }).start(D);
    expect(take(s, [D.zero, D.zero, D.zero])).toEqual(['3', '3', '3']);
    expect(i).toBe(3);
  });
  it('reports its parameters (a fixed C, or a fresh draw per step)', () => {
    expect(geo({ rho: '0.5', C: '1.5' })).toMatchObject({ id: 'S.geo', params: { scale: '1', rho: '0.5', C: '1.5' } });
    expect(geo({ scale: 2, rho: 0.5, C: () => 1 }).params).toEqual({ scale: '2', rho: '0.5', C: 'fresh draw per step' });
  });
  it('validation names the rule and the parameter, with the offending value', () => {
    expect(() => geo({ rho: 0.5, C: 0 }).start(float64)).toThrow(/^S\.geo: C must be finite and > 0, got 0$/);
    expect(() => geo({ rho: 0.5, C: Infinity }).start(float64)).toThrow(/^S\.geo: C must be finite and > 0, got Infinity$/);
    expect(() => geo({ rho: -0.5, C: 1 }).start(float64)).toThrow(/^S\.geo: ρ must be in \(0, 1\), got -0\.5$/);
    expect(() => geo({ rho: NaN, C: 1 }).start(float64)).toThrow(/^S\.geo: ρ must be in \(0, 1\), got NaN$/);
    expect(() => geo({ rho: 0.5, C: () => 0 }).start(float64).next(0)).toThrow(/^S\.geo: C_t must be finite and > 0, got 0$/);
    expect(() => geo({ rho: 0.5, C: 1, scale: -2 }).start(float64)).toThrow(/^S\.geo: scale c must be finite and > 0, got -2$/);
  });
  it('positive and inOpenUnit: the open ends are excluded, the interior accepted', () => {
    expect(positive(float64, 5e-324, 'x', 's')).toBe(5e-324);
    expect(() => positive(float64, -0, 'x', 's')).toThrow(/s: x must be finite and > 0/);
    expect(inOpenUnit(float64, 1 - 2 ** -53, 'x', 's')).toBe(1 - 2 ** -53);
    expect(inOpenUnit(float64, 5e-324, 'x', 's')).toBe(5e-324);
    expect(() => inOpenUnit(float64, Infinity, 'x', 's')).toThrow(/s: x must be in \(0, 1\), got Infinity/);
  });
});

describe('S.plateau', () => {
  it('a new best must be strictly lower: an equal loss is a plateau step', () => {
    const s = plateau({ eta0: '1', factor: '0.5', patience: 1 }).start(D);
    // best 3; 3 is not < 3 → stale 1 ≥ patience → η halves (counter restarts); 2 < 3 → new best, no change
    expect(take(s, ['3', '3', '2', '2', '2'].map((x) => D.of(x)))).toEqual(['1', '0.5', '0.5', '0.25', '0.125']);
  });
  it('the counter restarts after a reduction and after a new best; the first call only sets the best', () => {
    const s = plateau({ eta0: 8, factor: 0.5, patience: 3 }).start(float64);
    const losses = [5, 6, 6, 6, 6, 6, 6, 4, 6, 6, 6];
    // stale: -,1,2,3→cut,1,2,3→cut, new best, 1,2,3→cut
    expect(losses.map((l) => s.next(l))).toEqual([8, 8, 8, 4, 4, 4, 2, 2, 2, 2, 1]);
  });
  it('threshold: f < best·(1 − θ) is a new best, f = best·(1 − θ) is not (exactly, in decimal)', () => {
    const s = plateau({ eta0: '1', factor: '0.5', patience: 1, threshold: '0.1' }).start(D);
    // best 10; 9 = 10·0.9 is not a new best (cut); 8.99 < 9 is; then 8.091 = 8.99·0.9 is not (cut)
    expect(take(s, ['10', '9', '8.99', '8.091'].map((x) => D.of(x)))).toEqual(['1', '0.5', '0.5', '0.25']);
    // the best is the last accepted loss, not the last seen: after the cut at 9, 8.99 compares with 10
    const t = plateau({ eta0: '1', factor: '0.5', patience: 2, threshold: '0.1' }).start(D);
    expect(take(t, ['10', '9.5', '8.99', '8.5'].map((x) => D.of(x)))).toEqual(['1', '1', '1', '1']);
  });
  it('reports its parameters; validation names the parameter', () => {
    expect(plateau({ eta0: 1, factor: 0.5, patience: 3 })).toMatchObject({ id: 'S.plateau', params: { eta0: '1', factor: '0.5', patience: 3, threshold: '0' } });
    expect(plateau({ eta0: 1, factor: 0.5, patience: 3, threshold: 1e-4 }).params.threshold).toBe('0.0001');
    expect(() => plateau({ eta0: 1, factor: 0.5, patience: 2.5 })).toThrow(/^S\.plateau: patience must be a positive integer, got 2\.5$/);
    expect(() => plateau({ eta0: 1, factor: 0.5, patience: 1, threshold: -0.1 }).start(float64)).toThrow(/^S\.plateau: threshold must be in \[0, 1\), got -0\.1$/);
    expect(() => plateau({ eta0: 1, factor: 0.5, patience: 1, threshold: NaN }).start(float64)).toThrow(/threshold must be in \[0, 1\)/);
    expect(plateau({ eta0: 1, factor: 0.5, patience: 1, threshold: 0 }).start(float64).next(1)).toBe(1);
    expect(() => plateau({ eta0: 1, factor: 0, patience: 1 }).start(float64)).toThrow(/^S\.plateau: factor must be in \(0, 1\), got 0$/);
    expect(() => plateau({ eta0: 0, factor: 0.5, patience: 1 }).start(float64)).toThrow(/^S\.plateau: eta0 must be finite and > 0, got 0$/);
    expect(plateau({ eta0: 1, factor: 0.5, patience: 1 }).start(float64).prefactors).toEqual([]);
  });
});

describe('constant and sequence', () => {
  it('constant: η every step, no prefactors; its parameters', () => {
    const s = constant('0.125').start(D);
    expect(take(s, [D.zero, D.of('5'), D.zero])).toEqual(['0.125', '0.125', '0.125']);
    expect(s.prefactors).toEqual([]);
    expect(constant(0.25)).toMatchObject({ id: 'constant', params: { eta: '0.25' } });
    expect(() => constant(0).start(float64)).toThrow(/^constant schedule: η must be finite and > 0, got 0$/);
  });
  it('sequence: equal neighbours and zeros are allowed; the first increase and the step index are named', () => {
    expect(take(sequence(['0.5', '0.5', '0', '0']).start(D), [D.zero, D.zero, D.zero, D.zero])).toEqual(['0.5', '0.5', '0', '0']);
    expect(() => sequence([1, 0.5, 0.75]).start(float64)).toThrow(/^sequence schedule: must be non-increasing, but η_2 = 0\.75 > η_1 = 0\.5$/);
    expect(() => sequence([1, NaN]).start(float64)).toThrow(/^sequence schedule: η_1 must be finite and ≥ 0, got NaN$/);
    expect(() => sequence([-1]).start(float64)).toThrow(/η_0 must be finite and ≥ 0/);
    const s = sequence([1]).start(float64);
    s.next(0);
    expect(() => s.next(0)).toThrow(/^sequence schedule: only 1 step sizes were given, step 1 asked for one more$/);
    expect(s.prefactors).toEqual([]);
    expect(sequence([1, 2], { nonIncreasing: false })).toMatchObject({ id: 'sequence', params: { length: 2, nonIncreasing: 'false' } });
    expect(sequence([]).params).toEqual({ length: 0, nonIncreasing: 'true' });
    expect(() => sequence([]).start(float64).next(0)).toThrow(/only 0 step sizes were given, step 0/);
  });
});
