import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Problem } from '../../src/problems/problem.ts';
import { run } from '../../src/optimizers/index.ts';
import { geo } from '../../src/schedules/index.ts';
import { describe, expect, it } from 'vitest';
import { reference } from '../../src/impl/impl.ts';
import { assertion, boundRhs, geoMean, record, slowdownBound, withinBound } from '../../src/reproduce/common.ts';
import { cosine, kronIdentity, offDiagonalShare } from '../../src/reproduce/fig3.ts';
import { figuresSection } from '../../src/reproduce/html.ts';
import { fastMf, fastRun, itersTo, loglogSlope, mfInstance, optimizerOf, iclInstance, signLowerBoundInstance, thin } from '../../src/reproduce/runner.ts';

describe('reproduce/runner', () => {
  it('loglogSlope recovers the exponent of a power law and skips missing counts', () => {
    expect(loglogSlope([10, 100, 1000], [5, 50, 500])).toBeCloseTo(1, 12);
    expect(loglogSlope([2, 4, 8], [3, 24, 192])).toBeCloseTo(3, 12);
    expect(loglogSlope([10, 100, 1000], [7, 7, null])).toBeCloseTo(0, 12);
    expect(loglogSlope([10, 100], [7, null])).toBeNull();
  });
  it('itersTo and thin', () => {
    expect(itersTo([1, 0.5, 1e-11, 1e-12], 1e-10)).toBe(2);
    expect(itersTo([1, 0.5], 1e-10)).toBeNull();
    const th = thin(Array.from({ length: 1001 }, (_, i) => i), 100);
    expect(th.t[0]).toBe(0);
    expect(th.t[th.t.length - 1]).toBe(1000);
    expect(th.t.length).toBeLessThanOrEqual(102);
  });
  it('fastRun gives the trajectory of optimizers/run.ts (the plain path) on MF and ICL', () => {
    for (const inst of [mfInstance(reference, { d: 6, r: 2, k: 3, kappa: 30, alpha: 1e-2, seed: 5 }), iclInstance(reference, { d: 4, kappa: 10, seed: 5 })]) {
      const { fp, x0 } = inst;
      const p = fp.problem as Problem<number>;
      const schedule = { kind: 'geo', C: 1.5, scale: 0.5, rho: 0.9 } as const;
      const fast = fastRun({ fp, optimizer: optimizerOf(reference, 'muon'), schedule, x0, steps: 40 }, reference);
      const plain = run({ problem: p, optimizer: optimizerOf(reference, 'muon'), schedule: geo({ C: 1.5, scale: 0.5, rho: 0.9 }), x0, steps: 40 });
      expect(fast.final.data).toEqual(plain.final.data); // the same arithmetic in the same order: bit for bit
      // fastRun records ‖residual‖_F relative to ‖M*‖_F (or ‖Σ⁻¹‖_F), run() the absolute norm: a constant ratio.
      const norm = plain.errors[0]! / fast.errors[0]!;
      fast.errors.forEach((e, t) => expect(Math.abs(e * norm - plain.errors[t]!)).toBeLessThanOrEqual(1e-12 * plain.errors[0]!));
    }
  });
  it('the MF relative error is ‖UUᵀ − M*‖_F/‖M*‖_F (1 at U = 0, 0 at the minimiser)', () => {
    const { fp } = mfInstance(reference, { d: 6, r: 2, k: 3, kappa: 10, alpha: 1e-3, seed: 3 });
    const p = fp.problem;
    expect(fp.lossAndError({ rows: 6, cols: 3, data: new Array(18).fill(0) }).error).toBeCloseTo(1, 14);
    expect(fp.lossAndError(p.minimizer()).error).toBeLessThan(1e-14);
    void fastMf;
  });
  it('Muon converges on a small MF instance; its curve starts at ~1 and is recorded per step', () => {
    const { fp, x0 } = mfInstance(reference, { d: 8, r: 2, k: 3, kappa: 100, alpha: 1e-3, seed: 1 });
    const r = fastRun({ fp, optimizer: optimizerOf(reference, 'muon'), schedule: { eta0: 0.1, factor: 0.5, patience: 10, threshold: 1e-4 }, x0, steps: 1500, stopBelow: 1e-10 }, reference);
    expect(r.status).toBe('converged');
    expect(r.errors.length).toBe(r.steps + 1);
    expect(r.errors[0]).toBeGreaterThan(0.99);
  });
  it('the SignGD lower-bound start lies in the slice {pI + qJ} with μ = (1.7, √λ₂/10)', () => {
    const { x0 } = signLowerBoundInstance(reference, 100);
    const [a, b, c, d] = x0.data;
    expect(a).toBe(d);
    expect(b).toBe(c);
    expect(a + b).toBeCloseTo(1.7, 14);
    expect(a - b).toBeCloseTo(0.01, 14);
  });
});

describe('reproduce/common and fig3 helpers', () => {
  const rec = (value: number, errors: number[]) => record('kappa', 'gd', value, { errors, steps: errors.length - 1, status: 'completed', final: { rows: 1, cols: 1, data: [0] }, ms: 0 }, errors.length - 1);
  it('geoMean, and "within" / "slowdown" assertions', () => {
    expect(geoMean([1e-2, 1e-4])).toBeCloseTo(1e-3, 15);
    const fast = rec(10, [1, 1e-3, 1e-11]);
    const slow = rec(1000, [1, 0.5, 0.1]);
    expect(withinBound('X', 'w', [fast], 5).holds).toBe(true);
    const w = withinBound('X', 'w', [fast, slow], 5);
    expect(w.holds).toBe(false);
    expect(w.lhs).toBe(Infinity);
    expect(slowdownBound('X', 's', [slow, fast]).holds).toBe(true);
    expect(slowdownBound('X', 's', [rec(10, [1, 0.1]), rec(1000, [1, 0.01])]).holds).toBe(false);
  });
  it('an assertion decides from its own two numbers; a strict one fails at a tie, also when stated as lhs ≤ boundRhs', () => {
    expect(assertion('X', 'a', 1, 2, '').holds).toBe(true);
    expect(assertion('X', 'a', 2, 2, '').holds).toBe(true);
    expect(assertion('X', 'a', 0.9, NaN, 'no slope').holds).toBe(false);
    const tie = assertion('X', 's', 3e-3, 3e-3, '', { strict: true });
    expect(tie.holds).toBe(false);
    expect(tie.lhs <= boundRhs(tie)).toBe(false);
    expect(boundRhs(tie)).toBeLessThan(3e-3);
    const below = assertion('X', 's', 1e-3, 3e-3, '', { strict: true });
    expect(below.holds).toBe(true);
    expect(boundRhs(below)).toBe(3e-3); // away from a tie the numbers (and the slack) are the assertion's own
    expect(boundRhs(assertion('X', 'a', 2, 2, ''))).toBe(2);
  });
  it('a run stopped early at the target is padded flat for the geometric mean', () => {
    const r = record('k', 'muon', 5, { errors: [1, 1e-12], steps: 1, status: 'converged', final: { rows: 1, cols: 1, data: [0] }, ms: 0 }, 3);
    expect(r.geoMeanError).toBeCloseTo(Math.exp((0 + 3 * Math.log(1e-12)) / 4), 20);
  });
  it('Kronecker form, cosine and off-diagonal share', () => {
    expect(kronIdentity([1, 2, 3, 4], 2, 2)).toEqual([1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4]);
    expect(cosine([1, 0, 0, 1], [2, 0, 0, 2])).toBeCloseTo(1, 15);
    expect(offDiagonalShare([1, 0, 0, 1], 2)).toBe(0);
    expect(offDiagonalShare([0, 1, 1, 0], 2)).toBeCloseTo(1, 15);
  });
  it('figuresSection inlines the SVGs with the assertions and says so when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fig-'));
    expect(figuresSection(dir)).toContain('No figures yet');
    writeFileSync(join(dir, 'fig1.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><title>x</title></svg>');
    writeFileSync(join(dir, 'fig1.json'), JSON.stringify({ elapsedMs: 1200, assertions: [{ claim: 'A.Fig1', name: 'n <1>', lhs: 3, rhs: 5, holds: false }] }));
    const html = figuresSection(dir);
    expect(html).toContain('<svg xmlns');
    expect(html).toContain('n &lt;1&gt;');
    expect(html).toContain('violated');
    expect(readFileSync(join(dir, 'fig1.svg'), 'utf8')).toContain('<title>x</title>');
  });
});
