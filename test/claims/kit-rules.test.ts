import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runClaim } from '../../src/claims/engine.ts';
import { decade, decades, decimal, defineClaim, float64Field, hyp, probe, rational, RHO_BINS, rhoBin, runInField, runsFor, shapeBin, SHAPE_BINS, worstAt, type ClaimSpec, type Ctx } from '../../src/claims/kit/index.ts';
import type { Impl } from '../../src/impl/impl.ts';
import { reference } from '../../src/impl/impl.ts';

/*
 * The kit's rules beyond k.bound's core (kit.test.ts): the shared bins, the worst step of a trace, the fields and
 * what they say about exactness, the context's records (equalities, quoted constants, planted loosening, branches,
 * bins, first reasons, traces), and defineClaim's validation, mode dispatch and probes.
 */

describe('bins', () => {
  it('rhoBin: below 1/2, then [1/2, 2/3), [2/3, 0.9), [0.9, 1), each left end in its own bin', () => {
    expect(RHO_BINS).toEqual(['[1/2,2/3)', '[2/3,0.9)', '[0.9,1)']);
    expect([0.49, 0.5, 0.6, 2 / 3, 0.8, 0.9, 0.99].map(rhoBin)).toEqual(['<1/2', '[1/2,2/3)', '[1/2,2/3)', '[2/3,0.9)', '[2/3,0.9)', '[0.9,1)', '[0.9,1)']);
    expect(rhoBin(0.6666)).toBe('[1/2,2/3)');
    expect(rhoBin(0.8999)).toBe('[2/3,0.9)');
  });

  it('decade: 10^e ≤ x < 10^(e+1), a computed 10^k in its own decade, clamped by lo and hi; ≤0 and NaN named', () => {
    expect(decade(1)).toBe('1e0–1e1');
    expect(decade(9.99)).toBe('1e0–1e1');
    expect(decade(10)).toBe('1e1–1e2');
    expect(decade(0.05)).toBe('1e-2–1e-1');
    expect(decade(1000 * (1 - 1e-15))).toBe('1e3–1e4'); // 1e-12 of slack
    expect(decade(999)).toBe('1e2–1e3');
    expect(decade(1e-5, { lo: -2 })).toBe('1e-2–1e-1');
    expect(decade(1e9, { hi: 4 })).toBe('1e4–1e5');
    expect(decade(50, { lo: 0, hi: 4 })).toBe('1e1–1e2');
    expect(decade(Infinity)).toBe('1eInfinity–1eInfinity');
    expect(decade(Infinity, { hi: 8 })).toBe('1e8–1e9');
    expect(decade(0)).toBe('≤0');
    expect(decade(-3)).toBe('≤0');
    expect(decade(NaN)).toBe('NaN');
  });

  it('decades(lo, hi) lists the bins of exponents lo … hi − 1; shapeBin names square, tall and wide', () => {
    expect(decades(0, 3)).toEqual(['1e0–1e1', '1e1–1e2', '1e2–1e3']);
    expect(decades(-1, 0)).toEqual(['1e-1–1e0']);
    expect(decades(2, 2)).toEqual([]);
    expect([shapeBin(3, 3), shapeBin(4, 3), shapeBin(3, 4)]).toEqual(['square', 'tall', 'wide']);
    expect(SHAPE_BINS).toEqual(['square', 'tall', 'wide']);
  });
});

describe('worstAt', () => {
  const b = (lhs: number, rhs: number, at?: number, holds = lhs <= rhs) => ({ name: 'x', lhs, rhs, holds, ...(at !== undefined ? { at } : {}) });
  it('the step of the first failing bound, else of the largest lhs/rhs; 0 without steps', () => {
    expect(worstAt([])).toBe(0);
    expect(worstAt([b(1, 2, 3), b(3, 4, 5), b(1, 4, 7)])).toBe(5);
    expect(worstAt([b(1, 2, 3), b(5, 4, 6), b(9, 4, 8)])).toBe(6);
    expect(worstAt([b(1, 2, 3), b(5, 4)])).toBe(0);
    // rhs = 0: lhs > 0 is infinitely far, lhs ≤ 0 is 0
    expect(worstAt([b(0.5, 1, 1), b(0, 0, 2), b(-1, 0, 9)])).toBe(1);
    expect(worstAt([b(0.5, 1, 1), b(1, 0, 4, true)])).toBe(4);
    // a tie keeps the first
    expect(worstAt([b(1, 2, 1), b(2, 4, 2)])).toBe(1);
    // a holding bound after a failing one never moves it
    expect(worstAt([b(2, 1, 1), b(1e9, 0, 2, true)])).toBe(1);
    expect(worstAt([b(-5, 1, 3)])).toBe(3);
    // 0 over 0 counts as 0, above a negative ratio
    expect(worstAt([b(-1, 1, 1), b(0, 0, 2)])).toBe(2);
  });
});

describe('fields', () => {
  it('float64 decides by rounding; Q exactly, proving each case exact with the note; decimal(P) rounds at P digits', () => {
    expect(float64Field).toMatchObject({ name: 'float64', decides: 'rounded' });
    const q = rational('my note');
    expect(q).toMatchObject({ name: 'Q', decides: 'exactly' });
    expect(q.make()).not.toBe(q.make());
    expect(q.after!(q.make())).toEqual({ exactness: { exact: true, precision: 0, errorEstimate: '0: my note' } });
    expect(rational().after!(rational().make()).exactness!.errorEstimate).toMatch(/^0: rational \(bigint\) arithmetic/);
    const F = q.make();
    F.sqrt(F.of(2));
    F.sqrt(F.of(3));
    expect(q.after!(F)).toEqual({ inconclusive: '2 inexact √ in Q' });
    const d = decimal(30);
    expect(d).toMatchObject({ name: 'decimal(30)', decides: 'rounded' });
    expect(d.make().unitRoundoff).toBeCloseTo(0.5e-29, 40);
    expect(decimal(1).name).toBe('decimal(1)');
    for (const p of [0, 2.5, NaN]) expect(() => decimal(p)).toThrow(`decimal: precision must be an integer ≥ 1, got ${p}`);
  });
});

describe('the context', () => {
  const run = (body: (k: Ctx<number>) => void, weaken?: Parameters<typeof runInField>[4]) => runInField(float64Field, 'float', reference, body as (k: Ctx<unknown>) => void, weaken);

  it('exposes the field, mode, exactness, u, impl and its linear algebra (made once)', () => {
    runInField(rational(), 'exact', reference, (k) => {
      expect([k.mode, k.exact, k.u]).toEqual(['exact', true, 0]);
      expect(k.num(k.of('1/4'))).toBe(0.25);
      expect(k.la).toBe(k.la);
      expect(k.impl).toBe(reference);
    });
    run((k) => {
      expect([k.mode, k.exact, k.u]).toEqual(['float', false, 2 ** -53]);
      expect(k.F.kind).toBe('float64');
    });
    let overs = 0;
    const impl = { ...reference, over: (F: never) => (overs++, reference.over(F)) } as Impl;
    runInField(float64Field, 'float', impl, (k) => {
      void k.la;
      void k.la;
    });
    expect(overs).toBe(1);
  });

  it('a tolerance must be a number ≥ 0; 0 adds nothing', () => {
    expect(() => run((k) => k.bound('x', 1, 2, { tol: -1 }))).toThrow('bound x: the tolerance must be a number ≥ 0, got -1');
    expect(() => run((k) => k.bound('x', 1, 2, { tol: NaN }))).toThrow(RangeError);
    expect(run((k) => k.bound('x', 1, 1, { tol: 0 })).bounds[0]).toEqual({ name: 'x', lhs: 1, rhs: 1, holds: true });
    // in Q a negative tolerance is ignored like any other
    expect(runInField(rational(), 'exact', reference, (k) => k.bound('x', 1, 2, { tol: -1 })).bounds[0]!.holds).toBe(true);
  });

  it('the tolerance’s reason is kept in a rounded field only, and the step with the instance', () => {
    expect(run((k) => k.bound('x', 1, 2, { why: 'w', at: 0 })).bounds[0]).toStrictEqual({ name: 'x', lhs: 1, rhs: 2, holds: true, tolerance: 'w', at: 0 });
    expect(runInField(rational(), 'exact', reference, (k) => k.bound('x', 1, 2, { why: 'w' })).bounds[0]).toStrictEqual({ name: 'x', lhs: 1, rhs: 2, holds: true });
    expect(run((k) => k.bound('x', 1, 2)).bounds[0]).toStrictEqual({ name: 'x', lhs: 1, rhs: 2, holds: true });
  });

  it('the worst instance of a repeated bound is by lhs/rhs (0/0 as 0, a positive lhs over 0 as ∞), the first among equals', () => {
    const pick = (pairs: [number, number][]) => run((k) => pairs.forEach(([l, r], t) => k.bound('x', l, r, { at: t }))).bounds[0]!.at;
    expect(pick([[-1, 0], [0.5, 1]])).toBe(1);
    expect(pick([[0, 0], [0.5, 1]])).toBe(1);
    expect(pick([[1, 4], [1, 2]])).toBe(1);
    expect(pick([[1, 2], [2, 4], [0.5, 1]])).toBe(0);
    expect(pick([[-2, 1], [-1, 1]])).toBe(1);
  });

  it('returns whether the bound held', () => {
    const got: boolean[] = [];
    run((k) => {
      got.push(k.bound('a', 1, 2), k.bound('b', 3, 2), k.equal('c', 2, 2), k.equal('d', 2, 3), k.quoted('e', 1.2, '1.2'));
    });
    expect(got).toEqual([true, false, true, false, true]);
  });

  it('a planted loosening multiplies rhs (+ tol) of the named bound, or of every bound, when it is > 0', () => {
    const body = (k: Ctx<number>) => {
      k.bound('a', 1.4, 1);
      k.bound('b', 1.4, 1, { tol: 0.1 });
      k.bound('neg', -3, -2);
      k.bound('zero', 0, 0);
    };
    const all = run(body, { kind: 'loosen', factor: 1.5 });
    expect(all.bounds.map((b) => [b.name, b.rhs, b.holds])).toEqual([['a', 1.5, true], ['b', 1.6500000000000001, true], ['neg', -2, true], ['zero', 0, true]]);
    const one = run(body, { kind: 'loosen', factor: 1.5, bound: 'b' });
    expect(one.bounds.map((b) => [b.name, b.rhs, b.holds])).toEqual([['a', 1, false], ['b', 1.6500000000000001, true], ['neg', -2, true], ['zero', 0, true]]);
    expect(run(body, { kind: 'drop-bin', axis: 'a', bin: 'b' }).bounds[0]).toMatchObject({ rhs: 1, holds: false });
  });

  it('equal is |a − b| ≤ tol; quoted is |measured − quoted| ≤ ½ unit of the last quoted digit, with its reason', () => {
    const o = run((k) => {
      k.equal('e1', 1, 1 + 1e-12, { tol: 1e-11 });
      k.equal('e2', 1, 1 + 1e-12);
      k.quoted('integer', 3.4, '3');
      k.quoted('integer-off', 3.6, '3');
      k.quoted('negative', -0.51, '-0.5');
      k.quoted('negative-off', -0.56, '-0.5');
    });
    const by = Object.fromEntries(o.bounds.map((b) => [b.name, b]));
    expect(by.e1).toMatchObject({ holds: true, rhs: 1e-11 });
    expect(by.e2!.holds).toBe(false);
    expect(by.e2!.lhs).toBeCloseTo(1e-12, 15);
    expect(by.integer).toMatchObject({ holds: true, rhs: 0.5, tolerance: 'rounds to the quoted 3 (±5e-1)' });
    expect(by['integer-off']!.holds).toBe(false);
    expect(by.negative).toMatchObject({ holds: true, rhs: 0.05, tolerance: 'rounds to the quoted -0.5 (±5e-2)' });
    expect(by['negative-off']!.holds).toBe(false);
    expect(run((k) => k.quoted('multi-digit', 12.5, '12.5')).bounds[0]!.holds).toBe(true);
    for (const bad of ['1.', '.5', '1e3', '1.2.3', 'x', '']) expect(() => run((k) => k.quoted('q', 1, bad))).toThrow(`quoted q: '${bad}' is not a decimal numeral`);
  });

  it('keeps branches once each, the last bin per axis, the first inconclusive and outside reasons', () => {
    const o = run((k) => {
      k.bound('x', 1, 2);
      k.branch('u');
      k.branch('v');
      k.branch('u');
      k.bin('κ', 'lo');
      k.bin('κ', 'hi');
      k.bin('d', '3');
      k.inconclusive('first');
      k.inconclusive('second');
      k.outside('out1');
      k.outside('out2');
    });
    expect(o).toEqual({ bounds: [{ name: 'x', lhs: 1, rhs: 2, holds: true }], inconclusive: 'first', outsideHypotheses: 'out1', branches: ['u', 'v'], bins: { κ: 'hi', d: '3' } });
    expect(run((k) => k.bound('x', 1, 2))).toStrictEqual({ bounds: [{ name: 'x', lhs: 1, rhs: 2, holds: true }] });
    expect(runInField(rational(), 'exact', reference, (k) => void k.F.sqrt(k.F.of(2)))).toStrictEqual({ bounds: [], inconclusive: '1 inexact √ in Q' });
  });

  it('the trace is made once, after the check, from the final bounds; the claim’s exactness wins over the field’s', () => {
    let calls = 0;
    const o = run((k) => {
      k.trace((bounds) => (calls++, { n: bounds.length, at: worstAt(bounds) }));
      k.bound('x', 1, 2, { at: 4 });
      k.bound('y', 3, 2, { at: 9 });
    });
    expect(calls).toBe(1);
    expect(o.trace).toEqual({ n: 2, at: 9 });
    const mine = { exact: false, precision: 60, errorEstimate: '1e-50' };
    expect(runInField(rational(), 'exact', reference, (k) => k.exactness(mine)).exactness).toEqual(mine);
    expect(run((k) => k.exactness(mine)).exactness).toEqual(mine);
  });

  it('the field’s own verdict: an inexact Q run is inconclusive (the claim’s reason first) and never reports exactness', () => {
    const inexact = (k: Ctx<unknown>) => void k.F.sqrt(k.F.of(2));
    expect(runInField(rational(), 'exact', reference, inexact)).toEqual({ bounds: [], inconclusive: '1 inexact √ in Q' });
    expect(runInField(rational(), 'exact', reference, (k) => (inexact(k), k.inconclusive('mine'))).inconclusive).toBe('mine');
    expect(runInField(rational(), 'exact', reference, (k) => k.bound('x', 1, 1)).exactness).toMatchObject({ exact: true });
  });
});

describe('defineClaim', () => {
  type C = { x: number };
  const spec = (o: Partial<ClaimSpec<C>> = {}): ClaimSpec<C> => ({
    id: 'toy.k',
    title: 't',
    source: { paper: 'toy', where: 'here', equations: [] },
    provenance: 'quoted',
    statement: 'x ≤ 1',
    hypotheses: [hyp.real('x', 'x ∈ [0, 1]', 0, 1)],
    modes: { float: float64Field, exact: rational() },
    cases: { quick: { float: 5, exact: 5 }, default: { float: 5, exact: 5 }, deep: { float: 5, exact: 5 } },
    generate: () => fc.integer({ min: 0, max: 4 }).map((n) => ({ x: n / 4 })),
    check(c, k) {
      k.bound('x ≤ 1', c.x, 1);
      k.bin('mode', k.mode);
      k.bin('field', k.exact ? 'Q' : 'rounded');
    },
    ...o,
  });

  it('hyp constructors: the domains as declared, closed both ways by default, necessary only when said', () => {
    expect(hyp.real('ρ', 't', 0.5, 1)).toEqual({ name: 'ρ', text: 't', domain: { kind: 'real', min: 0.5, max: 1, closed: 'both' } });
    expect(hyp.real('ρ', 't', 0.5, 1, { closed: 'left', scale: 'log', necessary: true })).toEqual({ name: 'ρ', text: 't', domain: { kind: 'real', min: 0.5, max: 1, closed: 'left', scale: 'log' }, necessary: true });
    expect(hyp.int('d', 't', 1, 5)).toEqual({ name: 'd', text: 't', domain: { kind: 'int', min: 1, max: 5 } });
    expect(hyp.int('d', 't', 1, 5, { necessary: true }).necessary).toBe(true);
    expect(hyp.choice('s', 't', ['a', 2])).toEqual({ name: 's', text: 't', domain: { kind: 'choice', values: ['a', 2] } });
    expect(hyp.choice('s', 't', ['a'], { necessary: true }).necessary).toBe(true);
    expect(hyp.structure('w', 't')).toEqual({ name: 'w', text: 't', domain: { kind: 'structure' } });
    expect(hyp.structure('w', 't', { necessary: true }).necessary).toBe(true);
    expect(hyp.real('x', 't', 0, 1, { necessary: false })).not.toHaveProperty('necessary');
  });

  it('runsFor: one number for all profiles, or per profile with default as the fallback', () => {
    expect(runsFor(7, 'deep')).toBe(7);
    expect(runsFor({ quick: 1, default: 2 }, 'quick')).toBe(1);
    expect(runsFor({ quick: 1, default: 2 }, 'deep')).toBe(2);
    expect(runsFor({ quick: 0, default: 2 }, 'quick')).toBe(0);
    expect(() => runsFor({ quick: 1 }, 'deep')).toThrow('no run count for profile deep');
  });

  it('carries the spec into the engine’s Claim: modes in order, fields, confirm field, optional parts only when given', () => {
    const c = defineClaim(spec());
    expect(c).toMatchObject({ id: 'toy.k', title: 't', provenance: 'quoted', statement: 'x ≤ 1', modes: ['float', 'exact'], fields: { float: 'float64', exact: 'Q' }, confirmField: 'Q' });
    for (const k of ['probabilistic', 'binSpace', 'branchSpace', 'deepOnly', 'mayBeInconclusive', 'search', 'fromJSON']) expect(c, k).not.toHaveProperty(k);
    const fromJSON = (v: unknown) => v as C;
    const search = { params: (x: C) => [x.x], withParams: (_: C, [x]: readonly number[]) => ({ x: x! }) };
    const full = defineClaim(spec({ bins: { mode: ['float', 'exact'] }, branches: ['b'], deepOnly: { mode: { bins: ['exact'], why: 'cost' } }, mayBeInconclusive: 'why', search, fromJSON }));
    expect(full).toMatchObject({ binSpace: { mode: ['float', 'exact'] }, branchSpace: ['b'], deepOnly: { mode: { bins: ['exact'], why: 'cost' } }, mayBeInconclusive: 'why' });
    expect(full.search).toBe(search);
    // a probabilistic claim gets no search (test/claims/search-spaces.test.ts), its reason instead
    const prob = defineClaim(spec({ probabilistic: { maxFailureRate: 0.01, alpha: 1e-6 }, noSearch: 'a failure rate: the engine runs no search' }));
    expect(prob).toMatchObject({ probabilistic: { maxFailureRate: 0.01, alpha: 1e-6 }, noSearch: 'a failure rate: the engine runs no search' });
    expect(full.fromJSON).toBe(fromJSON);
    const floatOnly = defineClaim(spec({ modes: { float: float64Field } }));
    expect(floatOnly.confirm).toBeUndefined();
    expect(floatOnly.confirmField).toBeUndefined();
  });

  it('dispatches the check to the field of the context’s mode, the confirm to the confirm field in exact mode', () => {
    const c = defineClaim(spec({ confirm: decimal(40) }));
    expect(c.check({ x: 0.5 }, { mode: 'float', impl: reference }).bins).toEqual({ mode: 'float', field: 'rounded' });
    expect(c.check({ x: 0.5 }, { mode: 'exact', impl: reference }).bins).toEqual({ mode: 'exact', field: 'Q' });
    expect(c.confirm!({ x: 0.5 }, { mode: 'float', impl: reference }).bins).toEqual({ mode: 'exact', field: 'rounded' });
    expect(c.confirmField).toBe('decimal(40)');
    // a weakening in the context reaches the kit
    expect(c.check({ x: 1.2 }, { mode: 'float', impl: reference, weaken: { kind: 'loosen', factor: 1.5 } }).bounds[0]!.holds).toBe(true);
    expect(c.confirm!({ x: 1.2 }, { mode: 'exact', impl: reference, weaken: { kind: 'loosen', factor: 1.5 } }).bounds[0]!.holds).toBe(true);
    // a float-only claim replays a pinned exact case in its confirm field, and refuses exact without one
    const f = defineClaim(spec({ modes: { float: float64Field }, confirm: decimal(40) }));
    expect(f.check({ x: 0.5 }, { mode: 'exact', impl: reference }).bins).toEqual({ mode: 'exact', field: 'rounded' });
    expect(() => defineClaim(spec({ modes: { float: float64Field } })).check({ x: 0.5 }, { mode: 'exact', impl: reference })).toThrow('toy.k does not run in exact mode and has no confirm field');
    expect(() => defineClaim(spec({ modes: { exact: rational() } })).check({ x: 0.5 }, { mode: 'float', impl: reference })).toThrow('toy.k does not run in float mode and has no confirm field');
    // arbitrary forwards mode and profile (default profile 'default')
    const seen: unknown[] = [];
    const g = defineClaim(spec({ generate: (m, p) => (seen.push([m, p]), fc.constant({ x: 0 })) }));
    g.arbitrary('exact', 'deep');
    g.arbitrary('float');
    expect(seen).toEqual([['exact', 'deep'], ['float', 'default']]);
  });

  it('refuses an unknown mode and a deep-only bin that is not declared', () => {
    expect(() => defineClaim(spec({ modes: { bogus: float64Field } as never }))).toThrow("toy.k: unknown mode 'bogus' (float or exact)");
    expect(() => defineClaim(spec({ bins: { κ: ['a'] }, deepOnly: { κ: { bins: ['b'], why: '' } } }))).toThrow("toy.k: deep-only bin 'κ: b' is not a declared bin");
    expect(() => defineClaim(spec({ deepOnly: { κ: { bins: ['b'], why: '' } } }))).toThrow(/deep-only bin/);
    expect(() => defineClaim(spec({ bins: { d: ['b'] }, deepOnly: { κ: { bins: ['b'], why: '' } } }))).toThrow("toy.k: deep-only bin 'κ: b' is not a declared bin");
    expect(() => defineClaim(spec({ hypotheses: [hyp.real('x', '', 0, 1), hyp.int('n', '', 1, 2)], probes: [probe({ id: 'p', hypothesis: 'y', drops: 'y', runs: 1 })] }))).toThrow("toy.k: probe 'p' drops 'y', which is not a declared hypothesis (x, n)");
    expect(defineClaim(spec()).probes).toEqual([]);
    // deep-only proof branches must be declared branches, and are carried into the Claim
    expect(() => defineClaim(spec({ branches: ['a'], deepOnlyBranches: { branches: ['b'], why: 'cost' } }))).toThrow("toy.k: deep-only branch 'b' is not a declared branch");
    expect(() => defineClaim(spec({ deepOnlyBranches: { branches: ['b'], why: 'cost' } }))).toThrow(RangeError);
    expect(defineClaim(spec({ branches: ['a', 'b'], deepOnlyBranches: { branches: ['b'], why: 'cost' } })).deepOnlyBranches).toEqual({ branches: ['b'], why: 'cost' });
    expect(defineClaim(spec())).not.toHaveProperty('deepOnlyBranches');
    expect(() => defineClaim(spec({ bins: { κ: ['a', 'b'] }, deepOnly: { κ: { bins: ['b'], why: '' } } }))).not.toThrow();
    expect(() => defineClaim(spec({ probes: [probe({ id: 'p', hypothesis: 'x', drops: 'x', runs: 1 })] }))).not.toThrow();
    expect(() => defineClaim(spec({ probes: [probe({ id: 'p', hypothesis: 'y', drops: 'y', runs: 1 })] }))).toThrow("toy.k: probe 'p' drops 'y', which is not a declared hypothesis (x)");
  });

  it('a search probe: its cases (an arbitrary, one per profile, or the claim’s own), its mode’s field, its impl, its runs and name', () => {
    const ctx = { seed: 3, profile: 'quick' as const, impl: reference };
    const above = fc.constant({ x: 2 });
    const withArb = defineClaim(spec({ probes: [probe({ id: 'a', hypothesis: 'x', drops: 'x ≤ 1', cases: above, runs: { quick: 4, default: 9 } })] }));
    expect(withArb.probes[0]!.run(ctx)).toMatchObject({ found: true, tried: 4, broke: 4, witness: { x: 2 } });
    expect(withArb.probes[0]).toMatchObject({ id: 'a', drops: 'x ≤ 1', hypothesis: 'x' });
    expect(withArb.probes[0]!.run({ ...ctx, profile: 'deep' })).toMatchObject({ tried: 9 });
    const profiles: string[] = [];
    const perProfile = defineClaim(spec({ probes: [probe({ id: 'b', drops: 'd', cases: (p) => (profiles.push(p), above), runs: 3, what: 'the toy bound' })] }));
    expect(perProfile.probes[0]!.run({ ...ctx, profile: 'deep' }).summary).toMatch(/^3 of 3 cases broke the toy bound/);
    expect(profiles).toEqual(['deep']);
    expect(perProfile.probes[0]).not.toHaveProperty('hypothesis');
    // the claim's own generator holds: nothing found, named by the claim id
    const own = defineClaim(spec({ probes: [probe({ id: 'c', drops: 'nothing', runs: 5 })] }));
    expect(own.probes[0]!.run(ctx)).toMatchObject({ found: false, summary: 'no case of 5 broke toy.k' });
    // the probe's mode picks the field: exact → Q, where x = 1 + 2^-60 fails, which float64 rounds to 1
    const tiny = { x: 1 + 2 ** -60 };
    const inQ = defineClaim(spec({ check: (c, k) => void k.bound('x ≤ 1', k.F.add(k.F.one, k.F.of(2 ** -60)), 1 + 0 * c.x), probes: [probe({ id: 'e', drops: 'd', cases: fc.constant(tiny), runs: 1, mode: 'exact' }), probe({ id: 'f', drops: 'd', cases: fc.constant(tiny), runs: 1 })] }));
    expect(inQ.probes.map((p) => p.run(ctx).found)).toEqual([true, false]);
    // a broken implementation in the probe replaces the context's
    let used: Impl | undefined;
    const broken = { ...reference, name: 'broken' } as Impl;
    const withImpl = defineClaim(spec({ check: (c, k) => ((used = k.impl), void k.bound('x ≤ 1', c.x, 1)), probes: [probe({ id: 'g', drops: 'd', cases: above, runs: 1, impl: broken }), probe({ id: 'h', drops: 'd', cases: above, runs: 1 })] }));
    withImpl.probes[0]!.run(ctx);
    expect(used).toBe(broken);
    withImpl.probes[1]!.run(ctx);
    expect(used).toBe(reference);
  });

  it('a custom probe runs itself, with its fields copied', () => {
    const run = () => ({ found: true, summary: 'custom' });
    const c = defineClaim(spec({ probes: [{ id: 'cu', drops: 'd', hypothesis: 'x', run }, { id: 'cv', drops: 'e', run }] }));
    expect(c.probes[0]).toEqual({ id: 'cu', drops: 'd', hypothesis: 'x', run });
    expect(c.probes[1]).toEqual({ id: 'cv', drops: 'e', run });
  });

  it('the engine runs a defined claim in both fields', () => {
    const r = runClaim(defineClaim(spec({ bins: { mode: ['float', 'exact'], field: ['Q', 'rounded'] } })), { profile: 'quick' });
    expect(r.verdict).toBe('holds');
    expect(r.unreached.bins).toEqual({});
  });
});
