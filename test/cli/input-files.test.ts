import fc from 'fast-check';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseValueProblems } from '../../src/claims/case-values.ts';
import { parseErrata } from '../../src/claims/errata.ts';
import { validateErrata, validateRegressionDir } from '../../src/claims/fixtures.ts';
import { parseRegressions } from '../../src/claims/regressions.ts';
import { claimById } from '../../src/claims/registry.ts';
import type { Claim } from '../../src/claims/types.ts';
import { main } from '../../src/cli/main.ts';
import { pinCommand } from '../../src/cli/pin.ts';
import type { Report } from '../../src/report/report.ts';

/*
 * Every input file validated against a versioned schema before anything runs (issue 13, item 4): a bad file or value
 * exits 2 naming the file, the field and what it allows, and is never reported as a claim verdict. The cases are the
 * issue's: a regression value that is a string, C = 1e400, another claim's values in a claim's regression file, a
 * counterexample relabelled as another claim, errata with an unknown claim id / bound / a duplicate id, d = -1,
 * duplicate cases, a file for an unknown claim, schemaVersion 99; and pin never writes null for 1e400.
 */

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
let err: string[];
let out: string[];
beforeEach(() => {
  err = [];
  out = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});
const tmp = (): string => mkdtempSync(join(tmpdir(), 'muon-in-'));
const claim = (id: string): Claim<unknown> => claimById(id)! as Claim<unknown>;
const sample = (id: string, seed = 1): Record<string, unknown> => JSON.parse(JSON.stringify(fc.sample(claim(id).arbitrary(claim(id).modes[0]!, 'quick'), { seed, numRuns: 1 })[0])) as Record<string, unknown>;
const REG = (id: string, cases: unknown[], extra: Record<string, unknown> = {}): string => JSON.stringify({ schema: 'muon-claims/regressions', schemaVersion: 1, claim: id, cases, ...extra });
const CASE = (value: unknown, mode = 'float'): Record<string, unknown> => ({ mode, note: 'n', expect: 'holds', value });

/** A copy of the project's fixtures with one file replaced, for MUON_FIXTURES_DIR. */
function fixturesWith(files: Record<string, string>): string {
  const d = tmp();
  cpSync(FIXTURES, d, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

const A_L2 = sample('A.L2');
const numericKey = (v: Record<string, unknown>, prefer: string): string => (typeof v[prefer] === 'number' ? prefer : Object.keys(v).find((k) => typeof v[k] === 'number')!);
const C = numericKey(A_L2, 'C');
const T1A = sample('A.T1a');

describe('pinned-regression files: exit 2 before anything runs, naming file, field and range', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a value that is a string', () => REG('A.L2', [CASE({ ...A_L2, [C]: 'abc' })]), new RegExp(`A\\.L2\\.json: case 0: "value" is not a case of A\\.L2: "${C}" must be a number, got "abc"`)],
    ['C = 1e400', () => REG('A.L2', [CASE(A_L2)]).replace(`"${C}":${JSON.stringify(A_L2[C])}`, `"${C}":1e400`), new RegExp(`case 0: "value" is not a case of A\\.L2: "${C}" must be a finite number .*got Infinity`)],
    ['values of another claim', () => REG('A.L2', [CASE(sample('B.msign'))]), /A\.L2\.json: case 0: "value" is not a case of A\.L2: unknown field/],
    ['d = -1', () => REG('A.T1a', [CASE({ ...T1A, d: -1 })]), /A\.T1a\.json: case 0: "value" is not a case of A\.T1a: "d" must be > 0 \(an integer ≥ 1\), got -1/],
    ['d = 1.5', () => REG('A.T1a', [CASE({ ...T1A, d: 1.5 })]), /"d" must be an integer, got 1\.5/],
    ['a duplicate case', () => REG('A.L2', [CASE(A_L2), CASE(A_L2)]), /A\.L2\.json: case 1: the same float value as case 0/],
    ['schemaVersion 99', () => REG('A.L2', [CASE(A_L2)], { schemaVersion: 99 }), /A\.L2\.json: "schemaVersion" must be 1, got 99/],
    ['no schemaVersion (the old unversioned form)', () => JSON.stringify({ claim: 'A.L2', cases: [CASE(A_L2)] }), /A\.L2\.json: "schema" is missing — a regressions file is \{"schema": "muon-claims\/regressions", "schemaVersion": 1/],
    ['a mode that is not one', () => REG('A.L2', [CASE(A_L2, 'fast')]), /case 0: "mode" must be "float" or "exact", got "fast"/],
    ['an unknown field in a case', () => REG('A.L2', [{ ...CASE(A_L2), expected: 'holds' }]), /case 0: unknown field "expected"/],
    ['a file that names another claim', () => REG('A.L9', [CASE(A_L2)]), /"claim" is "A\.L9" but the file belongs to A\.L2/],
  ];
  for (const [what, text, message] of cases) {
    it(`${what}: check exits 2 before running; replay of the file exits 2`, async () => {
      const id = /"claim":"([^"]+)"/.exec(text())?.[1] === 'A.T1a' ? 'A.T1a' : 'A.L2';
      const fx = fixturesWith({ [`regressions/${id}.json`]: text() });
      vi.stubEnv('MUON_FIXTURES_DIR', fx);
      const dir = join(tmp(), 'never');
      expect(await main(['check', '--claim', 'B.msign', '--profile', 'quick', '--out', dir])).toBe(2);
      expect(err.join('\n')).toMatch(message);
      expect(out.join('\n')).not.toMatch(/claim, profile|violated/);
      expect(existsSync(dir)).toBe(false);
      err = [];
      expect(await main(['replay', join(fx, 'regressions', `${id}.json`)])).toBe(2);
      expect(err.join('\n')).toMatch(message);
    });
  }

  it('a file for an unknown claim', async () => {
    vi.stubEnv('MUON_FIXTURES_DIR', fixturesWith({ 'regressions/A.L99.json': REG('A.L99', []) }));
    expect(await main(['check', '--claim', 'B.msign', '--out', join(tmp(), 'never')])).toBe(2);
    expect(err.join('\n')).toMatch(/A\.L99\.json: no claim is named "A\.L99"; a regression file is fixtures\/regressions\/<claim-id>\.json for one of: A\.L1/);
  });

  it("the project's own fixtures are valid", () => {
    expect(() => validateRegressionDir(join(FIXTURES, 'regressions'))).not.toThrow();
    expect(() => validateErrata(parseErrata(readFileSync(join(FIXTURES, 'errata.json'), 'utf8')))).not.toThrow();
  });
});

describe('errata: exit 2 naming file, entry and field', () => {
  const project = JSON.parse(readFileSync(join(FIXTURES, 'errata.json'), 'utf8')) as { errata: Record<string, unknown>[] };
  const one = project.errata[0]!;
  const E = (errata: unknown[], extra: Record<string, unknown> = {}): string => JSON.stringify({ schema: 'muon-claims/errata', schemaVersion: 1, errata, ...extra });
  const cases: [string, string, RegExp][] = [
    ['an unknown claim id', E([{ ...one, claim: 'A.L99' }]), /errata\.json: entry 0 \(A\.T1a-alpha-boundary\): "claim": unknown claim id 'A\.L99'; known ids:/],
    ['an unknown bound', E([{ ...one, bound: '(99)' }]), /entry 0 \(A\.T1a-alpha-boundary\): "bound" "\(99\)" is not a bound of A\.T1a \(its bounds: "\(7\) at T_ε"/],
    ['a duplicate id', E([one, { ...one, bound: project.errata[1]!.bound }]), /errata\.json: entry 1: "id" "A\.T1a-alpha-boundary" is already the id of entry 0 \(ids must be unique\)/],
    ['a witness of another claim', E([{ ...one, witness: A_L2 }]), /entry 0 \(A\.T1a-alpha-boundary\): "witness" is not a case of A\.T1a/],
    ['an unknown kind', E([{ ...one, kind: 'typo' }]), /entry 0: "kind" must be "paper" or "reconstruction", got "typo"/],
    ['a missing witness', E([{ ...one, witness: undefined }]), /entry 0: "witness" is missing/],
    ['schemaVersion 99', E([one], { schemaVersion: 99 }), /errata\.json: "schemaVersion" must be 1, got 99/],
    ['the old bare array', JSON.stringify([one]), /errata\.json: must be an object, got .* — an errata file is/],
  ];
  for (const [what, text, message] of cases) {
    it(what, async () => {
      vi.stubEnv('MUON_FIXTURES_DIR', fixturesWith({ 'errata.json': text }));
      const dir = join(tmp(), 'never');
      expect(await main(['check', '--claim', 'B.msign', '--out', dir])).toBe(2);
      expect(err.join('\n')).toMatch(message);
      expect(existsSync(dir)).toBe(false);
    });
  }
});

describe('counterexample files given to replay and pin', () => {
  let ceFile = '';
  let ce: Record<string, unknown> = {};
  beforeEach(async () => {
    if (ceFile) return;
    const dir = tmp();
    expect(await main(['check', '--claim', 'A.T1a', '--profile', 'quick', '--out', dir])).toBe(0);
    const r = JSON.parse(readFileSync(join(dir, 'claims.json'), 'utf8')) as Report;
    ceFile = join(dir, 'counterexamples', r.counterexampleFiles['A.T1a']![0]!);
    ce = JSON.parse(readFileSync(ceFile, 'utf8')) as Record<string, unknown>;
  }, 60_000);

  const variants: [string, (c: Record<string, unknown>) => string, RegExp][] = [
    ['relabelled as another claim', (c) => JSON.stringify({ ...c, claim: 'B.msign' }), /"value" is not a case of B\.msign: unknown field/],
    ['C = 1e400', (c) => JSON.stringify(c).replace(/"C":[0-9.e+-]+/, '"C":1e400'), /"value" is not a case of A\.T1a: "C" must be a finite number/],
    ['a string where a number goes', (c) => JSON.stringify({ ...c, value: { ...(c.value as object), rho: 'half' } }), /"rho" must be a number, got "half"/],
    ['d = -1', (c) => JSON.stringify({ ...c, value: { ...(c.value as object), d: -1 } }), /"d" must be > 0/],
    ['schemaVersion 99', (c) => JSON.stringify({ ...c, schemaVersion: 99 }), /"schemaVersion" must be 1, got 99/],
    ['a seed out of range', (c) => JSON.stringify({ ...c, seed: -5 }), /"seed" must be ≥ 0, got -5/],
  ];
  for (const [what, make, message] of variants) {
    it(`${what}: replay and pin exit 2, pin writes nothing`, async () => {
      const d = tmp();
      const file = join(d, 'ce.json');
      writeFileSync(file, make(ce));
      expect(await main(['replay', file])).toBe(2);
      expect(err.join('\n')).toMatch(message);
      expect(out.join('\n')).not.toMatch(/verdict/);
      err = [];
      const regs = join(d, 'regressions');
      expect(await pinCommand([file], regs)).toBe(2);
      expect(err.join('\n')).toMatch(message);
      expect(existsSync(regs)).toBe(false);
    });
  }

  it('pin writes a versioned file that validates, with finite values', async () => {
    const regs = join(tmp(), 'regressions');
    expect(await pinCommand([ceFile, '--expect', 'violated'], regs)).toBe(0);
    const text = readFileSync(join(regs, 'A.T1a.json'), 'utf8');
    expect(text).not.toMatch(/null/);
    const r = parseRegressions(text, 'A.T1a.json', 'A.T1a', claimById);
    expect(JSON.parse(text)).toMatchObject({ schema: 'muon-claims/regressions', schemaVersion: 1 });
    expect(caseValueProblems(claim('A.T1a'), r.cases[0]!.mode, r.cases[0]!.value)).toEqual([]);
  });
});

describe('case values learnt from the generator', () => {
  it('a seed shrunk to 0 is a case (seeds are ≥ 0), a dimension of 0 is not (the generator only makes d ≥ 1)', () => {
    const B = claimById('B.msign')!;
    const value = fc.sample(B.arbitrary('float'), { seed: 7, numRuns: 1 })[0] as Record<string, unknown>;
    expect(caseValueProblems(B, 'float', value)).toEqual([]);
    expect(caseValueProblems(B, 'float', { ...value, seed: 0 })).toEqual([]);
    expect(caseValueProblems(B, 'float', { ...value, m: 0 }).join(' ')).toMatch(/"m" must be > 0/);
  });
});
