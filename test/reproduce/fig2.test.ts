import { describe, expect, it } from 'vitest';
import { reference } from '../../src/impl/impl.ts';
import { FIG2, assessFig2, panelsOf, renderFig2, runFig2, scheduleLabel, type Fig2Settings } from '../../src/reproduce/fig2.ts';
import {
  activeEigenvalue,
  blockJacobian,
  checkedSteps,
  finiteDifferenceBlock,
  iclLambdas,
  linearisedGrowth,
  observeOffAligned,
  observedGrowth,
  perStepOver,
  scalarTrajectory,
  stepsToEta,
} from '../../src/reproduce/fig2-stability.ts';
import { exactField } from '../../src/arith/exact.ts';

/*
 * Fig. 2 and the measurements of docs/findings/fig2.md: the off-aligned block Jacobian against finite differences of
 * the implementation's own step, the exact scalar trajectory against Theorem 3's bound, the growth figures the
 * finding quotes (as regressions with their tolerance), and the figure's panels and assertions per schedule.
 */

describe('fig2-stability: the off-aligned Jacobian of the Muon step on P.icl', () => {
  it('blockJacobian equals central differences of the implementation’s step in decimal(40) (h = 1e-20)', () => {
    const lambdas = [37, 9.5, 3, 1.3];
    const rho = '0.9';
    const tr = scalarTrajectory(lambdas, 1, 0.9, 20, 80);
    const F = exactField(60);
    for (const t of [0, 3, 17]) {
      let eta = F.one;
      const w = lambdas.map(() => F.zero);
      for (let s = 0; s < t; s++) {
        for (let i = 0; i < w.length; i++) w[i] = F.sub(w[i]!, F.mul(eta, F.of(tr.sign[s]![i]!)));
        eta = F.mul(eta, F.of(rho));
      }
      for (const [i, j] of [
        [0, 1],
        [1, 3],
        [2, 3],
      ] as const) {
        const fd = finiteDifferenceBlock(reference, lambdas, w.map((x) => F.toString(x)), F.toString(eta), i, j);
        const an = blockJacobian(lambdas[i]!, lambdas[j]!, tr.delta[t]![i]!, tr.delta[t]![j]!, tr.sign[t]![i]!, tr.sign[t]![j]!);
        const scale = Math.max(...an.map(Math.abs));
        for (let k = 0; k < 4; k++) expect(Math.abs(fd[k]! - an[k]!)).toBeLessThanOrEqual(1e-12 * scale);
      }
    }
  }, 60_000);

  it('M_t has the eigenvalues 1 (the neutral direction) and μ_t, whatever the signs', () => {
    for (const [li, lj, di, dj] of [
      [5, 2, 0.3, 0.9],
      [1000, 1, 0.01, 1.5],
      [3, 3, 0.2, 0.1],
    ] as const) {
      for (const s of [1, -1]) {
        const [a, b, c, d] = blockJacobian(li, lj, di, dj, 1, s);
        const tr = a + d;
        const det = a * d - b * c;
        const mu = activeEigenvalue(li, lj, di, dj);
        expect(tr).toBeCloseTo(1 + mu, 10);
        expect(det).toBeCloseTo(mu, 10);
      }
    }
  });

  it('the exact scalar trajectory obeys Theorem 3: δ_{i,t} ≤ 1/ρ, and the relative error is at most ‖(η_{t−1})ᵢ‖/‖1/λ‖', () => {
    const lambdas = iclLambdas(8, 100, 1);
    for (const [C, rho] of [
      [0.5, 0.5],
      [1, 0.95],
      [2, 0.7],
    ] as const) {
      const T = stepsToEta(C, rho, 1e-10);
      const tr = scalarTrajectory(lambdas, C, rho, T, 80);
      const norm = Math.sqrt(lambdas.reduce((s, l) => s + 1 / (l * l), 0));
      for (let t = 1; t < T; t++) {
        for (const dl of tr.delta[t]!) expect(dl).toBeLessThanOrEqual(1 / rho + 1e-12);
        expect(tr.relError[t]!).toBeLessThanOrEqual((Math.sqrt(lambdas.length) * tr.eta[t - 1]!) / norm + 1e-15);
      }
      expect(tr.relError[T]!).toBeLessThanOrEqual(3e-10);
    }
    expect(() => scalarTrajectory(lambdas, 1, 0.95, checkedSteps(0.95, 40) + 1, 40)).toThrow(RangeError);
  });

  it('exact root hits are found and their pairs left out: C = 1, λ_min = 1 lands on 1 at t = 1', () => {
    const lambdas = iclLambdas(8, 100, 1);
    const g = linearisedGrowth(scalarTrajectory(lambdas, 1, 0.7, 60, 80));
    expect(g.exactHits).toEqual([7]);
    expect(g.pairs).toBe(21); // 7·6/2: the pairs without λ_min
    const h = linearisedGrowth(scalarTrajectory(lambdas, 0.5, 0.7, 60, 80));
    expect(h.exactHits).toEqual([]);
    expect(h.pairs).toBe(28);
  });

  // The numbers of docs/findings/fig2.md (growth table, d = 8, κ = 100, seed 1), as regressions: linearised growth
  // per step over the window to η_t ≤ 1e-10 is ≈ 1 at ρ = 1/2 and several-fold at ρ = 0.95.
  it('linearised growth along the exact trajectory: ≈ 1 per step at ρ = 1/2, > 4 at ρ = 0.95 (d = 8, κ = 100)', () => {
    const lambdas = iclLambdas(8, 100, 1);
    const slow = linearisedGrowth(scalarTrajectory(lambdas, 0.5, 0.95, stepsToEta(0.5, 0.95, 1e-10), 80));
    const fast = linearisedGrowth(scalarTrajectory(lambdas, 0.5, 0.5, stepsToEta(0.5, 0.5, 1e-10), 80));
    expect(slow.perStep).toBeGreaterThan(4);
    expect(slow.perStep).toBeLessThan(5);
    expect(fast.perStep).toBeGreaterThan(0.95);
    expect(fast.perStep).toBeLessThan(1.1);
  });

  it('observed in float64: the off-aligned part grows ≈ 2.5× per step at ρ = 0.95 and stalls the run; at ρ = 1/2 it does not grow and the run reaches 1e-10', () => {
    const slow = observeOffAligned(reference, { d: 8, kappa: 100, seed: 1, schedule: { kind: 'geo', C: 1, scale: 1, rho: 0.95 }, steps: 200 });
    const g = observedGrowth(slow)!;
    expect(g.perStep).toBeGreaterThan(2);
    expect(g.perStep).toBeLessThan(3.2);
    expect(Math.min(...slow.errors)).toBeGreaterThan(1e-4);
    const fast = observeOffAligned(reference, { d: 8, kappa: 100, seed: 1, schedule: { kind: 'geo', C: 0.5, scale: 1, rho: 0.5 }, steps: 60 });
    expect(observedGrowth(fast)!.perStep).toBeLessThan(1);
    expect(Math.min(...fast.errors)).toBeLessThan(1e-13);
    expect(Math.max(...fast.offAligned)).toBeLessThan(1e-12);
  }, 60_000);

  it('perStepOver is exp of the log-slope', () => {
    const curve = Array.from({ length: 20 }, (_, t) => 3 * 1.5 ** t);
    expect(perStepOver(curve, 2, 15)).toBeCloseTo(1.5, 12);
    expect(perStepOver(curve, 5, 5)).toBeNull();
  });
});

describe('reproduce/fig2: one Muon panel per schedule, labelled', () => {
  const small: Fig2Settings = { ...FIG2, d: 6, kappas: [2, 100], steps: 400, optimizers: ['muon', 'muon-geo', 'gd'], geos: [{ C: 0.5, rho: 0.5 }, { C: 1, rho: 0.95 }], geo: { C: 0.5, rho: 0.5 } };

  it('runs every (optimizer, schedule) at every κ and labels the curves with their schedule', () => {
    expect(panelsOf(small).map((p) => scheduleLabel(p.o, p.g))).toEqual(['plateau ×0.5 after 10', 'η_t = 0.5·0.5^t', 'η_t = 1·0.95^t', 'constant η = 1/κ³']);
    const data = runFig2(small, reference);
    expect(data.runs.length).toBe(4 * 2);
    expect(new Set(data.runs.map((r) => r.schedule))).toEqual(new Set(['plateau ×0.5 after 10', 'η_t = 0.5·0.5^t', 'η_t = 1·0.95^t', 'constant η = 1/κ³']));
    const names = assessFig2(data).map((a) => a.name);
    expect(names).toEqual([
      'Muon (plateau ×0.5 after 10) ≤ 1e-10 within a few hundred steps (< 1000) for every κ',
      'Muon (η_t = 0.5·0.5^t) ≤ 1e-10 within a few hundred steps (< 1000) for every κ',
      'Muon (η_t = 1·0.95^t) ≤ 1e-10 within a few hundred steps (< 1000) for every κ',
      'GD slows down as κ grows',
    ]);
    // The labels as text, whatever markup plot.ts gives sub- and superscripts.
    const text = renderFig2(data).replace(/<[^>]+>/g, '');
    expect(text).toMatch(/\(b\) Muon, η_?t = 0\.5·0\.5\^?t: reaches (1e-10|10⁻¹⁰)/);
    expect(text).toMatch(/\(c\) Muon, η_?t = 1·0\.95\^?t: (stalls|reaches)/);
    expect(text).toContain('zoomed: 0–100 of 400');
    expect(text).toContain('docs/findings/fig2.md');
    const svg = renderFig2(data);
    expect(svg.match(/<polyline/g)?.length ?? 0).toBeGreaterThan(0);
  }, 60_000);

  it('the figure’s own setting (d = 20, seed 1): Theorem 3’s C = 1/2, ρ = 1/2 reaches 1e-10 at every κ in < 40 steps; ρ = 0.95 stalls at κ ≥ 100', () => {
    const data = runFig2({ ...FIG2, steps: 1500, optimizers: ['muon-geo'] }, reference);
    const [reproduces, stalls] = assessFig2(data);
    expect(FIG2.geos[0]).toEqual({ C: 0.5, rho: 0.5 });
    expect(FIG2.geo).toEqual(FIG2.geos[0]);
    expect(reproduces!.holds).toBe(true);
    expect(reproduces!.lhs).toBeLessThan(40);
    expect(stalls!.holds).toBe(false);
    const slow = data.runs.filter((r) => r.schedule === 'η_t = 1·0.95^t');
    expect(slow.filter((r) => r.value >= 100).every((r) => r.itersToTarget === null && r.finalError > 1e-5)).toBe(true);
  }, 120_000);
});
