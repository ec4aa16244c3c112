import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runClaim, type Claim } from '../../src/index.ts';

/*
 * examples/my-claims.ts imports 'muon-claims' as a user does (scripts/package-smoke.sh runs it from the installed
 * tarball). Here, without a build, the same file with that import pointed at the sources (src/index.ts).
 */
const source = readFileSync(new URL('../../examples/my-claims.ts', import.meta.url), 'utf8');
const index = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'muon-claims-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('examples/my-claims.ts', () => {
  it('imports only the package, and holds with each probe finding its counterexample', async () => {
    expect(source.match(/from '[^']+'/g)).toEqual(["from 'muon-claims'"]);
    const file = join(dir, 'my-claims.ts');
    writeFileSync(file, source.replace("from 'muon-claims'", `from ${JSON.stringify(index)}`));
    const { default: geometric } = (await import(file)) as { default: Claim<unknown> };
    const r = runClaim(geometric, { profile: 'quick' });
    expect(r.verdict).toBe('holds');
    expect(r.probes.map((p) => [p.id, p.found])).toEqual([
      ['rho-above-one', true],
      ['rho-negative', true],
    ]);
  });
});
