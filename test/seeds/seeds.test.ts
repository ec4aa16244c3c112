import { describe, expect, it } from 'vitest';
import { FALLBACK_SEEDS, SEEDS_PER_RUN, SHARDS, runSeeds, seedsFromCommit, shardRuns } from './run-seeds.ts';

describe('the seeds of the seed-robustness run (run-seeds.ts)', () => {
  const hash = '2d53d9c0ffee1234abcdef0123456789abcdef01';
  it('takes the first 8-hex-digit words of the commit, masked to [0, 2^31 − 1]', () => {
    expect(seedsFromCommit(hash)).toEqual([0x2d53d9c0, 0x7fee1234, 0x2bcdef01]);
    expect(seedsFromCommit(hash, 5)).toHaveLength(5);
    for (const s of seedsFromCommit('f'.repeat(64), 8)) expect(s).toBe(0x7fffffff);
    expect(() => seedsFromCommit('HEAD')).toThrow(RangeError);
    expect(() => seedsFromCommit(hash, 6)).toThrow(RangeError);
  });
  it('MUON_SEEDS overrides the commit; the commit gives SEEDS_PER_RUN seeds; without git the fixed list', () => {
    expect(runSeeds({ MUON_SEEDS: '7, 11972' }, () => hash)).toEqual({ seeds: [7, 11972], source: 'MUON_SEEDS' });
    expect(() => runSeeds({ MUON_SEEDS: '7,x' }, () => hash)).toThrow(RangeError);
    expect(() => runSeeds({ MUON_SEEDS: '2147483648' }, () => hash)).toThrow(RangeError);
    const fromCommit = runSeeds({}, () => hash);
    expect(fromCommit.seeds).toEqual(seedsFromCommit(hash));
    expect(fromCommit.seeds).toHaveLength(SEEDS_PER_RUN);
    expect(fromCommit.source).toBe('commit 2d53d9c0ffee');
    expect(runSeeds({}, () => undefined).seeds).toEqual(FALLBACK_SEEDS);
    expect(runSeeds({}, () => 'fatal: not a git repository').seeds).toEqual(FALLBACK_SEEDS);
  });
  it('the shards deal every (seed, claim) run exactly once', () => {
    const ids = ['a', 'b', 'c'];
    const all = Array.from({ length: SHARDS }, (_, s) => shardRuns([1, 2], ids, s)).flat();
    expect(all).toHaveLength(6);
    expect(new Set(all.map((r) => `${r.seed}:${r.id}`)).size).toBe(6);
  });
});
