import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Field } from '../../src/arith/field.ts';
import { float64 } from '../../src/arith/float64.ts';
import { driftBudget, firstExactZero, floatHorizon, friendlyLambdas, highPrecision, iclScalar, measured, prefactorFor, provenExact, reference, type Exactness } from '../../src/cases/aligned.ts';
import { basisMatrix, decimalIn } from '../../src/generators/aligned.ts';

/*
 * The aligned family's exact mode (src/cases/aligned.ts): `measured` runs a computation in float64 once, or in decimal
 * at P and 2P digits (proveExact), recording the exactness and marking a case inconclusive when its mode asks for more
 * than the runs give; `reference` proves a prediction exact or gives nothing. Plus the float drift budget's rules.
 */

function context<T>(F: Field<T>) {
  const seen: { exactness?: Exactness; inconclusive?: string } = {};
  return { k: { F, exactness: (e: Exactness) => (seen.exactness = e), inconclusive: (r: string) => (seen.inconclusive ??= r) }, seen };
}

/** A computation exact at any precision (finite decimals, + and ×) and one that is not (1/3). */
const exactSum = <T>(F: Field<T>): T[] => [F.add(F.of('0.125'), F.mul(F.of('1.5'), F.of('2.25')))];
const third = <T>(F: Field<T>): T[] => [F.div(F.one, F.of(3))];

describe('measured: the family’s exact mode', () => {
  it('float64: one run, err 0, nothing recorded', () => {
    const { k, seen } = context(float64);
    const r = measured(k, { P: 40, compute: (F) => exactSum(F), numbers: (x) => x });
    expect(r.float).toBe(true);
    expect(r.value).toEqual([3.5]);
    expect(r.err).toBe(0);
    expect(r.u).toBe(float64.unitRoundoff);
    expect(r.wide(100)).toBe(float64);
    expect(seen).toEqual({});
  });

  it('highPrecision: an exact run is proven (err 0) and recorded', () => {
    const { k, seen } = context(highPrecision.make());
    const r = measured(k, { P: 30, compute: (F) => exactSum(F), numbers: (x) => x });
    expect(r.exact).toBe(true);
    expect(r.float).toBe(false);
    expect(k.F.toNumber(r.err)).toBe(0);
    expect(r.field.toNumber(r.value[0]!)).toBe(3.5);
    expect(r.u).toBe(0.5 * 10 ** -29);
    expect(seen.exactness).toEqual({ exact: true, precision: 30, errorEstimate: '0' });
    expect(seen.inconclusive).toBeUndefined();
  });

  it('highPrecision: an inexact run carries err ≈ 10^−P and, resolved, stays conclusive', () => {
    const { k, seen } = context(highPrecision.make());
    const r = measured(k, { P: 30, maxP: 480, compute: (F) => third(F), numbers: (x) => x });
    expect(r.exact).toBe(false);
    expect(r.resolved).toBe(true);
    const err = k.F.toNumber(r.err);
    expect(err).toBeGreaterThan(0);
    expect(err).toBeLessThan(1e-29);
    expect(seen.exactness?.exact).toBe(false);
    expect(seen.inconclusive).toBeUndefined();
    // the comparison field holds the run's numbers and those of the given precisions without rounding
    expect(r.wide(50).precision).toBe(30 + 50 + 20);
  });

  it('highPrecision: err above 10^(−P/2) doubles P up to maxP, then leaves the case inconclusive', () => {
    // (3·(1/3) − 1)·10^60: −10^(60−P) at P digits, so err ≈ 10^(60−P) — still above 10^(−P/2) at P = 80
    const amplified = <T>(F: Field<T>): T[] => [F.mul(F.sub(F.mul(F.div(F.one, F.of(3)), F.of(3)), F.one), F.of('1e60'))];
    const { k, seen } = context(highPrecision.make());
    const r = measured(k, { P: 20, maxP: 80, compute: (F) => amplified(F), numbers: (x) => x });
    expect(r.precision).toBe(80);
    expect(r.resolved).toBe(false);
    expect(seen.inconclusive).toMatch(/above 10\^\(−P\/2\) at the largest precision 80/);
  });

  it('provenExact: a run that is not exact leaves the case inconclusive; bounds are decided exactly', () => {
    expect(provenExact.decides).toBe('exactly');
    expect(highPrecision.decides).toBe('rounded');
    const { k, seen } = context(provenExact.make());
    measured(k, { P: 30, compute: (F) => third(F), numbers: (x) => x });
    expect(seen.inconclusive).toMatch(/not proven exact at 30 digits/);
    const ok = context(provenExact.make());
    measured(ok.k, { P: 30, compute: (F) => exactSum(F), numbers: (x) => x });
    expect(ok.seen.inconclusive).toBeUndefined();
  });

  it('reference: exact in decimal, or undefined; as is in float64', () => {
    expect(reference(context(highPrecision.make()).k, 30, (F) => third(F), (x) => x)).toBeUndefined();
    const F = highPrecision.make();
    expect(F.toNumber(reference(context(F).k, 30, (F) => exactSum(F), (x) => x)![0]!)).toBe(3.5);
    expect(reference(context(float64).k, 30, (F) => third(F), (x) => x)).toEqual([1 / 3]);
  });
});

describe('the predictions', () => {
  it('friendly spectra have finite-decimal inverses, so (73) runs exactly', () => {
    const lambdas = friendlyLambdas('5', [[3, 1], [0, 2]]);
    expect(lambdas).toEqual(['5', '0.2', '0.125']);
    const C = prefactorFor('0.125', '0.5'); // (1 + 0.5)/(2·0.125)
    expect(C).toBe('6');
    const F = highPrecision.make();
    const etas = [F.of(C), F.of('3'), F.of('1.5')];
    const { w, gap } = iclScalar(F, F.zero, F.div(F.one, F.of('0.125')), etas);
    expect(w.map((x) => x.toString())).toEqual(['0', '6', '9', '7.5']);
    expect(gap.map((x) => x.toString())).toEqual(['-8', '-2', '1']);
    expect(firstExactZero(F, [gap], 3)).toBe(3);
    expect(firstExactZero(F, [gap, [F.one, F.zero, F.one]], 3)).toBe(1);
  });

  it('decimalIn draws finite decimals in range with both ends reachable; bases are orthogonal decimals', () => {
    const xs = fc.sample(decimalIn(-0.5, 2, 2), { seed: 1, numRuns: 300 });
    for (const x of xs) {
      expect(x).toMatch(/^-?\d+(\.\d{1,2})?$/);
      expect(Number(x)).toBeGreaterThanOrEqual(-0.5);
      expect(Number(x)).toBeLessThanOrEqual(2);
    }
    const B = basisMatrix('givens', 3, 7);
    const F = highPrecision.make();
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = F.zero;
        for (let r = 0; r < 3; r++) s = F.add(s, F.mul(F.of(B.data[r * 3 + i]!), F.of(B.data[r * 3 + j]!)));
        expect(s.toString()).toBe(i === j ? '1' : '0');
      }
  });
});

describe('the float drift budget', () => {
  const step = { eta: 1, nu: 1e-16, L: 0, s: 1, s2: 2, normNext: 0 };

  it('a well-separated step costs η·2ν/s2; a possible sign flip costs 2η', () => {
    expect(driftBudget(0, [step])[1]).toBeCloseTo(1e-16, 30);
    expect(driftBudget(0, [{ ...step, s: 1e-17 }])[1]).toBe(2);
    // the deviation so far feeds the gradient error through L
    expect(driftBudget(0.5, [{ ...step, L: 4 }])[1]).toBe(2.5);
  });

  it('floatHorizon: the last step within the limit; a NaN budget is never "beyond" it (as the checks read it)', () => {
    expect(floatHorizon([0, 1e-9, 1e-3, 1], 3, 1e-6)).toBe(1);
    expect(floatHorizon([0, 1e-9], 1, 1e-6)).toBe(1);
    expect(floatHorizon([1, 0], 1, 1e-6)).toBe(-1);
    expect(floatHorizon([0, NaN, NaN], 2, 1e-6)).toBe(2);
  });
});
