import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactField } from '../../src/arith/exact.ts';
import type { Field } from '../../src/arith/field.ts';
import { float64 } from '../../src/arith/float64.ts';
import { rationalField } from '../../src/arith/rational.ts';
import { frozenThrough, provenDecimal, provenRun, rotatedDiag, scheduleValues, unproven, warmStart } from '../../src/cases/signgd.ts';
import { decimalSchedule } from '../../src/generators/signgd.ts';

/*
 * The SignGD family's cases (src/cases/signgd.ts): the exact mode (a decimal run proven by its re-run at 2P, gradient
 * signs certified), the construction's schedules (non-increasing, capped, exact 6-digit decimals) and Lemma 15's
 * backward warm start, and the frozen-coordinate test (145).
 */

const CF = exactField(60);

describe('provenRun: the exact mode of the SignGD claims', () => {
  const exactSum = <T>(F: Field<T>): T[] => [F.add(F.of('0.125'), F.mul(F.of('1.5'), F.of('2.25')))];
  const third = <T>(F: Field<T>): T[] => [F.div(F.one, F.of(3))];

  it('float64: one run, no proof', () => {
    const r = provenRun(float64, exactSum, (x) => x);
    expect(r.run).toEqual([3.5]);
    expect(r.proof).toBeUndefined();
    expect(unproven(r)).toBe(false);
  });

  it('decimal: an exact computation is proven at P against 2P, a rounded one is not', () => {
    const F = provenDecimal(30).make();
    const ok = provenRun(F, exactSum, (x) => x);
    expect(ok.proof).toMatchObject({ exact: true, precision: 30, errorNumber: 0 });
    expect(F.toString(ok.run[0]!)).toBe('3.5');
    const bad = provenRun(F, third, (x) => x);
    expect(bad.proof!.exact).toBe(false);
    expect(bad.proof!.errorNumber).toBeGreaterThan(0);
    expect(unproven(bad)).toBe(true);
  });

  it('decimal: a signed number whose sign is not certified by a 10⁻⁶ margin makes the run unproven', () => {
    const F = provenDecimal(30).make();
    // 1/3 − 0.3333…3 (30 threes): rounding noise at P, a different value at 2P — its sign is not certified.
    const noise = <T>(G: Field<T>): T[] => [G.sub(G.div(G.one, G.of(3)), G.of(`0.${'3'.repeat(30)}`))];
    const r = provenRun(F, (G) => ({ exact: [G.one], signed: noise(G) }), (x) => x.exact, (x) => x.signed);
    expect(r.proof!.exact).toBe(false);
    expect(r.proof!.errorEstimate).toMatch(/not certified/);
  });

  it('refuses a field without a finite precision (Q is not the decimal field it proves in)', () => {
    expect(() => provenRun(rationalField(), exactSum, (x) => x)).toThrow(/decimal field/);
  });

  it('provenDecimal decides exactly and names both precisions', () => {
    const spec = provenDecimal(40);
    expect(spec.decides).toBe('exactly');
    expect(spec.name).toBe('decimal(40), proven at 80');
    expect(spec.make().precision).toBe(40);
  });
});

describe('the lower-bound construction', () => {
  const schedules = decimalSchedule({ eta0: [1e-4, 0.0625], dropEta0: [1e-3, 0.0625], dropThetaMax: 1, geoWeight: 3 });
  const threshold = fc.integer({ min: 1, max: 9999 }).map((m) => CF.of(`${m}e-6`));

  it('scheduleValues: non-increasing, in [10⁻¹², etaMax], 6-digit decimals', () => {
    fc.assert(
      fc.property(schedules, threshold, (s, c) => {
        const etas = scheduleValues(s, c, 60, '0.0625').map((e) => CF.of(e));
        for (let t = 0; t < etas.length; t++) {
          expect(CF.le(etas[t]!, CF.of('0.0625'))).toBe(true);
          expect(CF.le(CF.of('1e-12'), etas[t]!)).toBe(true);
          expect(etas[t]!.sd()).toBeLessThanOrEqual(6);
          if (t > 0) expect(CF.le(etas[t]!, etas[t - 1]!)).toBe(true);
        }
      }),
      { seed: 1, numRuns: 100 },
    );
  });

  it('warmStart (144): the forward SignGD steps δ_{t+1} = δ_t − 2η_t sign(δ_t) reach δ_T = η_T, with c ≤ |δ_t| throughout', () => {
    fc.assert(
      fc.property(schedules, threshold, (s, c) => {
        const etas = scheduleValues(s, c, 80, '0.0625');
        let T = -1;
        for (let t = 0; t < etas.length; t++) if (CF.le(c, CF.of(etas[t]!))) T = t;
        let d = warmStart(CF, etas, T);
        if (T < 0) {
          expect(CF.isZero(d)).toBe(true);
          return;
        }
        for (let t = 0; t < T; t++) {
          expect(CF.le(c, CF.abs(d))).toBe(true);
          d = CF.sub(d, CF.mul(CF.mul(CF.of(2), CF.of(etas[t]!)), CF.sign(d)));
        }
        expect(CF.eq(d, CF.of(etas[T]!))).toBe(true);
      }),
      { seed: 2, numRuns: 100 },
    );
  });

  it('frozenThrough (145): exact runs must keep p − q identical, float runs within 4u·mag per step', () => {
    const at = <T>(F: Field<T>, a: string, b: string) => rotatedDiag(F, F.of(a), F.of(b));
    const exact = [at(CF, '1.5', '0.25'), at(CF, '1.25', '0.25'), at(CF, '1.5', '0.25'), at(CF, '1.5', '0.5')];
    expect(frozenThrough(CF, exact, 1, 2.5)).toEqual({ frozen: true, drift: 0 });
    expect(frozenThrough(CF, exact, 2, 2.5)).toEqual({ frozen: false, drift: 0.25 });
    const u = float64.unitRoundoff;
    const drifted = [at(float64, '1.5', '0.25'), rotatedDiag(float64, 1.25, 0.25 + 4 * u)];
    expect(frozenThrough(float64, drifted, 0, 2.5).frozen).toBe(true);
    expect(frozenThrough(float64, [drifted[0]!, rotatedDiag(float64, 1.25, 0.25 + 64 * u)], 0, 2.5).frozen).toBe(false);
  });
});
