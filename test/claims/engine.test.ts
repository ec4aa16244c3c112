import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runClaim, seedFor, slackOf, type ClaimResult } from '../../src/claims/engine.ts';
import type { Erratum } from '../../src/claims/errata.ts';
import type { Claim, CaseOutcome, CheckContext } from '../../src/claims/types.ts';

/*
 * The engine on toy claims whose truth is known: each verdict path (holds, violated, known erratum, float artifact,
 * unconfirmable, inconclusive, cut short, probabilistic) is reached on purpose.
 */

type X = { x: number };

function toy(overrides: Partial<Claim<X>> & { check: (c: X, ctx: CheckContext) => CaseOutcome }): Claim<X> {
  return {
    id: 'T.toy',
    title: 'toy',
    source: { paper: 'A', where: 'test', equations: [] },
    provenance: 'quoted',
    statement: 'x ≤ 50',
    hypotheses: [{ name: 'x', text: 'x ∈ [0, 100]', domain: { kind: 'int', min: 0, max: 100 } }],
    modes: ['exact'],
    cases: { quick: { exact: 50, float: 50 }, default: { exact: 100, float: 100 }, deep: { exact: 1000, float: 1000 } },
    arbitrary: () => fc.integer({ min: 0, max: 100 }).map((x) => ({ x })),
    probes: [],
    ...overrides,
  };
}

const atMost = (limit: number) => (c: X): CaseOutcome => ({ bounds: [{ name: '(x)', lhs: c.x, rhs: limit, holds: c.x <= limit }] });

const withoutTiming = (r: ClaimResult): unknown => JSON.parse(JSON.stringify(r, (k, v) => (k === 'timeMs' ? undefined : v)));

describe('engine verdicts', () => {
  it('holds: every case inside the bound; slack is the largest lhs/rhs with its witness', () => {
    const r = runClaim(toy({ check: atMost(100) }), { profile: 'quick' });
    expect(r.verdict).toBe('holds');
    expect(r.modes[0]!.cases).toBe(50);
    const s = r.modes[0]!.slack[0]!;
    expect(s.max).toBe(s.lhs / 100);
    expect((s.witness as X).x).toBe(s.lhs);
  });

  it('violated: the counterexample is shrunk to the boundary and kept with seed and path', () => {
    const r = runClaim(toy({ check: atMost(50) }), { profile: 'quick' });
    expect(r.verdict).toBe('violated');
    const ce = r.modes[0]!.counterexample!;
    expect(ce.value).toEqual({ x: 51 });
    expect(ce.path).toBeTypeOf('string');
    expect(ce.failedBounds[0]!.name).toBe('(x)');
    // fast-check replays the shrunk case from seed and path in one run
    const replay = fc.check(fc.property(toy({ check: atMost(50) }).arbitrary('exact'), (c) => c.x <= 50), { seed: ce.seed, path: ce.path!, endOnFailure: true });
    expect(replay.counterexample?.[0]).toEqual({ x: 51 });
  });

  it('a recorded erratum turns the violation into "violated (known erratum)"; another bound is not covered', () => {
    const erratum: Erratum = { id: 'E1', claim: 'T.toy', bound: '(x)', kind: 'paper', explanation: 'x ≤ 50 is false', witness: { x: 51 }, evidence: 'test' };
    expect(runClaim(toy({ check: atMost(50) }), { profile: 'quick', errata: [erratum] }).verdict).toBe('violated (known erratum)');
    expect(runClaim(toy({ check: atMost(50) }), { profile: 'quick', errata: [{ ...erratum, bound: '(y)' }] }).verdict).toBe('violated');
  });

  it('a float failure that the exact re-check refutes is a float artifact: inconclusive, never holds', () => {
    const claim = toy({ modes: ['float', 'exact'], check: (c, ctx) => atMost(ctx.mode === 'float' ? 50 : 100)(c) });
    const r = runClaim(claim, { profile: 'quick', modes: ['float'] });
    expect(r.verdict).toBe('inconclusive');
    expect(r.modes[0]!.counterexample!.confirmation.verdict).toBe('float artifact');
  });

  it('a float failure confirmed in exact mode is a violation', () => {
    const r = runClaim(toy({ modes: ['float', 'exact'], check: atMost(50) }), { profile: 'quick', modes: ['float'] });
    expect(r.verdict).toBe('violated');
    expect(r.modes[0]!.counterexample!.confirmation.verdict).toBe('confirmed');
  });

  it('a float failure with no exact path stays inconclusive', () => {
    const r = runClaim(toy({ modes: ['float'], check: atMost(50) }), { profile: 'quick' });
    expect(r.verdict).toBe('inconclusive');
    expect(r.modes[0]!.counterexample!.confirmation.verdict).toBe('unavailable');
  });

  it('an inconclusive case (e.g. a non-finite run) makes the mode inconclusive', () => {
    const r = runClaim(toy({ check: (c) => (c.x === 7 ? { bounds: [], inconclusive: 'non-finite' } : atMost(100)(c)), arbitrary: () => fc.constantFrom({ x: 7 }, { x: 8 }) }), { profile: 'quick' });
    expect(r.verdict).toBe('inconclusive');
    expect(r.modes[0]!.firstInconclusive?.reason).toBe('non-finite');
  });

  it('a case outside the hypotheses (a probability-zero set hit) is skipped and reported, not counted', () => {
    const r = runClaim(toy({ check: (c) => ({ ...atMost(100)(c), ...(c.x === 7 ? { outsideHypotheses: 'hit the null set' } : {}) }), arbitrary: () => fc.constantFrom({ x: 7 }, { x: 8 }) }), { profile: 'quick' });
    const m = r.modes[0]!;
    expect(r.verdict).toBe('holds');
    expect(m.skipped).toBeGreaterThan(0);
    expect(m.cases + m.skipped).toBe(50);
    expect(m.firstSkipped?.reason).toBe('hit the null set');
  });

  it('a check that throws is a violation carrying the error', () => {
    const r = runClaim(toy({ check: (c) => { if (c.x > 90) throw new Error('boom'); return atMost(100)(c); } }), { profile: 'default' });
    expect(r.verdict).toBe('violated');
    expect(r.modes[0]!.counterexample!.error).toContain('boom');
  });

  it('a run cut short by the time limit is inconclusive, never holds', () => {
    const slow = (c: X): CaseOutcome => {
      const t = Date.now();
      while (Date.now() - t < 5) { /* busy */ }
      return atMost(100)(c);
    };
    const r = runClaim(toy({ check: slow }), { profile: 'deep', timeLimitMs: 60 });
    expect(r.modes[0]!.interrupted).toBe(true);
    expect(r.verdict).toBe('inconclusive');
  });

  it('the same seed gives the same result apart from timing; another seed other cases', () => {
    const claim = toy({ check: atMost(100) });
    expect(withoutTiming(runClaim(claim, { seed: 5 }))).toEqual(withoutTiming(runClaim(claim, { seed: 5 })));
    expect(runClaim(claim, { seed: 5 }).modes[0]!.slack).not.toEqual(runClaim(claim, { seed: 6, numRuns: 3 }).modes[0]!.slack);
    expect(seedFor(1, 'A.L2', 'float')).not.toBe(seedFor(1, 'A.L2', 'exact'));
  });

  it('bins and branches are counted and unreached ones listed', () => {
    const claim = toy({
      check: (c) => ({ ...atMost(100)(c), bins: { half: c.x < 50 ? 'low' : 'high' }, branches: [c.x % 2 === 0 ? 'even' : 'odd'] }),
      binSpace: { half: ['low', 'high', 'never'] },
      branchSpace: ['even', 'odd', 'unreachable'],
    });
    const r = runClaim(claim, { profile: 'default' });
    const m = r.modes[0]!;
    expect((m.bins.half!.low ?? 0) + (m.bins.half!.high ?? 0)).toBe(m.cases);
    expect(r.unreached).toEqual({ bins: { half: ['never'] }, branches: ['unreachable'] });
  });
});

describe('probabilistic claims: the binomial test decides', () => {
  // A case fails with probability p (x < 1000p of x uniform in [0, 999]).
  const flaky = (p: number): Claim<X> =>
    toy({
      modes: ['exact'],
      probabilistic: { maxFailureRate: 0.01, alpha: 1e-6 },
      arbitrary: () => fc.integer({ min: 0, max: 999 }).map((x) => ({ x })),
      check: (c) => ({ bounds: [{ name: 'run', lhs: c.x < 1000 * p ? 1 : 0, rhs: 0, holds: c.x >= 1000 * p }] }),
    });

  it('a failure rate well below 1 % holds and reports n, failures and the bound', () => {
    const r = runClaim(flaky(0.002), { numRuns: 2000 });
    expect(r.verdict).toBe('holds');
    const b = r.modes[0]!.binomial!;
    expect(b.n).toBe(2000);
    expect(b.bound).toBe(0.01);
    expect(b.failures).toBeLessThan(b.criticalFailures);
  });

  it('a failure rate of 10 % is rejected', () => {
    const r = runClaim(flaky(0.1), { numRuns: 2000 });
    expect(r.verdict).toBe('violated');
    expect(r.modes[0]!.binomial!.rejected).toBe(true);
    expect(r.modes[0]!.counterexample).toBeDefined();
  });
});

describe('pinned regressions and probes', () => {
  it('a pinned case is replayed first: one that fails makes the claim violated', () => {
    const r = runClaim(toy({ check: atMost(100), arbitrary: () => fc.integer({ min: 0, max: 100 }).map((x) => ({ x })) }), {
      profile: 'quick',
      regressions: [{ mode: 'exact', note: 'x = 101 from a bug report', expect: 'holds', value: { x: 101 } }],
    });
    expect(r.regressions[0]!.status).toBe('violated');
    expect(r.verdict).toBe('violated');
  });

  it('a probe that throws is recorded as not found, with the error', () => {
    const r = runClaim(toy({ check: atMost(100), probes: [{ id: 'p', drops: 'nothing', run: () => { throw new Error('probe broke'); } }] }), { profile: 'quick' });
    expect(r.probes[0]!.found).toBe(false);
    expect(r.probes[0]!.error).toContain('probe broke');
  });

  it('slack of a bound: lhs/rhs, 0 for 0 ≤ 0, Infinity for a positive lhs over 0', () => {
    expect(slackOf({ lhs: 1, rhs: 4 })).toBe(0.25);
    expect(slackOf({ lhs: 0, rhs: 0 })).toBe(0);
    expect(slackOf({ lhs: 1e-300, rhs: 0 })).toBe(Infinity);
  });
});
