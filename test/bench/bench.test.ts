/**
 * The bench's new suites, structure only (never timed): the confirmation cases decide on the rungs they are built
 * for, NumPy's absence is reported rather than fatal, the throughput wrapper reads the engine's result, and the table
 * prints every kind of row.
 */
import { describe, expect, it } from 'vitest';
import { doubleDouble } from '../../src/arith/double-double.ts';
import { float64 } from '../../src/arith/float64.ts';
import { confirm } from '../../src/arith/ladder.ts';
import { formatBenchTable, mfInstance, type BenchRow } from '../../src/bench/bench.ts';
import { CONFIRM_CASES, confirmationRows, question } from '../../src/bench/confirm.ts';
import { measureNumpy } from '../../src/bench/numpy.ts';
import { throughputRows, wallTimeRows } from '../../src/bench/throughput.ts';

describe('confirmation cases', () => {
  it('each case: float64 decides the typical question; the near-tight one needs double-double, which decides it', () => {
    for (const make of CONFIRM_CASES) {
      const c = make();
      const v = float64.toNumber(c.value(float64));
      const vdd = doubleDouble.toNumber(c.value(doubleDouble));
      // the float value is within the case's a-priori budget of the double-double one
      expect(Math.abs(v - vdd), c.id).toBeLessThanOrEqual(c.budget(float64, v));
      const typical = confirm(question(c, 2 * v + 1e-6));
      expect([typical.rung, typical.decision], c.id).toEqual(['float64', 'holds']);
      const tight = confirm(question(c, String(v)));
      expect(tight.rung, c.id).toBe('double-double');
      expect(tight.attempts.map((a) => a.rung)).toEqual(['float64', 'double-double']);
      // the double-double value decides on the side the difference says
      expect(tight.decision, c.id).toBe(vdd > Number(String(v)) ? 'violated' : 'holds');
    }
  });

  it('confirmationRows gives two rows per case with the deciding rung, using the timer it is given', () => {
    let calls = 0;
    const rows = confirmationRows((step) => {
      step();
      calls++;
      return 1;
    });
    expect(rows.map((r) => `${r.id}/${r.scenario}/${r.rung}`)).toEqual(
      CONFIRM_CASES.flatMap((m) => [`${m().id}/typical/float64`, `${m().id}/near-tight/double-double`, `${m().id}/decimal-only/decimal`]),
    );
    expect(calls).toBe(20); // per case: the float run twice, three confirmations
    for (const r of rows) expect(r.ratio).toBe(1);
  });
});

describe('NumPy, throughput and wall time', () => {
  it('a missing python3 is reported with the reason, not thrown', () => {
    const prev = process.env.MUON_PYTHON;
    process.env.MUON_PYTHON = '/nonexistent/python3';
    try {
      const r = measureNumpy([mfInstance(1, 4, 2)], { minBlockMs: 1, repeats: 1, eta: 0.01 });
      expect('why' in r && r.why).toMatch(/python3 not runnable/);
    } finally {
      if (prev === undefined) delete process.env.MUON_PYTHON;
      else process.env.MUON_PYTHON = prev;
    }
  });

  it('throughputRows counts the engine’s cases per claim and profile; wallTimeRows records the exit code', () => {
    const rows = throughputRows({ budgetMs: 300, only: ['A.L9'], profiles: ['default'] });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ case: 'throughput', claim: 'A.L9', profile: 'default' });
    expect(rows[0].cases).toBeGreaterThan(0);
    expect(rows[0].casesPerSecond).toBeCloseTo(rows[0].cases / rows[0].seconds, 6);
    const wt = wallTimeRows([['node', '-e', 'process.exit(3)']]);
    expect(wt[0]).toMatchObject({ case: 'walltime', command: 'node -e process.exit(3)', exitCode: 3 });
  });

  it('the table prints every kind of row', () => {
    const rows: BenchRow[] = [
      { case: 'numpy', version: '2.0' },
      { case: 'muon-mf-step', d: 20, k: 4, r: 4, route: 'fast', msPerStep: 0.01, numpyMs: 0.02, numpySource: 'same-run', ratioToNumpy: 0.5, numpyDenseMs: 0.025, ratioToSvdRoute: 0.1 },
      { case: 'confirmation', id: 'scalar', what: 'x', scenario: 'near-tight', rung: 'double-double', decision: 'holds', errorBound: 1e-28, floatMs: 0.1, confirmMs: 0.5, ratio: 5 },
      { case: 'throughput', claim: 'A.L2', profile: 'default', cases: 10, seconds: 2, casesPerSecond: 5, cutShort: false },
      { case: 'throughput', claim: 'A.L2', profile: 'deep', cases: 10, seconds: 1, casesPerSecond: 10, cutShort: true },
      { case: 'walltime', command: 'npm test', seconds: 120.5, exitCode: 0 },
      { case: 'walltime', command: 'npm run check', seconds: 60, exitCode: 1 },
    ];
    const t = formatBenchTable(rows);
    expect(t).toContain('NumPy 2.0 measured in this run');
    expect(t).toContain('double-double');
    expect(t).toMatch(/A\.L2\s+5\.00 \(10\)\s+10\.0\* \(10\)/);
    expect(t).toContain('npm test: 120.5 s');
    expect(t).toContain('npm run check: 60.0 s (exit 1)');
  });
});

describe('parseSuites (the value of bench --suites)', () => {
  it('lists, excludes, all; refuses unknown names and mixtures', async () => {
    const { parseSuites, BENCH_SUITES } = await import('../../src/bench/bench.ts');
    expect(parseSuites('all')).toEqual([...BENCH_SUITES]);
    expect(parseSuites('confirm, steps')).toEqual(['steps', 'confirm']);
    expect(parseSuites('-walltime,-throughput')).toEqual(['steps', 'numpy', 'exact', 'confirm']);
    expect(() => parseSuites('steps,bogus')).toThrow(/unknown suite "bogus"/);
    expect(() => parseSuites('steps,-walltime')).toThrow(/not both/);
    expect(() => parseSuites(' , ')).toThrow(RangeError);
  });
});
