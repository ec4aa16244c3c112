import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.ts';

/*
 * The copyable CI workflow (issue 13, item 8): .github/workflows/deep.yml runs scripts/deep-ci.sh as a shard matrix,
 * a merge job and the JUnit upload. Here the same script runs locally with two shards, on the quick profile and three
 * cheap claims, then merges them.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/deep-ci.sh');
const run = (args: string[], env: Record<string, string>) => spawnSync('bash', [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 170_000 });

describe('scripts/deep-ci.sh: two shards and a merge', () => {
  it('runs shard 1/2 and 2/2 and merges them into one report with its JUnit', () => {
    const out = mkdtempSync(join(tmpdir(), 'muon-deep-ci-'));
    const env = { MUON_PROFILE: 'quick', MUON_SEED: '11', OUT: out, CLAIMS: 'A.L2,B.msign,B.NS5' };
    const s1 = run(['shard', '1', '2'], env);
    expect(s1.status, s1.stdout + s1.stderr).toBe(0);
    const s2 = run(['shard', '2', '2'], env);
    expect(s2.status, s2.stdout + s2.stderr).toBe(0);
    const shard = (i: number): Report => JSON.parse(readFileSync(join(out, `shard-${i}`, 'claims.json'), 'utf8')) as Report;
    expect(shard(1).run).toMatchObject({ profile: 'quick', seed: 11, shard: { index: 1, count: 2 } });
    expect(shard(2).run.shard).toEqual({ index: 2, count: 2 });
    const both = [...shard(1).claims, ...shard(2).claims].map((c) => c.id).sort();
    expect(both).toEqual(['A.L2', 'B.NS5', 'B.msign']);
    const m = run(['merge'], env);
    expect(m.status, m.stdout + m.stderr).toBe(0);
    const merged = JSON.parse(readFileSync(join(out, 'merged', 'claims.json'), 'utf8')) as Report;
    expect(merged.claims.map((c) => c.id)).toEqual(['A.L2', 'B.msign', 'B.NS5']);
    expect(merged.run).toMatchObject({ profile: 'quick', seed: 11 });
    // Both shards are there; only the claims left out by CLAIMS are reported as not run.
    expect(merged.incomplete ?? '').not.toMatch(/shards missing/);
    expect(readFileSync(join(out, 'merged', 'junit.xml'), 'utf8')).toMatch(/<testsuite[^>]*name="A\.L2/);
  }, 180_000);

  it('refuses bad usage (exit 2) and a merge with nothing to merge', () => {
    const out = mkdtempSync(join(tmpdir(), 'muon-deep-ci-'));
    expect(run(['shard', 'x', '2'], { OUT: out }).status).toBe(2);
    expect(run(['frobnicate'], { OUT: out }).status).toBe(2);
    const m = run(['merge'], { OUT: out });
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/no shard reports/);
  });

  it('the workflow runs the script as a shard matrix, merges and uploads the JUnit', () => {
    const yml = readFileSync(join(ROOT, '.github/workflows/deep.yml'), 'utf8');
    expect(yml).toMatch(/matrix:\s*\n\s*shard: \[1, 2, 3, 4\]/);
    expect(yml).toContain('scripts/deep-ci.sh shard ${{ matrix.shard }} 4');
    expect(yml).toContain('MUON_PROFILE: deep');
    expect(yml).toMatch(/merge:\s*\n\s*needs: shard\s*\n\s*if: always\(\)/);
    expect(yml).toContain('scripts/deep-ci.sh merge');
    expect(yml).toContain('reports/deep/merged/junit.xml');
    expect(existsSync(SCRIPT)).toBe(true);
  });
});
