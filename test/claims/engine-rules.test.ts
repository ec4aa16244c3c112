import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, runClaim, seedFor, TIME_LIMIT_MS, type ProgressEvent } from '../../src/claims/engine.ts';
import type { Erratum } from '../../src/claims/errata.ts';
import type { CaseOutcome, CheckContext, Claim } from '../../src/claims/types.ts';
import { reference, type Impl } from '../../src/impl/impl.ts';

/*
 * runClaim's own rules, on toy claims (engine.test.ts reaches each verdict path; this file pins what the result
 * carries): the options' defaults, which modes and cases run, what reaches the check (implementation, weakening),
 * the target phase's place, the counterexample's record in each mode, a probabilistic claim's witness, the coverage
 * lists with deep-only bins, the progress events and the optional fields of the result.
 */

type X = { x: number };
const atMost = (limit: number) => (c: X): CaseOutcome => ({ bounds: [{ name: '(x)', lhs: c.x, rhs: limit, holds: c.x <= limit }] });

function toy(overrides: Partial<Claim<X>> = {}): Claim<X> {
  return {
    id: 'T.rules',
    title: 'toy rules',
    source: { paper: 'toy', where: 'test', equations: ['(x)'] },
    provenance: 'reconstructed',
    statement: 'x ≤ 100',
    hypotheses: [{ name: 'x', text: 'x ∈ [0, 100]', domain: { kind: 'int', min: 0, max: 100 } }],
    modes: ['float', 'exact'],
    cases: { quick: { float: 7, exact: 5 }, default: { float: 11, exact: 9 }, deep: { float: 13, exact: 3 } },
    arbitrary: () => fc.integer({ min: 0, max: 100 }).map((x) => ({ x })),
    check: atMost(100),
    probes: [],
    ...overrides,
  };
}

describe('runClaim: options and what runs', () => {
  it('defaults: the default profile and seed, every mode of the claim, its case counts; the time limits per profile', () => {
    expect(DEFAULT_SEED).toBe(20260123);
    expect(TIME_LIMIT_MS).toEqual({ quick: 15_000, default: 60_000, deep: 3_600_000 });
    const r = runClaim(toy());
    expect([r.profile, r.seed, r.impl]).toEqual(['default', DEFAULT_SEED, reference.name]);
    expect(r.modes.map((m) => [m.mode, m.requestedCases, m.cases, m.seed])).toEqual([
      ['float', 11, 11, seedFor(DEFAULT_SEED, 'T.rules', 'float')],
      ['exact', 9, 9, seedFor(DEFAULT_SEED, 'T.rules', 'exact')],
    ]);
    expect(runClaim(toy(), { profile: 'deep', seed: 4 }).modes.map((m) => [m.requestedCases, m.seed])).toEqual([[13, seedFor(4, 'T.rules', 'float')], [3, seedFor(4, 'T.rules', 'exact')]]);
    expect(runClaim(toy(), { numRuns: 2 }).modes.map((m) => m.cases)).toEqual([2, 2]);
    expect(runClaim(toy(), { modes: ['exact'] }).modes.map((m) => m.mode)).toEqual(['exact']);
    expect(runClaim(toy(), { modes: [] })).toMatchObject({ verdict: 'inconclusive', modes: [] });
  });

  it('a mode without a case count requests none and is inconclusive', () => {
    const r = runClaim(toy({ cases: { quick: { float: 3 }, default: { float: 3 }, deep: { float: 3 } } }), { profile: 'quick' });
    expect(r.modes.map((m) => [m.mode, m.requestedCases, m.verdict])).toEqual([['float', 3, 'holds'], ['exact', 0, 'inconclusive']]);
  });

  it('the check gets the mode, the implementation and the planted loosening; a dropped bin reaches the generate phase', () => {
    const seen: CheckContext[] = [];
    const impl = { ...reference, name: 'planted' } as Impl;
    const r = runClaim(toy({ check: (c, ctx) => (seen.push(ctx), atMost(100)(c)) }), { profile: 'quick', impl, weaken: { kind: 'loosen', factor: 2 } });
    expect(r.impl).toBe('planted');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.impl === impl && s.weaken?.kind === 'loosen')).toBe(true);
    expect(new Set(seen.map((s) => s.mode))).toEqual(new Set(['float', 'exact']));
    seen.length = 0;
    runClaim(toy({ check: (c, ctx) => (seen.push(ctx), atMost(100)(c)) }), { profile: 'quick' });
    expect(seen.every((s) => !('weaken' in s))).toBe(true);
    const binned = toy({ check: (c) => ({ ...atMost(100)(c), bins: { half: c.x < 50 ? 'low' : 'high' } }), binSpace: { half: ['low', 'high'] } });
    const dropped = runClaim(binned, { weaken: { kind: 'drop-bin', axis: 'half', bin: 'low' } });
    expect(dropped.unreached.bins).toEqual({ half: ['low'] });
    expect(dropped.modes.every((m) => m.bins.half?.low === undefined)).toBe(true);
    // a loosening is no dropped bin
    expect(runClaim(binned, { weaken: { kind: 'loosen', factor: 2 } }).unreached.bins).toEqual({});
  });

  it('progress: one event per replayed batch (when there is one) and per mode, with its verdict', () => {
    const events: ProgressEvent[] = [];
    runClaim(toy(), { profile: 'quick', onProgress: (e) => events.push(e) });
    expect(events.map((e) => e.kind)).toEqual(['mode', 'mode']);
    expect(events[0]).toMatchObject({ kind: 'mode', claim: 'T.rules', mode: 'float', verdict: 'holds', reason: { code: 'held', cases: 7 } });
    events.length = 0;
    runClaim(toy(), { profile: 'quick', modes: ['exact'], onProgress: (e) => events.push(e), regressions: [{ mode: 'exact', note: 'n', expect: 'holds', value: { x: 1 } }, { mode: 'exact', note: 'm', expect: 'holds', value: { x: 2 } }] });
    expect(events[0]).toEqual({ kind: 'replayed', claim: 'T.rules', count: 2 });
    expect(events.map((e) => e.kind)).toEqual(['replayed', 'mode']);
  });

  it('probes run unless switched off or the run was stopped', () => {
    let runs = 0;
    const claim = toy({ probes: [{ id: 'p', drops: 'd', run: () => (runs++, { found: true, summary: 's' }) }] });
    expect(runClaim(claim, { profile: 'quick' }).probes).toHaveLength(1);
    expect(runClaim(claim, { profile: 'quick', probes: false }).probes).toEqual([]);
    expect(runClaim(claim, { profile: 'quick', shouldStop: () => true }).probes).toEqual([]);
    expect(runs).toBe(1);
    // the probes get the run's seed
    let seed = -1;
    runClaim(toy({ probes: [{ id: 'q', drops: 'd', run: (c) => ((seed = c.seed), { found: true, summary: '' }) }] }), { profile: 'quick', seed: 9 });
    expect(seed).toBe(seedFor(9, 'T.rules', 'probe:q'));
  });

  it('a stop signal makes every mode inconclusive (cut short), never holds', () => {
    const r = runClaim(toy(), { profile: 'quick', shouldStop: () => true });
    expect(r.verdict).toBe('inconclusive');
    expect(r.modes.every((m) => m.interrupted && m.reason.code === 'cut-short')).toBe(true);
  });
});

describe('runClaim: the result', () => {
  it('carries the claim’s description, and its optional parts only when the claim has them', () => {
    const r = runClaim(toy(), { profile: 'quick' });
    expect(r).toMatchObject({ id: 'T.rules', title: 'toy rules', provenance: 'reconstructed', source: { paper: 'toy', where: 'test', equations: ['(x)'] }, statement: 'x ≤ 100', verdict: 'holds' });
    expect(r.hypotheses).toHaveLength(1);
    for (const k of ['probabilistic', 'mayBeInconclusive', 'binSpace', 'deepOnly']) expect(r, k).not.toHaveProperty(k);
    for (const m of r.modes) for (const k of ['firstInconclusive', 'firstSkipped', 'exactness', 'counterexample', 'binomial', 'search']) expect(m, k).not.toHaveProperty(k);
    expect(r.timeMs).toBeGreaterThanOrEqual(0);
    expect(r.timeMs).toBeLessThan(3_600_000);
    expect(r.modes.every((m) => m.timeMs >= 0 && m.timeMs < 3_600_000 && m.interrupted === false)).toBe(true);
    expect(r.unreached).toEqual({ bins: {}, branches: [] });
    const full = runClaim(toy({ mayBeInconclusive: 'why', binSpace: { a: ['x'] }, deepOnly: { a: { bins: ['x'], why: 'cost' } } }), { profile: 'quick' });
    expect(full).toMatchObject({ mayBeInconclusive: 'why', binSpace: { a: ['x'] }, deepOnly: { a: { bins: ['x'], why: 'cost' } } });
  });

  it('coverage: unreached bins per axis, deep-only bins excused outside deep, unreached branches', () => {
    const claim = toy({
      check: (c) => ({ ...atMost(100)(c), bins: { half: c.x < 50 ? 'low' : 'high' }, branches: ['b'] }),
      binSpace: { half: ['low', 'high', 'never', 'rare'], other: ['o'] },
      deepOnly: { half: { bins: ['rare'], why: 'cost' } },
      branchSpace: ['b', 'c'],
    });
    expect(runClaim(claim).unreached).toEqual({ bins: { half: ['never'], other: ['o'] }, branches: ['c'] });
    expect(runClaim(claim, { profile: 'deep' }).unreached).toEqual({ bins: { half: ['never', 'rare'], other: ['o'] }, branches: ['c'] });
    // a bin reached in one mode only is reached
    const oneMode = toy({ check: (c, ctx) => ({ ...atMost(100)(c), bins: { mode: ctx.mode } }), binSpace: { mode: ['float', 'exact'] } });
    expect(runClaim(oneMode).unreached.bins).toEqual({});
    expect(runClaim(oneMode, { modes: ['float'] }).unreached.bins).toEqual({ mode: ['exact'] });
    // likewise a branch exercised in one mode only
    const branchInOne = toy({ check: (c, ctx) => ({ ...atMost(100)(c), branches: [ctx.mode] }), branchSpace: ['float', 'exact'] });
    expect(runClaim(branchInOne).unreached.branches).toEqual([]);
    expect(runClaim(branchInOne, { modes: ['exact'] }).unreached.branches).toEqual(['float']);
    // deep-only branches are excused outside deep, asked of deep, and carried into the result
    const deepBranch = toy({ check: (c) => ({ ...atMost(100)(c), branches: ['b'] }), branchSpace: ['b', 'rare', 'never'], deepOnlyBranches: { branches: ['rare'], why: 'cost' } });
    const d = runClaim(deepBranch);
    expect(d.unreached.branches).toEqual(['never']);
    expect(d.deepOnlyBranches).toEqual({ branches: ['rare'], why: 'cost' });
    expect(runClaim(deepBranch, { profile: 'deep' }).unreached.branches).toEqual(['rare', 'never']);
    expect(runClaim(toy(), { profile: 'quick' })).not.toHaveProperty('deepOnlyBranches');
  });

  it('the judge hears the first inconclusive and the first skipped case’s reasons', () => {
    const inc = runClaim(toy({ modes: ['exact'], check: (c) => (c.x % 2 ? { bounds: [], inconclusive: `odd ${c.x}` } : atMost(100)(c)) }));
    expect(inc.modes[0]!.reason).toMatchObject({ code: 'inconclusive-cases', first: inc.modes[0]!.firstInconclusive!.reason });
    expect(inc.modes[0]!.firstInconclusive!.reason).toMatch(/^odd \d+$/);
    const skip = runClaim(toy({ modes: ['exact'], check: (c) => ({ ...atMost(100)(c), ...(c.x % 2 ? { outsideHypotheses: `odd ${c.x}` } : {}) }) }));
    expect(skip.modes[0]!.reason).toMatchObject({ code: 'held', firstSkipped: skip.modes[0]!.firstSkipped!.reason });
  });

  it('a float failure with no exact path: the judge gives the confirmation’s note', () => {
    const r = runClaim(toy({ modes: ['float'], check: atMost(50) }));
    expect(r.modes[0]!.reason).toEqual({ code: 'unconfirmed', note: 'T.rules has no exact path; a float failure stays inconclusive' });
  });

  it('exactness is reported when cases state it, with the largest error estimate', () => {
    const unproven = runClaim(toy({ modes: ['exact'], check: (c) => ({ ...atMost(100)(c), exactness: { exact: false, precision: 40, errorEstimate: '1e-40' } }) }));
    expect(unproven.modes[0]!.exactness).toEqual({ proven: 0, unproven: 9, maxErrorEstimate: '1e-40' });
    const r = runClaim(toy({ modes: ['exact'], check: (c) => ({ ...atMost(100)(c), exactness: c.x % 2 ? { exact: true, precision: 0, errorEstimate: '0' } : { exact: false, precision: 40, errorEstimate: `${c.x}e-40` } }) }));
    const e = r.modes[0]!.exactness!;
    expect(e.proven + e.unproven).toBe(9);
    expect(e.proven).toBeGreaterThan(0);
    expect(e.unproven).toBeGreaterThan(0);
    expect(Number(e.maxErrorEstimate)).toBeGreaterThan(0);
  });
});

describe('runClaim: counterexamples', () => {
  const erratum: Erratum = { id: 'E.x', claim: 'T.rules', bound: '(x)', kind: 'paper', explanation: '', witness: null, evidence: '' };

  it('in exact mode: found in exact mode, shrunk, with its seed, path, outcome and erratum', () => {
    const r = runClaim(toy({ modes: ['exact'], check: atMost(50) }), { errata: [erratum] });
    const ce = r.modes[0]!.counterexample!;
    expect(ce).toMatchObject({ claim: 'T.rules', mode: 'exact', seed: seedFor(DEFAULT_SEED, 'T.rules', 'exact'), value: { x: 51 }, erratum: 'E.x', confirmation: { verdict: 'confirmed', note: 'found in exact mode' } });
    expect(ce.numShrinks).toBeGreaterThan(0);
    expect(ce.path).toMatch(/^\d+(:\d+)*$/);
    expect(ce.outcome).toEqual(atMost(50)({ x: 51 }));
    expect(ce.failedBounds).toEqual([{ name: '(x)', lhs: 51, rhs: 50, holds: false }]);
    expect(ce).not.toHaveProperty('error');
    expect(r.modes[0]!.reason).toEqual({ code: 'violated', bounds: ce.failedBounds, confirmedInExact: false, erratum: 'E.x' });
    expect(r.verdict).toBe('violated (known erratum)');
    expect(runClaim(toy({ modes: ['exact'], check: atMost(50) })).modes[0]!.counterexample).not.toHaveProperty('erratum');
  });

  it('in float mode: confirmed by the exact re-check (with the planted weakening), reported as confirmed in exact', () => {
    const r = runClaim(toy({ check: atMost(50) }), { modes: ['float'] });
    expect(r.modes[0]!.counterexample!.confirmation).toMatchObject({ verdict: 'confirmed' });
    expect(r.modes[0]!.reason).toMatchObject({ code: 'violated', confirmedInExact: true });
    // the loosening that makes float pass nothing and exact refute: exact must see the same loosening
    const seen: (string | undefined)[] = [];
    const claim = toy({ check: (c, ctx) => (seen.push(ctx.weaken?.kind), { bounds: [{ name: '(x)', lhs: c.x, rhs: 50, holds: c.x <= 50 }] }) });
    runClaim(claim, { modes: ['float'], weaken: { kind: 'loosen', factor: 3 } });
    expect(seen.every((k) => k === 'loosen')).toBe(true);
  });

  it('a check that throws: the error recorded, confirmed without a re-check, no outcome', () => {
    const r = runClaim(toy({ modes: ['float'], check: (c) => { if (c.x > 60) throw new TypeError('bad'); return atMost(100)(c); } }));
    const ce = r.modes[0]!.counterexample!;
    expect(ce.error).toBe('TypeError: bad');
    expect(ce).not.toHaveProperty('outcome');
    expect(ce.failedBounds).toEqual([]);
    expect(ce.confirmation).toEqual({ verdict: 'confirmed', note: 'the check threw: a defect either way' });
    expect(ce.value).toEqual({ x: 61 });
    expect(r.modes[0]!.reason).toEqual({ code: 'check-threw', error: 'TypeError: bad' });
  });

  it('the target phase climbs after the random cases (default profile), and not after a failure', () => {
    const search = { params: (c: X) => [c.x], withParams: (_: X, [x]: readonly number[]) => (x! >= 0 && x! <= 100 ? { x: x! } : undefined) };
    const r = runClaim(toy({ modes: ['exact'], arbitrary: () => fc.integer({ min: 0, max: 30 }).map((x) => ({ x })), search }));
    const s = r.modes[0]!.search!;
    expect(s.evaluations).toBeGreaterThan(0);
    expect(s.bounds[0]!.to).toBeGreaterThan(s.bounds[0]!.from);
    expect(s).not.toHaveProperty('foundViolation');
    expect(r.modes[0]!.slack[0]!.max).toBe(s.bounds[0]!.to);
    expect(r.modes[0]!.slack[0]!.searched).toBe(true);
    // quick: no budget, no search record
    expect(runClaim(toy({ modes: ['exact'], search }), { profile: 'quick' }).modes[0]).not.toHaveProperty('search');
    // the search finds a violation the random cases missed: it is shrunk and judged like any other
    const found = runClaim(toy({ modes: ['exact'], arbitrary: () => fc.integer({ min: 0, max: 30 }).map((x) => ({ x })), search, check: atMost(40) }));
    expect(found.verdict).toBe('violated');
    expect(found.modes[0]!.search!.foundViolation).toBe(true);
    expect((found.modes[0]!.counterexample!.value as X).x).toBeGreaterThan(40);
    expect(found.modes[0]!.counterexample).not.toHaveProperty('path');
    // after a random failure the search does not run
    let searched = 0;
    const counting = { ...search, params: (c: X) => (searched++, [c.x]) };
    runClaim(toy({ modes: ['exact'], search: counting, check: atMost(50) }));
    expect(searched).toBe(0);
    // nor for a probabilistic claim
    runClaim(toy({ modes: ['exact'], search: counting, probabilistic: { maxFailureRate: 0.5, alpha: 1e-6 } }));
    expect(searched).toBe(0);
  });
});

describe('runClaim: a probabilistic claim’s witness', () => {
  const flaky = (p: number, modes: Claim<X>['modes'], confirmHolds = false): Claim<X> =>
    toy({
      modes,
      probabilistic: { maxFailureRate: 0.01, alpha: 1e-6 },
      arbitrary: () => fc.integer({ min: 0, max: 999 }).map((x) => ({ x })),
      check: (c, ctx) => {
        const fails = c.x < 1000 * p && !(confirmHolds && ctx.mode === 'exact');
        return { bounds: [{ name: 'run', lhs: fails ? 1 : 0, rhs: 0, holds: !fails }] };
      },
    });

  it('the smallest failing run is kept; not re-checked while the rate is within the claim', () => {
    const r = runClaim(flaky(0.003, ['float', 'exact']), { numRuns: 3000, modes: ['float'] });
    const m = r.modes[0]!;
    expect(m.verdict).toBe('holds');
    expect(m.binomial!.failures).toBeGreaterThan(0);
    const ce = m.counterexample!;
    expect(ce).toMatchObject({ claim: 'T.rules', mode: 'float', numShrinks: 0, confirmation: { verdict: 'inconclusive', note: 'not re-checked: the failure rate is within the claim' } });
    expect((ce.value as X).x).toBeLessThan(3);
    expect(JSON.stringify(ce.value).length).toBeLessThanOrEqual(7);
    expect(ce.failedBounds.map((b) => b.name)).toEqual(['run']);
    expect(ce.outcome!.bounds[0]!.holds).toBe(false);
    expect(ce.seed).toBe(m.seed);
  });

  it('re-checked in exact when the test rejects: confirmed → violated, refuted → inconclusive; found in exact mode → confirmed', () => {
    const v = runClaim(flaky(0.1, ['float', 'exact']), { numRuns: 500, modes: ['float'] });
    expect(v.modes[0]!.counterexample!.confirmation.verdict).toBe('confirmed');
    expect(v.verdict).toBe('violated');
    const a = runClaim(flaky(0.1, ['float', 'exact'], true), { numRuns: 500, modes: ['float'] });
    expect(a.modes[0]!.counterexample!.confirmation.verdict).toBe('float artifact');
    expect(a.modes[0]!.reason).toMatchObject({ code: 'binomial-unconfirmed', witness: 'float artifact' });
    const e = runClaim(flaky(0.003, ['exact']), { numRuns: 3000 });
    expect(e.modes[0]!.counterexample!.confirmation).toEqual({ verdict: 'confirmed', note: 'found in exact mode' });
    expect(e.probabilistic).toEqual({ maxFailureRate: 0.01, alpha: 1e-6 });
    // no failing run: no counterexample
    expect(runClaim(flaky(0, ['exact']), { numRuns: 50 }).modes[0]).not.toHaveProperty('counterexample');
  });
});
