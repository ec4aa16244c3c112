import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { FINDING_NOT_ERRATUM } from '../../src/claims/transfer.ts';
import type { Report } from '../../src/report/report.ts';

/*
 * The transfer matrix through the CLI, as a user runs it (a small slice: A.L2 in float mode, which bf16 NS5 breaks at
 * once — sign(σ) is no longer ±1 — and B.NS5, which checks NS5 itself and is not applicable): check prints the matrix and writes it to claims.json with the
 * failing cell's counterexample file; replay re-runs that file with its variant (exit 1, a finding about practical
 * Muon); pin keeps it with its variant; the next check replays it in that cell only; --no-transfer skips the matrix.
 */

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('check computes the transfer matrix; replay and pin take its counterexamples with their variant', () => {
  it('check → claims.json transfer and a cell file; replay exit 1; pin with the variant; the next check replays it in its cell', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'muon-transfer-'));
    const fixtures = join(tmp, 'fixtures');
    cpSync(new URL('../../fixtures', import.meta.url), fixtures, { recursive: true });
    vi.stubEnv('MUON_FIXTURES_DIR', fixtures);
    const rep = join(tmp, 'rep');
    expect(await main(['check', '--claim', 'A.L2,B.NS5', '--profile', 'quick', '--mode', 'float', '--variants', 'ns5-bf16', '--out', rep])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/practical-Muon transfer matrix — 2 cells \(1 variant\): 0 hold, 1 violated, 0 inconclusive, 1 not applicable/);
    expect(text).toContain(`A violated cell is ${FINDING_NOT_ERRATUM}.`);
    const r = JSON.parse(readFileSync(join(rep, 'claims.json'), 'utf8')) as Report;
    expect(r.transfer!.cells.map((c) => `${c.claim}:${c.variant}:${c.status}`)).toEqual(['A.L2:ns5-bf16:violated', 'B.NS5:ns5-bf16:not applicable']);
    const [file] = r.transfer!.counterexampleFiles['A.L2@ns5-bf16']!;
    expect(readdirSync(join(rep, 'counterexamples'))).toContain(file);
    const path = join(rep, 'counterexamples', file!);

    out = [];
    expect(await main(['replay', path]), err.join('\n')).toBe(1);
    expect(out.join('\n')).toContain(`verdict: violated under ns5-bf16 — ${FINDING_NOT_ERRATUM}`);

    expect(await main(['pin', path])).toBe(0);
    const pinned = JSON.parse(readFileSync(join(fixtures, 'regressions', 'A.L2.json'), 'utf8')) as { cases: { variant?: string; expect: string }[] };
    expect(pinned.cases.filter((c) => c.variant === 'ns5-bf16').map((c) => c.expect)).toEqual(['violated']);

    out = [];
    const rep2 = join(tmp, 'rep2');
    expect(await main(['check', '--claim', 'A.L2', '--profile', 'quick', '--mode', 'float', '--variants', 'ns5-bf16', '--out', rep2])).toBe(0);
    const r2 = JSON.parse(readFileSync(join(rep2, 'claims.json'), 'utf8')) as Report;
    // The claim's own run does not replay the variant's pin; the cell does, and it still fails there.
    expect(r2.claims[0]!.regressions.some((g) => JSON.stringify(g.value) === JSON.stringify(r.transfer!.cells[0]!.float!.counterexample!.value))).toBe(false);
    expect(r2.transfer!.cells[0]!.regressions!.map((g) => g.status)).toEqual(['violated']);

    out = [];
    const rep3 = join(tmp, 'rep3');
    expect(await main(['check', '--claim', 'B.NS5', '--profile', 'quick', '--no-transfer', '--out', rep3])).toBe(0);
    expect((JSON.parse(readFileSync(join(rep3, 'claims.json'), 'utf8')) as Report).transfer).toBeUndefined();
    expect(out.join('\n')).not.toContain('transfer matrix');
  }, 120_000);

  it('--variants with an unknown id exits 2 naming the option and the allowed ids', async () => {
    expect(await main(['check', '--variants', 'ns5-7', '--out', join(tmpdir(), 'muon-transfer-never')])).toBe(2);
    expect(err.join('\n')).toMatch(/--variants: unknown variant id 'ns5-7'; allowed: ns5-5, /);
  });
});
