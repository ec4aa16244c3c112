import fc, { type Arbitrary } from 'fast-check';
import type { Field } from '../../arith/field.ts';
import { maxAbs, sub, symmetrize, type Mat } from '../../linalg/mat.ts';
import { adbt } from '../../linalg/diag-product.ts';
import type { Impl } from '../../impl/impl.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { basisArb, decimalIn, type DecMat } from '../../generators/index.ts';
import { highPrecision, measured, toMat } from '../../cases/aligned.ts';
import { defineClaim, float64Field, hyp, probe } from '../kit/index.ts';

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

const cases: Arbitrary<AppACase> = fc.integer({ min: 1, max: 4 }).chain((d) =>
  fc.record({
    d: fc.constant(d),
    V: basisArb(d === 1 ? 'signed-permutation' : 'givens', d),
    R: basisArb(d === 1 ? 'signed-permutation' : 'givens', d),
    lambdas: fc.array(fc.oneof({ arbitrary: decimalIn(0, 4, 2), weight: 4 }, { arbitrary: fc.constant('0'), weight: 1 }), { minLength: d, maxLength: d }),
    sigma: fc.array(decimalIn(0.05, 2, 2), { minLength: d, maxLength: d }),
  }),
);

/** The implementation's gradient at U = VΣRᵀ, (∇fᵀ∇f)^{1/2} from its eigh, UᵀU, and the Muon and ScaledGD directions. */
function compute<T>(F: Field<T>, impl: Impl, c: AppACase): { H: Mat<T>; UtU: Mat<T>; muon: Mat<T>; scaled: Mat<T> } {
  const la = impl.over(F);
  const V = toMat(F, c.V);
  const R = toMat(F, c.R);
  const U = adbt(F, V, c.sigma.map((x) => F.of(x)), R);
  const problem = impl.problems.mf(la, { V, lambdas: c.lambdas }, c.d);
  const G = problem.grad(U);
  const e = la.eigh(symmetrize(F, la.matmulTN(G, G)));
  const H = adbt(F, e.vectors, e.values.map((v) => (F.lt(v, F.zero) ? F.zero : F.sqrt(v))), e.vectors);
  const UtU = la.matmulTN(U, U);
  const muon = impl.optimizers.muon().start(la, U).direction(U, G);
  const scaled = impl.optimizers.scaledgd.start(la, U).direction(U, G);
  return { H, UtU, muon, scaled };
}

export default defineClaim<AppACase>({
  id: 'A.AppA',
  title: 'Muon vs ScaledGD under alignment: (∇fᵀ∇f)^{1/2} = R diag(σ|σ² − λ|)Rᵀ, UᵀU = R diag(σ²)Rᵀ share eigenvectors R',
  source: { paper: 'A', where: 'Appendix A', equations: ['(12)', '(79)', '(80)', '(82)'] },
  provenance: 'reconstructed',
  statement: 'Under alignment U = VΣRᵀ (σᵢ ≥ 0): (∇fᵀ∇f)^{1/2} = R diag(σᵢ|σᵢ² − λᵢ|) Rᵀ and UᵀU = R diag(σᵢ²) Rᵀ (82); Muon\'s and ScaledGD\'s preconditioners share the eigenvectors R.',
  hypotheses: [
    hyp.structure('alignment', 'U = VΣRᵀ, V eigenvectors of M*, R orthogonal (finite-decimal Givens products), k = d'),
    hyp.real('σᵢ', 'σᵢ > 0 (SVD convention; > 0 so that ScaledGD is defined)', 0.05, 2),
    hyp.real('λᵢ', 'λᵢ ≥ 0, zeros allowed', 0, 4),
    hyp.int('d', 'd = k ∈ 1..4', 1, 4),
  ],
  modes: { exact: highPrecision, float: float64Field },
  cases: { quick: { exact: 4, float: 40 }, default: { exact: 25, float: 300 }, deep: { exact: 800, float: 10000 } },
  generate: () => cases,

  check(c, k) {
    const run = measured(k, { P: 40, compute: (F) => compute(F, k.impl, c), numbers: (x) => [...x.H.data, ...x.UtU.data, ...x.muon.data, ...x.scaled.data] });
    const F = run.field;
    const r = run.value;
    const { u } = run;
    const err = k.num(run.err);
    const d = c.d;
    const s = c.sigma.map(Number);
    const l = c.lambdas.map(Number);
    const g = s.map((x, i) => x * Math.abs(x * x - l[i]!)); //                                  σᵢ|σᵢ² − λᵢ|
    const gmax = Math.max(...g);
    const gsmall = Math.min(...g.filter((x) => x > 0), Infinity);
    const smin = Math.min(...s);
    const smax = Math.max(...s);
    const zeroDir = g.some((x) => x === 0);
    k.bin('d', String(d));
    k.bin('cond(G)', gsmall === Infinity ? '∞' : gmax / gsmall < 10 ? '< 10' : gmax / gsmall < 1e3 ? '10–1e3' : '≥ 1e3');
    k.branch(zeroDir ? 'zero gradient direction (Muon part not asserted)' : 'full-rank gradient');
    k.branch(l.some((x) => x === 0) ? 'some λᵢ = 0' : 'all λᵢ > 0');
    k.branch(s.some((x, i) => x * x > l[i]!) && s.some((x, i) => x * x < l[i]!) ? 'mixed signs of σ² − λ' : 'one sign of σ² − λ');

    // The right sides, exact from the finite-decimal V, R, σ, λ (up to the field's rounding, covered below).
    const V = toMat(F, c.V);
    const R = toMat(F, c.R);
    const sF = c.sigma.map((x) => F.of(x));
    const lF = c.lambdas.map((x) => F.of(x));
    const gF = sF.map((x, i) => F.mul(x, F.abs(F.sub(F.mul(x, x), lF[i]!))));
    const Hpred = adbt(F, R, gF, R); //                                                          R diag(σ|σ² − λ|) Rᵀ
    const UtUpred = adbt(F, R, sF.map((x) => F.mul(x, x)), R); //                                R diag(σ²) Rᵀ
    const muonPred = adbt(F, V, gF.map((_, i) => F.sign(F.sub(F.mul(sF[i]!, sF[i]!), lF[i]!))), R); // V sign(Σ² − Λ) Rᵀ
    const scaledPred = adbt(F, V, sF.map((x, i) => F.div(F.sub(F.mul(x, x), lF[i]!), x)), R); // V diag((σ² − λ)/σ) Rᵀ

    // (82a): eigenvalues of GᵀG carry ~4d·u·‖G‖² absolute error, and √ is not Lipschitz at 0: a zero (or tiny)
    // σᵢ|σᵢ² − λᵢ| is recovered only to √(4d·u)·‖G‖; 4·that plus 16d·u·‖G‖ for the rest.
    const nG = Math.sqrt(g.reduce((a, x) => a + x * x, 0));
    const tolH = 4 * Math.sqrt(4 * d * u) * nG + 16 * d * u * nG + 2 * err;
    k.bound('(82) (∇fᵀ∇f)^{1/2} = R diag(σ|σ² − λ|) Rᵀ', maxAbs(F, sub(F, r.H, Hpred)), 0, { tol: tolH, why: '4√(4d·u)‖G‖ + 16d·u‖G‖ (+2err): √ of eigenvalues of GᵀG' });
    // (82b): U = VΣRᵀ is itself formed in the field (two d-term products: 2d·u·‖U‖ per entry, twice in UᵀU), UᵀU
    // and the prediction RΣ²Rᵀ are d-term products (d·u·‖U‖_F² and 2d·u·‖U‖_F²), and V, R are orthonormal to ~u in
    // float: 8d·u·‖U‖_F².
    const nU = Math.sqrt(s.reduce((a, x) => a + x * x, 0));
    k.bound('(82) UᵀU = R diag(σ²) Rᵀ', maxAbs(F, sub(F, r.UtU, UtUpred)), 0, { tol: 8 * d * u * nU * nU + 2 * err, why: '8d·u·‖U‖_F² (+2err): forming U, UᵀU and RΣ²Rᵀ' });
    // (80): (UᵀU)⁻¹ by Gauss–Jordan, cond(UᵀU) = (σ_max/σ_min)²: 8d·u·(σ_max/σ_min)²·‖direction‖, plus the
    // gradient noise ≲ 4d·u·(‖U‖³ + ‖Λ‖‖U‖) amplified by 1/σ_min².
    const nL = Math.sqrt(l.reduce((a, x) => a + x * x, 0));
    const noise = 4 * d * u * (nU ** 3 + nL * nU);
    const nS = Math.sqrt(s.reduce((a, x, i) => a + ((x * x - l[i]!) / x) ** 2, 0));
    const tolS = 8 * d * u * (smax / smin) ** 2 * (nS + 1) + 8 * d * u * noise / (smin * smin) + 2 * err;
    k.bound('(80) ScaledGD direction = V diag((σ² − λ)/σ) Rᵀ', maxAbs(F, sub(F, r.scaled, scaledPred)), 0, { tol: tolS, why: '8d·u·cond(UᵀU)·‖D‖ + gradient noise/σ_min² (+2err)' });
    // (79): the polar factor moves by ‖N‖/σ_min(G) for a gradient error ‖N‖ ≲ noise — asserted only without a zero
    // σᵢ|σᵢ² − λᵢ|: a zero singular value makes msign discontinuous, and the case reports that branch instead.
    if (!zeroDir) {
      const tolM = 8 * d * u + (2 * noise) / gsmall + 2 * err;
      k.bound('(79) Muon direction = V sign(Σ² − Λ) Rᵀ', maxAbs(F, sub(F, r.muon, muonPred)), 0, { tol: tolM, why: '8d·u + 2·(gradient noise)/σ_min(G) (+2err): polar-factor perturbation' });
    }
  },

  probes: [
    probe({
      id: 'entrywise-sign',
      drops: 'msign replaced by the entrywise sign: the Muon direction leaves the V·diag·Rᵀ form',
      mode: 'float',
      cases: cases.filter((c) => c.d >= 2),
      impl: msignIsEntrywiseSign.impl,
      runs: 20,
      what: '(79)',
    }),
  ],
  bins: { d: ['1', '2', '3', '4'] },
  branches: ['full-rank gradient', 'some λᵢ = 0', 'mixed signs of σ² − λ'],
});
