import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

/*
 * A user's own failing claim, through the CLI as a user runs it: check prints the failure block with a replay command
 * that names the user's module; pin --claims keeps the counterexample with the user's code (./fixtures/regressions),
 * and the next check --claims replays it first. And the one rule for float-only failures: pin refuses them.
 */

// The package's public entry, as a user imports 'muon-claims' (fast-check comes with it, as `fc`).
const API = new URL('../../src/index.ts', import.meta.url).pathname;
let out: string[];
let err: string[];
let cwd: string;
beforeEach(() => {
  out = [];
  err = [];
  cwd = process.cwd();
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => {
  process.chdir(cwd);
  vi.restoreAllMocks();
});

/** Σ_{t<T} ρ^t ≤ 1 — false for T ≥ 2, ρ > 0: a claim of a user's that fails, exactly (Q) and in float64. */
const WRONG = (floatOnly: boolean): string => `
import { defineClaim, fc, float64Field, rational, hyp } from '${API}';
export default defineClaim({
  id: 'my.too-strong',
  title: 'Σ_{t<T} ρ^t ≤ 1 (false)',
  source: { paper: 'my notes', where: 'a slip', equations: ['(x)'] },
  provenance: 'quoted',
  statement: 'for ρ ∈ [0, 1), Σ_{t<T} ρ^t ≤ 1',
  hypotheses: [hyp.real('ρ', 'ρ ∈ [0, 1)', 0, 0.99)],
  modes: ${floatOnly ? '{ float: float64Field }' : '{ exact: rational(), float: float64Field }'},
  cases: { quick: { exact: 20, float: 20 }, default: { exact: 20, float: 20 }, deep: { exact: 20, float: 20 } },
  generate: () => fc.record({ rho: fc.integer({ min: 1, max: 200 }).map((k) => k / 256), T: fc.integer({ min: 2, max: 8 }) }),
  check(c, k) {
    let s = k.F.zero, p = k.F.one;
    for (let t = 0; t < c.T; t++) { s = k.F.add(s, p); p = k.F.mul(p, k.F.of(c.rho)); }
    k.bound('(x)', s, 1);
  },
});
`;

describe('a user claim that fails', () => {
  it('check prints the failure block with --claims in the replay command; pin --claims keeps it with the user code; the next check replays it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muon-user-pin-'));
    writeFileSync(join(dir, 'wrong.ts'), WRONG(false));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    process.chdir(dir);
    expect(await main(['check', '--claims', 'wrong.ts', '--profile', 'quick', '--out', 'rep'])).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/my\.too-strong violated \[exact\]/);
    expect(text).toMatch(/bound: +\(x\): lhs [\d.]+ > rhs 1/);
    expect(text).toMatch(/replay: +npx muon-claims replay rep\/counterexamples\/my\.too-strong-[0-9a-f]{8}\.json --claims wrong\.ts/);
    const files = readdirSync(join(dir, 'rep', 'counterexamples'));
    // The same shrunk case can be each mode's counterexample: one file per distinct case.
    const exactFile = join('rep', 'counterexamples', files[0]!);
    expect(JSON.parse(readFileSync(join(dir, exactFile), 'utf8')).replay).toContain('--claims wrong.ts');
    expect(await main(['pin', exactFile, '--claims', 'wrong.ts'])).toBe(0);
    const pinned = join(dir, 'fixtures', 'regressions', 'my.too-strong.json');
    expect(existsSync(pinned)).toBe(true);
    out = [];
    expect(await main(['check', '--claims', 'wrong.ts', '--profile', 'quick', '--out', 'rep2'])).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'rep2', 'claims.json'), 'utf8'));
    expect(report.claims[0].regressions).toHaveLength(1);
    expect(report.claims[0].regressions[0].status).toBe('violated');
  }, 60_000);

  it('pin refuses a float-only failure that exact arithmetic can never confirm (check calls it inconclusive)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muon-user-pin-'));
    writeFileSync(join(dir, 'wrong.ts'), WRONG(true));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    process.chdir(dir);
    expect(await main(['check', '--claims', 'wrong.ts', '--profile', 'quick', '--out', 'rep'])).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'rep', 'claims.json'), 'utf8'));
    expect(report.claims[0].verdict).toBe('inconclusive');
    const file = join('rep', 'counterexamples', readdirSync(join(dir, 'rep', 'counterexamples'))[0]!);
    expect(await main(['pin', file, '--claims', 'wrong.ts'])).toBe(2);
    expect(err.join('\n')).toMatch(/runs in float only and has no exact path: its float failure can never be confirmed/);
    expect(existsSync(join(dir, 'fixtures'))).toBe(false);
  }, 60_000);
});
