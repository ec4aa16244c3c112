import fc, { type Arbitrary } from 'fast-check';
import type { Field } from '../../arith/field.ts';
import { columns, identity, matmul, maxAbs, sub, transpose, type Mat } from '../../linalg/mat.ts';
import { adbt } from '../../linalg/diag-product.ts';
import type { Impl } from '../../impl/impl.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { basisArb, BASES, decimalIn, type Basis, type DecMat } from '../../generators/index.ts';
import { driftBudget, firstExactZero, floatHorizon, markCompared, frob, geoEtas, highPrecision, maxPlaces, measured, mfScalar, placesOf, reference, smallest, toMat, U64 } from '../../cases/aligned.ts';
import { defineClaim, float64Field, hyp, probe, rhoBin, worstAt, type Mode } from '../kit/index.ts';

/*
 * A.L3 (paper A, Lemma 3, §3.2, (41)–(46); (12)–(15) quoted on the slides): if U₀ = VΣ₀Rᵀ with V ∈ O^{d×d} the
 * eigenvectors of M* = VΛVᵀ (λᵢ ≥ 0, zeros allowed), Σ₀ diagonal and R orthonormal, then simplified Muon keeps
 * U_t = VΣ_tRᵀ, with msign(∇f(U_t)) = V diag(sign(Σ_t³ − ΛΣ_t)) Rᵀ (45) and each σ_{i,t} following the scalar
 * recursion (27) with its λᵢ (15); so U_tᵀU_t = RΣ_t²Rᵀ and U_tU_tᵀ = VΣ_t²Vᵀ keep their eigenvectors.
 *
 * Shapes: U is d×k, m = min(d, k) directions are active: U₀ = V_m Σ₀ R_mᵀ with V_m, R_m the first m columns of a
 * d×d and a k×k finite-decimal orthogonal matrix (for k ≥ d this is R ∈ O^{k×d} of the catalogue; for k < d the
 * remaining d − k singular values are 0 and stay 0, sign(0) = 0).
 *
 * Exact mode — what is proven and what is not:
 *  - V, R identity or signed permutations: every product is of finite decimals, the gradient V(Σ³ − ΛΣ)Rᵀ has
 *    orthogonal columns, Jacobi does not rotate and takes square roots of perfect squares only: the implementation's
 *    run is exact end to end (proveExact, P vs 2P digits) and must EQUAL the d scalar recursions, zeros included.
 *  - V, R dense Givens products: the real msign (Jacobi SVD, square roots) is high precision, not exact. The deviation
 *    of the P-digit run from the exact prediction must be ≤ 2·err (err = the proveExact difference between P and 2P
 *    digits), with err ≤ 10^(−P/2) (precision doubled otherwise). At a step where the exact gradient has an exactly
 *    zero singular value (σ_{i,t} = 0 or σ_{i,t}² = λᵢ hit exactly) msign is discontinuous and its finite-precision
 *    value is decided by rounding noise against the rank cut-off: the comparison stops before that step.
 * Float mode: the same (decimal) cases in float64, (42a) compared within the drift budget of src/cases/aligned.ts
 * while it stays small; (45) and the eigenvectors, statements about each step's signs, only in decimal.
 */

export interface L3Case {
  readonly d: number;
  readonly k: number;
  readonly basis: Basis;
  readonly V: DecMat;
  readonly R: DecMat;
  /** λ₁..λ_d ≥ 0 in V's column order (zeros allowed). */
  readonly lambdas: readonly string[];
  /** σ_{i,0}, i < m = min(d, k). */
  readonly sigma0: readonly string[];
  readonly C: string;
  readonly rho: string;
  readonly steps: number;
}

/** An extreme (small) eigenvalue m·10⁻ʲ, m = 1 … 9, j = 3 … 5, as its exact decimal string. */
const extremeLambda: Arbitrary<string> = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 3, max: 5 })).map(([m, j]) => (m * 10 ** -j).toFixed(j));

/**
 * Cases with (d, k) from `dims`. λᵢ ≥ 0, in half the cases with zeros one entry in five (rank-deficient M*; the other
 * half has none, so that a full-rank M* is drawn at every d), and one case in five with a
 * repeated eigenvalue on purpose (λ₂ = λ₁: V is then not unique, the lemma must hold for the V the case gives).
 */
function draws(mode: Mode, rho: Arbitrary<string>, dims?: Arbitrary<{ d: number; k: number }>): Arbitrary<L3Case> {
  const exact = mode === 'exact';
  // Half the cases have zeros (one entry in five): with zeros per entry only, a full-rank M* at d = 50 would come once in 0.8⁻⁵⁰ ≈ 7e4.
  // One λ in six extreme: m·10⁻ʲ, j = 3 … 5, so that κ of M*'s nonzero eigenvalues reaches 4e5 (the rest is ≤ 4e3).
  const lam = fc.oneof({ arbitrary: decimalIn(0, 4, exact ? 2 : 3), weight: 5 }, { arbitrary: extremeLambda, weight: 1 });
  return fc
    .record({ dk: dims ?? fc.record({ d: fc.integer({ min: 1, max: exact ? 3 : 4 }), k: fc.integer({ min: 1, max: exact ? 3 : 5 }) }), basis: fc.constantFrom(...BASES), repeat: fc.constantFrom(false, false, false, false, true), zeros: fc.boolean() })
    .chain(({ dk: { d, k }, basis, repeat, zeros }) => {
      const m = Math.min(d, k);
      const b: Basis = basis === 'givens' && Math.max(d, k) === 1 ? 'signed-permutation' : basis;
      // Dense bases: σ₀ ≠ 0 (a zero direction is an exact zero singular value, see above); exact bases: zeros too.
      const nonzero = decimalIn(0.05, 2, exact ? 2 : 3).chain((x) => fc.constantFrom(x, `-${x}`));
      const sigma = b === 'givens' ? nonzero : fc.oneof({ arbitrary: nonzero, weight: 4 }, { arbitrary: fc.constant('0'), weight: 1 });
      return fc.record({
        V: basisArb(b, d),
        R: basisArb(b, k),
        lambdas: fc.array(zeros ? fc.oneof({ arbitrary: lam, weight: 4 }, { arbitrary: fc.constant('0'), weight: 1 }) : lam, { minLength: d, maxLength: d }).map((l) => (repeat && d >= 2 ? l.map((x, i) => (i === 1 ? l[0]! : x)) : l)),
        sigma0: fc.array(sigma, { minLength: m, maxLength: m }),
        C: decimalIn(0.5, 2, exact ? 2 : 3),
        rho,
        steps: fc.integer({ min: 1, max: exact ? (b === 'givens' ? 6 : 10) : 40 }),
      }).map((r) => ({ d, k, basis: b, ...r }));
    });
}

const cases: Record<Mode, Arbitrary<L3Case>> = {
  exact: draws('exact', decimalIn(0.5, 0.95, 2)),
  float: draws('float', decimalIn(0.5, 0.99, 3)),
};
/**
 * The deep profile's float cases: one in four with d = 5 … 50 (paper A's MF experiments reach d = 50) and k = 1 … 2d
 * (k = d and k = 2d on purpose);
 * a run of 40 steps at d = 50, k = 100 costs ~10⁴× one at d ≤ 4 (a Jacobi SVD of the d×k gradient per step).
 */
const deepFloat = draws('float', decimalIn(0.5, 0.99, 3), fc.oneof(
  { arbitrary: fc.record({ d: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 1, max: 5 }) }), weight: 3 },
  // k uniform in 1 … 2d, or k = d / k = 2d on purpose (k = d would otherwise come once in 2d)
  { arbitrary: fc.integer({ min: 5, max: 50 }).chain((d) => fc.oneof(fc.integer({ min: 1, max: 2 * d }), fc.constant(d), fc.constant(2 * d)).map((k) => ({ d, k }))), weight: 1 },
));

/** The implementation's run: P.mf with M* = VΛVᵀ from U₀ = V_m Σ₀ R_mᵀ, Muon, S.geo(C, ρ). */
function runMf<T>(F: Field<T>, impl: Impl, c: L3Case, steps: number): Mat<T>[] {
  const la = impl.over(F);
  const m = Math.min(c.d, c.k);
  const V = toMat(F, c.V);
  const U0 = adbt(F, columns(V, 0, m), c.sigma0.map((x) => F.of(x)), columns(toMat(F, c.R), 0, m));
  const problem = impl.problems.mf(la, { V, lambdas: c.lambdas }, c.k);
  const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule: impl.schedules.geo({ C: c.C, rho: c.rho }), x0: U0, steps, keepIterates: true });
  if (tr.status !== 'completed') throw new Error(`A.L3: run ended ${tr.status}: ${tr.message ?? ''}`);
  return tr.iterates!.map((x) => x.X);
}

/** The scalar recursions (27): σ_{i,t}, t = 0..T, their g_{i,t} = σ³ − λσ, and η_t. */
function scalars<T>(F: Field<T>, c: L3Case): { sigma: T[][]; g: T[][]; etas: T[] } {
  const etas = geoEtas(F, c.C, c.rho, 1, c.steps);
  const rs = c.sigma0.map((s0, i) => mfScalar(F, F.of(s0), F.of(c.lambdas[i]!), etas));
  return { sigma: rs.map((r) => r.sigma), g: rs.map((r) => r.g), etas };
}

/**
 * Float64's tolerance of (42a) and how far it is asserted: the drift budget E_t (src/cases/aligned.ts) with
 * ν_t = 2(d + k)·u·(‖U‖_F³ + ‖Λ‖_F‖U‖_F) bounding the rounding of U(UᵀU) − (VΛ)(UᵀV)ᵀ (products of ≤ d + k terms),
 * L_t = 3‖U‖_F² + ‖Λ‖_F the Lipschitz constant of ∇f near U_t, singular values |σ³ − λσ|; plus 4(d + k)·u·‖U_t‖_F, as
 * the prediction V_m Σ_t R_mᵀ is formed in float from V, R orthonormal to ~u. Compared while
 * E_t ≤ 1e-6·max(‖U₀‖_F, ‖Λ‖_F^{1/2}) (beyond it float cannot say whether U_t is aligned).
 */
function floatDrift(c: L3Case, steps: number, Us: Mat<number>[], g: number[][], etas: number[]): { horizon: number; tol: (t: number) => number; why: string } {
  const nL = Math.sqrt(c.lambdas.reduce((a, l) => a + Number(l) ** 2, 0));
  const dk = c.d + c.k;
  const E = driftBudget(
    2 * dk * U64 * frob(Us[0]!),
    Us.slice(0, steps).map((U, t) => {
      const nu = frob(U);
      const sm = smallest(g.map((gi) => Math.abs(gi[t]!)));
      return { eta: etas[t]!, nu: 2 * dk * U64 * (nu ** 3 + nL * nu), L: 3 * nu * nu + nL, s: sm.s, s2: c.d === c.k ? sm.s2 : sm.s, normNext: frob(Us[t + 1]!) };
    }),
  );
  return {
    horizon: floatHorizon(E, steps, 1e-6 * Math.max(frob(Us[0]!), Math.sqrt(nL), 1e-300)),
    tol: (t) => E[t]! + 4 * dk * U64 * frob(Us[t]!),
    why: 'drift budget E_t (src/cases/aligned.ts) + 4(d + k)·u·‖U_t‖_F; compared while E_t ≤ 1e-6·max(‖U₀‖_F, ‖Λ‖_F^{1/2})',
  };
}

export default defineClaim<L3Case>({
  id: 'A.L3',
  title: 'Aligned MF: Muon keeps U_t = VΣ_tRᵀ and decouples into d scalar recursions (27)',
  source: { paper: 'A', where: 'Lemma 3, §3.2; (12)–(15) §2.1.3; slides "exact subspace alignment"', equations: ['(12)', '(13)', '(14)', '(15)', '(27)', '(41)', '(42a)', '(44)', '(45)', '(46)'] },
  provenance: 'quoted',
  statement: 'U₀ = VΣ₀Rᵀ (V ∈ O^{d×d} eigenvectors of M*, Σ₀ diagonal, R orthonormal) ⇒ for all t U_t = VΣ_tRᵀ, msign(∇f(U_t)) = V diag(sign(Σ_t³ − ΛΣ_t)) Rᵀ, σ_{i,t+1} = σ_{i,t} − η_t sign(σ_{i,t}³ − λᵢσ_{i,t}); UᵀU and UUᵀ keep their eigenvectors R and V.',
  hypotheses: [
    hyp.structure('alignment', 'U₀ = VΣ₀Rᵀ with V the eigenvectors of M* (identity, signed permutation or dense finite-decimal Givens products)'),
    hyp.int('d, k', 'd ∈ 1..3 (float 1..4), k ∈ 1..3 (float 1..5): k < d, k = d, k > d; deep float: also d ∈ 5..50, k ∈ 1..2d', 1, 100),
    hyp.real('λᵢ', 'λᵢ ≥ 0, zeros (rank-deficient M*), a repeated value and extreme ones (down to 1e-5: κ of the nonzero λ to 4e5) drawn on purpose', 0, 4),
    hyp.real('σ_{i,0}', 'any real (0 allowed with exact bases; ≠ 0 with dense ones)', -2, 2),
    hyp.real('η_t', 'any positive steps; drawn η_t = Cρ^t, C ∈ [0.5, 2], ρ ∈ [1/2, 1)', 0.5, 1, { closed: 'left' }),
  ],
  modes: { exact: highPrecision, float: float64Field },
  cases: { quick: { exact: 4, float: 15 }, default: { exact: 24, float: 150 }, deep: { exact: 800, float: 5000 } },
  generate: (mode, profile) => (mode === 'float' && profile === 'deep' ? deepFloat : cases[mode]),

  check(c, k) {
    const m = Math.min(c.d, c.k);
    k.bin('basis', c.basis);
    k.bin('k vs d', c.k > c.d ? 'k > d' : c.k === c.d ? 'k = d' : 'k < d');
    k.bin('ρ range', rhoBin(Number(c.rho)));
    k.bin('zero λ', c.lambdas.some((l) => Number(l) === 0) ? 'some λᵢ = 0' : 'all λᵢ > 0');
    const rank = c.lambdas.filter((l) => Number(l) !== 0).length; // r = rank M*
    k.bin('k vs rank M*', c.k > rank ? 'k > r' : c.k === rank ? 'k = r' : 'k < r');
    k.bin('repeated λ', new Set(c.lambdas.map(Number)).size < c.d ? 'yes' : 'no');
    const nz = c.lambdas.map(Number).filter((l) => l > 0);
    const kappa = nz.length > 0 ? Math.max(...nz) / Math.min(...nz) : 1; //             κ of M*'s nonzero eigenvalues
    k.bin('κ(M*)', kappa < 1e2 ? '< 1e2' : kappa < 1e4 ? '1e2–1e4' : '≥ 1e4');
    k.bin('size', c.d <= 4 ? 'd ≤ 4' : 'd 5–50');
    const float = k.F.kind === 'float64';
    const exactBasis = c.basis !== 'givens';
    const { F } = k;

    // The prediction: the m scalar recursions (27), in decimal exact (proven at Pref vs 2·Pref digits).
    const pSigma = Math.max(maxPlaces(c.sigma0), placesOf(c.C) + c.steps * placesOf(c.rho));
    const Pref = Math.min(900, 3 * pSigma + maxPlaces(c.lambdas) + 30);
    const ref = reference(k, Pref, (G) => scalars(G, c), (r) => [...r.sigma.flat(), ...r.g.flat()]);
    if (!ref) return k.inconclusive(`scalar recursions not exact at ${Pref} digits`);
    const { sigma, g, etas } = ref;
    // Decimal with a dense basis stops before the first exact zero of a g_{i,t} (msign's discontinuity, see above).
    const steps = float || exactBasis ? c.steps : firstExactZero(F, g, c.steps);
    if (!float) k.branch(exactBasis ? 'exact end to end' : 'high precision (Jacobi msign)');
    if (steps < c.steps) k.branch('stopped at exact zero');
    if (!float && g.some((gi) => gi.some((x) => F.isZero(x)))) k.branch('zero gradient direction (sign 0)');
    if (!float && sigma.some((si) => si.some((x, t) => t > 0 && F.lt(x, F.zero) !== F.lt(si[0]!, F.zero) && !F.isZero(x)))) k.branch('σ changes sign');
    if (steps === 0) return k.inconclusive('the first gradient already has an exact zero direction');

    const run = measured(k, { P: exactBasis ? Math.min(480, Pref + 20) : 60, maxP: 480, compute: (G) => runMf(G, k.impl, c, steps), numbers: (Us) => Us.flatMap((U) => U.data) });
    const Us = run.value;
    const G = run.wide(Pref, 6 * Math.max(maxPlaces(c.V.data), maxPlaces(c.R.data)));
    const V = toMat(G, c.V);
    const R = toMat(G, c.R);
    const Vm = columns(V, 0, m);
    const Rm = columns(R, 0, m);

    // The tolerance of (42a) and how far it is asserted: in decimal 2·err at every step (the P-digit run's error is at
    // most err plus the 2P-digit run's, which is no larger); in float64 the drift budget while it stays small.
    const twoErr = G.mul(G.of(2), run.err);
    const { horizon, tol, why } = float
      ? floatDrift(c, steps, Us as unknown as Mat<number>[], g as unknown as number[][], etas as unknown as number[])
      : { horizon: steps, tol: () => twoErr, why: `from err = ${run.errText} (proveExact, P = ${run.precision} vs ${2 * run.precision} digits): 2·err, 4·err, n²(2n·max|U|·2err + n·4err²)` };
    for (let t = 0; t <= horizon; t++) {
      const pred = adbt(G, Vm, sigma.map((si) => G.of(si[t]!)), Rm); //                     V Σ_t Rᵀ
      k.bound('(42a) U_t = VΣ_tRᵀ', maxAbs(G, sub(G, Us[t]!, pred)), tol(t), { why, at: t });
    }

    // (45) and the eigenvectors state each step's signs: decimal only (float64 bounds the drift of U_t, not a sign
    // decided within it).
    if (!float) {
      let maxU = G.zero;
      for (const U of Us) maxU = G.max(maxU, maxAbs(G, U));
      // A perturbation e of U moves UUᵀ entries by ≤ 2n·max|U|·e + n·e² (n ≤ max(d, k)); the orthogonal conjugation
      // sums n² of them with weights ≤ 1.
      const n = Math.max(c.d, c.k);
      const tolEig = G.mul(G.of(n * n), G.add(G.mul(G.mul(G.of(2 * n), maxU), twoErr), G.mul(G.of(n), G.mul(twoErr, twoErr))));
      const sq = (size: number, t: number): (typeof G.zero)[] => Array.from({ length: size }, (_, i) => (i < m ? G.mul(G.of(sigma[i]![t]!), G.of(sigma[i]![t]!)) : G.zero));
      for (let t = 0; t <= steps; t++) {
        const Ut = Us[t]!;
        if (t < steps) {
          const eta = G.of(etas[t]!);
          const pred = adbt(G, Vm, g.map((gi) => G.mul(eta, G.sign(G.of(gi[t]!)))), Rm); // η_t V sign(Σ_t³ − ΛΣ_t) Rᵀ
          k.bound('(45) msign(∇f(U_t)) = V sign(Σ_t³ − ΛΣ_t) Rᵀ', maxAbs(G, sub(G, sub(G, Ut, Us[t + 1]!), pred)), G.mul(G.of(4), run.err), { why, at: t });
        }
        // Vᵀ(UUᵀ)V = diag(σ², 0) and Rᵀ(UᵀU)R = diag(σ², 0)
        const A = matmul(G, matmul(G, transpose(V), matmul(G, Ut, transpose(Ut))), V);
        const B = matmul(G, matmul(G, transpose(R), matmul(G, transpose(Ut), Ut)), R);
        const dA = maxAbs(G, sub(G, A, adbt(G, identity(G, c.d), sq(c.d, t), identity(G, c.d))));
        const dB = maxAbs(G, sub(G, B, adbt(G, identity(G, c.k), sq(c.k, t), identity(G, c.k))));
        k.bound('eigenvectors of UUᵀ (V) and UᵀU (R) kept', G.max(dA, dB), tolEig, { why, at: t });
      }
    }
    markCompared(k, float, horizon, c.steps);
    k.trace((bounds) => ({ horizon, worstAt: worstAt(bounds) }));
  },

  noSearch: `its bounds are identities ((42a) U_t = VΣ_tRᵀ, (45), the eigenvectors kept) checked to their rounding tolerance in float and exactly in decimal: the ratio is rounding noise, not a distance to a constant`,
  probes: [
    probe({
      id: 'entrywise-sign',
      drops: 'msign replaced by the entrywise sign (SignGD): alignment with a dense basis is lost',
      mode: 'float',
      cases: cases.float.filter((c) => c.basis === 'givens'),
      impl: msignIsEntrywiseSign.impl,
      runs: 20,
      what: '(42a)',
    }),
  ],
  bins: { basis: [...BASES], 'k vs d': ['k < d', 'k = d', 'k > d'], 'zero λ': ['some λᵢ = 0', 'all λᵢ > 0'], 'k vs rank M*': ['k < r', 'k = r', 'k > r'], 'repeated λ': ['yes', 'no'], 'κ(M*)': ['< 1e2', '1e2–1e4', '≥ 1e4'], size: ['d ≤ 4', 'd 5–50'] },
  deepOnly: { size: { bins: ['d 5–50'], why: 'cost: a float run at d = 5 … 50 with k up to 2d takes up to 40 Jacobi SVDs of the d×k gradient, ~10⁴× a run at d ≤ 4 at d = 50, k = 100; deep draws it one float case in four' } },
  branches: ['exact end to end', 'high precision (Jacobi msign)', 'zero gradient direction (sign 0)', 'σ changes sign', 'float: all steps compared'],
});
