import fc, { type Arbitrary } from 'fast-check';
import type { Field } from '../../arith/field.ts';
import { maxAbs, sub, zeros, type Mat } from '../../linalg/mat.ts';
import { adbt } from '../../linalg/diag-product.ts';
import type { Impl } from '../../impl/impl.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { basisArb, BASES, decimalIn, type Basis, type DecMat } from '../../generators/index.ts';
import { driftBudget, firstExactZero, floatHorizon, markCompared, friendlyLambdas, frob, geoEtas, highPrecision, iclScalar, maxPlaces, measured, placesOf, prefactorFor, reference, smallest, toMat, U64 } from '../../cases/aligned.ts';
import { decade, decades, defineClaim, float64Field, hyp, probe, rhoBin, worstAt, type Mode } from '../kit/index.ts';

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
 *    matrix trajectory must EQUAL the prediction (tolerance 2·err = 0).
 *  - V a dense Givens product: msign goes through a Jacobi SVD with square roots, so the run is high precision, not
 *    exact. proveExact reports the largest difference between the runs at P and 2P digits (err); the deviation from
 *    the exact prediction must stay ≤ 2·err (the P-digit error is at most err plus the 2P-digit error, which is no
 *    larger), with err itself ≤ 10^(−P/2) (else the precision is doubled). A step whose exact gradient has an exactly
 *    zero singular value (w_{i,t} = 1/λᵢ hit exactly) makes msign discontinuous — at finite precision its rounding
 *    noise meets the rank cut-off — so the comparison stops before that step (branch 'stopped at exact zero').
 * Float mode: the same cases in float64, (71a) compared within the drift budget of src/cases/aligned.ts (argued per
 * step) while that budget stays small; (72), a statement about each step's signs, only in decimal.
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

/**
 * Cases with d from `dims` (≤ dMax). κ ≤ 1e4 (λ_max/(2^a5^b), 2^a5^b ≤ 1e4). One case in four has repeated eigenvalues
 * on purpose (a two-level spectrum: λ_max repeated, and for d ≥ 4 the second value too; d = 2 gives Σ = λI): V is then
 * not unique, and the lemma must hold for the V the case gives.
 */
function draws(mode: Mode, C: (lmin: string) => Arbitrary<string>, rho: Arbitrary<string>, dims: Arbitrary<number> = fc.integer({ min: 1, max: mode === 'exact' ? 3 : 4 }), dMax = 4): Arbitrary<L8Case> {
  const maxLog = 4;
  return fc
    .record({
      d: dims,
      basis: fc.constantFrom(...BASES),
      lmax: fc.constantFrom('1', '2', '4', '5', '0.5', '0.25', '8', '10'),
      divs: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 * maxLog }), fc.integer({ min: 0, max: maxLog })).filter(([a, b]) => a * Math.log10(2) + b * Math.log10(5) <= maxLog), { minLength: dMax - 1, maxLength: dMax - 1 }),
      repeated: fc.constantFrom(false, false, false, true),
      perm: fc.integer({ min: 0, max: 5 }),
      steps: fc.integer({ min: 2, max: mode === 'exact' ? 12 : 60 }),
      rho,
    })
    .chain(({ d, basis, lmax, divs, perm, steps, rho, repeated }) => {
      const own = divs.slice(0, d - 1);
      const sorted = friendlyLambdas(lmax, repeated ? own.map((x, i) => (i % 2 === 0 ? ([0, 0] as const) : own[1]!)) : own);
      // eigenvalues in a shuffled column order, so that λ_max is not always V's first column
      const lambdas = sorted.map((_, i) => sorted[(i + perm) % d]!);
      const b: Basis = d === 1 && basis === 'givens' ? 'signed-permutation' : basis;
      return fc.record({ V: basisArb(b, d), C: C(sorted[d - 1]!) }).map(({ V, C }) => ({ d, basis: b, V, lambdas, C, rho, steps }));
    });
}

// Lemma 8 holds for any positive steps; we draw those of Theorem 3 (C·2λ_min ∈ [1, 2], ρ ∈ [1/2, 1)).
const theoremC = (lmin: string): Arbitrary<string> => decimalIn(0, 1, 2).map((f) => prefactorFor(lmin, f));
const cases: Record<Mode, Arbitrary<L8Case>> = {
  exact: draws('exact', theoremC, decimalIn(0.5, 0.95, 2)),
  float: draws('float', theoremC, decimalIn(0.5, 0.99, 3)),
};
/**
 * The deep profile's float cases: d up to the ICL experiments' 20 (5 … 20 one case in four); a run at d = 20 costs
 * ~100× one at d ≤ 4 (d³ per msign, up to 60 steps), hence deep only (deepOnly below).
 */
const deepFloat = draws('float', theoremC, decimalIn(0.5, 0.99, 3), fc.oneof({ arbitrary: fc.integer({ min: 1, max: 4 }), weight: 3 }, { arbitrary: fc.integer({ min: 5, max: 20 }), weight: 1 }), 20);

/** The implementation's run: P.icl with Σ = VΛVᵀ, W₀ = 0, Muon, S.geo(C, ρ). */
function runIcl<T>(F: Field<T>, impl: Impl, c: L8Case, steps: number): Mat<T>[] {
  const la = impl.over(F);
  const problem = impl.problems.icl(la, { V: toMat(F, c.V), lambdas: c.lambdas });
  const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule: impl.schedules.geo({ C: c.C, rho: c.rho }), x0: zeros(F, c.d, c.d), steps, keepIterates: true });
  if (tr.status !== 'completed') throw new Error(`A.L8: run ended ${tr.status}: ${tr.message ?? ''}`);
  return tr.iterates!.map((x) => x.X);
}

/** The scalar recursions (73): w_{i,t}, t = 0..T, their gaps w − 1/λ, and η_t. */
function scalars<T>(F: Field<T>, c: L8Case): { w: T[][]; gap: T[][]; etas: T[] } {
  const etas = geoEtas(F, c.C, c.rho, 1, c.steps);
  const rs = c.lambdas.map((l) => iclScalar(F, F.zero, F.div(F.one, F.of(l)), etas));
  return { w: rs.map((r) => r.w), gap: rs.map((r) => r.gap), etas };
}

/**
 * Float64's tolerance of (71a) and how far it is asserted: the drift budget E_t (src/cases/aligned.ts) with
 * ν_t = 3d·u·‖Σ‖_F²(‖W_t‖_F‖Σ‖_F + √d) bounding the rounding of Σ(WΣ − I)Σ (three products of d-term sums),
 * L = ‖Σ‖_F³ (∇f(W + Δ) − ∇f(W) = ΣΔΣ²), s_t = min λᵢ³|w_{i,t} − 1/λᵢ| the smallest singular value of the exact
 * gradient; plus 4d·u·‖W_t‖_F, as the prediction V diag(w_t) Vᵀ is itself formed in float from a V orthonormal only
 * to ~u. Compared while E_t ≤ 1e-6·‖Σ⁻¹‖_F (beyond it float cannot say whether W_t is aligned).
 */
function floatDrift(c: L8Case, steps: number, Ws: Mat<number>[], gap: number[][], etas: number[]): { horizon: number; tol: (t: number) => number; why: string } {
  const lam = c.lambdas.map(Number);
  const nS = Math.sqrt(lam.reduce((a, l) => a + l * l, 0));
  const E = driftBudget(
    0,
    Ws.slice(0, steps).map((W, t) => ({ eta: etas[t]!, nu: 3 * c.d * U64 * nS * nS * (frob(W) * nS + Math.sqrt(c.d)), L: nS ** 3, ...smallest(lam.map((l, i) => l ** 3 * Math.abs(gap[i]![t]!))), normNext: frob(Ws[t + 1]!) })),
  );
  return {
    horizon: floatHorizon(E, steps, 1e-6 * Math.sqrt(lam.reduce((a, l) => a + 1 / (l * l), 0))),
    tol: (t) => E[t]! + 4 * c.d * U64 * frob(Ws[t]!),
    why: 'drift budget E_t (msign perturbation ν_t/s_t per step, rounding of the updates) + 4d·u·‖W_t‖_F; compared while E_t ≤ 1e-6·‖Σ⁻¹‖_F',
  };
}

export default defineClaim<L8Case>({
  id: 'A.L8',
  title: 'ICL: Muon from W₀ = 0 stays V Λ_t Vᵀ, each wᵢ following its own sign recursion',
  source: { paper: 'A', where: 'Lemma 8, §4 (proof of Theorem 3)', equations: ['(22)', '(70)', '(71a)', '(71b)', '(72)', '(73)'] },
  provenance: 'reconstructed',
  statement: 'Σ = VΛVᵀ, W₀ = 0: W_t = V Λ_t Vᵀ with w_{i,t+1} = w_{i,t} − η_t sign(w_{i,t} − 1/λᵢ), i.e. msign(∇f(W_t)) = V diag(sign(w_{i,t} − 1/λᵢ)) Vᵀ.',
  hypotheses: [
    hyp.structure('Σ', 'Σ = VΛVᵀ ≻ 0, V orthogonal (identity, signed permutation, dense finite-decimal Givens product)'),
    hyp.int('d', 'd (exact 1–3, float 1–4; deep float up to the ICL experiments\' 20)', 1, 20),
    hyp.structure('W₀', 'W₀ = 0'),
    hyp.real('η_t', 'η_t = Cρ^t (any positive steps; drawn C·2λ_min ∈ [1, 2], ρ ∈ [1/2, 1))', 0.5, 1, { closed: 'left' }),
    hyp.real('κ', 'κ(Σ) up to 1e4; repeated eigenvalues (two-level spectra, Σ = λI at d = 2) one case in four', 1, 1e4, { scale: 'log' }),
  ],
  modes: { exact: highPrecision, float: float64Field },
  cases: { quick: { exact: 4, float: 15 }, default: { exact: 24, float: 120 }, deep: { exact: 800, float: 4000 } },
  generate: (mode, profile) => (mode === 'float' && profile === 'deep' ? deepFloat : cases[mode]),

  check(c, k) {
    const lam = c.lambdas.map(Number);
    k.bin('basis', c.basis);
    k.bin('d', c.d <= 4 ? String(c.d) : '5–20');
    k.bin('repeated λ', new Set(c.lambdas).size < c.d ? 'yes' : 'no');
    k.bin('κ decade', decade(Math.max(...lam) / Math.min(...lam), { hi: 3 })); // κ = 1e4 (the closed top end) counts in 1e3–1e4
    k.bin('ρ range', rhoBin(Number(c.rho)));
    const float = k.F.kind === 'float64';
    const exactBasis = c.basis !== 'givens';

    // The prediction: the d scalar recursions (73), in decimal exact (proven at Pref vs 2·Pref digits).
    const Pref = Math.min(900, 60 + placesOf(c.C) + c.steps * placesOf(c.rho) + 2 * maxPlaces(c.lambdas));
    const ref = reference(k, Pref, (F) => scalars(F, c), (r) => [...r.w.flat(), ...r.etas]);
    if (!ref) return k.inconclusive(`scalar recursion not exact at ${Pref} digits`);
    const { w, gap, etas } = ref;
    // Decimal with a dense basis stops before the first exact zero of a gap (msign's discontinuity, see above).
    const steps = float || exactBasis ? c.steps : firstExactZero(k.F, gap, c.steps);
    if (!float) k.branch(exactBasis ? 'exact end to end' : 'high precision (Jacobi msign)');
    if (steps < c.steps) k.branch('stopped at exact zero');
    if (!float && gap.some((g) => g.some((x) => k.F.isZero(x)))) k.branch('w hits 1/λ exactly');
    if (steps === 0) return k.inconclusive('the first gradient already has an exact zero direction');

    // W_t at P digits: exact cases need the scalar digits plus the products with Σ; dense ones start at 60 digits.
    const run = measured(k, { P: exactBasis ? Math.min(480, Pref + 4 * maxPlaces(c.lambdas) + 20) : 60, maxP: 480, compute: (F) => runIcl(F, k.impl, c, steps), numbers: (Ws) => Ws.flatMap((W) => W.data) });
    const Ws = run.value;
    const G = run.wide(Pref, 8 * maxPlaces(c.V.data));
    const V = toMat(G, c.V);

    // The tolerance of (71a) and how far it is asserted: in decimal 2·err at every step (the P-digit run's error is at
    // most err plus the 2P-digit run's, which is no larger); in float64 the drift budget while it stays small.
    const twoErr = G.mul(G.of(2), run.err);
    const { horizon, tol, why } = float
      ? floatDrift(c, steps, Ws as unknown as Mat<number>[], gap as unknown as number[][], etas as unknown as number[])
      : { horizon: steps, tol: () => twoErr, why: `2·err, 4·err with err = ${run.errText}: the P-digit run's error (proveExact P vs 2P, P = ${run.precision})` };
    for (let t = 0; t <= horizon; t++) {
      const pred = adbt(G, V, w.map((wi) => G.of(wi[t]!)), V); //                           V Λ_t Vᵀ
      k.bound('(71a) W_t = VΛ_tVᵀ', maxAbs(G, sub(G, Ws[t]!, pred)), tol(t), { why, at: t });
    }
    // (72) states each step's signs: decimal only (float64 bounds the drift of W_t, not a sign decided within it).
    if (!float) {
      for (let t = 0; t < steps; t++) {
        const eta = G.of(etas[t]!);
        const S = adbt(G, V, gap.map((g) => G.mul(eta, G.sign(G.of(g[t]!)))), V); //      η_t V sign(Λ_t − Λ⁻¹) Vᵀ
        k.bound('(72) W_t − W_{t+1} = η_t V sign(Λ_t − Λ⁻¹) Vᵀ', maxAbs(G, sub(G, sub(G, Ws[t]!, Ws[t + 1]!), S)), G.mul(G.of(4), run.err), { why, at: t });
      }
    }
    markCompared(k, float, horizon, c.steps);
    k.trace((bounds) => ({ horizon, worstAt: worstAt(bounds) }));
  },

  noSearch: `its bounds are identities ((71a) W_t = VΛ_tVᵀ, (72)) checked to their rounding tolerance in float and exactly in decimal: the ratio is rounding noise, not a distance to a constant`,
  probes: [
    probe({
      id: 'entrywise-sign',
      drops: 'msign replaced by the entrywise sign (SignGD): the decoupling needs the spectral sign',
      mode: 'float',
      cases: cases.float.filter((c) => c.basis === 'givens' && c.d >= 2),
      impl: msignIsEntrywiseSign.impl,
      runs: 20,
      what: '(71a)',
    }),
  ],
  bins: { basis: [...BASES], d: ['1', '2', '3', '4', '5–20'], 'κ decade': decades(0, 4), 'repeated λ': ['yes', 'no'] },
  deepOnly: { d: { bins: ['5–20'], why: 'cost: a float run at d = 5 … 20 (the ICL experiments reach 20) costs up to ~100× one at d ≤ 4 (d³ per msign, up to 60 steps, plus the drift budget per step); deep draws it one float case in four' } },
  branches: ['exact end to end', 'high precision (Jacobi msign)', 'float: all steps compared'],
});
