import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Erratum } from '../../src/claims/errata.ts';
import { caseStatus, Collector, errorText, failedBounds, slackOf } from '../../src/claims/phases/collect.ts';
import { confirm } from '../../src/claims/phases/confirm.ts';
import { generate, type GenerateOptions } from '../../src/claims/phases/generate.ts';
import { runProbes } from '../../src/claims/phases/probe.ts';
import { replay } from '../../src/claims/phases/replay.ts';
import { seedFor } from '../../src/claims/phases/seed.ts';
import { shrink } from '../../src/claims/phases/shrink.ts';
import { target, TARGET_BUDGET, type SearchSpace } from '../../src/claims/phases/target.ts';
import type { Bound, CaseOutcome, CheckContext, Claim } from '../../src/claims/types.ts';
import { reference } from '../../src/impl/impl.ts';

/*
 * The engine's phases one at a time, on toy claims: what each keeps of the cases it runs (collect), how a float
 * counterexample is confirmed, how the random cases are generated and cut short, how pinned cases replay, how the
 * probes and the seeds are derived, how a failure is shrunk, and how the target phase climbs a bound's slack inside
 * the hypotheses (and hands on a violation it finds).
 */

type X = { x: number };
const b = (name: string, lhs: number, rhs: number, holds = lhs <= rhs, extra: Partial<Bound> = {}): Bound => ({ name, lhs, rhs, holds, ...extra });

function toy(overrides: Partial<Claim<X>> = {}): Claim<X> {
  return {
    id: 'T.phase',
    title: 'toy',
    source: { paper: 'toy', where: 'test', equations: [] },
    provenance: 'quoted',
    statement: 'x ≤ 50',
    hypotheses: [],
    modes: ['exact'],
    cases: { quick: { exact: 40 }, default: { exact: 40 }, deep: { exact: 40 } },
    arbitrary: () => fc.integer({ min: 0, max: 100 }).map((x) => ({ x })),
    check: (c: X): CaseOutcome => ({ bounds: [b('(x)', c.x, 50)] }),
    probes: [],
    ...overrides,
  };
}
const exactCtx: CheckContext = { mode: 'exact', impl: reference };

describe('collect', () => {
  it('slackOf: lhs/rhs; over rhs = 0, 0 when lhs ≤ 0 and ∞ otherwise', () => {
    expect(slackOf({ lhs: 3, rhs: 4 })).toBe(0.75);
    expect(slackOf({ lhs: -3, rhs: 4 })).toBe(-0.75);
    expect(slackOf({ lhs: 0, rhs: 0 })).toBe(0);
    expect(slackOf({ lhs: -1, rhs: 0 })).toBe(0);
    expect(slackOf({ lhs: 1e-300, rhs: 0 })).toBe(Infinity);
  });

  it('caseStatus: a failing bound violates even beside an inconclusive reason; no bound is inconclusive', () => {
    expect(caseStatus({ bounds: [b('a', 2, 1)], inconclusive: 'x' })).toBe('violated');
    expect(caseStatus({ bounds: [b('a', 1, 2)], inconclusive: 'x' })).toBe('inconclusive');
    expect(caseStatus({ bounds: [b('a', 1, 2)], inconclusive: '' })).toBe('inconclusive');
    expect(caseStatus({ bounds: [] })).toBe('inconclusive');
    expect(caseStatus({ bounds: [b('a', 1, 2), b('b', 0, 0)] })).toBe('holds');
    expect(failedBounds({ bounds: [b('a', 1, 2), b('b', 3, 2), b('c', 5, 2)] }).map((x) => x.name)).toEqual(['b', 'c']);
  });

  it('errorText: the name and message of an Error, else the value as a string', () => {
    expect(errorText(new RangeError('bad'))).toBe('RangeError: bad');
    expect(errorText('plain')).toBe('plain');
    expect(errorText(42)).toBe('42');
  });

  it('keeps per bound the largest lhs/rhs with its witness and tolerance (the first on a tie)', () => {
    const c = new Collector();
    c.record('a', { bounds: [b('p', 1, 4), b('q', 1, 1)] });
    c.record('b', { bounds: [b('p', 3, 4, true, { tolerance: 'argued' }), b('q', 2, 2)] });
    c.record('c', { bounds: [b('p', 2, 4)] });
    expect(c.slack.get('p')).toEqual({ bound: 'p', max: 0.75, lhs: 3, rhs: 4, witness: 'b', tolerance: 'argued' });
    expect(c.slack.get('q')).toEqual({ bound: 'q', max: 1, lhs: 1, rhs: 1, witness: 'a' });
    expect(c.cases).toBe(3);
  });

  it('a NaN slack replaces a number and then stays (a NaN bound is never hidden behind a finite one)', () => {
    const c = new Collector();
    c.record(1, { bounds: [b('p', 0.5, 1)] });
    c.record(2, { bounds: [b('p', NaN, 1, false)] });
    expect(c.slack.get('p')!.max).toBeNaN();
    expect(c.slack.get('p')!.witness).toBe(2);
    c.record(3, { bounds: [b('p', 0.9, 1)] });
    c.record(4, { bounds: [b('p', NaN, 1, false)] });
    expect(c.slack.get('p')!.witness).toBe(2);
  });

  it('a case outside the hypotheses is skipped (the first reason kept) unless one of its bounds fails', () => {
    const c = new Collector();
    c.record('s1', { bounds: [b('p', 9, 10)], outsideHypotheses: 'null set', bins: { κ: 'x' } });
    c.record('s2', { bounds: [], outsideHypotheses: 'other' });
    expect([c.cases, c.skipped]).toEqual([0, 2]);
    expect(c.firstSkipped).toEqual({ value: 's1', reason: 'null set' });
    expect(c.slack.size).toBe(0);
    expect(c.bins).toEqual({});
    c.record('v', { bounds: [b('p', 11, 10)], outsideHypotheses: 'null set' });
    expect([c.cases, c.skipped, c.failures]).toEqual([1, 2, 1]);
  });

  it('counts bins per axis, branches, exactness (largest error estimate) and inconclusive cases (first reason)', () => {
    const c = new Collector();
    c.record(1, { bounds: [b('p', 1, 2)], bins: { κ: 'lo', d: '2' }, branches: ['u', 'v'], exactness: { exact: true, precision: 0, errorEstimate: '0' } });
    c.record(2, { bounds: [b('p', 1, 2)], bins: { κ: 'lo' }, branches: ['u'], exactness: { exact: false, precision: 40, errorEstimate: '1e-30' } });
    c.record(3, { bounds: [b('p', 1, 2)], bins: { κ: 'hi' }, exactness: { exact: false, precision: 40, errorEstimate: '1e-35' } });
    c.record(4, { bounds: [], inconclusive: 'no bound stated' });
    c.record(5, { bounds: [] });
    c.record(6, { bounds: [b('p', 1, 2)], inconclusive: 'later' });
    expect(c.bins).toEqual({ κ: { lo: 2, hi: 1 }, d: { 2: 1 } });
    expect(c.branches).toEqual({ u: 2, v: 1 });
    expect([c.proven, c.unproven, c.maxError]).toEqual([1, 2, '1e-30']);
    expect(c.inconclusive).toBe(3);
    expect(c.firstInconclusive).toEqual({ value: 4, reason: 'no bound stated' });
    const d = new Collector();
    d.record(7, { bounds: [] });
    expect(d.firstInconclusive).toEqual({ value: 7, reason: 'the check returned no bound' });
    expect([d.failures, d.cases]).toEqual([0, 1]);
  });

  it('counts every failure and keeps the smallest failing case by its JSON (the first among equals)', () => {
    const c = new Collector();
    const fail = { bounds: [b('p', 2, 1)] };
    c.record({ x: 1000 }, fail);
    c.record({ x: 10 }, fail);
    c.record({ x: 20 }, fail);
    c.record({ x: 1 }, { bounds: [b('p', 0, 1)] });
    expect(c.failures).toBe(3);
    expect(c.smallestFailure).toEqual({ value: { x: 10 }, outcome: fail, size: 8 });
  });

  it('ties keep the first witness, in the random and the searched cases alike; error estimates compare by value', () => {
    const c = new Collector();
    expect(c.maxError).toBe('0');
    c.record('first', { bounds: [b('p', 1, 2)], exactness: { exact: false, precision: 40, errorEstimate: '1e-30' } });
    c.recordSlack('searched', { bounds: [b('p', 2, 4)] });
    expect(c.slack.get('p')!.witness).toBe('first');
    c.record('second', { bounds: [b('p', 1, 2)], exactness: { exact: false, precision: 40, errorEstimate: '1.0e-30' } });
    expect(c.maxError).toBe('1e-30');
    // a failing case whose value is undefined weighs nothing
    c.record(undefined, { bounds: [b('p', 3, 2)] });
    expect(c.smallestFailure).toMatchObject({ value: undefined, size: 0 });
    const d = new Collector();
    d.record({ x: 1 }, { bounds: [b('p', 1, 2)], exactness: { exact: true, precision: 0, errorEstimate: '0' } });
    expect(d.maxError).toBe('0');
  });

  it('recordSlack (a searched case) only raises the slack, marks it searched, and counts no case', () => {
    const c = new Collector();
    c.record('r', { bounds: [b('p', 1, 2, true, { tolerance: 't' })] });
    c.recordSlack('s0', { bounds: [b('p', 0.5, 2)] });
    expect(c.slack.get('p')!.witness).toBe('r');
    c.recordSlack('s1', { bounds: [b('p', 1.5, 2, true, { tolerance: 'u' }), b('new', 1, 4)] });
    expect(c.slack.get('p')).toEqual({ bound: 'p', max: 0.75, lhs: 1.5, rhs: 2, witness: 's1', tolerance: 'u', searched: true });
    expect(c.slack.get('new')).toEqual({ bound: 'new', max: 0.25, lhs: 1, rhs: 4, witness: 's1', searched: true });
    expect(c.cases).toBe(1);
    expect(c.failures).toBe(0);
  });
});

describe('confirm', () => {
  const failing: CaseOutcome = { bounds: [b('(x)', 2, 1)] };
  const holding: CaseOutcome = { bounds: [b('(x)', 1, 2)] };

  it('re-checks in exact mode with the claim’s confirm, else its exact check; none → unavailable', () => {
    const seen: CheckContext[] = [];
    const viaConfirm = toy({ modes: ['float'], confirm: (_c, ctx) => (seen.push(ctx), failing), confirmField: 'decimal(40)' });
    expect(confirm(viaConfirm, { x: 1 }, reference)).toEqual({ verdict: 'confirmed', outcome: failing, field: 'decimal(40)' });
    expect(seen[0]).toEqual({ mode: 'exact', impl: reference });
    confirm(viaConfirm, { x: 1 }, reference, { kind: 'loosen', factor: 2 });
    expect(seen[1]).toEqual({ mode: 'exact', impl: reference, weaken: { kind: 'loosen', factor: 2 } });
    const viaExact = toy({ modes: ['float', 'exact'], check: (_c, ctx) => (ctx.mode === 'exact' ? holding : failing) });
    expect(confirm(viaExact, { x: 1 }, reference)).toEqual({ verdict: 'float artifact', outcome: holding });
    const none = toy({ id: 'T.none', modes: ['float'], check: () => failing });
    expect(confirm(none, { x: 1 }, reference)).toEqual({ verdict: 'unavailable', note: 'T.none has no exact path; a float failure stays inconclusive' });
  });

  it('an exact re-check that throws or is itself inconclusive cannot decide', () => {
    const throws = toy({ confirm: () => { throw new TypeError('boom'); }, confirmField: 'Q' });
    expect(confirm(throws, { x: 1 }, reference)).toEqual({ verdict: 'inconclusive', note: 'exact re-check threw: TypeError: boom', field: 'Q' });
    const undecided: CaseOutcome = { bounds: [b('(x)', 1, 2)], inconclusive: '3 inexact √ in Q' };
    expect(confirm(toy({ confirm: () => undecided }), { x: 1 }, reference)).toEqual({ verdict: 'inconclusive', outcome: undecided, note: '3 inexact √ in Q' });
    expect(confirm(toy({ confirm: () => ({ bounds: [] }) }), { x: 1 }, reference)).toStrictEqual({ verdict: 'inconclusive', outcome: { bounds: [] } });
  });
});

describe('generate', () => {
  const opts = (o: Partial<GenerateOptions> = {}): GenerateOptions => ({ mode: 'exact', profile: 'quick', seed: 3, requested: 40, deadline: Date.now() + 60_000, ctx: exactCtx, ...o });
  afterEach(() => vi.restoreAllMocks());

  it('runs the requested cases; none requested → no case and no fast-check run', () => {
    const all = generate(toy({ check: (c) => ({ bounds: [b('(x)', c.x, 100)] }) }), opts());
    expect([all.collector.cases, all.requested, all.mode, all.seed]).toEqual([40, 40, 'exact', 3]);
    expect(all.cutShort).toBeUndefined();
    expect(all.failure).toBeUndefined();
    const arbitrary = vi.fn(() => fc.constant({ x: 1 }));
    const none = generate(toy({ arbitrary }), opts({ requested: 0 }));
    expect(none.collector.cases).toBe(0);
    expect(arbitrary).not.toHaveBeenCalled();
    expect(none.cutShort).toBeUndefined();
  });

  it('stops at the first failing case of a plain claim and hands it on with its path', () => {
    const g = generate(toy(), opts());
    expect(g.failure!.value.x).toBeGreaterThan(50);
    expect(g.failure!.path).toMatch(/^\d+(:\d+)*$/);
    expect(g.collector.failures).toBe(1);
    expect(g.cutShort).toBeUndefined();
  });

  it('a probabilistic claim counts every failure, unbiased, and hands on no failure', () => {
    const p = toy({ probabilistic: { maxFailureRate: 0.01, alpha: 1e-6 }, arbitrary: () => fc.integer({ min: 0, max: 1_000_000 }).map((x) => ({ x })), check: (c) => ({ bounds: [b('(x)', c.x, 500_000)] }) });
    const g = generate(p, opts({ requested: 200 }));
    expect(g.collector.cases).toBe(200);
    expect(g.failure).toBeUndefined();
    // fast-check's bias toward small values would give far fewer failures than the unbiased half
    expect(g.collector.failures).toBeGreaterThan(70);
    expect(g.collector.failures).toBeLessThan(130);
  });

  it('a dropped bin: its cases are not counted, as if never drawn', () => {
    const c = toy({ check: (x) => ({ bounds: [b('(x)', x.x, 100)], bins: { half: x.x < 50 ? 'low' : 'high' } }) });
    const g = generate(c, opts({ dropBin: { axis: 'half', bin: 'low' } }));
    expect(g.collector.bins.half!.low).toBeUndefined();
    expect(g.collector.bins.half!.high).toBe(g.collector.cases);
    expect(g.collector.cases).toBeLessThan(40);
    expect(g.cutShort).toBeUndefined();
    const other = generate(c, opts({ dropBin: { axis: 'other', bin: 'low' } }));
    expect(other.collector.cases).toBe(40);
    // a case with no bins at all is never in the dropped one
    const unbinned = generate(toy({ check: (x) => ({ bounds: [b('(x)', x.x, 100)] }) }), opts({ dropBin: { axis: 'half', bin: 'low' } }));
    expect(unbinned.collector.cases).toBe(40);
    // skipped cases (outside the hypotheses) leave fewer cases than requested without cutting the run short
    const skipping = generate(toy({ check: (x) => ({ bounds: [b('(x)', x.x, 100)], ...(x.x % 2 ? { outsideHypotheses: 'odd' } : {}) }) }), opts());
    expect(skipping.collector.skipped).toBeGreaterThan(0);
    expect(skipping.cutShort).toBeUndefined();
  });

  it('a stop signal cuts the run short ("stopped"); a passed deadline too ("time limit")', () => {
    let n = 0;
    const g = generate(toy({ check: (c) => ({ bounds: [b('(x)', c.x, 100)] }) }), opts({ shouldStop: () => ++n > 5 }));
    expect(g.cutShort).toBe('stopped');
    expect(g.collector.cases).toBe(5);
    const slow = toy({ check: (c) => { const t = Date.now(); while (Date.now() - t < 5); return { bounds: [b('(x)', c.x, 100)] }; } });
    const t = generate(slow, opts({ deadline: Date.now() + 30 }));
    expect(t.cutShort).toBe('time limit');
    expect(t.collector.cases).toBeLessThan(40);
    // a stop that comes only after the last case does not cut anything short
    expect(generate(toy({ check: (c) => ({ bounds: [b('(x)', c.x, 100)] }) }), opts({ shouldStop: () => false })).cutShort).toBeUndefined();
  });

  it('a failure found before the stop is a failure, not a cut-short run', () => {
    let n = 0;
    const g = generate(toy({ arbitrary: () => fc.constant({ x: 99 }) }), opts({ shouldStop: () => ++n > 1 }));
    expect(g.failure).toBeDefined();
    expect(g.cutShort).toBeUndefined();
  });

  it('reports progress at most every 5 s, with the cases so far', () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1_000));
    const events: unknown[] = [];
    generate(toy({ check: (c) => ({ bounds: [b('(x)', c.x, 100)] }) }), opts({ requested: 12, deadline: Infinity, onProgress: (e) => events.push(e) }));
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(12);
    expect(events[0]).toMatchObject({ kind: 'cases', claim: 'T.phase', mode: 'exact', requested: 12 });
  });
});

describe('replay', () => {
  const erratum: Erratum = { id: 'E', claim: 'T.phase', bound: '(x)', kind: 'paper', explanation: '', witness: null, evidence: '' };

  it('checks each pinned case by value in its own mode, through fromJSON, and matches errata on failing cases only', () => {
    const modes: string[] = [];
    const c = toy({ check: (v, ctx) => (modes.push(ctx.mode), { bounds: [b('(x)', v.x, 50)] }), fromJSON: (v) => ({ x: Number((v as { s: string }).s) }) });
    const r = replay(c, [
      { mode: 'float', note: 'fine', expect: 'holds', value: { s: '3' } },
      { mode: 'exact', note: 'erratum', expect: 'violated', value: { s: '51' } },
    ], reference, [erratum]);
    expect(modes).toEqual(['float', 'exact']);
    expect(r[0]).toEqual({ mode: 'float', note: 'fine', expect: 'holds', value: { s: '3' }, status: 'holds', failedBounds: [] });
    expect(r[1]).toEqual({ mode: 'exact', note: 'erratum', expect: 'violated', value: { s: '51' }, status: 'violated', failedBounds: [b('(x)', 51, 50)], erratum: 'E' });
    expect(replay(c, [{ mode: 'exact', note: 'n', expect: 'violated', value: { s: '51' } }], reference, [])[0]!.erratum).toBeUndefined();
    expect(replay(toy(), [], reference, [])).toEqual([]);
  });

  it('a pinned case whose check throws is a violation with the error', () => {
    const r = replay(toy({ check: () => { throw new Error('nope'); } }), [{ mode: 'exact', note: 'n', expect: 'holds', value: { x: 1 } }], reference, [erratum]);
    expect(r).toEqual([{ mode: 'exact', note: 'n', expect: 'holds', value: { x: 1 }, status: 'violated', failedBounds: [], error: 'Error: nope' }]);
  });
});

describe('probe', () => {
  it('runs each probe under its own seed with the profile and implementation; copies id, drops, hypothesis', () => {
    const ctxs: unknown[] = [];
    const c = toy({
      probes: [
        { id: 'p1', drops: 'x ≤ 100', hypothesis: 'x', run: (ctx) => (ctxs.push(ctx), { found: true, summary: 'broke', tried: 3, broke: 1 }) },
        { id: 'p2', drops: 'nothing', run: (ctx) => (ctxs.push(ctx), { found: false, summary: 'none' }) },
      ],
    });
    const r = runProbes(c, 5, 'deep', reference);
    expect(ctxs).toEqual([{ seed: seedFor(5, 'T.phase', 'probe:p1'), profile: 'deep', impl: reference }, { seed: seedFor(5, 'T.phase', 'probe:p2'), profile: 'deep', impl: reference }]);
    expect(r[0]).toMatchObject({ id: 'p1', drops: 'x ≤ 100', hypothesis: 'x', found: true, summary: 'broke', tried: 3, broke: 1 });
    expect(r[1]).toMatchObject({ id: 'p2', drops: 'nothing', found: false, summary: 'none' });
    expect('hypothesis' in r[1]!).toBe(false);
    expect(r.every((p) => p.timeMs >= 0 && p.timeMs < 60_000)).toBe(true);
  });

  it('a probe that throws reports not found, with the error', () => {
    const r = runProbes(toy({ probes: [{ id: 'p', drops: 'd', hypothesis: 'h', run: () => { throw new RangeError('bad'); } }] }), 1, 'quick', reference);
    expect(r[0]).toMatchObject({ id: 'p', drops: 'd', hypothesis: 'h', found: false, summary: 'the probe threw: RangeError: bad', error: 'RangeError: bad' });
    expect(r[0]!.timeMs).toBeGreaterThanOrEqual(0);
    expect(r[0]!.timeMs).toBeLessThan(60_000);
  });
});

describe('seedFor', () => {
  it('is FNV-1a of "seed:id:mode" masked to 31 bits: pinned values (stored counterexamples replay from them)', () => {
    expect(seedFor(20260123, 'A.L2', 'exact')).toBe(seedFor(20260123, 'A.L2', 'exact'));
    // FNV-1a of '' is the offset basis; of 'a' is 0xe40c292c (the published test vectors), masked
    const fnv = (s: string): number => {
      let h = 0x811c9dc5;
      for (const ch of s) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
      return h;
    };
    expect(fnv('a')).toBe(0xe40c292c);
    expect(seedFor(1, 'x', 'y')).toBe(fnv('1:x:y') & 0x7fffffff);
    expect(seedFor(20260123, 'A.L2', 'exact')).toBe(fnv('20260123:A.L2:exact') & 0x7fffffff);
    // code points, not UTF-16 units: an astral character counts once
    expect(seedFor(1, '𝔼', 'y')).toBe(fnv('1:𝔼:y') & 0x7fffffff);
    expect(seedFor(1, '𝔼', 'y')).not.toBe(seedFor(1, '\ud835\udd3c'.slice(0, 1), 'y'));
  });

  it('different seeds, ids and modes give different streams, spread over [0, 2^31)', () => {
    const xs = Array.from({ length: 2000 }, (_, i) => seedFor(i, 'T', 'float'));
    expect(new Set(xs).size).toBe(2000);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 31)).toBe(true);
    expect(xs.filter((x) => x >= 2 ** 30).length).toBeGreaterThan(900);
    expect(xs.filter((x) => x % 2 === 1).length).toBeGreaterThan(900);
    expect(seedFor(1, 'T', 'float')).not.toBe(seedFor(1, 'T', 'exact'));
    expect(seedFor(1, 'T', 'float')).not.toBe(seedFor(1, 'U', 'float'));
  });
});

describe('shrink', () => {
  const ctx = exactCtx;
  it('without a path the case is kept as found', () => {
    expect(shrink(toy(), { value: { x: 77 } }, { seed: 1, profile: 'quick', ctx, deadline: Date.now() + 10_000, requested: 40 })).toEqual({ value: { x: 77 }, numShrinks: 0 });
  });

  it('from its path, shrinks to the smallest failing case (the boundary) with the new path', () => {
    const g = generate(toy(), { mode: 'exact', profile: 'quick', seed: 9, requested: 40, deadline: Date.now() + 60_000, ctx });
    const s = shrink(toy(), g.failure!, { seed: 9, profile: 'quick', ctx, deadline: Date.now() + 10_000, requested: 40 });
    expect(s.value).toEqual({ x: 51 });
    expect(s.numShrinks).toBeGreaterThan(0);
    expect(s.path).toMatch(/^\d+(:\d+)*$/);
    expect(s.path).not.toBe(g.failure!.path);
  });

  it('shrinking stops at the deadline', () => {
    const slow = toy({ check: (c) => { const t = Date.now(); while (Date.now() - t < 2); return { bounds: [b('(x)', c.x, 50)] }; } });
    const g = generate(slow, { mode: 'exact', profile: 'quick', seed: 9, requested: 40, deadline: Date.now() + 60_000, ctx });
    const full = shrink(slow, g.failure!, { seed: 9, profile: 'quick', ctx, deadline: Date.now() + 60_000, requested: 40 });
    const cut = shrink(slow, g.failure!, { seed: 9, profile: 'quick', ctx, deadline: Date.now() - 1, requested: 40 });
    expect(full.numShrinks).toBeGreaterThan(2);
    expect(cut.numShrinks).toBeLessThan(full.numShrinks);
  });

  it('a case that no longer fails on replay is kept as found, with its path', () => {
    const g = generate(toy(), { mode: 'exact', profile: 'quick', seed: 9, requested: 40, deadline: Date.now() + 60_000, ctx });
    const fixed = toy({ check: (c) => ({ bounds: [b('(x)', c.x, 1000)] }) });
    expect(shrink(fixed, g.failure!, { seed: 9, profile: 'quick', ctx, deadline: Date.now() + 10_000, requested: 40 })).toEqual({ value: g.failure!.value, path: g.failure!.path, numShrinks: 0 });
  });
});

describe('target', () => {
  // ratio x/10 of the bound x ≤ 10, the hypotheses x ∈ [0, cap]: the search must climb to the cap.
  const space = (cap: number, extra: Partial<SearchSpace<X>> = {}): SearchSpace<X> => ({ params: (c) => [c.x], withParams: (_c, [x]) => (x! >= 0 && x! <= cap ? { x: x! } : undefined), ...extra });
  const climbing = (cap: number, o: { check?: Claim<X>['check']; search?: Partial<SearchSpace<X>> } = {}) => toy({ search: space(cap, o.search), check: o.check ?? ((c) => ({ bounds: [b('(x)', c.x, 10)] })) });
  const seeded = (...entries: [string, number, unknown][]): Collector => {
    const col = new Collector();
    for (const [bound, lhs, witness] of entries) col.record(witness, { bounds: [b(bound, lhs, 10)] });
    return col;
  };
  const o = (profile: 'quick' | 'default' | 'deep' = 'default', extra: { deadline?: number; shouldStop?: () => boolean } = {}) => ({ profile, ctx: exactCtx, deadline: extra.deadline ?? Date.now() + 60_000, ...(extra.shouldStop ? { shouldStop: extra.shouldStop } : {}) });

  it('has no budget in quick, 40 per bound and 160 per mode in default, 400 and 4000 in deep', () => {
    expect(TARGET_BUDGET).toEqual({ quick: { perBound: 0, perMode: 0 }, default: { perBound: 40, perMode: 160 }, deep: { perBound: 400, perMode: 4000 } });
    expect(target(climbing(9.5), seeded(['(x)', 3, { x: 3 }]), o('quick'))).toEqual({ bounds: [], evaluations: 0 });
    expect(target(toy(), seeded(['(x)', 3, { x: 3 }]), o())).toEqual({ bounds: [], evaluations: 0 });
  });

  it('climbs a bound’s lhs/rhs from its best random case to the edge of the hypotheses, and records the witness', () => {
    const col = seeded(['(x)', 3, { x: 3 }]);
    const r = target(climbing(9.5), col, o());
    expect(r.failure).toBeUndefined();
    expect(r.bounds).toHaveLength(1);
    expect(r.bounds[0]!.bound).toBe('(x)');
    expect(r.bounds[0]!.from).toBe(0.3);
    expect(r.bounds[0]!.to).toBeGreaterThan(0.94);
    expect(r.bounds[0]!.to).toBeLessThanOrEqual(0.95);
    expect(r.bounds[0]!.evaluations).toBeLessThanOrEqual(40);
    expect(r.evaluations).toBe(r.bounds[0]!.evaluations);
    const s = col.slack.get('(x)')!;
    expect(s).toMatchObject({ max: r.bounds[0]!.to, searched: true });
    expect((s.witness as X).x).toBeCloseTo(r.bounds[0]!.to * 10, 12);
    // deep goes further with its larger budget
    expect(target(climbing(9.5), seeded(['(x)', 3, { x: 3 }]), o('deep')).bounds[0]!.to).toBeGreaterThan(r.bounds[0]!.to - 1e-12);
  });

  it('a case it reaches that breaks a bound is handed on as a failure, with the bound’s record', () => {
    const col = seeded(['(x)', 8, { x: 8 }]);
    const r = target(climbing(20), col, o());
    expect(r.failure).toBeDefined();
    expect(r.failure!.value.x).toBeGreaterThan(10);
    expect(r.bounds.at(-1)!.to).toBeGreaterThan(1);
    expect(col.slack.get('(x)')!.witness).toEqual(r.failure!.value);
  });

  it('keeps to the budget per bound and per mode, and skips a bound whose slack is not finite', () => {
    let calls = 0;
    // the bounds never fail (rhs 1e12), so only the budget stops the search
    const check: Claim<X>['check'] = (c) => (calls++, { bounds: ['a', 'b', 'c', 'd', 'e'].map((n) => b(n, c.x, 1e12)) });
    // the ratio keeps rising (cap 1e9), so only the budget stops it
    const col = new Collector();
    col.record({ x: 1 }, check({ x: 1 }, exactCtx));
    calls = 0;
    const r = target(climbing(1e9, { check }), col, o());
    expect(r.bounds.every((x) => x.evaluations <= 40)).toBe(true);
    expect(r.evaluations).toBe(calls);
    expect(r.evaluations).toBeLessThanOrEqual(160);
    expect(r.evaluations).toBeGreaterThanOrEqual(120);
    expect(r.bounds.length).toBe(4);
    const inf = new Collector();
    inf.record({ x: 1 }, { bounds: [b('(x)', 1, 0, false)] });
    expect(target(climbing(9), inf, o())).toEqual({ bounds: [], evaluations: 0 });
  });

  it('does not step on cases that throw, are inconclusive or outside the hypotheses', () => {
    for (const bad of [() => { throw new Error('x'); }, () => ({ bounds: [b('(x)', 9, 10)], inconclusive: 'r' }), () => ({ bounds: [b('(x)', 9, 10)], outsideHypotheses: 'r' }), () => ({ bounds: [b('other', 9, 10)] })] as Claim<X>['check'][]) {
      const col = seeded(['(x)', 3, { x: 3 }]);
      const r = target(climbing(9.5, { check: (c) => (c.x === 3 ? { bounds: [b('(x)', 3, 10)] } : bad(c, exactCtx)) }), col, o());
      expect(r.bounds[0]!.to).toBe(0.3);
      expect(col.slack.get('(x)')!.witness).toEqual({ x: 3 });
    }
  });

  it('steps relative to |x| (0.1 by default, or as declared), absolute at 0, halving when stuck', () => {
    const tried: number[] = [];
    const check: Claim<X>['check'] = (c) => (tried.push(c.x), { bounds: [b('(x)', c.x, 10)] });
    target(climbing(1e9, { check }), seeded(['(x)', 4, { x: 4 }]), o());
    expect(tried[0]).toBeCloseTo(4.4, 12);
    tried.length = 0;
    target(climbing(1e9, { check, search: { steps: [0.5] } }), seeded(['(x)', 4, { x: 4 }]), o());
    expect(tried[0]).toBeCloseTo(6, 12);
    tried.length = 0;
    target(climbing(1e9, { check }), seeded(['(x)', -0, { x: 0 }]), o());
    expect(tried[0]).toBeCloseTo(0.1, 12);
    tried.length = 0;
    // a peak at 5: from 4 the +0.4 steps overshoot, then the halved steps close in on it
    const peak: Claim<X>['check'] = (c) => (tried.push(c.x), { bounds: [b('(x)', 10 - Math.abs(c.x - 5), 10)] });
    const r = target(climbing(1e9, { check: peak }), seeded(['(x)', 9, { x: 4 }]), o());
    expect(r.bounds[0]!.to).toBeGreaterThan(0.99);
    expect(tried.some((x) => Math.abs(x - 4.8) < 1e-9 || Math.abs(x - 5.2) < 1e-9)).toBe(true);
  });

  it('tries both directions on each coordinate', () => {
    const check: Claim<X>['check'] = (c) => ({ bounds: [b('(x)', 10 - c.x, 10)] });
    const r = target(climbing(1e9, { check }), seeded(['(x)', 5, { x: 5 }]), o());
    expect(r.bounds[0]!.to).toBeGreaterThan(0.9);
  });

  it('stops at the deadline and on the stop signal', () => {
    expect(target(climbing(9.5), seeded(['(x)', 3, { x: 3 }]), o('default', { deadline: Date.now() - 1 }))).toEqual({ bounds: [], evaluations: 0 });
    expect(target(climbing(9.5), seeded(['(x)', 3, { x: 3 }]), o('default', { shouldStop: () => true }))).toEqual({ bounds: [], evaluations: 0 });
    const slow: Claim<X>['check'] = (c) => { const t = Date.now(); while (Date.now() - t < 3); return { bounds: [b('(x)', c.x, 1e12)] }; };
    const r = target(climbing(1e9, { check: slow }), seeded(['(x)', 3, { x: 3 }]), o('deep', { deadline: Date.now() + 40 }));
    expect(r.evaluations).toBeLessThan(40);
    expect(r.failure).toBeUndefined();
  });

  it('keeps to a claim’s own smaller budget per mode, never above the engine’s', () => {
    const r = target(climbing(9.5, { search: { evaluations: { default: 7 } } }), seeded(['(x)', 3, { x: 3 }]), o());
    expect(r.evaluations).toBe(7);
    expect(r.bounds[0]!.evaluations).toBe(7);
    const big = target(climbing(1e9, { search: { evaluations: { default: 10_000 } } }), seeded(['(x)', 3, { x: 3 }]), o());
    expect(big.evaluations).toBeLessThanOrEqual(TARGET_BUDGET.default.perBound);
  });

  it('leaves a bound whose ratio does not depend on the parameters after one sweep', () => {
    const names = ['c0', 'c1', '(x)'];
    const mixed: Claim<X>['check'] = (c) => ({ bounds: [b('c0', 5, 10), b('c1', 7, 10), b('(x)', c.x, 10)] });
    const col = new Collector();
    col.record({ x: 3 }, mixed({ x: 3 }, exactCtx));
    const r = target(climbing(9.5, { check: mixed }), col, o());
    expect(r.bounds.map((x) => x.bound)).toEqual(names);
    expect(r.bounds.slice(0, 2).map((x) => [x.evaluations, x.to])).toEqual([[2, 0.5], [2, 0.7]]);
    expect(r.bounds[2]!.to).toBeGreaterThan(0.94); // the budget the constants did not use climbs the bound that moves
  });

  it('stops a bound once its steps fall below 1e-12, and keeps to the deep budget per mode', () => {
    // a peak at the start: every step lowers the ratio, so the steps halve from 0.1 to 1e-12 (2 tries per halving,
    // ~74 tries)
    const names = Array.from({ length: 60 }, (_, i) => `b${i}`);
    const flat: Claim<X>['check'] = (c) => ({ bounds: names.map((n) => b(n, 5 - Math.abs(c.x - 1), 10)) });
    const col = new Collector();
    col.record({ x: 1 }, flat({ x: 1 }, exactCtx));
    const r = target(climbing(1e9, { check: flat }), col, o('deep'));
    expect(r.bounds[0]!.evaluations).toBeGreaterThan(60);
    expect(r.bounds[0]!.evaluations).toBeLessThan(90);
    expect(r.bounds[0]!.to).toBe(0.5);
    expect(r.evaluations).toBeLessThanOrEqual(4000);
    expect(r.evaluations).toBeGreaterThan(3900);
  });

  it('searches every coordinate while any step is still above 1e-12, within the per-bound budget', () => {
    type Y = { x: number; y: number };
    const tried: Y[] = [];
    const claim = {
      ...toy(),
      check: (c: Y) => (tried.push(c), { bounds: [b('(x)', c.x + c.y, 1e12)] }),
      search: { params: (c: Y) => [c.y, c.x], withParams: (_c: Y, [y, x]: readonly number[]) => ({ x: x!, y: y! }) },
    } as unknown as Claim<Y>;
    const col = new Collector();
    // y is tiny: its first step (1e-12) is already spent, x's is not
    col.record({ x: 1, y: 1e-11 }, { bounds: [b('(x)', 1 + 1e-11, 1e12)] });
    const r = target(claim as never, col, o());
    expect(r.bounds[0]!.to).toBeGreaterThan(2e-12);
    expect(r.bounds[0]!.evaluations).toBeLessThanOrEqual(40);
    expect(tried.length).toBeLessThanOrEqual(40);
    expect(tried.some((c) => c.x > 1.5)).toBe(true);
  });
});
