import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineClaim, fc, float64Field, hyp } from '../../src/index.ts';
import { defaultRegressions } from '../../src/testing/vitest.ts';

/*
 * 'muon-claims/vitest' on a user's claim: its pinned cases come from the folder given, or from ./fixtures/regressions
 * of the working directory (a user's project), validated as the CLI validates the catalogue's (schema, and every value
 * a case of the claim).
 */
const mine = defineClaim<{ x: number }>({
  id: 'my.square',
  title: 'x² ≥ 0',
  source: { paper: 'my notes', where: 'trivial', equations: [] },
  provenance: 'quoted',
  statement: 'x² ≥ 0 for real x',
  hypotheses: [hyp.real('x', 'x ∈ [−8, 8]', -8, 8)],
  modes: { float: float64Field },
  cases: { quick: { float: 10 }, default: { float: 10 }, deep: { float: 10 } },
  generate: () => fc.record({ x: fc.integer({ min: -8, max: 8 }) }),
  check(c, k) {
    k.bound('x² ≥ 0', 0, k.F.mul(k.of(c.x), k.of(c.x)));
  },
});

const dir = mkdtempSync(join(tmpdir(), 'muon-claims-pins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pins = join(dir, 'fixtures', 'regressions');
mkdirSync(pins, { recursive: true });
const file = (cases: unknown[]): string => JSON.stringify({ schema: 'muon-claims/regressions', schemaVersion: 1, claim: 'my.square', cases });

describe('describeClaim: a user claim’s pinned regressions', () => {
  it('are read from the folder given, or from ./fixtures/regressions of the working directory', () => {
    writeFileSync(join(pins, 'my.square.json'), file([{ mode: 'float', note: 'x = −3', expect: 'holds', value: { x: -3 } }]));
    expect(defaultRegressions(mine, pins).map((c) => c.value)).toEqual([{ x: -3 }]);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(defaultRegressions(mine).map((c) => c.value)).toEqual([{ x: -3 }]);
    } finally {
      process.chdir(cwd);
    }
    expect(defaultRegressions(mine)).toEqual([]); // from the project root: none pinned for my.square
  });

  it('are refused when a value is not a case of the claim', () => {
    writeFileSync(join(pins, 'my.square.json'), file([{ mode: 'float', note: 'bad', expect: 'holds', value: { y: 1 } }]));
    expect(() => defaultRegressions(mine, pins)).toThrow(/case 0: "value" is not a case of my\.square/);
  });
});
