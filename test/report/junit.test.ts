import { describe, expect, it } from 'vitest';
import T1a from '../../src/claims/catalogue/A.T1a.ts';
import L2 from '../../src/claims/catalogue/A.L2.ts';
import { runClaim } from '../../src/claims/engine.ts';
import { projectErrata, projectRegressions } from '../../src/claims/fixtures.ts';
import { scheduleWithoutDecay } from '../../src/impl/plants.ts';
import { num } from '../../src/report/format.ts';
import { renderJunit } from '../../src/report/junit.ts';
import { buildReport } from '../../src/report/report.ts';

/** junit.xml carries every verdict of the report: violations, errata, pinned cases, probes, with full attributes. */
describe('junit.xml', () => {
  const erratum = runClaim(T1a, { profile: 'quick', modes: [], probes: false, errata: projectErrata(), regressions: projectRegressions('A.T1a') });
  const violated = runClaim(L2, { profile: 'quick', impl: scheduleWithoutDecay.impl, probes: false });
  const pinnedFails = runClaim(L2, { profile: 'quick', modes: [], probes: false, regressions: [{ mode: 'exact', note: 'a pinned bug that is back', expect: 'holds', value: violated.modes.find((m) => m.mode === 'exact')!.counterexample!.value }], impl: scheduleWithoutDecay.impl });
  const report = buildReport([erratum, violated, pinnedFails], { profile: 'quick', seed: 1, modes: ['float', 'exact'], frontEnd: 'cli' }, new Date(0));
  const xml = renderJunit(report);
  const suites = xml.split('<testsuite ').slice(1);

  it('every suite has tests, failures, errors, skipped, time and timestamp; the totals add up', () => {
    for (const s of suites) expect(s).toMatch(/^name="[^"]+" tests="\d+" failures="\d+" errors="\d+" skipped="\d+" time="[\d.]+" timestamp="1970-01-01T00:00:00.000Z"/);
    const total = (attr: string): number => suites.reduce((a, s) => a + Number(new RegExp(`${attr}="(\\d+)"`).exec(s)![1]), 0);
    expect(Number(/<testsuites[^>]* failures="(\d+)"/.exec(xml)![1])).toBe(total('failures'));
    expect(Number(/<testsuites[^>]* skipped="(\d+)"/.exec(xml)![1])).toBe(total('skipped'));
  });

  it('a known erratum is neither lost nor green: its witness and the erratum are testcases, skipped as "known erratum"', () => {
    expect(erratum.verdict).toBe('violated (known erratum)');
    expect(xml).toMatch(/name="A\.T1a erratum A\.T1a-alpha-boundary"[^]*?<skipped message="known erratum A\.T1a-alpha-boundary; witness/);
    expect(xml).toMatch(/name="A\.T1a pinned &quot;[^"]+&quot; \(exact\)"[^]*?<skipped message="known erratum A\.T1a-alpha-boundary/);
    expect(suites[0]).toContain('<property name="verdict" value="violated (known erratum)"/>');
  });

  it('a violation is a failure with a type; a pinned case that fails is a failure of its own', () => {
    expect(xml).toMatch(/name="A\.L2 \[exact\]"[^]*?<failure type="violation" message="[^"]+"/);
    expect(pinnedFails.verdict).toBe('violated');
    expect(xml).toMatch(/name="A\.L2 pinned &quot;a pinned bug that is back&quot; \(exact\)"[^]*?<failure type="pinned-regression" message="pinned case fails: /);
  });

  it('numbers are shown to the digits that tell them apart', () => {
    expect(num(0.9999999999999983)).not.toBe('1');
    expect(num(1)).toBe('1');
    expect(num(1.0000001)).toBe('1.0000001');
    expect(num(Infinity)).toBe('∞');
    expect(num(0.1234567)).toBe('0.1235');
  });
});
