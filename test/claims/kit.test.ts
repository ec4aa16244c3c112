import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runClaim } from '../../src/claims/engine.ts';
import { decimal, defineClaim, float64Field, hyp, probe, rational, runInField } from '../../src/claims/kit/index.ts';
import { reference } from '../../src/impl/impl.ts';

/*
 * The claim kit on toy claims: a bound's holds and its slack come from the same two numbers, in every field; repeated
 * statements of a bound keep the worst instance; tolerances count in rounded fields only; defineClaim refuses an
 * inconsistent spec.
 */

describe('k.bound', () => {
  it('holds ⇔ lhs ≤ rhs + tol, and the recorded numbers are those compared (float64)', () => {
    const o = runInField(float64Field, 'float', reference, (k) => {
      k.bound('a', 1, 2);
      k.bound('b', 2, 1);
      k.bound('c', 1 + 1e-12, 1, { tol: 1e-11, why: 'argued' });
      k.bound('d', 1, 1, { strict: true });
      k.bound('e', NaN, 1);
    });
    const by = Object.fromEntries(o.bounds.map((b) => [b.name, b]));
    for (const b of o.bounds) expect(b.holds, b.name).toBe(b.name === 'd' ? b.lhs < b.rhs : b.lhs <= b.rhs);
    expect(by.a!.holds).toBe(true);
    expect(by.b!.holds).toBe(false);
    expect(by.c).toMatchObject({ holds: true, rhs: 1 + 1e-11, tolerance: 'argued' });
    expect(by.d!.holds).toBe(false);
    expect(by.e!.holds).toBe(false); // a NaN never holds
  });

  it('a quoted constant is checked two-sided: it must round to the quoted digits', () => {
    const o = runInField(float64Field, 'float', reference, (k) => {
      k.quoted('sup', 1.2023686, '1.2024');
      k.quoted('too low', 1.1, '1.2024');
      k.quoted('too high', 1.21, '1.2024');
      k.quoted('edge', 1.202449, '1.2024'); // within ½ unit of the 4th decimal
    });
    expect(o.bounds.map((b) => [b.name, b.holds])).toEqual([['sup', true], ['too low', false], ['too high', false], ['edge', true]]);
  });

  it('in Q the tolerance is ignored: the comparison is exact', () => {
    const o = runInField(rational(), 'exact', reference, (k) => {
      k.bound('x', k.F.of('1/3'), k.F.of('0.3333333333333333'), { tol: 1, why: 'never used in Q' });
    });
    expect(o.bounds[0]).toMatchObject({ name: 'x', holds: false });
    expect(o.bounds[0]!.tolerance).toBeUndefined();
    expect(o.exactness?.exact).toBe(true);
  });

  it('in decimal the tolerance counts, formed with that field’s u', () => {
    const o = runInField(decimal(30), 'exact', reference, (k) => {
      k.bound('x', k.F.of('1.000000000000000000000000001'), 1, { tol: 400 * k.u }); // 1e-27 over, 400u = 2e-27
    });
    expect(o.bounds[0]!.holds).toBe(true);
  });

  it('a bound stated per step keeps its first failing instance, else its largest lhs/rhs, with the step', () => {
    const held = runInField(float64Field, 'float', reference, (k) => {
      for (const [t, l] of [0.2, 0.9, 0.5].entries()) k.bound('(28a)', l, 1, { at: t });
    });
    expect(held.bounds).toEqual([{ name: '(28a)', lhs: 0.9, rhs: 1, holds: true, at: 1 }]);
    const failed = runInField(float64Field, 'float', reference, (k) => {
      for (const [t, l] of [0.2, 3, 0.5, 7].entries()) k.bound('(28a)', l, 1, { at: t });
    });
    expect(failed.bounds).toEqual([{ name: '(28a)', lhs: 3, rhs: 1, holds: false, at: 1 }]);
  });

  it('a Q run with an inexact √ is inconclusive, not exact', () => {
    const o = runInField(rational(), 'exact', reference, (k) => {
      k.bound('√2 ≤ 2', k.F.sqrt(k.F.of(2)), 2);
    });
    expect(o.inconclusive).toMatch(/inexact √/);
    expect(o.exactness).toBeUndefined();
  });
});

describe('defineClaim', () => {
  const spec = {
    id: 'toy.geometric',
    title: 'Σ_{t<T} ρ^t ≤ 1/(1 − ρ)',
    source: { paper: 'toy', where: 'here', equations: ['(g)'] },
    provenance: 'reconstructed' as const,
    statement: 'for ρ ∈ [0, 1) and T ≥ 0, Σ_{t<T} ρ^t ≤ 1/(1 − ρ)',
    hypotheses: [hyp.real('ρ', 'ρ ∈ [0, 1)', 0, 0.999, { necessary: true }), hyp.int('T', 'T ≥ 0', 0, 50)],
    modes: { exact: rational(), float: float64Field },
    cases: { quick: { exact: 30, float: 30 }, default: { exact: 30, float: 30 }, deep: { exact: 30, float: 30 } },
    generate: () => fc.record({ rho: fc.integer({ min: 0, max: 255 }).map((k) => k / 256), T: fc.integer({ min: 0, max: 50 }) }),
    check<T>(c: { rho: number; T: number }, k: import('../../src/claims/kit/index.ts').Ctx<T>) {
      const { F } = k;
      let s = F.zero;
      let p = F.one;
      for (let t = 0; t < c.T; t++) {
        s = F.add(s, p);
        p = F.mul(p, F.of(c.rho));
      }
      k.bound('(g)', s, F.div(F.one, F.sub(F.one, F.of(c.rho))), { tol: 4 * c.T * k.u * 256, why: 'T roundings of partial sums ≤ 1/(1 − ρ) ≤ 256' });
    },
    probes: [probe({ id: 'rho-above-1', hypothesis: 'ρ', drops: 'ρ < 1 dropped: ρ ∈ (1, 2)', mode: 'exact' as const, cases: fc.record({ rho: fc.integer({ min: 257, max: 511 }).map((k) => k / 256), T: fc.integer({ min: 1, max: 50 }) }), runs: 30 })],
  };

  it('a toy claim holds in both modes, and its probe finds the dropped hypothesis necessary', () => {
    const r = runClaim(defineClaim(spec), { profile: 'quick' });
    expect(r.verdict).toBe('holds');
    expect(r.modes.map((m) => m.cases)).toEqual([30, 30]);
    expect(r.probes[0]).toMatchObject({ id: 'rho-above-1', hypothesis: 'ρ', found: true });
  });

  it('a probe that breaks nothing reports not found', () => {
    const r = runClaim(defineClaim({ ...spec, probes: [probe({ id: 'harmless', drops: 'nothing', cases: fc.constant({ rho: 0.5, T: 3 }), runs: 5 })] }), { profile: 'quick' });
    expect(r.probes[0]).toMatchObject({ found: false, tried: 5, broke: 0 });
  });

  it('refuses a probe that names an undeclared hypothesis, duplicate probe ids and an empty mode list', () => {
    expect(() => defineClaim({ ...spec, probes: [probe({ id: 'p', hypothesis: 'κ', drops: 'κ', runs: 1 })] })).toThrow(/'κ', which is not a declared hypothesis/);
    expect(() => defineClaim({ ...spec, probes: [probe({ id: 'p', drops: 'a', runs: 1 }), probe({ id: 'p', drops: 'b', runs: 1 })] })).toThrow(/two probes named 'p'/);
    expect(() => defineClaim({ ...spec, modes: {} })).toThrow(/at least one mode/);
  });
});
