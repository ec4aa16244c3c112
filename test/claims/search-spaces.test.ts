import { describe, expect, it } from 'vitest';
import { claims } from '../../src/claims/registry.ts';
import { defineClaim, float64Field } from '../../src/claims/kit/index.ts';
import fc from 'fast-check';

/*
 * Issue 11 item 3: every claim either declares the search space the target phase climbs (its free numeric
 * parameters inside the hypotheses) or says why it has none — never silently without one.
 */
describe('search spaces', () => {
  it.each(claims.map((c) => [c.id, c] as const))('%s declares a search space or says why it has none', (_id, c) => {
    expect(Boolean(c.search) !== Boolean(c.noSearch), `${c.id}: search ${c.search ? 'declared' : 'missing'}, noSearch ${c.noSearch ? 'given' : 'missing'}`).toBe(true);
    if (c.noSearch) expect(c.noSearch.length).toBeGreaterThan(20);
  });

  it('defineClaim refuses both a search space and a reason for none', () => {
    const spec = {
      id: 'toy.both', title: 't', provenance: 'quoted' as const, statement: 's', source: { paper: 'toy', where: 'here', equations: [] }, hypotheses: [],
      modes: { float: float64Field }, cases: { quick: { float: 1 }, default: { float: 1 }, deep: { float: 1 } },
      generate: () => fc.constant(1), check: () => {}, probes: [],
    };
    expect(() => defineClaim({ ...spec, search: { params: () => [1], withParams: () => 1 }, noSearch: 'identities only, nothing to climb' })).toThrow(/not both/);
    expect(defineClaim({ ...spec, noSearch: 'identities only, nothing to climb' }).noSearch).toBe('identities only, nothing to climb');
    expect(() => defineClaim({ ...spec, search: { params: () => [1], withParams: () => 1 }, probabilistic: { maxFailureRate: 0.01, alpha: 1e-6 } })).toThrow(/probabilistic claim gets no target search/);
  });
});
