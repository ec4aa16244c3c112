import fc, { type Arbitrary } from 'fast-check';
import { exactField } from '../../arith/exact.ts';
import { proveExact } from '../../arith/exactness.ts';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { symmetrize, type Mat } from '../../linalg/mat.ts';
import type { Impl } from '../../impl/impl.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { probeSearch } from '../search.ts';
import type { Bound, CaseOutcome, CheckContext, Claim } from '../types.ts';
import { adbt, basisArb, decimalIn, toMat, type DecMat } from './aligned-cases.ts';

/*
 * A.AppA (paper A, Appendix A, (79)–(83); reconstructed): under alignment (12), U = VΣRᵀ with V the eigenvectors of
 * M* = VΛVᵀ and σᵢ ≥ 0 (the SVD convention),
 *   (82) (∇fᵀ∇f)^{1/2} = R diag(σᵢ|σᵢ² − λᵢ|) Rᵀ and UᵀU = R diag(σᵢ²) Rᵀ,
 * so Muon's preconditioner (∇fᵀ∇f)^{−1/2} (79) and ScaledGD's (UᵀU)⁻¹ (80) share the eigenvectors R; the two
 * directions are V diag(sign(σᵢ² − λᵢ)) Rᵀ and V diag((σᵢ² − λᵢ)/σᵢ) Rᵀ.
 *
 * ∇f is the implementation's P.mf gradient, the square root is formed from the backend's eigh, the directions are the
 * implementation's Muon and ScaledGD steppers. Bases and σ, λ are finite decimals (Givens products), so the right-hand
 * sides are exact. High precision (the exact mode): 40 digits, proveExact against 80 for err; float beside it.
 */

export interface AppACase {
  readonly d: number;
  readonly V: DecMat;
  readonly R: DecMat;
  readonly lambdas: readonly string[];
  /** σᵢ > 0 (ScaledGD needs UᵀU invertible). */
  readonly sigma: readonly string[];
}

const arbitrary: Arbitrary<AppACase> = fc.integer({ min: 1, max: 4 }).chain((d) =>
  fc.record({
    d: fc.constant(d),
    V: basisArb(d === 1 ? 'signed-permutation' : 'givens', d),
    R: basisArb(d === 1 ? 'signed-permutation' : 'givens', d),
    lambdas: fc.array(fc.oneof({ arbitrary: decimalIn(0, 4, 2), weight: 4 }, { arbitrary: fc.constant('0'), weight: 1 }), { minLength: d, maxLength: d }),
    sigma: fc.array(decimalIn(0.05, 2, 2), { minLength: d, maxLength: d }),
  }),
);

function compute<T>(F: Field<T>, impl: Impl, c: AppACase): { H: Mat<T>; UtU: Mat<T>; muon: Mat<T>; scaled: Mat<T> } {
  const la = impl.over(F);
  const V = toMat(F, c.V);
  const R = toMat(F, c.R);
  const s = c.sigma.map((x) => F.of(x));
  const U = adbt(F, V, s, R);
  const problem = impl.problems.mf(la, { V, lambdas: c.lambdas }, c.d);
  const G = problem.grad(U);
  const e = la.eigh(symmetrize(F, la.matmulTN(G, G)));
  const H = adbt(F, e.vectors, e.values.map((v) => (F.lt(v, F.zero) ? F.zero : F.sqrt(v))), e.vectors);
  const UtU = la.matmulTN(U, U);
  const muon = impl.optimizers.muon().start(la, U).direction(U, G);
  const scaled = impl.optimizers.scaledgd.start(la, U).direction(U, G);
  return { H, UtU, muon, scaled };
}

function maxDiff<T>(F: Field<T>, A: Mat<T>, B: Mat<T>): number {
  let m = 0;
  for (let i = 0; i < A.data.length; i++) m = Math.max(m, Math.abs(F.toNumber(F.sub(A.data[i]!, B.data[i]!))));
  return m;
}

function evaluate<T>(F: Field<T>, c: AppACase, r: ReturnType<typeof compute<T>>, err: number): CaseOutcome {
  const u = F.unitRoundoff;
  const d = c.d;
  const V = toMat(F, c.V);
  const R = toMat(F, c.R);
  const s = c.sigma.map(Number);
  const l = c.lambdas.map(Number);
  const g = s.map((x, i) => x * Math.abs(x * x - l[i]!));
  const sF = c.sigma.map((x) => F.of(x));
  const lF = c.lambdas.map((x) => F.of(x));
  const gF = sF.map((x, i) => F.mul(x, F.abs(F.sub(F.mul(x, x), lF[i]!))));
  const Hpred = adbt(F, R, gF, R);
  const UtUpred = adbt(F, R, sF.map((x) => F.mul(x, x)), R);
  const muonPred = adbt(F, V, gF.map((_, i) => F.sign(F.sub(F.mul(sF[i]!, sF[i]!), lF[i]!))), R);
  const scaledPred = adbt(F, V, sF.map((x, i) => F.div(F.sub(F.mul(x, x), lF[i]!), x)), R);
  const gmax = Math.max(...g);
  const gsmall = Math.min(...g.filter((x) => x > 0), Infinity);
  const smin = Math.min(...s);
  const smax = Math.max(...s);
  // (82a): eigenvalues of GᵀG carry ~4d·u·‖G‖² absolute error, and √ is not Lipschitz at 0: a zero (or tiny) σᵢ|σᵢ² − λᵢ|
  // is recovered only to √(4d·u)·‖G‖; 4·that plus 16d·u·‖G‖ for the rest.
  const nG = Math.sqrt(g.reduce((a, x) => a + x * x, 0));
  const tolH = 4 * Math.sqrt(4 * d * u) * nG + 16 * d * u * nG + 2 * err;
  // (82b): U = VΣRᵀ is itself formed in the field (two d-term products: 2d·u·‖U‖ per entry, twice in UᵀU), UᵀU
  // and the prediction RΣ²Rᵀ are d-term products (d·u·‖U‖_F² and 2d·u·‖U‖_F²), and V, R are orthonormal to ~u in
  // float: 8d·u·‖U‖_F².
  const nU = Math.sqrt(s.reduce((a, x) => a + x * x, 0));
  const tolU = 8 * d * u * nU * nU + 2 * err;
  // (79): the polar factor moves by ‖N‖/σ_min(G) for a gradient error ‖N‖ ≲ 4d·u·(‖U‖³ + ‖Λ‖‖U‖) (none if no σᵢ|σᵢ² − λᵢ| is 0:
  // a zero singular value makes msign discontinuous, and the case reports that branch instead of asserting).
  const nL = Math.sqrt(l.reduce((a, x) => a + x * x, 0));
  const noise = 4 * d * u * (nU ** 3 + nL * nU);
  const tolM = 8 * d * u + (2 * noise) / gsmall + 2 * err;
  // (80): (UᵀU)⁻¹ by Gauss–Jordan, cond(UᵀU) = (σ_max/σ_min)²: 8d·u·(σ_max/σ_min)²·‖direction‖.
  const nS = Math.sqrt(s.reduce((a, x, i) => a + ((x * x - l[i]!) / x) ** 2, 0));
  const tolS = 8 * d * u * (smax / smin) ** 2 * (nS + 1) + 8 * d * u * noise / (smin * smin) + 2 * err;
  const zeroDir = g.some((x) => x === 0);
  const bounds: Bound[] = [
    { name: '(82) (∇fᵀ∇f)^{1/2} = R diag(σ|σ² − λ|) Rᵀ', lhs: maxDiff(F, r.H, Hpred), rhs: tolH, holds: maxDiff(F, r.H, Hpred) <= tolH, tolerance: '4√(4d·u)‖G‖ + 16d·u‖G‖ (+2err): √ of eigenvalues of GᵀG' },
    { name: '(82) UᵀU = R diag(σ²) Rᵀ', lhs: maxDiff(F, r.UtU, UtUpred), rhs: tolU, holds: maxDiff(F, r.UtU, UtUpred) <= tolU, tolerance: '8d·u·‖U‖_F² (+2err): forming U, UᵀU and RΣ²Rᵀ' },
    { name: '(80) ScaledGD direction = V diag((σ² − λ)/σ) Rᵀ', lhs: maxDiff(F, r.scaled, scaledPred), rhs: tolS, holds: maxDiff(F, r.scaled, scaledPred) <= tolS, tolerance: '8d·u·cond(UᵀU)·‖D‖ + gradient noise/σ_min² (+2err)' },
  ];
  if (!zeroDir) {
    const dm = maxDiff(F, r.muon, muonPred);
    bounds.push({ name: '(79) Muon direction = V sign(Σ² − Λ) Rᵀ', lhs: dm, rhs: tolM, holds: dm <= tolM, tolerance: '8d·u + 2·(gradient noise)/σ_min(G) (+2err): polar-factor perturbation' });
  }
  return {
    bounds,
    branches: [zeroDir ? 'zero gradient direction (Muon part not asserted)' : 'full-rank gradient', l.some((x) => x === 0) ? 'some λᵢ = 0' : 'all λᵢ > 0', s.some((x, i) => x * x > l[i]!) && s.some((x, i) => x * x < l[i]!) ? 'mixed signs of σ² − λ' : 'one sign of σ² − λ'],
    bins: { d: String(d), 'cond(G)': gsmall === Infinity ? '∞' : gmax / gsmall < 10 ? '< 10' : gmax / gsmall < 1e3 ? '10–1e3' : '≥ 1e3' },
  };
}

function check(c: AppACase, ctx: CheckContext): CaseOutcome {
  if (ctx.mode === 'float') return evaluate(float64, c, compute(float64, ctx.impl, c), 0);
  const r = proveExact(40, (F) => compute(F, ctx.impl, c), (x) => [...x.H.data, ...x.UtU.data, ...x.muon.data, ...x.scaled.data]);
  return { ...evaluate(exactField(40), c, r.value, r.errorEstimate), exactness: { exact: r.exact, precision: 40, errorEstimate: r.errorEstimateText } };
}

export const claim: Claim<AppACase> = {
  id: 'A.AppA',
  title: 'Muon vs ScaledGD under alignment: (∇fᵀ∇f)^{1/2} = R diag(σ|σ² − λ|)Rᵀ, UᵀU = R diag(σ²)Rᵀ share eigenvectors R',
  source: { paper: 'A', where: 'Appendix A', equations: ['(12)', '(79)', '(80)', '(82)'] },
  provenance: 'reconstructed',
  statement: 'Under alignment U = VΣRᵀ (σᵢ ≥ 0): (∇fᵀ∇f)^{1/2} = R diag(σᵢ|σᵢ² − λᵢ|) Rᵀ and UᵀU = R diag(σᵢ²) Rᵀ (82); Muon\'s and ScaledGD\'s preconditioners share the eigenvectors R.',
  hypotheses: [
    { name: 'alignment', text: 'U = VΣRᵀ, V eigenvectors of M*, R orthogonal (finite-decimal Givens products), k = d', domain: { kind: 'structure' } },
    { name: 'σᵢ', text: 'σᵢ > 0 (SVD convention; > 0 so that ScaledGD is defined)', domain: { kind: 'real', min: 0.05, max: 2, closed: 'both' } },
    { name: 'λᵢ', text: 'λᵢ ≥ 0, zeros allowed', domain: { kind: 'real', min: 0, max: 4, closed: 'both' } },
    { name: 'd', text: 'd = k ∈ 1..4', domain: { kind: 'int', min: 1, max: 4 } },
  ],
  modes: ['exact', 'float'],
  cases: { quick: { exact: 4, float: 40 }, default: { exact: 25, float: 300 }, deep: { exact: 800, float: 10000 } },
  arbitrary: () => arbitrary,
  check,
  probes: [
    {
      id: 'entrywise-sign',
      drops: 'msign replaced by the entrywise sign: the Muon direction leaves the V·diag·Rᵀ form',
      run: ({ seed }) => probeSearch(arbitrary.filter((c) => c.d >= 2), (c) => evaluate(float64, c, compute(float64, msignIsEntrywiseSign.impl, c), 0), seed, 20, '(79)'),
    },
  ],
  binSpace: { d: ['1', '2', '3', '4'] },
  branchSpace: ['full-rank gradient', 'some λᵢ = 0', 'mixed signs of σ² − λ'],
};


export default claim;
