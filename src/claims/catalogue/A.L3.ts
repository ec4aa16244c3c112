import fc, { type Arbitrary } from 'fast-check';
import type { Decimal } from '../../arith/exact.ts';
import { proveExact } from '../../arith/exactness.ts';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { mat, matmul, sub, transpose, type Mat } from '../../linalg/mat.ts';
import type { Impl } from '../../impl/impl.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { probeSearch } from '../search.ts';
import type { Bound, CaseOutcome, CheckContext, Claim, Mode } from '../types.ts';
import { adbt, alignedWithinBudget, basisArb, BASES, decimalIn, driftBudget, frob, geoEtas, highPrecision, maxAbsDiff, mfScalar, rhoBin, smallest, toMat, U64, wideField, type Basis, type DecMat } from './aligned-cases.ts';

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
 * Float mode: the same (decimal) cases in float64, compared within the drift budget of aligned-cases.ts.
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

function caseArb(mode: Mode, rho: Arbitrary<string>): Arbitrary<L3Case> {
  const exact = mode === 'exact';
  const lam = fc.oneof({ arbitrary: decimalIn(0, 4, exact ? 2 : 3), weight: 4 }, { arbitrary: fc.constant('0'), weight: 1 });
  return fc
    .record({ d: fc.integer({ min: 1, max: exact ? 3 : 4 }), k: fc.integer({ min: 1, max: exact ? 3 : 5 }), basis: fc.constantFrom(...BASES) })
    .chain(({ d, k, basis }) => {
      const m = Math.min(d, k);
      const b: Basis = basis === 'givens' && Math.max(d, k) === 1 ? 'signed-permutation' : basis;
      // Dense bases: σ₀ ≠ 0 (a zero direction is an exact zero singular value, see above); exact bases: zeros too.
      const nonzero = decimalIn(0.05, 2, exact ? 2 : 3).chain((x) => fc.constantFrom(x, `-${x}`));
      const sigma = b === 'givens' ? nonzero : fc.oneof({ arbitrary: nonzero, weight: 4 }, { arbitrary: fc.constant('0'), weight: 1 });
      return fc.record({
        V: basisArb(b, d),
        R: basisArb(b, k),
        lambdas: fc.array(lam, { minLength: d, maxLength: d }),
        sigma0: fc.array(sigma, { minLength: m, maxLength: m }),
        C: decimalIn(0.5, 2, exact ? 2 : 3),
        rho,
        steps: fc.integer({ min: 1, max: exact ? (b === 'givens' ? 6 : 10) : 40 }),
      }).map((r) => ({ d, k, basis: b, ...r }));
    });
}

const arbitraries: Record<Mode, Arbitrary<L3Case>> = {
  exact: caseArb('exact', decimalIn(0.5, 0.95, 2)),
  float: caseArb('float', decimalIn(0.5, 0.99, 3)),
};

const placesOf = (s: string): number => (s.includes('.') ? s.length - s.indexOf('.') - 1 : 0);

function firstCols<T>(A: Mat<T>, m: number): Mat<T> {
  return mat(A.rows, m, A.data.filter((_, i) => i % A.cols < m));
}

function runMf<T>(F: Field<T>, impl: Impl, c: L3Case, steps: number): Mat<T>[] {
  const la = impl.over(F);
  const m = Math.min(c.d, c.k);
  const V = toMat(F, c.V);
  const U0 = adbt(F, firstCols(V, m), c.sigma0.map((x) => F.of(x)), firstCols(toMat(F, c.R), m));
  const problem = impl.problems.mf(la, { V, lambdas: c.lambdas }, c.k);
  const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule: impl.schedules.geo({ C: c.C, rho: c.rho }), x0: U0, steps, keepIterates: true });
  if (tr.status !== 'completed') throw new Error(`A.L3: run ended ${tr.status}: ${tr.message ?? ''}`);
  return tr.iterates!.map((x) => x.X);
}

function scalars<T>(F: Field<T>, c: L3Case): { sigma: T[][]; g: T[][]; etas: T[] } {
  const etas = geoEtas(F, c.C, c.rho, 1, c.steps);
  const rs = c.sigma0.map((s0, i) => mfScalar(F, F.of(s0), F.of(c.lambdas[i]!), etas));
  return { sigma: rs.map((r) => r.sigma), g: rs.map((r) => r.g), etas };
}

function bins(c: L3Case): Record<string, string> {
  return {
    basis: c.basis,
    'k vs d': c.k > c.d ? 'k > d' : c.k === c.d ? 'k = d' : 'k < d',
    'ρ range': rhoBin(Number(c.rho)),
    'zero λ': c.lambdas.some((l) => Number(l) === 0) ? 'some λᵢ = 0' : 'all λᵢ > 0',
  };
}

export function checkExact(c: L3Case, impl: Impl): CaseOutcome {
  const m = Math.min(c.d, c.k);
  const pSigma = Math.max(...c.sigma0.map(placesOf), placesOf(c.C) + c.steps * placesOf(c.rho));
  const Pref = Math.min(900, 3 * pSigma + Math.max(...c.lambdas.map(placesOf)) + 30);
  const s = proveExact(Pref, (F) => scalars(F, c), (r) => [...r.sigma.flat(), ...r.g.flat()]);
  if (!s.exact) return { bounds: [], inconclusive: `scalar recursions not exact at ${Pref} digits` };
  const { sigma, g, etas } = s.value;
  const exactBasis = c.basis !== 'givens';
  let tHit = c.steps;
  if (!exactBasis) for (let t = 0; t < c.steps && tHit === c.steps; t++) if (g.some((gi) => gi[t]!.isZero())) tHit = t;
  const steps = tHit;
  const branches = [exactBasis ? 'exact end to end' : 'high precision (Jacobi msign)'];
  if (tHit < c.steps) branches.push('stopped at exact zero');
  if (g.some((gi) => gi.some((x) => x.isZero()))) branches.push('zero gradient direction (sign 0)');
  if (sigma.some((si) => si.some((x, t) => t > 0 && x.isNeg() !== si[0]!.isNeg() && !x.isZero()))) branches.push('σ changes sign');
  if (steps === 0) return { bounds: [], inconclusive: 'the first gradient already has an exact zero direction', branches, bins: bins(c) };
  const P0 = exactBasis ? Math.min(480, Pref + 20) : 60;
  const run = highPrecision(P0, 480, (F) => runMf(F, impl, c, steps), (Us) => Us.flatMap((U) => U.data));
  const places = Math.max(...c.V.data.map(placesOf), ...c.R.data.map(placesOf));
  const G = wideField(run.precision, Pref, 6 * places);
  const V = toMat(G, c.V);
  const Vm = firstCols(V, m);
  const Rm = firstCols(toMat(G, c.R), m);
  const R = toMat(G, c.R);
  const err = G.of(run.errorEstimateText);
  let dev = G.zero;
  let devStep = G.zero;
  let devEig = G.zero;
  let maxU = G.zero;
  for (let t = 0; t <= steps; t++) {
    const st = sigma.map((si) => G.of(si[t]!));
    const Ut = run.value[t]! as unknown as Mat<Decimal>;
    for (const x of Ut.data) if (G.lt(maxU, G.abs(x))) maxU = G.abs(x);
    const d1 = maxAbsDiff(G, Ut, adbt(G, Vm, st, Rm));
    if (G.lt(dev, d1)) dev = d1;
    if (t < steps) {
      // (45)/(13): U_t − U_{t+1} = η_t V diag(sign(σ³ − λσ)) Rᵀ
      const eta = G.of(etas[t]!);
      const pred = adbt(G, Vm, g.map((gi) => G.mul(eta, G.sign(G.of(gi[t]!)))), Rm);
      const d2 = maxAbsDiff(G, sub(G, Ut, run.value[t + 1]! as unknown as Mat<Decimal>), pred);
      if (G.lt(devStep, d2)) devStep = d2;
    }
    // eigenvectors kept: Vᵀ(UUᵀ)V = diag(σ², 0) and Rᵀ(UᵀU)R = diag(σ², 0)
    const sq = (n: number): Decimal[] => Array.from({ length: n }, (_, i) => (i < m ? G.mul(st[i]!, st[i]!) : G.zero));
    const A = matmul(G, matmul(G, transpose(V), matmul(G, Ut, transpose(Ut))), V);
    const B = matmul(G, matmul(G, transpose(R), matmul(G, transpose(Ut), Ut)), R);
    const dA = maxAbsDiff(G, A, adbt(G, identityMat(G, c.d), sq(c.d), identityMat(G, c.d)));
    const dB = maxAbsDiff(G, B, adbt(G, identityMat(G, c.k), sq(c.k), identityMat(G, c.k)));
    for (const x of [dA, dB]) if (G.lt(devEig, x)) devEig = x;
  }
  const two = G.of(2);
  const tol = G.mul(two, err);
  const tolStep = G.mul(G.of(4), err);
  // A perturbation e of U moves UUᵀ entries by ≤ 2n·max|U|·e + n·e² (n ≤ max(d, k)); the orthogonal conjugation
  // sums n² of them with weights ≤ 1.
  const n = Math.max(c.d, c.k);
  const tolEig = G.mul(G.of(n * n), G.add(G.mul(G.mul(G.of(2 * n), maxU), tol), G.mul(G.of(n), G.mul(tol, tol))));
  const tolText = run.exact ? undefined : `from err = ${run.errorEstimateText} (proveExact, P = ${run.precision} vs ${2 * run.precision} digits): 2·err, 4·err, n²(2n·max|U|·2err + n·4err²)`;
  const t = tolText ? { tolerance: tolText } : {};
  const bounds: Bound[] = [
    { name: '(42a) U_t = VΣ_tRᵀ', lhs: dev.toNumber(), rhs: tol.toNumber(), holds: G.le(dev, tol), ...t },
    { name: '(45) msign(∇f(U_t)) = V sign(Σ_t³ − ΛΣ_t) Rᵀ', lhs: devStep.toNumber(), rhs: tolStep.toNumber(), holds: G.le(devStep, tolStep), ...t },
    { name: 'eigenvectors of UUᵀ (V) and UᵀU (R) kept', lhs: devEig.toNumber(), rhs: tolEig.toNumber(), holds: G.le(devEig, tolEig), ...t },
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

function identityMat<T>(F: Field<T>, n: number): Mat<T> {
  return mat(n, n, Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? F.one : F.zero)));
}

function checkFloat(c: L3Case, impl: Impl): CaseOutcome {
  const F = float64;
  const m = Math.min(c.d, c.k);
  const Us = runMf(F, impl, c, c.steps);
  const { sigma, g, etas } = scalars(F, c);
  const Vm = firstCols(toMat(F, c.V), m);
  const Rm = firstCols(toMat(F, c.R), m);
  const nL = Math.sqrt(c.lambdas.reduce((a, l) => a + Number(l) ** 2, 0));
  const dk = c.d + c.k;
  // Drift budget: ν_t = 2(d + k)·u·(‖U‖_F³ + ‖Λ‖_F‖U‖_F) bounds the rounding of U(UᵀU) − (VΛ)(UᵀV)ᵀ (products of
  // ≤ d + k terms), L_t = 3‖U‖_F² + ‖Λ‖_F the Lipschitz constant of ∇f near U_t, singular values |σ³ − λσ|.
  const steps = Us.slice(0, c.steps).map((U, t) => {
    const nu = frob(U);
    const sv = g.map((gi) => Math.abs(gi[t]!));
    const sm = smallest(sv);
    return { eta: etas[t]!, nu: 2 * dk * U64 * (nu ** 3 + nL * nu), L: 3 * nu * nu + nL, s: sm.s, s2: c.d === c.k ? sm.s2 : sm.s, normNext: frob(Us[t + 1]!) };
  });
  const E = driftBudget(2 * dk * U64 * frob(Us[0]!), steps);
  const scale = Math.max(frob(Us[0]!), Math.sqrt(nL), 1e-300);
  const r = alignedWithinBudget(
    c.steps,
    E,
    scale,
    // the prediction V_m Σ_t R_mᵀ formed in float from V, R orthonormal to ~u: 4(d + k)·u·‖U_t‖_F more
    (t) => ({ dev: maxAbsDiff(F, Us[t]!, adbt(F, Vm, sigma.map((si) => si[t]!), Rm)), tol: E[t]! + 4 * dk * U64 * frob(Us[t]!) }),
    { name: '(42a) U_t = VΣ_tRᵀ', tolerance: 'drift budget E_t (aligned-cases.ts) + 4(d + k)·u·‖U_t‖_F; compared while E_t ≤ 1e-6·max(‖U₀‖_F, ‖Λ‖_F^{1/2})' },
  );
  return { bounds: [r.bound], branches: r.branches, bins: { ...bins(c), compared: r.compared }, trace: r.trace };
}

function check(c: L3Case, ctx: CheckContext): CaseOutcome {
  return ctx.mode === 'exact' ? checkExact(c, ctx.impl) : checkFloat(c, ctx.impl);
}

export const claim: Claim<L3Case> = {
  id: 'A.L3',
  title: 'Aligned MF: Muon keeps U_t = VΣ_tRᵀ and decouples into d scalar recursions (27)',
  source: { paper: 'A', where: 'Lemma 3, §3.2; (12)–(15) §2.1.3; slides "exact subspace alignment"', equations: ['(12)', '(13)', '(14)', '(15)', '(27)', '(41)', '(42a)', '(44)', '(45)', '(46)'] },
  provenance: 'quoted',
  statement: 'U₀ = VΣ₀Rᵀ (V ∈ O^{d×d} eigenvectors of M*, Σ₀ diagonal, R orthonormal) ⇒ for all t U_t = VΣ_tRᵀ, msign(∇f(U_t)) = V diag(sign(Σ_t³ − ΛΣ_t)) Rᵀ, σ_{i,t+1} = σ_{i,t} − η_t sign(σ_{i,t}³ − λᵢσ_{i,t}); UᵀU and UUᵀ keep their eigenvectors R and V.',
  hypotheses: [
    { name: 'alignment', text: 'U₀ = VΣ₀Rᵀ with V the eigenvectors of M* (identity, signed permutation or dense finite-decimal Givens products)', domain: { kind: 'structure' } },
    { name: 'd, k', text: 'd ∈ 1..3 (float 1..4), k ∈ 1..3 (float 1..5): k < d, k = d, k > d', domain: { kind: 'int', min: 1, max: 5 } },
    { name: 'λᵢ', text: 'λᵢ ≥ 0, zeros allowed', domain: { kind: 'real', min: 0, max: 4, closed: 'both' } },
    { name: 'σ_{i,0}', text: 'any real (0 allowed with exact bases; ≠ 0 with dense ones)', domain: { kind: 'real', min: -2, max: 2, closed: 'both' } },
    { name: 'η_t', text: 'any positive steps; drawn η_t = Cρ^t, C ∈ [0.5, 2], ρ ∈ [1/2, 1)', domain: { kind: 'real', min: 0.5, max: 1, closed: 'left' } },
  ],
  modes: ['exact', 'float'],
  cases: { quick: { exact: 4, float: 15 }, default: { exact: 24, float: 150 }, deep: { exact: 800, float: 5000 } },
  arbitrary: (mode) => arbitraries[mode],
  check,
  probes: [
    {
      id: 'entrywise-sign',
      drops: 'msign replaced by the entrywise sign (SignGD): alignment with a dense basis is lost',
      run: ({ seed }) => probeSearch(arbitraries.float.filter((c) => c.basis === 'givens'), (c) => checkFloat(c, msignIsEntrywiseSign.impl), seed, 20, '(42a)'),
    },
  ],
  binSpace: { basis: [...BASES], 'k vs d': ['k < d', 'k = d', 'k > d'], 'zero λ': ['some λᵢ = 0', 'all λᵢ > 0'] },
  branchSpace: ['exact end to end', 'high precision (Jacobi msign)', 'zero gradient direction (sign 0)', 'σ changes sign', 'float: all steps compared'],
};


export default claim;
