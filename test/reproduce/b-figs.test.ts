import { describe, expect, it } from 'vitest';
import { reference } from '../../src/impl/impl.ts';
import { BFIG1, assessBFig1, quadQ, renderBFig1, runBFig1 } from '../../src/reproduce/b-fig1.ts';
import { BFIG2, assessBFig2, renderBFig2, runBFig2 } from '../../src/reproduce/b-fig2.ts';
import { linearModel } from '../../src/problems/linear.ts';
import { float64 } from '../../src/arith/float64.ts';
import { plain } from '../../src/linalg/backend.ts';
import { fromRows } from '../../src/linalg/mat.ts';

/*
 * A smoke test of paper B's reproduced figures (the full ones run in `muon-claims reproduce B.Fig1 B.Fig2`, the reduced
 * ones in the claims B.Fig1/B.Fig2): tiny settings run, render with their settings printed, and give one assertion
 * per statement; and the pieces they are built from (Q's spectrum, P.linear's Λ and gradient).
 */

describe("paper B's figures (smoke)", () => {
  it('B.Fig1 at T = 30, 4×4: two problems × (GD, Muon η_t, best constant Muon), two assertions, settings in the SVG', () => {
    const d = runBFig1({ ...BFIG1, m: 4, n: 4, steps: 30, muonGrid: [0, 1] }, reference);
    expect(d.runs).toHaveLength(6);
    expect(assessBFig1(d)).toHaveLength(2);
    const svg = renderBFig1(d);
    expect(svg).toContain('Settings');
    expect(svg).toContain('low effective rank Q');
    for (const r of d.runs) expect(r.gap.every((g) => g >= 0 && Number.isFinite(g))).toBe(true);
  });

  it('B.Fig2 at T = 30, c = 3, d = 6, B = 40: five assertions (one measured-only in the claim), settings in the SVG', () => {
    const d = runBFig2({ ...BFIG2, c: 3, d: 6, B: 40, steps: 30, muonGrid: [0] }, reference);
    expect(d.runs).toHaveLength(6);
    expect(assessBFig2(d)).toHaveLength(5);
    expect(renderBFig2(d)).toContain('one-hot');
    for (const c of d.constants) expect(c.nucL).toBeGreaterThanOrEqual(c.Lstar - 1e-12);
  });

  it('quadQ: λ_1 = 1, the spike setting’s tail, exactly symmetric', () => {
    const { Q, lambdas } = quadQ(5, { label: 'x', spectrum: { kind: 'spike', tail: 0.01 } }, 's');
    expect(lambdas).toEqual([1, 0.01, 0.01, 0.01, 0.01]);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(Q.data[i * 5 + j]).toBe(Q.data[j * 5 + i]);
    let tr = 0;
    for (let i = 0; i < 5; i++) tr += Q.data[i * 6];
    expect(tr).toBeCloseTo(1.04, 12);
  });

  it('P.linear: Λ = XXᵀ/B, ∇f = (WX − Y)Xᵀ/B, f(W + E) − f(W) − ⟨∇f, E⟩ = ½tr(EΛEᵀ) on a hand example', () => {
    const la = plain(float64);
    const X = fromRows(float64, [[1, 2], [0, 1]]); // d = 2, B = 2
    const Y = fromRows(float64, [[1, 0]]); // c = 1
    const p = linearModel(la, X, Y);
    expect(p.Lambda.data).toEqual([2.5, 1, 1, 0.5]);
    const W = fromRows(float64, [[1, -1]]);
    // WX − Y = [1, 1] − [1, 0] = [0, 1]; f = (1/4)·1 = 0.25; ∇f = [0, 1]Xᵀ/2 = [2, 1]/2
    expect(p.loss(W)).toBe(0.25);
    expect(p.grad(W).data).toEqual([1, 0.5]);
    const E = fromRows(float64, [[1, 0]]);
    const W2 = fromRows(float64, [[2, -1]]);
    expect(p.loss(W2) - p.loss(W) - 1).toBe(p.curvature(E)); // f(W + E) = 2.5, ⟨∇f, E⟩ = 1, ½tr(EΛEᵀ) = ½·2.5
    expect(p.curvature(E)).toBe(1.25);
  });
});
