import fc, { type Arbitrary } from 'fast-check';
import { exactField, type Decimal } from '../../arith/exact.ts';
import { proveExact } from '../../arith/exactness.ts';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { sub, zeros, type Mat } from '../../linalg/mat.ts';
import type { Impl } from '../../impl/impl.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { probeSearch } from '../search.ts';
import type { Bound, CaseOutcome, CheckContext, Claim, Mode } from '../types.ts';
import { friendlyLambdas, prefactorFor } from '../../cases/aligned.ts';
import { adbt, alignedWithinBudget, basisArb, BASES, decade, decades, decimalIn, driftBudget, frob, geoEtas, highPrecision, iclScalar, maxAbsDiff, rhoBin, smallest, toMat, U64, wideField, type Basis, type DecMat } from './aligned-cases.ts';

/*
 * A.L8 (paper A, Lemma 8, §4; reconstructed): for Σ = VΛVᵀ and W₀ = 0, simplified Muon (22) on P.icl keeps
 * W_t = V Λ_t Vᵀ (71a), with each diagonal entry following w_{i,t+1} = w_{i,t} − η_t sign(w_{i,t} − 1/λᵢ) (71b), (73);
 * equivalently (72) msign(∇f(W_t)) = V diag(sign(w_{i,t} − 1/λᵢ)) Vᵀ.
 *
 * The matrix run is the implementation's (P.icl + Muon + S.geo + run); the prediction V diag(w_t) Vᵀ is built here
 * from the d scalar recursions, exactly (finite-decimal V, λᵢ with finite-decimal 1/λᵢ, decimal C and ρ).
 *
 * Exact mode, what is proven and what is not:
 *  - V the identity or a signed permutation: the gradient's columns are orthogonal, Jacobi never rotates, every
 *    square root is of a perfect square: the run is exact end to end, proveExact proves it (P = 2P digits), and the
 *    matrix trajectory must EQUAL the prediction (tolerance 0).
 *  - V a dense Givens product: msign goes through a Jacobi SVD with square roots, so the run is high precision, not
 *    exact. proveExact reports the largest difference between the runs at P and 2P digits (err); the deviation from
 *    the exact prediction must stay ≤ 2·err (the P-digit error is at most err plus the 2P-digit error, which is no
 *    larger), with err itself ≤ 10^(−P/2) (else the precision is doubled). A step whose exact gradient has an exactly
 *    zero singular value (w_{i,t} = 1/λᵢ hit exactly) makes msign discontinuous — at finite precision its rounding
 *    noise meets the rank cut-off — so the comparison stops before that step (branch 'stopped at exact zero').
 * Float mode: the same cases in float64, compared within the drift budget of aligned-cases.ts (argued per step).
 */

export interface L8Case {
  readonly d: number;
  readonly basis: Basis;
  readonly V: DecMat;
  /** Eigenvalues of Σ with finite-decimal inverses (λ_max/(2^a5^b)), in V's column order. */
  readonly lambdas: readonly string[];
  readonly C: string;
  readonly rho: string;
  readonly steps: number;
}

const BIG = exactField(200);

function caseArb(mode: Mode, C: (lmin: string) => Arbitrary<string>, rho: Arbitrary<string>): Arbitrary<L8Case> {
  const maxLog = mode === 'exact' ? 4 : 3;
  return fc
    .record({
      d: fc.integer({ min: 1, max: mode === 'exact' ? 3 : 4 }),
      basis: fc.constantFrom(...BASES),
      lmax: fc.constantFrom('1', '2', '4', '5', '0.5', '0.25', '8', '10'),
      divs: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 * maxLog }), fc.integer({ min: 0, max: maxLog })).filter(([a, b]) => a * Math.log10(2) + b * Math.log10(5) <= maxLog), { minLength: 3, maxLength: 3 }),
      perm: fc.integer({ min: 0, max: 5 }),
      steps: fc.integer({ min: 2, max: mode === 'exact' ? 12 : 60 }),
      rho,
    })
    .chain(({ d, basis, lmax, divs, perm, steps, rho }) => {
      const sorted = friendlyLambdas(lmax, divs.slice(0, d - 1));
      // eigenvalues in a shuffled column order, so that λ_max is not always V's first column
      const lambdas = sorted.map((_, i) => sorted[(i + perm) % d]!);
      const b: Basis = d === 1 && basis === 'givens' ? 'signed-permutation' : basis;
      return fc.record({ V: basisArb(b, d), C: C(sorted[d - 1]!) }).map(({ V, C }) => ({ d, basis: b, V, lambdas, C, rho, steps }));
    });
}

// Lemma 8 holds for any positive steps; we draw those of Theorem 3 (C·2λ_min ∈ [1, 2], ρ ∈ [1/2, 1)).
const theoremC = (lmin: string): Arbitrary<string> => decimalIn(0, 1, 2).map((f) => prefactorFor(lmin, f));
const arbitraries: Record<Mode, Arbitrary<L8Case>> = {
  exact: caseArb('exact', theoremC, decimalIn(0.5, 0.95, 2)),
  float: caseArb('float', theoremC, decimalIn(0.5, 0.99, 3)),
};

function placesOf(s: string): number {
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
}

/** The implementation's run: P.icl with Σ = VΛVᵀ, W₀ = 0, Muon, S.geo(C, ρ). */
function runIcl<T>(F: Field<T>, impl: Impl, c: L8Case, steps: number): Mat<T>[] {
  const la = impl.over(F);
  const problem = impl.problems.icl(la, { V: toMat(F, c.V), lambdas: c.lambdas });
  const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule: impl.schedules.geo({ C: c.C, rho: c.rho }), x0: zeros(F, c.d, c.d), steps, keepIterates: true });
  if (tr.status !== 'completed') throw new Error(`A.L8: run ended ${tr.status}: ${tr.message ?? ''}`);
  return tr.iterates!.map((x) => x.X);
}

/** Exact scalar recursions (73): w_{i,t}, t = 0..T, and their gaps w − 1/λ. */
function scalars(F: Field<Decimal>, c: L8Case): { w: Decimal[][]; gap: Decimal[][]; etas: Decimal[] } {
  const etas = geoEtas(F, c.C, c.rho, 1, c.steps);
  const rs = c.lambdas.map((l) => iclScalar(F, F.zero, F.div(F.one, F.of(l)), etas));
  return { w: rs.map((r) => r.w), gap: rs.map((r) => r.gap), etas };
}

function bins(c: L8Case): Record<string, string> {
  const l = c.lambdas.map(Number);
  const kappa = Math.max(...l) / Math.min(...l);
  return { basis: c.basis, d: String(c.d), 'κ decade': kappa < 10 ? '1e0–1e1' : decade(kappa), 'ρ range': rhoBin(Number(c.rho)) };
}

export function checkExact(c: L8Case, impl: Impl): CaseOutcome {
  const Pref = Math.min(900, 60 + placesOf(c.C) + c.steps * placesOf(c.rho) + 2 * Math.max(...c.lambdas.map(placesOf)));
  const s = proveExact(Pref, (F) => scalars(F, c), (r) => [...r.w.flat(), ...r.etas]);
  if (!s.exact) return { bounds: [], inconclusive: `scalar recursion not exact at ${Pref} digits` };
  const { w, gap, etas } = s.value;
  const exactBasis = c.basis !== 'givens';
  // First step whose exact gradient has an exactly zero singular value (only matters for a dense basis).
  let tHit = c.steps;
  if (!exactBasis) for (let t = 0; t < c.steps && tHit === c.steps; t++) if (gap.some((g) => g[t]!.isZero())) tHit = t;
  const steps = tHit;
  const branches = [exactBasis ? 'exact end to end' : 'high precision (Jacobi msign)'];
  if (tHit < c.steps) branches.push('stopped at exact zero');
  if (gap.some((g) => g.some((x) => x.isZero()))) branches.push('w hits 1/λ exactly');
  if (steps === 0) return { bounds: [], inconclusive: 'the first gradient already has an exact zero direction', branches, bins: bins(c) };
  // U_t at P digits: exact cases need the scalar digits plus the products with Σ; dense ones start at 60 digits.
  const P0 = exactBasis ? Math.min(480, Pref + 4 * Math.max(...c.lambdas.map(placesOf)) + 20) : 60;
  const run = highPrecision(P0, 480, (F) => runIcl(F, impl, c, steps), (Ws) => Ws.flatMap((W) => W.data));
  const G = wideField(run.precision, Pref, 8 * Math.max(...c.V.data.map(placesOf)));
  const V = toMat(G, c.V);
  const err = G.of(run.errorEstimateText);
  let dev = G.zero;
  let devStep = G.zero;
  for (let t = 0; t <= steps; t++) {
    const pred = adbt(G, V, w.map((wi) => G.of(wi[t]!)), V);
    const Wt = run.value[t]!;
    const d = maxAbsDiff(G, Wt as unknown as Mat<Decimal>, pred);
    if (G.lt(dev, d)) dev = d;
    if (t < steps) {
      // (72): W_t − W_{t+1} = η_t V diag(sign(w_t − 1/λ)) Vᵀ
      const eta = G.of(etas[t]!);
      const S = adbt(G, V, gap.map((g) => G.mul(eta, G.sign(G.of(g[t]!)))), V);
      const step = sub(G, Wt as unknown as Mat<Decimal>, run.value[t + 1]! as unknown as Mat<Decimal>);
      const ds = maxAbsDiff(G, step, S);
      if (G.lt(devStep, ds)) devStep = ds;
    }
  }
  const tol2 = G.mul(G.of(2), err);
  const tol4 = G.mul(G.of(4), err);
  const tolText = run.exact ? undefined : `2·err, 4·err with err = ${run.errorEstimateText}: the P-digit run's error (proveExact P vs 2P, P = ${run.precision})`;
  const bounds: Bound[] = [
    { name: '(71a) W_t = VΛ_tVᵀ', lhs: dev.toNumber(), rhs: tol2.toNumber(), holds: G.le(dev, tol2), ...(tolText ? { tolerance: tolText } : {}) },
    { name: '(72) W_t − W_{t+1} = η_t V sign(Λ_t − Λ⁻¹) Vᵀ', lhs: devStep.toNumber(), rhs: tol4.toNumber(), holds: G.le(devStep, tol4), ...(tolText ? { tolerance: tolText } : {}) },
  ];
  const unresolved = !run.exact && run.errorEstimate > 10 ** (-run.precision / 2);
  return {
    bounds,
    ...(unresolved ? { inconclusive: `error estimate ${run.errorEstimateText} above 10^(−P/2) at the largest precision ${run.precision}` } : {}),
    exactness: { exact: run.exact, precision: run.precision, errorEstimate: run.errorEstimateText },
    branches,
    bins: { ...bins(c), compared: tHit < c.steps ? 'up to an exact zero' : 'all steps' },
  };
}

function checkFloat(c: L8Case, impl: Impl): CaseOutcome {
  const F = float64;
  const Ws = runIcl(F, impl, c, c.steps);
  const lam = c.lambdas.map(Number);
  const V = toMat(F, c.V);
  const etas = geoEtas(F, c.C, c.rho, 1, c.steps);
  const rs = lam.map((l) => iclScalar(F, 0, 1 / l, etas));
  const d = c.d;
  const nS = Math.sqrt(lam.reduce((a, l) => a + l * l, 0));
  // Drift budget (aligned-cases.ts): ν_t = 3d·u·‖Σ‖_F²(‖W_t‖_F‖Σ‖_F + √d) bounds the rounding of Σ(WΣ − I)Σ (three
  // products of d-term sums), L = ‖Σ‖_F³ (∇f(W + Δ) − ∇f(W) = ΣΔΣ²), s_t = min λᵢ³|w_{i,t} − 1/λᵢ| the smallest
  // singular value of the exact gradient.
  const steps = Ws.slice(0, c.steps).map((W, t) => ({
    eta: etas[t]!,
    nu: 3 * d * U64 * nS * nS * (frob(W) * nS + Math.sqrt(d)),
    L: nS ** 3,
    ...smallest(lam.map((l, i) => l ** 3 * Math.abs(rs[i]!.gap[t]!))),
    normNext: frob(Ws[t + 1]!),
  }));
  const E = driftBudget(0, steps);
  // The prediction V diag(w_t) Vᵀ is itself formed in float from a V orthonormal only to ~u: 4d·u·‖W_t‖_F more.
  // Compared while the budget stays below 1e-6·‖Σ⁻¹‖_F (beyond that float cannot say whether W_t is aligned).
  const scale = Math.sqrt(lam.reduce((a, l) => a + 1 / (l * l), 0));
  const r = alignedWithinBudget(
    c.steps,
    E,
    scale,
    (t) => ({ dev: maxAbsDiff(F, Ws[t]!, adbt(F, V, rs.map((x) => x.w[t]!), V)), tol: E[t]! + 4 * d * U64 * frob(Ws[t]!) }),
    { name: '(71a) W_t = VΛ_tVᵀ', tolerance: 'drift budget E_t (msign perturbation ν_t/s_t per step, rounding of the updates) + 4d·u·‖W_t‖_F; compared while E_t ≤ 1e-6·‖Σ⁻¹‖_F' },
  );
  return { bounds: [r.bound], branches: r.branches, bins: { ...bins(c), compared: r.compared }, trace: r.trace };
}

function check(c: L8Case, ctx: CheckContext): CaseOutcome {
  return ctx.mode === 'exact' ? checkExact(c, ctx.impl) : checkFloat(c, ctx.impl);
}

export const claim: Claim<L8Case> = {
  id: 'A.L8',
  title: 'ICL: Muon from W₀ = 0 stays V Λ_t Vᵀ, each wᵢ following its own sign recursion',
  source: { paper: 'A', where: 'Lemma 8, §4 (proof of Theorem 3)', equations: ['(22)', '(70)', '(71a)', '(71b)', '(72)', '(73)'] },
  provenance: 'reconstructed',
  statement: 'Σ = VΛVᵀ, W₀ = 0: W_t = V Λ_t Vᵀ with w_{i,t+1} = w_{i,t} − η_t sign(w_{i,t} − 1/λᵢ), i.e. msign(∇f(W_t)) = V diag(sign(w_{i,t} − 1/λᵢ)) Vᵀ.',
  hypotheses: [
    { name: 'Σ', text: 'Σ = VΛVᵀ ≻ 0, V orthogonal (identity, signed permutation, dense finite-decimal Givens product)', domain: { kind: 'structure' } },
    { name: 'd', text: 'd (exact 1–3, float 1–4)', domain: { kind: 'int', min: 1, max: 4 } },
    { name: 'W₀', text: 'W₀ = 0', domain: { kind: 'structure' } },
    { name: 'η_t', text: 'η_t = Cρ^t (any positive steps; drawn C·2λ_min ∈ [1, 2], ρ ∈ [1/2, 1))', domain: { kind: 'real', min: 0.5, max: 1, closed: 'left' } },
    { name: 'κ', text: 'κ(Σ) up to 1e4 exact, 1e3 float', domain: { kind: 'real', min: 1, max: 1e4, closed: 'both', scale: 'log' } },
  ],
  modes: ['exact', 'float'],
  cases: { quick: { exact: 4, float: 15 }, default: { exact: 24, float: 120 }, deep: { exact: 800, float: 4000 } },
  arbitrary: (mode) => arbitraries[mode],
  check,
  probes: [
    {
      id: 'entrywise-sign',
      drops: 'msign replaced by the entrywise sign (SignGD): the decoupling needs the spectral sign',
      run: ({ seed }) =>
        probeSearch(
          arbitraries.float.filter((c) => c.basis === 'givens' && c.d >= 2),
          (c) => checkFloat(c, msignIsEntrywiseSign.impl),
          seed,
          20,
          '(71a)',
        ),
    },
  ],
  binSpace: { basis: [...BASES], d: ['1', '2', '3'], 'κ decade': decades(0, 3) },
  branchSpace: ['exact end to end', 'high precision (Jacobi msign)', 'float: all steps compared'],
};

export default claim;
