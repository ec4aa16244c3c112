import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimResult, ModeResult } from '../../src/claims/engine.ts';
import { BASELINE_SCHEMA, classify, coverageProblems, loadBaseline, slackProblems, TIGHT_WITHIN, type SlackBaseline } from '../../src/claims/scope.ts';
import type { CaseOutcome, CheckContext, Claim } from '../../src/claims/types.ts';
import { reference } from '../../src/impl/impl.ts';

/*
 * The scope gates (src/claims/scope.ts) on toy results and a toy claim, in milliseconds: the rules of the coverage
 * gate, of the classification of a bound and of the slack gate. scope.test.ts checks the same gates on real claims of
 * every family (default profile, ~20 s); this file is what the mutation run uses.
 */

function result(o: { profile?: ClaimResult['profile']; modes?: Partial<ModeResult>[]; bins?: Record<string, string[]>; branches?: string[] }): ClaimResult {
  return {
    profile: o.profile ?? 'default',
    modes: (o.modes ?? []).map((m) => ({ mode: 'float', interrupted: false, slack: [], cases: 10, requestedCases: 10, ...m })),
    unreached: { bins: o.bins ?? {}, branches: o.branches ?? [] },
  } as unknown as ClaimResult;
}

describe('coverageProblems', () => {
  it('names every empty bin per axis and every unexercised branch, in the default and deep profiles', () => {
    const r = (profile: ClaimResult['profile']) => result({ profile, modes: [{}], bins: { κ: ['1e2–1e3', '1e3–1e4'], d: ['5–10'] }, branches: ['b1'] });
    for (const p of ['default', 'deep'] as const) {
      expect(coverageProblems(r(p))).toEqual(['no case reached κ ∈ {1e2–1e3, 1e3–1e4}', 'no case reached d ∈ {5–10}', 'no case exercised the proof branch b1']);
    }
    expect(coverageProblems(result({ modes: [{}], branches: ['b1', 'b2'] }))).toEqual(['no case exercised the proof branches b1, b2']);
  });

  it('is empty when every bin and branch was reached', () => {
    expect(coverageProblems(result({ modes: [{}] }))).toEqual([]);
  });

  it('asks nothing of the quick profile, nor of a run stopped by a counterexample or cut short', () => {
    const bins = { κ: ['1e2–1e3'] };
    expect(coverageProblems(result({ profile: 'quick', modes: [{}], bins }))).toEqual([]);
    expect(coverageProblems(result({ modes: [{}, { counterexample: {} as never }], bins }))).toEqual([]);
    expect(coverageProblems(result({ modes: [{}, { interrupted: true }], bins }))).toEqual([]);
    // the other modes' completeness does not excuse it
    expect(coverageProblems(result({ modes: [{ interrupted: false }, { mode: 'exact' }], bins }))).toHaveLength(1);
  });
});

describe('classify', () => {
  it('tight from 1 − TIGHT_WITHIN up, keeping the witness; just below is not tight', () => {
    expect(TIGHT_WITHIN).toBe(1e-3);
    expect(classify([0.3, 1 - TIGHT_WITHIN], { w: 2 })).toEqual({ class: 'tight', worst: 1 - TIGHT_WITHIN, witness: { w: 2 } });
    expect(classify([0.998], { w: 2 }).class).toBe('loose');
    // a violating worst (> 1) is tight as well: the witness reaches the bound
    expect(classify([1.5, 0.2], 'w').class).toBe('tight');
  });

  it('identity only when every finite seed gives 0; non-finite seeds are left out of every statistic', () => {
    expect(classify([0, 0], undefined)).toEqual({ class: 'identity', worst: 0 });
    expect(classify([0, NaN, 0], undefined)).toEqual({ class: 'identity', worst: 0 });
    expect(classify([0, -0.5], undefined).class).toBe('loose');
    // a bound no seed measured is no identity
    expect(classify([NaN, NaN], undefined).class).toBe('loose');
    const c = classify([0.5, NaN, 0.5, Infinity], undefined);
    expect(c).toMatchObject({ class: 'loose', worst: 0.5, lower: 0.5, gated: true });
  });

  it('loose: the band edge is min − 2·range; gated only when it is > 0 and a 1.5× loosening falls below it', () => {
    const g = classify([0.6, 0.55], undefined);
    expect(g.perSeed).toEqual([0.6, 0.55]);
    expect(g.lower).toBeCloseTo(0.45, 14);
    expect(g.gated).toBe(true);
    expect(g.why).toBeUndefined();
    expect('why' in g).toBe(false);
    // edge > 0 but a 1.5× loosening (0.6) stays above it (0.3)
    const w = classify([0.9, 0.7], undefined);
    expect(w.lower).toBeCloseTo(0.3, 14);
    expect(w.gated).toBe(false);
    expect(w.why).toBe('the random phase\'s worst slack varies from 0.7000 to 0.9000 over 2 seeds: a 1.5× loosening (to 0.6000) stays above the edge 0.3000');
    // edge ≤ 0: never gated, even though worst/1.5 < edge cannot be asked
    const n = classify([0.5, 0.3], undefined);
    expect(n.lower).toBeCloseTo(-0.1, 14);
    expect(n.gated).toBe(false);
    // exactly at the edge (worst/1.5 = edge) a loosening would not fall below it: not gated
    const at = classify([0.500732421875, 0.4450954861111111], undefined);
    expect(at.lower).toBe(0.500732421875 / 1.5);
    expect(at.gated).toBe(false);
    // a negative worst (every seed below 0): edge < 0, not gated
    expect(classify([-0.3, -0.3], undefined)).toMatchObject({ class: 'loose', gated: false });
  });
});

describe('loadBaseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scope-unit-'));
  const write = (name: string, data: unknown): string => {
    const f = join(dir, name);
    writeFileSync(f, typeof data === 'string' ? data : JSON.stringify(data));
    return f;
  };

  it('is undefined for a missing file', () => {
    expect(loadBaseline(join(dir, 'none.json'))).toBeUndefined();
  });

  it('reads ±∞ and NaN spelled out in worst, lower and the per-seed lists, and nowhere else', () => {
    const f = write('b.json', {
      schema: BASELINE_SCHEMA,
      schemaVersion: 1,
      profile: 'default',
      seeds: [1],
      claims: { X: { float: { b: { class: 'loose', worst: 'Infinity', lower: '-Infinity', perSeed: ['NaN', 0.5, 'Infinity'], why: 'Infinity', gated: false }, c: { class: 'loose', worst: 'x', lower: 0.1 } } } },
    });
    const b = loadBaseline(f)!;
    const e = b.claims.X!.float!.b!;
    expect(e.worst).toBe(Infinity);
    expect(e.lower).toBe(-Infinity);
    expect(e.perSeed![0]).toBeNaN();
    expect(e.perSeed!.slice(1)).toEqual([0.5, Infinity]);
    expect(e.why).toBe('Infinity');
    expect(b.claims.X!.float!.c!.worst).toBe('x');
  });

  it('refuses another schema or version', () => {
    expect(() => loadBaseline(write('s.json', { schema: 'other', schemaVersion: 1, claims: {} }))).toThrow(/"schema" must be "muon-claims\/slack-baseline" version 1/);
    expect(() => loadBaseline(write('v.json', { schema: BASELINE_SCHEMA, schemaVersion: 2, claims: {} }))).toThrow(/s\.json|v\.json/);
    expect(loadBaseline(write('ok.json', { schema: BASELINE_SCHEMA, schemaVersion: 1, claims: {} }))).toMatchObject({ schema: BASELINE_SCHEMA });
  });
});

describe('slackProblems', () => {
  type W = { lhs: number };
  const calls: CheckContext[] = [];
  // One bound 'b' (lhs ≤ 1, scaled by a planted loosening like the kit does), and 'other' in exact mode only.
  const toy: Claim<W> = {
    id: 'T.scope',
    title: 'toy',
    source: { paper: 'toy', where: 'here', equations: [] },
    provenance: 'quoted',
    statement: 'lhs ≤ 1',
    hypotheses: [],
    modes: ['float', 'exact'],
    cases: { quick: { float: 1 }, default: { float: 1 }, deep: { float: 1 } },
    arbitrary: () => fc.constant({ lhs: 1 }),
    check: (c: W, ctx: CheckContext): CaseOutcome => {
      calls.push(ctx);
      const rhs = ctx.weaken?.kind === 'loosen' ? ctx.weaken.factor : 1;
      return { bounds: [{ name: 'b', lhs: c.lhs, rhs, holds: c.lhs <= rhs }, ...(ctx.mode === 'exact' ? [{ name: 'other', lhs: 0, rhs: 1, holds: true }] : [])] };
    },
    probes: [],
  };
  const baseline = (bounds: SlackBaseline['claims'][string], profile: SlackBaseline['profile'] = 'default'): SlackBaseline => ({ schema: BASELINE_SCHEMA, schemaVersion: 1, profile, seeds: [7, 8], claims: { 'T.scope': bounds } });

  it('asks nothing of a claim the baseline does not hold', () => {
    expect(slackProblems({ ...toy, id: 'T.other' }, result({}), baseline({ float: { b: { class: 'tight', worst: 1, witness: { lhs: 0 } } } }), reference)).toEqual([]);
  });

  it('replays a tight witness through the check, in its mode, with the implementation and the weakening', () => {
    calls.length = 0;
    const b = baseline({ exact: { b: { class: 'tight', worst: 1, witness: { lhs: 1 } } } });
    expect(slackProblems(toy, result({}), b, reference)).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual({ mode: 'exact', impl: reference });
    expect('weaken' in calls[0]!).toBe(false);
    // a loosened bound: the witness now reaches only 1/1.5
    const p = slackProblems(toy, result({}), b, reference, { kind: 'loosen', factor: 1.5 });
    expect(calls[1]).toEqual({ mode: 'exact', impl: reference, weaken: { kind: 'loosen', factor: 1.5 } });
    expect(p).toEqual([`exact b: its tight witness reaches slack ${1 / 1.5}, below 1 − 0.001`]);
  });

  it('a tight witness passes from slack 1 − TIGHT_WITHIN up, and fails below it or when the bound is gone', () => {
    const at = (lhs: number, name = 'b') => slackProblems(toy, result({}), baseline({ float: { [name]: { class: 'tight', worst: 1, witness: { lhs } } } }), reference);
    expect(at(1 - TIGHT_WITHIN)).toEqual([]);
    expect(at(0.998)).toEqual(['float b: its tight witness reaches slack 0.998, below 1 − 0.001']);
    expect(at(1, 'gone')).toEqual(['float gone: its tight witness reaches slack nothing (the bound is gone), below 1 − 0.001']);
  });

  it('turns a stored witness back into a case with the claim’s fromJSON', () => {
    const claim = { ...toy, fromJSON: (v: unknown) => ({ lhs: Number((v as { s: string }).s) }) };
    expect(slackProblems(claim, result({}), baseline({ float: { b: { class: 'tight', worst: 1, witness: { s: '0.5' } } } }), reference)).toEqual(['float b: its tight witness reaches slack 0.5, below 1 − 0.001']);
  });

  describe('a gated loose band', () => {
    const band = { float: { b: { class: 'loose' as const, worst: 0.8, lower: 0.6, gated: true } } };
    const run = (max: number | undefined, o: { profile?: ClaimResult['profile']; cases?: number; mode?: 'float' | 'exact' } = {}) =>
      result({ profile: o.profile ?? 'default', modes: [{ mode: o.mode ?? 'float', cases: o.cases ?? 10, requestedCases: 10, slack: max === undefined ? [] : [{ bound: 'b', max, lhs: max, rhs: 1, witness: null }] }] });

    it('passes at or above the edge, fails below it with the baseline named', () => {
      expect(slackProblems(toy, run(0.7), baseline(band), reference)).toEqual([]);
      expect(slackProblems(toy, run(0.6), baseline(band), reference)).toEqual([]);
      expect(slackProblems(toy, run(0.5), baseline(band), reference)).toEqual(['float b: worst slack 0.5 of the random cases fell below its band [0.6, 1] (baseline worst 0.8 over seeds 7, 8)']);
      expect(slackProblems(toy, run(NaN), baseline(band), reference)).toHaveLength(1);
    });

    it('fails when no case stated the bound', () => {
      expect(slackProblems(toy, run(undefined), baseline(band), reference)).toEqual(['float b: no case stated the bound (baseline worst slack 0.8)']);
    });

    it('is asked of the baseline’s profile and of deep only, of a complete run only, of a mode that ran only', () => {
      expect(slackProblems(toy, run(0.5, { profile: 'deep' }), baseline(band), reference)).toHaveLength(1);
      expect(slackProblems(toy, run(0.5, { profile: 'quick' }), baseline(band), reference)).toEqual([]);
      expect(slackProblems(toy, run(0.5, { profile: 'quick' }), baseline(band, 'quick'), reference)).toHaveLength(1);
      expect(slackProblems(toy, run(0.5, { cases: 9 }), baseline(band), reference)).toEqual([]);
      expect(slackProblems(toy, run(0.5, { cases: 11 }), baseline(band), reference)).toHaveLength(1);
      expect(slackProblems(toy, run(0.5, { mode: 'exact' }), baseline(band), reference)).toEqual([]);
    });

    it('an ungated band and an identity are not compared', () => {
      expect(slackProblems(toy, run(0.1), baseline({ float: { b: { ...band.float.b, gated: false } } }), reference)).toEqual([]);
      expect(slackProblems(toy, run(0.1), baseline({ float: { b: { class: 'identity', worst: 0 } } }), reference)).toEqual([]);
      expect(slackProblems(toy, run(0.1), baseline({ float: { b: { class: 'identity', worst: 0, gated: true, lower: 0.5 } } }), reference)).toEqual([]);
    });

    it('compares the run’s slack of that very bound', () => {
      const r = result({ modes: [{ slack: [{ bound: 'a', max: 0.1, lhs: 0.1, rhs: 1, witness: null }, { bound: 'b', max: 0.7, lhs: 0.7, rhs: 1, witness: null }] }] });
      expect(slackProblems(toy, r, baseline(band), reference)).toEqual([]);
      const r2 = result({ modes: [{ slack: [{ bound: 'a', max: 0.9, lhs: 0.9, rhs: 1, witness: null }, { bound: 'b', max: 0.1, lhs: 0.1, rhs: 1, witness: null }] }] });
      expect(slackProblems(toy, r2, baseline(band), reference)).toHaveLength(1);
    });
  });
});
