import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import L2 from '../../src/claims/catalogue/A.L2.ts';
import msign from '../../src/claims/catalogue/B.msign.ts';
import { runClaim } from '../../src/claims/engine.ts';
import { scheduleWithoutDecay } from '../../src/impl/plants.ts';
import { decodeJson, encodeJson } from '../../src/util/json.ts';
import { buildReport, counterexampleFile, counterexampleFileName, counterexamplesOf } from '../../src/report/report.ts';

/*
 * The published JSON Schemas (schemas/) against reports and counterexample files the engine really writes: a holding
 * claim, a violated one (a planted bug) with its counterexample, and an infinite slack spelled out.
 */

const ajv = new Ajv2020({ allErrors: true, strict: true });
const load = (name: string): object => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8'));
const validateReport = ajv.compile(load('claims-report.schema.json'));
const validateCounterexample = ajv.compile(load('counterexample.schema.json'));
const errors = (v: { errors?: unknown }): string => JSON.stringify(v.errors ?? [], null, 1).slice(0, 2000);

describe('JSON Schemas of claims.json and of counterexample files', () => {
  const held = runClaim(msign, { profile: 'quick' });
  const violated = runClaim(L2, { profile: 'quick', impl: scheduleWithoutDecay.impl, probes: false });
  const report = buildReport([held, violated], { profile: 'quick', seed: held.seed, modes: ['float', 'exact'], frontEnd: 'cli' }, new Date(0));
  const written = decodeJson(encodeJson(report));

  it('a real report validates (a holding claim and a violated one)', () => {
    expect(violated.verdict).toBe('violated');
    const ok = validateReport(JSON.parse(encodeJson(report)));
    expect(ok, errors(validateReport)).toBe(true);
  });

  it('every counterexample file the report lists validates', () => {
    const claim = report.claims[1]!;
    const all = counterexamplesOf(claim);
    expect(all.length).toBeGreaterThan(0);
    for (const { ce, pinned } of all) {
      const name = counterexampleFileName(claim.id, ce.value);
      const file = JSON.parse(encodeJson(counterexampleFile(claim, ce, name, 'reports', pinned)));
      expect(validateCounterexample(file), errors(validateCounterexample)).toBe(true);
    }
  });

  it('±∞ and NaN are written as strings the schema names, and read back as numbers', () => {
    const text = encodeJson({ slack: [{ bound: 'b', max: Infinity, lhs: 1, rhs: 0 }, { bound: 'c', max: NaN, lhs: -Infinity, rhs: 1 }] });
    expect(text).toContain('"max": "Infinity"');
    expect(text).not.toContain('null');
    const back = decodeJson(text) as { slack: { max: number; lhs: number }[] };
    expect(back.slack[0]!.max).toBe(Infinity);
    expect(back.slack[1]!.max).toBeNaN();
    expect(back.slack[1]!.lhs).toBe(-Infinity);
    expect(written).toEqual(report);
  });

  it('the schema refuses what a reader could misread: a null slack, an unknown verdict, a prose reason', () => {
    const bad = JSON.parse(encodeJson(report));
    bad.claims[0].modes[0].slack[0].max = null;
    expect(validateReport(bad)).toBe(false);
    const bad2 = JSON.parse(encodeJson(report));
    bad2.claims[0].verdict = 'probably';
    expect(validateReport(bad2)).toBe(false);
    const bad3 = JSON.parse(encodeJson(report));
    bad3.claims[0].reason = '300 cases';
    expect(validateReport(bad3)).toBe(false);
  });
});
