/**
 * variants.ts — each practical-Muon variant replaces what it says (msign in every backend; for muon-kj and
 * muon-torch also impl.optimizers.muon, whatever options a claim passes), with the Newton–Schulz / update that
 * test/practical/reference.test.ts checks against the reference code, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { bf16 } from '../../src/arith/bf16.ts';
import { exactField } from '../../src/arith/exact.ts';
import { float64 } from '../../src/arith/float64.ts';
import { reference } from '../../src/impl/impl.ts';
import { VARIANTS } from '../../src/impl/variants.ts';

const variantById = (id: string) => VARIANTS.find((v) => v.id === id)!;
import { convert, mat, scale, sub } from '../../src/linalg/mat.ts';
import { frobenius } from '../../src/linalg/norms.ts';
import { ns5Reference } from '../../src/linalg/ns5.ts';
import { practicalMuon } from '../../src/optimizers/practical-muon.ts';
import { gaussian, rng } from '../../src/random/index.ts';

const G = gaussian(rng('variants'), 5, 3);
const dist = (A: { data: number[] }, B: { data: number[] }): number => Math.max(...A.data.map((x, i) => Math.abs(x - B.data[i]!)));

describe('VARIANTS', () => {
  it('has the ids of claims.md’s practical-Muon list, each unique, with a precision and a reference named', () => {
    const ids = VARIANTS.map((v) => v.id);
    expect(ids).toEqual(['ns5-5', 'ns5-10', 'ns5-torch-norm', 'ns5-bf16', 'muon-kj', 'muon-torch']);
    for (const v of VARIANTS) {
      expect(v.impl.name).toBe(v.id);
      expect(v.what).toMatch(/KellerJordan\/Muon|torch\.optim\.Muon/);
    }
  });

  it('msign is replaced in the float backend and over any field by the named Newton–Schulz; the rest is the reference', () => {
    const want: Record<string, () => number[]> = {
      'ns5-5': () => ns5Reference(float64, G, 'kellerjordan', { precision: 'field' }).data,
      'ns5-10': () => ns5Reference(float64, G, 'kellerjordan', { steps: 10, precision: 'field' }).data,
      'ns5-torch-norm': () => ns5Reference(float64, G, 'torch', { precision: 'field' }).data,
      'ns5-bf16': () => ns5Reference(float64, G, 'kellerjordan').data,
      'muon-kj': () => ns5Reference(float64, G, 'kellerjordan').data,
      'muon-torch': () => ns5Reference(float64, G, 'torch').data,
    };
    const exact = reference.float.msign(G);
    for (const v of VARIANTS) {
      expect(v.impl.float.msign(G).data, v.id).toEqual(want[v.id]!());
      expect(v.impl.over(float64).msign(G).data, v.id).toEqual(want[v.id]!());
      // not the SVD msign: NS5's singular values land in ~[0.68, 1.13], not at 1
      expect(dist(v.impl.float.msign(G), exact), v.id).toBeGreaterThan(1e-4);
      expect(v.impl.float.svd).toBe(reference.float.svd);
      expect(v.impl.ns5).toBe(reference.ns5);
      // over a decimal field: float64 variants run their NS there (the confirm path), bf16 ones round through bf16
      const E = exactField(30);
      const XE = v.impl.over(E).msign(convert(float64, E, G));
      const gap = Math.max(...XE.data.map((x, i) => Math.abs(E.toNumber(x) - want[v.id]!()[i]!)));
      if (v.precision === 'bf16') {
        expect(gap, v.id).toBe(0);
        for (const x of XE.data) expect(bf16.of(E.toNumber(x))).toBe(E.toNumber(x));
      } else expect(gap, v.id).toBeLessThan(1e-11);
    }
  });

  it('msign variants keep the reference Muon; muon-kj and muon-torch replace it whatever the options', () => {
    for (const v of VARIANTS.slice(0, 4)) expect(v.impl.optimizers.muon).toBe(reference.optimizers.muon);
    const kj = variantById('muon-kj').impl.optimizers;
    const torch = variantById('muon-torch').impl.optimizers;
    for (const o of [undefined, { momentum: { form: 'heavy-ball' as const, mu: '0.5' } }, { orthogonalizer: 'ns5' as const }]) {
      expect(kj.muon(o).params).toEqual(practicalMuon({ reference: 'kellerjordan' }).params);
      expect(torch.muon(o).params).toEqual(practicalMuon({ reference: 'torch' }).params);
    }
    expect(kj.muon().params).toMatchObject({ reference: 'KellerJordan/Muon', momentum: '0.95', nesterov: 'true', weightDecay: '0', precision: 'bf16' });
    expect(torch.muon().params).toMatchObject({ reference: 'torch.optim.Muon', momentum: '0.95', weightDecay: '0.1', adjustLr: 'original' });
  });

  it('where a claim runs muon() through impl.run, the reference update runs: its trajectory is the stepper’s', () => {
    for (const id of ['muon-kj', 'muon-torch']) {
      const impl = variantById(id).impl;
      const la = impl.float;
      const problem = impl.problems.quad2(la, '1', '4');
      const x0 = mat(2, 1, [1, -0.5]);
      const eta = [0.3, 0.2, 0.1, 0.05];
      const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule: impl.schedules.sequence(eta.map(String)), x0, steps: eta.length, keepIterates: true });
      expect(tr.status).toBe('completed');
      const step = practicalMuon({ reference: id === 'muon-kj' ? 'kellerjordan' : 'torch' }).start(la, x0);
      let X = x0;
      eta.forEach((e, t) => {
        const D = step.direction(X, problem.grad(X));
        X = sub(float64, X, scale(float64, e, D));
        expect(dist(tr.iterates![t + 1]!.X, X), `${id} step ${t}`).toBeLessThan(1e-15);
      });
      // a 2×1 parameter: the first step is η·s·NS(β-mixed ∇f(x₀)) with s = √2, the shape scale (KJ, rounded to bf16
      // with the update) or torch's original adjust_lr; NS is scale-invariant, so NS(0.0975·g) = NS(g) up to rounding
      const g = problem.grad(x0);
      const O = ns5Reference(float64, scale(float64, 0.0975, g), id === 'muon-kj' ? 'kellerjordan' : 'torch');
      const step1 = sub(float64, x0, tr.iterates![1]!.X);
      const want = id === 'muon-kj' ? O.data.map((o) => 0.3 * bf16.mul(o, Math.fround(Math.SQRT2))) : O.data.map((o, i) => 0.3 * (0.1 * x0.data[i]! + Math.SQRT2 * o));
      expect(Math.max(...step1.data.map((x, i) => Math.abs(x - want[i]!))), id).toBeLessThan(1e-15);
    }
  });
});
