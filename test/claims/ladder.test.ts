import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runClaim } from '../../src/claims/engine.ts';
import { decimal, defineClaim, float64Field, rational, type Ctx, type FieldSpec } from '../../src/claims/kit/index.ts';
import { climbCase, confirm, ladderRungs, rungDecision } from '../../src/claims/phases/confirm.ts';
import { reference } from '../../src/impl/impl.ts';
import { describeNearTight, describeReason } from '../../src/report/reasons.ts';
import { failureBlocks } from '../../src/report/failure.ts';
import { toReportClaim } from '../../src/report/schema.ts';

/*
 * The confirmation ladder in the engine, on toy claims whose one check runs in every rung's field through the kit:
 * a float failure decided at the double-double rung; one whose margin (1e-40) only the decimal rung resolves; a float
 * failure the ladder refutes (a float artifact, never a violation); the rung recorded in the result, the reason, the
 * report and the failure block; near-tight float cases confirmed within a budget.
 */

type X = { readonly x: number };
const B = 2 ** 53;

/**
 * A toy claim "(B + x) − B + δ ≤ r" over the field: in float64 B + x rounds (x = 3 → B + 4), in every other rung it is
 * exact. `delta` is a decimal string added in the field (1e-40 vanishes in float64 and double-double's lo holds it
 * only as a fraction of their u·|x|). tol = 4u·(|x| + |r|): the rounding of the last add and compare at the field's u.
 */
function toy(o: { id: string; rhs: number; delta?: string; confirm?: FieldSpec; exact?: FieldSpec; tol?: boolean; x?: number }) {
  return defineClaim<X>({
    id: o.id,
    title: 'toy: a float rounding of B + x',
    source: { paper: 'toy', where: 'test/claims/ladder.test.ts', equations: ['(t)'] },
    provenance: 'reconstructed',
    statement: `(2^53 + x) − 2^53${o.delta ? ` + ${o.delta}` : ''} ≤ ${o.rhs}`,
    hypotheses: [],
    modes: o.exact ? { float: float64Field, exact: o.exact } : { float: float64Field },
    ...(o.confirm ? { confirm: o.confirm } : {}),
    cases: { quick: { float: 3, exact: 3 }, default: { float: 3, exact: 3 }, deep: { float: 3, exact: 3 } },
    generate: () => fc.constant({ x: o.x ?? 3 }),
    check<T>(c: X, k: Ctx<T>) {
      const { F } = k;
      let lhs = F.sub(F.add(F.of(B), F.of(c.x)), F.of(B));
      if (o.delta) lhs = F.add(lhs, F.of(o.delta));
      k.bound('(t)', lhs, o.rhs, o.tol === false ? {} : { tol: 4 * k.u * (Math.abs(c.x) + Math.abs(o.rhs)), why: '4u·(|x| + |r|)' });
    },
    probes: [],
  });
}

const floatMode = (r: ReturnType<typeof runClaim>) => r.modes.find((m) => m.mode === 'float')!;

describe('the rungs a claim climbs', () => {
  it('double-double, decimal(50) below a top of ≥ 100 digits, then the confirm field; none without one', () => {
    const names = (c: Parameters<typeof ladderRungs>[0]) => ladderRungs(c).map((r) => `${r.rung}:${r.field.name}${r.top ? ' (top)' : ''}`);
    expect(names(toy({ id: 'q', rhs: 3, exact: rational() }))).toEqual(['double-double:double-double', 'decimal:decimal(50)', 'rational:Q (top)']);
    expect(names(toy({ id: 'd40', rhs: 3, confirm: decimal(40) }))).toEqual(['double-double:double-double', 'decimal:decimal(40) (top)']);
    expect(names(toy({ id: 'd120', rhs: 3, confirm: decimal(120) }))).toEqual(['double-double:double-double', 'decimal:decimal(50)', 'decimal:decimal(120) (top)']);
    expect(names(toy({ id: 'd100', rhs: 3, confirm: decimal(100) }))).toEqual(['double-double:double-double', 'decimal:decimal(50)', 'decimal:decimal(100) (top)']);
    expect(names(toy({ id: 'd99', rhs: 3, confirm: decimal(99) }))).toEqual(['double-double:double-double', 'decimal:decimal(99) (top)']);
    expect(names(toy({ id: 'd32', rhs: 3, confirm: decimal(32) }))).toEqual(['double-double:double-double', 'decimal:decimal(32) (top)']);
    expect(names(toy({ id: 'd31', rhs: 3, confirm: decimal(31) }))).toEqual(['decimal:decimal(31) (top)']);
    expect(names(toy({ id: 'f', rhs: 3, confirm: float64Field }))).toEqual(['float64:float64 (top)']);
    expect(names(toy({ id: 'none', rhs: 3 }))).toEqual([]);
  });

  it("a rung's decision: violated beyond tol, holds beyond tol, open within it (below the top only)", () => {
    expect(rungDecision({ bounds: [{ name: 'a', lhs: 2, rhs: 1, holds: false }] }, false).decision).toBe('violated');
    expect(rungDecision({ bounds: [{ name: 'a', lhs: 1, rhs: 2, holds: true }], open: [] }, false).decision).toBe('holds');
    expect(rungDecision({ bounds: [{ name: 'a', lhs: 1, rhs: 1, holds: true }], open: ['a'] }, false)).toEqual({ decision: undefined, note: 'within the argued error: a' });
    expect(rungDecision({ bounds: [{ name: 'a', lhs: 1, rhs: 1, holds: true }], open: ['a'] }, true).decision).toBe('holds');
    expect(rungDecision({ bounds: [{ name: 'a', lhs: 1, rhs: 2, holds: true }], inconclusive: '1 inexact √ in Q' }, false)).toEqual({ decision: undefined, note: '1 inexact √ in Q' });
    expect(rungDecision({ bounds: [] }, true).decision).toBeUndefined();
    expect(rungDecision({ bounds: [{ name: 'a', lhs: NaN, rhs: 1, holds: false }] }, true)).toEqual({ decision: undefined, note: 'a: a value is not a number' });
  });
});

describe('a float failure through the ladder, in the engine', () => {
  it('decided at the double-double rung: a real violation (margin 0.5 ≫ tol at u = 2^-101)', () => {
    // true lhs 3 > rhs 2.5; float64 gives 4 > 2.5 too
    const claim = toy({ id: 'toy.dd', rhs: 2.5, exact: rational() });
    const r = runClaim(claim, { profile: 'quick', probes: false, modes: ['float'] });
    const m = floatMode(r);
    expect(m.verdict).toBe('violated');
    const c = m.counterexample!.confirmation;
    expect(c).toMatchObject({ verdict: 'confirmed', rung: 'double-double', field: 'double-double' });
    expect(c.attempts!.map((a) => [a.field, a.decided])).toEqual([['double-double', true]]);
    expect(m.reason).toMatchObject({ code: 'violated', confirmedInExact: true, rung: 'double-double' });
    expect(describeReason(m.reason)).toMatch(/confirmed in double-double/);
    const report = toReportClaim(r);
    expect(report.modes[0]!.counterexample!.confirmation).toMatchObject({ rung: 'double-double', attempts: [{ rung: 'double-double', decided: true }] });
    const block = failureBlocks(report)[0]!;
    expect(Object.fromEntries(block.lines).verdicts).toMatch(/in double-double \(the ladder's double-double rung\): violated \(confirmed\)/);
    expect(Object.fromEntries(block.lines).ladder).toMatch(/^double-double: decided in /);
  });

  it('needs the decimal rung: a violation by 1e-40, within double-double’s argued error', () => {
    // true lhs 3 + 1e-40 > rhs 3 by 1e-40: float64 fails (4 > 3 + 4u·6), double-double's tol 4u·6 ≈ 1e-29 leaves it
    // open, decimal(50)'s 4·5e-50·6 ≈ 1e-48 decides it
    const claim = toy({ id: 'toy.dec', rhs: 3, delta: '1e-40', exact: rational() });
    const c = confirm(claim, { x: 3 }, reference);
    expect(c).toMatchObject({ verdict: 'confirmed', rung: 'decimal', field: 'decimal(50)' });
    expect(c.attempts!.map((a) => [a.field, a.decided, a.note])).toEqual([
      ['double-double', false, 'within the argued error: (t)'],
      ['decimal(50)', true, undefined],
    ]);
    const r = runClaim(claim, { profile: 'quick', probes: false, modes: ['float'] });
    expect(floatMode(r)).toMatchObject({ verdict: 'violated', reason: { code: 'violated', rung: 'decimal(50)' } });
  });

  it('a margin no rounded rung can resolve reaches the top rung (Q decides)', () => {
    // true lhs = rhs = 3: every rounded rung leaves it within its tolerance; Q decides exactly: holds
    const c = confirm(toy({ id: 'toy.tie', rhs: 3, exact: rational() }), { x: 3 }, reference);
    expect(c).toMatchObject({ verdict: 'float artifact', rung: 'rational', field: 'Q' });
    expect(c.attempts!.map((a) => a.decided)).toEqual([false, false, true]);
  });

  it('a float failure the ladder refutes is a float artifact, never a violation', () => {
    // float64: 4 > 3.5 (+ 4u·6.5); every other rung: 3 + 4u·6.5 ≤ 3.5 — decided at double-double
    const claim = toy({ id: 'toy.artifact', rhs: 3.5, confirm: decimal(40) });
    const r = runClaim(claim, { profile: 'quick', probes: false });
    const m = floatMode(r);
    expect(m.counterexample!.confirmation).toMatchObject({ verdict: 'float artifact', rung: 'double-double' });
    expect(m.verdict).toBe('inconclusive');
    expect(r.verdict).not.toMatch(/violated/);
    expect(m.reason).toEqual({ code: 'float-artifact', rung: 'double-double' });
    expect(describeReason(m.reason)).toBe('a float failure that vanishes in double-double (float artifact)');
  });

  it('a rung that throws is skipped with its reason; every rung undecided leaves the confirmation inconclusive', () => {
    const throwsBelowTop = defineClaim<X>({
      ...toySpecLike('toy.throws'),
      check<T>(c: X, k: Ctx<T>) {
        if (k.F.kind === 'double-double') throw new Error('no double-double here');
        k.bound('(t)', k.F.sub(k.F.add(k.F.of(B), k.F.of(c.x)), k.F.of(B)), 3.5, { tol: 4 * k.u * 6.5 });
      },
    });
    const c = confirm(throwsBelowTop, { x: 3 }, reference);
    expect(c).toMatchObject({ verdict: 'float artifact', rung: 'decimal', field: 'decimal(40)' });
    expect(c.attempts![0]).toMatchObject({ field: 'double-double', decided: false, note: 'threw: no double-double here' });
    const inconclusive = defineClaim<X>({ ...toySpecLike('toy.inc'), check: <T>(_c: X, k: Ctx<T>) => k.inconclusive('never decided') });
    expect(confirm(inconclusive, { x: 3 }, reference)).toMatchObject({ verdict: 'inconclusive', note: 'never decided' });
  });

  it('a check that runs its own arithmetic in a rung (its exactness record names other digits) is named in the attempt', () => {
    const own = defineClaim<X>({
      ...toySpecLike('toy.own'),
      check<T>(c: X, k: Ctx<T>) {
        if (k.F.kind !== 'float64') k.exactness({ exact: false, precision: 2 * k.F.precision, errorEstimate: '0' }); // as runMuonField: P and 2P
        k.bound('(t)', k.F.sub(k.F.add(k.F.of(B), k.F.of(c.x)), k.F.of(B)), 2.5, { tol: 4 * k.u * 5.5 });
      },
    });
    const c = confirm(own, { x: 3 }, reference);
    expect(c.attempts).toMatchObject([{ field: 'double-double', decided: true, note: 'the check ran its own arithmetic at 62 digits' }]);
    expect(c).toMatchObject({ rung: 'double-double', field: "double-double (the check's own runs at 62 digits)" });
  });

  it('a claim without a confirm field or exact mode is not climbed: unavailable, as before', () => {
    expect(confirm(toy({ id: 'toy.none', rhs: 2.5 }), { x: 3 }, reference)).toEqual({ verdict: 'unavailable', note: 'toy.none has no exact path; a float failure stays inconclusive' });
  });
});

function toySpecLike(id: string) {
  return {
    id,
    title: 'toy',
    source: { paper: 'toy', where: 'test', equations: ['(t)'] },
    provenance: 'reconstructed' as const,
    statement: 'toy',
    hypotheses: [],
    modes: { float: float64Field },
    confirm: decimal(40),
    cases: { quick: { float: 3 }, default: { float: 3 }, deep: { float: 3 } },
    generate: () => fc.constant({ x: 3 }),
    probes: [],
  };
}

describe('near-tight float cases', () => {
  /** "x·(1 − 2^-30) ≤ x": slack 1 − 9.3e-10, within 1e-6 of 1; true in every field. */
  const tight = defineClaim<X>({
    ...toySpecLike('toy.tight'),
    cases: { quick: { float: 20 }, default: { float: 20 }, deep: { float: 20 } },
    generate: () => fc.integer({ min: 1, max: 1000 }).map((x) => ({ x })),
    check<T>(c: X, k: Ctx<T>) {
      const x = k.F.of(c.x);
      k.bound('(n)', k.F.mul(x, k.F.of(1 - 2 ** -30)), x, { tol: 2 * k.u * c.x, why: 'one product' });
      k.bound('(loose)', x, k.F.mul(x, k.F.of(2)));
    },
  });

  it('are confirmed through the ladder up to the budget, the rung counted, the report and a line say so', () => {
    const r = runClaim(tight, { profile: 'quick', probes: false, nearTight: { budget: 5 } });
    const n = floatMode(r).nearTight!;
    expect(r.verdict).toBe('holds');
    expect(n).toMatchObject({ distance: 1e-6, budget: 5, confirmed: 5, holds: 5, violated: 0, undecided: 0, rungs: { 'double-double': 5 } });
    expect(n.candidates).toBeGreaterThanOrEqual(5);
    expect(n.maxSlack).toBeCloseTo(1 - 2 ** -30, 15);
    expect(toReportClaim(r).modes[0]!.nearTight).toMatchObject({ confirmed: 5, rungs: { 'double-double': 5 } });
    expect(describeNearTight(n)).toMatch(/^near-tight: 5 of \d+ cases \(slack ≥ 1 − 0.000001, budget 5\) confirmed — 5 hold \(decided by double-double 5\)$/);
  });

  it('a cap (ms of CPU time) stops it before the budget, and says so', () => {
    const n = floatMode(runClaim(tight, { profile: 'quick', probes: false, nearTight: { maxMs: -1 } })).nearTight!;
    expect(n).toMatchObject({ confirmed: 0, capped: true, maxMs: -1 });
    expect(n.candidates).toBeGreaterThan(0);
    expect(describeNearTight(n)).toMatch(/stopped by the -1 ms cap/);
    expect(floatMode(runClaim(tight, { profile: 'quick', probes: false })).nearTight!.capped).toBeUndefined();
  });

  it('the closest to 1 first, also when the kept candidates are pruned (more than 4 × budget)', () => {
    // slack 1 − 2^-30·x/1000 varies with x: the chosen case is the run's highest slack of '(n)'
    const graded = defineClaim<X>({
      ...toySpecLike('toy.graded'),
      cases: { quick: { float: 30 }, default: { float: 30 }, deep: { float: 30 } },
      generate: () => fc.integer({ min: 1, max: 1000 }).map((x) => ({ x })),
      check: <T>(c: X, k: Ctx<T>) => void k.bound('(n)', k.F.mul(k.F.of(1000), k.F.of(1 - 2 ** -30 * (c.x / 1000))), 1000),
    });
    const m = floatMode(runClaim(graded, { profile: 'quick', probes: false, nearTight: { budget: 2 } }));
    expect(m.nearTight!.candidates).toBeGreaterThan(8);
    expect(m.nearTight!.confirmed).toBe(2);
    expect(m.nearTight!.maxSlack).toBe(m.slack.find((e) => e.bound === '(n)')!.max);
  });

  it('none beyond the distance, none when turned off, none in a claim the ladder cannot climb', () => {
    expect(floatMode(runClaim(tight, { profile: 'quick', probes: false, nearTight: { distance: 1e-10 } })).nearTight).toMatchObject({ candidates: 0, confirmed: 0 });
    expect(floatMode(runClaim(tight, { profile: 'quick', probes: false, nearTight: { distance: 0 } })).nearTight).toBeUndefined();
    const noLadder = defineClaim<X>({ ...toySpecLike('toy.noladder'), confirm: undefined, check: <T>(c: X, k: Ctx<T>) => void k.bound('(n)', k.F.mul(k.F.of(c.x), k.F.of(1 - 2 ** -30)), c.x) });
    expect(floatMode(runClaim(noLadder, { profile: 'quick', probes: false })).nearTight).toBeUndefined();
  });

  it('only in float mode, and not when a variant confirms its own way (confirmFloat)', () => {
    const both = defineClaim<X>({ ...toySpecLike('toy.both'), modes: { float: float64Field, exact: rational() }, confirm: undefined, cases: { quick: { float: 5, exact: 5 }, default: { float: 5, exact: 5 }, deep: { float: 5, exact: 5 } }, check: <T>(c: X, k: Ctx<T>) => void k.bound('(n)', k.F.mul(k.F.of(c.x), k.F.of(1 - 2 ** -30)), c.x, { tol: 2 * k.u * c.x }) });
    const r = runClaim(both, { profile: 'quick', probes: false });
    expect(r.modes.find((m) => m.mode === 'exact')!.nearTight).toBeUndefined();
    expect(floatMode(r).nearTight).toMatchObject({ confirmed: 1, rungs: { 'double-double': 1 } });
    const variant = runClaim(both, { profile: 'quick', probes: false, modes: ['float'], confirmFloat: (claim, value, impl) => confirm(claim, value, impl) });
    expect(floatMode(variant).nearTight).toBeUndefined();
  });

  it('a near-tight case the ladder finds violated is reported; it is the counterexample only with violates: true', () => {
    // float64: 1 + 1e-20 = 1 ≤ 1 holds with slack 1; double-double: 1 + 1e-20 > 1 (no tolerance: compared as stated)
    const hidden = defineClaim<X>({ ...toySpecLike('toy.hidden'), check: <T>(_c: X, k: Ctx<T>) => void k.bound('(h)', k.F.add(k.F.one, k.F.of('1e-20')), 1) });
    const reported = floatMode(runClaim(hidden, { profile: 'quick', probes: false }));
    expect(reported.verdict).toBe('holds');
    expect(reported.nearTight).toMatchObject({ confirmed: 1, violated: 1, rungs: { 'double-double': 1 }, firstViolated: { value: { x: 3 }, slack: 1, rung: 'double-double', field: 'double-double' } });
    expect(reported.nearTight!.firstViolated!.failedBounds.map((b) => b.name)).toEqual(['(h)']);
    const judged = floatMode(runClaim(hidden, { profile: 'quick', probes: false, nearTight: { violates: true } }));
    expect(judged.verdict).toBe('violated');
    expect(judged.counterexample!.confirmation).toMatchObject({ verdict: 'confirmed', rung: 'double-double' });
    expect(judged.reason).toMatchObject({ code: 'violated', rung: 'double-double' });
  });
});

describe('climbCase', () => {
  it('records every attempt with its field, digits, argued error (the rung’s u) and time', () => {
    const r = climbCase(toy({ id: 'toy.attempts', rhs: 3, delta: '1e-40', exact: rational() }), { x: 3 }, reference);
    expect(r.attempts.map((a) => [a.rung, a.precision, a.maxError])).toEqual([
      ['double-double', 31, 0.5 * 10 ** -30],
      ['decimal', 50, 0.5 * 10 ** -49],
    ]);
    for (const a of r.attempts) expect(a.ms).toBeGreaterThanOrEqual(0);
  });
});
