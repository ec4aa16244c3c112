import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runClaim } from '../../src/claims/engine.ts';
import { defineClaim, float64Field, rational, type Ctx } from '../../src/claims/kit/index.ts';
import { buildReport } from '../../src/report/report.ts';
import { decodeJson, encodeJson } from '../../src/util/json.ts';

/*
 * claims.json with the confirmation ladder's records, against the published schema (schemas/claims-report.schema.json):
 * a float failure confirmed at the decimal rung after an undecided double-double rung (every attempt, with its note),
 * a tie that only Q decides (no digits, error 0), and a mode's near-tight summary with a case the
 * ladder found violated.
 */

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/claims-report.schema.json', import.meta.url), 'utf8')) as object);

type X = { readonly x: number };
const toy = (id: string, check: <T>(c: X, k: Ctx<T>) => void) =>
  defineClaim<X>({
    id,
    title: 'toy',
    source: { paper: 'toy', where: 'test', equations: ['(t)'] },
    provenance: 'reconstructed',
    statement: 'toy',
    hypotheses: [],
    modes: { float: float64Field, exact: rational() },
    cases: { quick: { float: 3, exact: 0 }, default: { float: 3, exact: 0 }, deep: { float: 3, exact: 0 } },
    generate: () => fc.constant({ x: 3 }),
    check,
    probes: [],
  });

describe('claims.json records the ladder', () => {
  // (2^53 + 3) − 2^53 rounds to 4 in float64, is 3 in every other rung
  const lhs = <T>(k: Ctx<T>, x: number): T => k.F.sub(k.F.add(k.F.of(2 ** 53), k.F.of(x)), k.F.of(2 ** 53));
  const decimalRung = runClaim(toy('toy.dec', (c, k) => void k.bound('(t)', k.F.add(lhs(k, c.x), k.F.of('1e-40')), 3, { tol: 24 * k.u })), { profile: 'quick', probes: false, modes: ['float'] });
  const tie = runClaim(toy('toy.tie', (c, k) => void k.bound('(t)', lhs(k, c.x), 3, { tol: 24 * k.u })), { profile: 'quick', probes: false, modes: ['float'] });
  const hidden = runClaim(toy('toy.hidden', (_c, k) => void k.bound('(h)', k.F.add(k.F.one, k.F.of('1e-20')), 1)), { profile: 'quick', probes: false, modes: ['float'] });
  const report = buildReport([decimalRung, tie, hidden], { profile: 'quick', seed: decimalRung.seed, modes: ['float'], frontEnd: 'cli' }, new Date(0));
  const json = JSON.parse(encodeJson(report));

  it('validates, with the deciding rung and every attempt of each confirmation', () => {
    expect(validate(json), JSON.stringify(validate.errors ?? []).slice(0, 2000)).toBe(true);
    const conf = (i: number) => json.claims[i].modes[0].counterexample.confirmation;
    expect(conf(0)).toMatchObject({ verdict: 'confirmed', rung: 'decimal', field: 'decimal(50)' });
    expect(conf(0).attempts.map((a: { field: string; decided: boolean }) => [a.field, a.decided])).toEqual([['double-double', false], ['decimal(50)', true]]);
    expect(conf(1)).toMatchObject({ verdict: 'float artifact', rung: 'rational', field: 'Q' });
    expect(conf(1).attempts.at(-1)).toMatchObject({ rung: 'rational', maxError: 0, decided: true });
    expect(conf(1).attempts.at(-1).precision).toBeUndefined();
    expect(json.claims[2].modes[0].nearTight).toMatchObject({ confirmed: 1, violated: 1, rungs: { 'double-double': 1 }, firstViolated: { rung: 'double-double', slack: 1 } });
    expect(decodeJson(encodeJson(report))).toEqual(report);
  });

  it('refuses an unknown rung and a negative near-tight count', () => {
    const bad = structuredClone(json);
    bad.claims[0].modes[0].counterexample.confirmation.rung = 'quad';
    expect(validate(bad)).toBe(false);
    const bad2 = structuredClone(json);
    bad2.claims[2].modes[0].nearTight.confirmed = -1;
    expect(validate(bad2)).toBe(false);
  });
});
