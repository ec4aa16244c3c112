/**
 * run()'s residualNorms option (added for the confirmation ladder, whose double-double and decimal runs paid a square
 * root per step for a norm nobody read): skipping the norms changes nothing else.
 */
import { describe, expect, it } from 'vitest';
import { doubleDouble } from '../../src/arith/double-double.ts';
import type { Field } from '../../src/arith/field.ts';
import { float64 } from '../../src/arith/float64.ts';
import { reference as impl } from '../../src/impl/impl.ts';
import { mat } from '../../src/linalg/mat.ts';
describe('run({ residualNorms: false }) (used by the confirmation cases)', () => {
  const check = <T>(F: Field<T>): void => {
    const la = impl.over(F);
    const o = { problem: impl.problems.scalar(la, F.of(1)), optimizer: impl.optimizers.muon(), schedule: impl.schedules.geo({ scale: 1, rho: 0.67, C: 0.3 }), x0: mat(1, 1, [F.of(1.5)]), steps: 12 };
    const a = impl.run(o);
    const b = impl.run({ ...o, residualNorms: false });
    expect(b.final).toEqual(a.final);
    expect(b.etas).toEqual(a.etas);
    expect(b.losses).toEqual(a.losses);
    expect(a.errors).toHaveLength(13);
    expect(b.errors).toEqual([]);
    expect(impl.run({ ...o, residualNorms: false, spectralErrors: true }).spectralErrors).toEqual(impl.run({ ...o, spectralErrors: true }).spectralErrors);
    expect(() => impl.run({ ...o, residualNorms: false, stopBelow: 1e-3 })).toThrow(/stopBelow needs the residual norms/);
  };
  it('the same iterates, etas and losses, errors empty, in float64 and double-double; refuses stopBelow', () => {
    check(float64);
    check(doubleDouble);
  });
});
