import { describe, expect, it } from 'vitest';
import { proveExact } from '../../src/arith/exactness.ts';
import { float64 } from '../../src/arith/float64.ts';
import { floatPlain, plain } from '../../src/linalg/backend.ts';
import { diag, fromRows, mat, signEntrywise, type Mat } from '../../src/linalg/mat.ts';
import { msign } from '../../src/linalg/msign.ts';
import { ns5 } from '../../src/linalg/ns5.ts';
import { matrixFactorization, quadratic2, scalarProblem } from '../../src/problems/index.ts';
import { adam, gd, muon, run, scaledgd, signgd, simplifiedMuon, type Optimizer } from '../../src/optimizers/index.ts';
import { constant, geo, sequence } from '../../src/schedules/index.ts';

const F = float64;
const la = floatPlain;

/** A 4×3 MF problem with a rank-2 target and a generic start, shared by the direction tests. */
function mfCase() {
  const p = matrixFactorization(la, { V: fromRows(F, [[0.6, 0], [0.8, 0], [0, 0.6], [0, 0.8]]), lambdas: [3, 0.5] }, 3);
  const U0 = fromRows(F, [[0.3, -0.1, 0.2], [0.1, 0.4, -0.2], [-0.2, 0.1, 0.3], [0.05, 0.2, 0.1]]);
  return { p, U0 };
}

/** The direction an optimizer takes at each step of a run, re-derived from the recorded iterates. */
function directions(opt: Optimizer, steps = 4): { G: Mat<number>; D: Mat<number> }[] {
  const { p, U0 } = mfCase();
  const tr = run({ problem: p, optimizer: opt, schedule: constant(0.05), x0: U0, steps, keepIterates: true });
  const X = tr.iterates!.map((i) => i.X);
  return X.slice(0, -1).map((Xt, t) => ({
    G: p.grad(Xt),
    D: mat(Xt.rows, Xt.cols, Xt.data.map((x, i) => (x - X[t + 1].data[i]) / 0.05)),
  }));
}

// Directions recovered as (X_t − X_{t+1})/η carry a rounding of about u·|X|/η ≈ 1e-16·1/0.05 per entry.
const RECOVERY_TOL = 1e-13;

describe('each optimizer takes the direction its definition gives', () => {
  it('O.muon: msign(∇f)', () => {
    for (const { G, D } of directions(simplifiedMuon)) {
      msign(F, G).data.forEach((x, i) => expect(Math.abs(D.data[i] - x)).toBeLessThan(RECOVERY_TOL));
    }
  });
  it('O.ns5: NS5(∇f), not msign', () => {
    for (const { G, D } of directions(muon({ orthogonalizer: 'ns5' }))) {
      ns5(F, G).data.forEach((x, i) => expect(Math.abs(D.data[i] - x)).toBeLessThan(RECOVERY_TOL));
    }
  });
  it('O.signgd: entrywise sign', () => {
    for (const { G, D } of directions(signgd)) {
      signEntrywise(F, G).data.forEach((x, i) => expect(Math.abs(D.data[i] - x)).toBeLessThan(RECOVERY_TOL));
    }
  });
  it('O.gd: the gradient itself', () => {
    for (const { G, D } of directions(gd)) G.data.forEach((x, i) => expect(Math.abs(D.data[i] - x)).toBeLessThan(RECOVERY_TOL));
  });
  it('O.muonM heavy-ball (2a): B_t = ∇f + μB_{t−1}, direction msign(B_t)', () => {
    const steps = directions(muon({ momentum: { form: 'heavy-ball', mu: 0.9 } }));
    let B: number[] = steps[0].G.data.map(() => 0);
    for (const { G, D } of steps) {
      B = G.data.map((g, i) => g + 0.9 * B[i]);
      msign(F, mat(G.rows, G.cols, B)).data.forEach((x, i) => expect(Math.abs(D.data[i] - x)).toBeLessThan(1e-12));
    }
  });
  it("O.muonM EMA (paper B): M_t = βM_{t−1} + (1−β)G_t, direction msign(M_t)", () => {
    const steps = directions(muon({ momentum: { form: 'ema', beta: 0.8 } }));
    let M: number[] = steps[0].G.data.map(() => 0);
    for (const { G, D } of steps) {
      M = G.data.map((g, i) => 0.8 * M[i] + 0.2 * g);
      msign(F, mat(G.rows, G.cols, M)).data.forEach((x, i) => expect(Math.abs(D.data[i] - x)).toBeLessThan(1e-12));
    }
  });
  it('O.scaledgd (80): ∇f(U)(UᵀU)⁻¹', () => {
    const { p, U0 } = mfCase();
    const [first] = directions(scaledgd, 1);
    const UtU = la.matmulTN(U0, U0);
    // D(UᵀU) must give back ∇f: checks the preconditioner multiplies on the right, by (UᵀU)⁻¹ not UᵀU. The recovered D
    // errs by RECOVERY_TOL per entry, amplified by ‖UᵀU‖ ≤ 1 here, plus the inverse's rounding κ(UᵀU)·u ≈ 1e-15.
    la.matmul(first.D, UtU).data.forEach((x, i) => expect(Math.abs(x - p.grad(U0).data[i])).toBeLessThan(10 * RECOVERY_TOL));
  });
  it('adam with β₁ = β₂ = ε = 0 is SignGD exactly (sign(0) = 0 included)', () => {
    const a = directions(adam({ beta1: 0, beta2: 0, eps: 0 }));
    const s = directions(signgd);
    a.forEach(({ D }, t) => expect(D.data).toEqual(s[t].D.data));
  });
  it('adam bias correction: the first step is m̂/(√v̂+ε) = G/(|G|+ε) whatever β₁, β₂', () => {
    const [{ G, D }] = directions(adam({ beta1: 0.9, beta2: 0.999, eps: 0 }), 1);
    // m̂ = 0.1G/0.1 and √v̂ = √(0.001G²/0.001) are G and |G| up to a few roundings each, on top of RECOVERY_TOL.
    G.data.forEach((g, i) => expect(Math.abs(D.data[i] - Math.sign(g))).toBeLessThan(RECOVERY_TOL));
  });
});

describe('runs', () => {
  it('Muon on P.scalar is recursion (27), exactly, and proven exact (σ₀ = 1.5, λ = 1, C = 1.5 hits the saddle 0)', () => {
    const res = proveExact(
      40,
      (E) => {
        const le = plain(E);
        const tr = run({ problem: scalarProblem(le, '1'), optimizer: simplifiedMuon, schedule: geo({ rho: '0.5', C: '1.5' }), x0: mat(1, 1, [E.of('1.5')]), steps: 6, keepIterates: true });
        return tr.iterates!.map((i) => i.X.data[0]);
      },
      (xs) => xs,
    );
    expect(res.exact).toBe(true);
    expect(res.value.map(String)).toEqual(['1.5', '0', '0', '0', '0', '0', '0']);
  });
  it('Muon on P.scalar away from the critical C: the hand-computed recursion, proven exact', () => {
    // σ₀ = 2, λ = 1, η_t = 1.25·0.5^t: 2 − 1.25 = 0.75; 0.75³ − 0.75 < 0 so + 0.625 → 1.375; − 0.3125 → 1.0625; …
    const res = proveExact(
      30,
      (E) => run({ problem: scalarProblem(plain(E), '1'), optimizer: simplifiedMuon, schedule: geo({ rho: '0.5', C: '1.25' }), x0: mat(1, 1, [E.of('2')]), steps: 4, keepIterates: true }).iterates!.map((i) => i.X.data[0]),
      (xs) => xs,
    );
    expect(res.exact).toBe(true);
    expect(res.value.map(String)).toEqual(['2', '0.75', '1.375', '1.0625', '0.90625']);
  });
  it('an aligned (diagonal) MF run is exact: each σᵢ follows its own scalar recursion', () => {
    const lambdas = ['4', '1', '0'];
    const res = proveExact(
      40,
      (E) => {
        const le = plain(E);
        const p = matrixFactorization(le, { V: diag(E, [E.one, E.one, E.one]), lambdas }, 3);
        const tr = run({ problem: p, optimizer: simplifiedMuon, schedule: geo({ scale: '2', rho: '0.75', C: '1.25' }), x0: diag(E, ['0.5', '0.25', '0.125'].map((s) => E.of(s))), steps: 12 });
        const scalars = lambdas.map((l, i) =>
          run({ problem: scalarProblem(le, l), optimizer: simplifiedMuon, schedule: geo({ scale: '2', rho: '0.75', C: '1.25' }), x0: mat(1, 1, [E.of(['0.5', '0.25', '0.125'][i])]), steps: 12 }).final.data[0],
        );
        return [...tr.final.data, ...scalars];
      },
      (xs) => xs,
    );
    expect(res.exact).toBe(true);
    const [d0, , , , d1, , , , d2, s0, s1, s2] = res.value;
    expect([d0, d1, d2].map(String)).toEqual([s0, s1, s2].map(String));
  });
  it('stops on a non-finite value with a clear status, and on breakdown', () => {
    const p = quadratic2(la, 5, 1);
    const tr = run({ problem: p, optimizer: gd, schedule: constant(1e300), x0: fromRows(F, [[1], [1]]), steps: 50 });
    expect(tr.status).toBe('nonfinite');
    expect(tr.message).toMatch(/non-finite .* at step \d+/);
    expect(tr.losses.every(Number.isFinite)).toBe(true);
    const mf = matrixFactorization(la, { V: fromRows(F, [[1], [0]]), lambdas: [1] }, 2);
    const br = run({ problem: mf, optimizer: scaledgd, schedule: constant(0.1), x0: fromRows(F, [[1, 0], [0, 0]]), steps: 3 });
    expect(br.status).toBe('breakdown');
    expect(br.message).toMatch(/O\.scaledgd broke down at step 0: inverse: matrix is singular/);
  });
  it('rejects bad run input: negative steps, wrong x0 shape, NaN in x0', () => {
    const p = quadratic2(la, 5, 1);
    const base = { problem: p, optimizer: gd, schedule: constant(0.1) };
    expect(() => run({ ...base, x0: fromRows(F, [[1], [1]]), steps: -1 })).toThrow(/steps must be a non-negative integer/);
    expect(() => run({ ...base, x0: fromRows(F, [[1, 1]]), steps: 1 })).toThrow(/x0 must be 2×1/);
    expect(() => run({ ...base, x0: fromRows(F, [[NaN], [1]]), steps: 1 })).toThrow(/x0 has a non-finite entry/);
  });
  it('GD on P.quad2 with η = 1/λ_max contracts the slow coordinate by (1 − 1/κ) per step', () => {
    const p = quadratic2(la, 10, 1);
    // x₀ along the λ₂ = 1 eigenvector (1,−1)/√2: x_t = (1 − 1/10)^t x₀
    const tr = run({ problem: p, optimizer: gd, schedule: constant(0.1), x0: fromRows(F, [[1], [-1]]), steps: 20 });
    // 20 steps of x ← 0.9x in float: ≤ 20 roundings of relative u each, ~5e-15 ≪ the 5e-13 allowed.
    expect(tr.errors[20] / tr.errors[0]).toBeCloseTo(0.9 ** 20, 12);
  });
  it('a user-given schedule longer than the run is fine; a shorter one stops loudly', () => {
    const p = quadratic2(la, 2, 1);
    expect(() => run({ problem: p, optimizer: signgd, schedule: sequence([0.1, 0.1]), x0: fromRows(F, [[1], [0]]), steps: 3 })).toThrow(/only 2 step sizes/);
  });
});
