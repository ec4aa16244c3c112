/**
 * run() and the optimizers against their definitions: X_{t+1} = X_t − η_t D_t with the trajectory it reports
 * (losses f(X_t) − f*, ‖residual‖_F and ‖residual‖, η_t, prefactors, iterates, early stop), the status and message of
 * each way a run can end, momentum recursions by hand in decimal, and the id/parameters each optimizer reports.
 */
import { describe, expect, it } from 'vitest';
import { exact, floatPlain, type LinAlg } from '../../src/linalg/backend.ts';
import { fromRows, mat, type Mat } from '../../src/linalg/mat.ts';
import { frobenius, spectral } from '../../src/linalg/norms.ts';
import { matrixFactorization, quadratic2, scalarProblem, type Problem } from '../../src/problems/index.ts';
import { adam, gd, muon, run, scaledgd, signgd, simplifiedMuon, type Optimizer } from '../../src/optimizers/index.ts';
import { constant, geo } from '../../src/schedules/index.ts';

const la = floatPlain;
const F = la.F;
const E = exact(50);

describe('run: X_{t+1} = X_t − η_t D_t and its trajectory', () => {
  it('GD on P.quad2 by hand in decimal: iterates, η_t, losses f(X_t) − f*, errors ‖x_t‖_F, final and finalLoss', () => {
    const p = quadratic2(E, '3', '1'); // A = [[2, 1], [1, 2]]
    const tr = run({ problem: p, optimizer: gd, schedule: geo({ rho: '0.5', C: '0.25' }), x0: fromRows(E.F, [['1'], ['0']]), steps: 2, keepIterates: true });
    // x₁ = x₀ − 0.25·A x₀ = (1, 0) − 0.25(2, 1) = (0.5, −0.25); x₂ = x₁ − 0.125·A x₁ = x₁ − 0.125(0.75, 0) = (0.40625, −0.25)
    expect(tr.iterates!.map((i) => [i.t, ...i.X.data.map(String)])).toEqual([[0, '1', '0'], [1, '0.5', '-0.25'], [2, '0.40625', '-0.25']]);
    expect(tr.etas.map(String)).toEqual(['0.25', '0.125']);
    expect(tr.prefactors.map(String)).toEqual(['0.25', '0.25']);
    // f(x) = ½xᵀAx: f(x₀) = 1, f(x₁) = ½(0.5·0.75 + 0.25·0) = 0.1875, f(x₂) = ½(0.40625·0.5625 + 0.25·0.09375) = 0.1259765625
    expect(tr.losses).toEqual([1, 0.1875, 0.1259765625]);
    expect(tr.finalLoss.toString()).toBe('0.1259765625');
    [1, Math.hypot(0.5, 0.25), Math.hypot(0.40625, 0.25)].forEach((e, t) => expect(tr.errors[t]).toBeCloseTo(e, 15));
    expect(tr.final.data.map(String)).toEqual(['0.40625', '-0.25']);
    expect([tr.status, tr.steps, tr.message, tr.spectralErrors]).toEqual(['completed', 2, undefined, undefined]);
  });
  it('steps = 0 takes no step and reports X_0 alone', () => {
    const p = scalarProblem(la, 1);
    const tr = run({ problem: p, optimizer: simplifiedMuon, schedule: constant(0.1), x0: mat(1, 1, [2]), steps: 0 });
    expect([tr.status, tr.steps, tr.losses, tr.errors, tr.etas, tr.final.data]).toEqual(['completed', 0, [2.25], [3], [], [2]]);
    expect(tr.iterates).toBeUndefined();
    expect(() => run({ problem: p, optimizer: gd, schedule: constant(0.1), x0: mat(1, 1, [2]), steps: 1.5 })).toThrow(/^run: steps must be a non-negative integer, got 1\.5$/);
    expect(() => run({ problem: p, optimizer: gd, schedule: constant(0.1), x0: mat(1, 1, [Infinity]), steps: 1 })).toThrow(/^run: x0 has a non-finite entry \(NaN or ±Infinity\)$/);
    expect(() => run({ problem: p, optimizer: gd, schedule: constant(0.1), x0: mat(2, 1, [1, 1]), steps: 1 })).toThrow(/^run: x0 must be 1×1 for P\.scalar, got 2×1$/);
    expect(() => run({ problem: p, optimizer: gd, schedule: constant(0.1), x0: mat(1, 2, [1, 1]), steps: 1 })).toThrow(/^run: x0 must be 1×1 for P\.scalar, got 1×2$/);
  });
  it('keepIterates: n keeps every n-th X_t (t = 0, n, 2n, …); spectralErrors records ‖residual(X_t)‖ = σ_max', () => {
    const p = matrixFactorization(la, { V: fromRows(F, [[0.6, 0], [0.8, 0], [0, 1]]), lambdas: [2, 1] }, 2);
    const U0 = fromRows(F, [[0.5, 0.1], [0.2, -0.3], [0.1, 0.4]]);
    const tr = run({ problem: p, optimizer: simplifiedMuon, schedule: geo({ rho: '0.8', C: '0.5' }), x0: U0, steps: 7, keepIterates: 3, spectralErrors: true });
    expect(tr.iterates!.map((i) => i.t)).toEqual([0, 3, 6]);
    const all = run({ problem: p, optimizer: simplifiedMuon, schedule: geo({ rho: '0.8', C: '0.5' }), x0: U0, steps: 7, keepIterates: true });
    expect(all.iterates!.map((i) => i.t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(tr.iterates![2].X.data).toEqual(all.iterates![6].X.data);
    const Xs = all.iterates!.map((i) => i.X);
    expect(tr.spectralErrors).toEqual(Xs.map((X) => spectral(F, p.residual(X))));
    expect(tr.errors).toEqual(Xs.map((X) => frobenius(F, p.residual(X))));
    expect(tr.final.data).toEqual(Xs[7].data);
    expect(run({ problem: p, optimizer: gd, schedule: constant(0.1), x0: U0, steps: 2, keepIterates: false }).iterates).toBeUndefined();
  });
  it('stopBelow: stops at the first X_t with ‖residual‖_F ≤ the threshold (status converged), also when reached at the last step', () => {
    const p = quadratic2(la, 1, 1); // A = I: GD with η = 0.5 halves x each step
    const base = { problem: p, optimizer: gd, schedule: constant(0.5), x0: fromRows(F, [[1], [0]]) };
    const a = run({ ...base, steps: 10, stopBelow: 0.125 });
    expect([a.status, a.steps, a.errors]).toEqual(['converged', 3, [1, 0.5, 0.25, 0.125]]);
    const b = run({ ...base, steps: 3, stopBelow: 0.125 });
    expect([b.status, b.steps]).toEqual(['converged', 3]);
    const c = run({ ...base, steps: 2, stopBelow: 0.125 });
    expect([c.status, c.steps]).toEqual(['completed', 2]);
    const d = run({ ...base, steps: 5, stopBelow: 1 });
    expect([d.status, d.steps]).toEqual(['converged', 0]);
  });
  it('a non-finite quantity stops the run and names it with the step: gradient, step size, direction, iterate, loss', () => {
    const nanProblem = (what: 'grad' | 'loss'): Problem<number> => {
      const q = quadratic2(la, 1, 1);
      return {
        ...q,
        grad: (X) => (what === 'grad' && X.data[0] < 0.3 ? mat(2, 1, [NaN, 0]) : q.grad(X)),
        loss: (X) => (what === 'loss' && X.data[0] < 0.3 ? Infinity : q.loss(X)),
      };
    };
    const x0 = fromRows(F, [[1], [0]]);
    const g = run({ problem: nanProblem('grad'), optimizer: gd, schedule: constant(0.5), x0, steps: 5 });
    expect([g.status, g.steps, g.message]).toEqual(['nonfinite', 2, 'the gradient became non-finite (NaN or ±Infinity) at step 2']);
    expect(g.losses).toEqual([0.5, 0.125, 0.03125]);
    const l = run({ problem: nanProblem('loss'), optimizer: gd, schedule: constant(0.5), x0, steps: 5 });
    expect([l.status, l.steps, l.message]).toEqual(['nonfinite', 1, 'the loss became non-finite (NaN or ±Infinity) at step 1']);
    const q = quadratic2(la, 1, 1);
    const etas = [0.5, Infinity];
    const blowUp = { id: 'blow-up', params: {}, start: <T>() => ({ prefactors: [] as T[], next: (): T => etas.shift() as T }) };
    const s = run({ problem: q, optimizer: gd, schedule: blowUp, x0, steps: 5 });
    expect(s.message).toBe('the step size became non-finite (NaN or ±Infinity) at step 1');
    const bad: Optimizer = {
      id: 'O.bad',
      params: {},
      start: <T>(l: LinAlg<T>) => ({ direction: (X: Mat<T>) => mat(X.rows, X.cols, X.data.map(() => l.F.of(NaN))) }),
    };
    expect(run({ problem: q, optimizer: bad, schedule: constant(1), x0, steps: 2 }).message).toBe('the O.bad direction became non-finite (NaN or ±Infinity) at step 0');
    const it = run({ problem: q, optimizer: gd, schedule: constant(1e308), x0: fromRows(F, [[1e10], [0]]), steps: 2 });
    expect([it.status, it.message]).toEqual(['nonfinite', 'the iterate became non-finite (NaN or ±Infinity) at step 0']);
  });
});

describe('optimizers: recursions by hand and what they report', () => {
  // P.scalar with λ = 0: ∇f(σ) = σ³, so on σ₀ = 1 and constant η the gradients are easy to follow.
  const directionsOf = (opt: Optimizer, grads: string[]): string[] => {
    const st = opt.start(E, mat(1, 1, [E.F.zero]));
    return grads.map((g) => st.direction(mat(1, 1, [E.F.zero]), mat(1, 1, [E.F.of(g)])).data[0].toString());
  };
  it('O.muonM heavy-ball: B_t = G_t + μB_{t−1} from B_{−1} = 0, direction msign(B_t) (the sign, on 1×1)', () => {
    // G = 1, −1.5, 1: B = 1, −1.5 + 0.5 = −1, 1 − 0.5 = 0.5 → signs 1, −1, 1; with μ = 0.75: B = 1, −0.75, 0.4375
    expect(directionsOf(muon({ momentum: { form: 'heavy-ball', mu: '0.5' } }), ['1', '-1.5', '1'])).toEqual(['1', '-1', '1']);
    expect(directionsOf(muon({ momentum: { form: 'heavy-ball', mu: '0.5' } }), ['1', '-0.25', '-0.25'])).toEqual(['1', '1', '-1']);
    expect(directionsOf(muon({ momentum: { form: 'heavy-ball', mu: '0' } }), ['2', '-3'])).toEqual(['1', '-1']);
  });
  it('O.muonM EMA: M_t = βM_{t−1} + (1 − β)G_t; only a sign change of M_t flips the direction', () => {
    // β = 0.75: M = 0.25, 0.1875 − 0.25 = −0.0625, then −0.046875 + 0.05 = 0.003125
    expect(directionsOf(muon({ momentum: { form: 'ema', beta: '0.75' } }), ['1', '-1', '0.2'])).toEqual(['1', '-1', '1']);
    expect(directionsOf(muon({ momentum: { form: 'ema', beta: '0.75' } }), ['1', '-0.5'])).toEqual(['1', '1']);
    expect(directionsOf(muon({ momentum: { form: 'ema', beta: '0' } }), ['1', '-0.5'])).toEqual(['1', '-1']);
  });
  it('momentum parameters must lie in [0, 1): the message names μ or β and the value', () => {
    const start = (o: Optimizer) => () => o.start(la, mat(1, 1, [0]));
    expect(start(muon({ momentum: { form: 'heavy-ball', mu: 1 } }))).toThrow(/^O\.muonM: μ must be in \[0, 1\), got 1$/);
    expect(start(muon({ momentum: { form: 'heavy-ball', mu: -0.5 } }))).toThrow(/^O\.muonM: μ must be in \[0, 1\), got -0\.5$/);
    expect(start(muon({ momentum: { form: 'heavy-ball', mu: NaN } }))).toThrow(/μ must be in \[0, 1\)/);
    expect(start(muon({ momentum: { form: 'ema', beta: 1 } }))).toThrow(/^O\.muonM: β must be in \[0, 1\), got 1$/);
    expect(start(muon({ momentum: { form: 'ema', beta: -0.5 } }))).toThrow(/^O\.muonM: β must be in \[0, 1\), got -0\.5$/);
    expect(start(muon({ momentum: { form: 'ema', beta: Infinity } }))).toThrow(/β must be in \[0, 1\)/);
  });
  it('ids and parameters: O.muon, O.ns5, O.muonM (with its form), O.gd, O.signgd, O.scaledgd, adam', () => {
    expect([simplifiedMuon.id, simplifiedMuon.params]).toEqual(['O.muon', { orthogonalizer: 'msign' }]);
    expect([muon().id, muon({ orthogonalizer: 'msign' }).id]).toEqual(['O.muon', 'O.muon']);
    expect([muon({ orthogonalizer: 'ns5' }).id, muon({ orthogonalizer: 'ns5' }).params]).toEqual(['O.ns5', { orthogonalizer: 'ns5' }]);
    expect(muon({ orthogonalizer: 'ns5', momentum: { form: 'heavy-ball', mu: 0.9 } })).toMatchObject({ id: 'O.muonM', params: { orthogonalizer: 'ns5', momentum: 'heavy-ball', mu: '0.9' } });
    expect(muon({ momentum: { form: 'ema', beta: '0.95' } }).params).toEqual({ orthogonalizer: 'msign', momentum: 'ema', beta: '0.95' });
    expect([gd.id, signgd.id, scaledgd.id]).toEqual(['O.gd', 'O.signgd', 'O.scaledgd']);
    expect([gd.params, signgd.params, scaledgd.params]).toEqual([{}, {}, {}]);
    expect(adam()).toMatchObject({ id: 'adam', params: { beta1: '0.9', beta2: '0.999', eps: '1e-8' } });
    expect(adam({ beta1: 0, beta2: 0.5, eps: 0 }).params).toEqual({ beta1: '0', beta2: '0.5', eps: '0' });
  });
  it('adam by hand in decimal: m̂/(√v̂ + ε) with bias correction, over three steps', () => {
    // β₁ = 0.5, β₂ = 0.75, ε = 0: m = 0.5m + 0.5g, v = 0.75v + 0.25g²; G = 2, 2, −4 (every quantity a finite decimal)
    const st = adam({ beta1: '0.5', beta2: '0.75', eps: '0' }).start(E, mat(1, 1, [E.F.zero]));
    const d = (g: string) => st.direction(mat(1, 1, [E.F.zero]), mat(1, 1, [E.F.of(g)])).data[0];
    expect(d('2').toString()).toBe('1'); // m̂ = 2, v̂ = 4
    expect(d('2').toString()).toBe('1'); // m = 1.5, m̂ = 2; v = 1.75, v̂ = 4
    // m = −1.25, m̂ = −1.25/0.875; v = 1.3125 + 4 = 5.3125, v̂ = 5.3125/0.578125 = 9.189…: D = m̂/√v̂
    const m = -1.25 / 0.875;
    const v = 5.3125 / (1 - 0.75 ** 3);
    expect(E.F.toNumber(d('-4'))).toBeCloseTo(m / Math.sqrt(v), 14);
    // ε enters the denominator: first step G/(|G| + ε)
    const st2 = adam({ beta1: '0.9', beta2: '0.99', eps: '1' }).start(E, mat(1, 1, [E.F.zero]));
    expect(st2.direction(mat(1, 1, [E.F.zero]), mat(1, 1, [E.F.of('3')])).data[0].toString()).toBe('0.75');
  });
  it('adam validation names β₁, β₂ and ε with the value', () => {
    const start = (o: Optimizer) => () => o.start(la, mat(1, 1, [0]));
    expect(start(adam({ beta1: 1 }))).toThrow(/^adam: β₁ must be in \[0, 1\), got 1$/);
    expect(start(adam({ beta2: -0.1 }))).toThrow(/^adam: β₂ must be in \[0, 1\), got -0\.1$/);
    expect(start(adam({ beta2: NaN }))).toThrow(/^adam: β₂ must be in \[0, 1\), got NaN$/);
    expect(start(adam({ eps: -1 }))).toThrow(/^adam: ε must be finite and ≥ 0, got -1$/);
    expect(start(adam({ eps: Infinity }))).toThrow(/^adam: ε must be finite and ≥ 0, got Infinity$/);
    expect(start(adam({ beta1: 0, beta2: 0, eps: 0 }))).not.toThrow();
  });
  it('O.scaledgd: D = G(UᵀU)⁻¹ by hand', () => {
    const st = scaledgd.start(E, mat(2, 2, [E.F.zero, E.F.zero, E.F.zero, E.F.zero]));
    const U = fromRows(E.F, [['2', '0'], ['0', '0.5']]); // UᵀU = diag(4, 0.25)
    const G = fromRows(E.F, [['1', '1'], ['1', '1']]);
    expect(st.direction(U, G).data.map(String)).toEqual(['0.25', '4', '0.25', '4']);
  });
});

