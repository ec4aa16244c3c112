import fc, { type Arbitrary } from 'fast-check';
import { exactField } from '../../arith/exact.ts';
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

/** σ² of a 2-place decimal σ, exactly (4 places; n²/10⁴ ≤ 4 prints as its exact decimal). */
const squareOf = (x: string): string => String(Math.round(Number(x) * 100) ** 2 / 1e4);

/**
 * The degenerate cases on purpose, one case in five each: a repeated eigenvalue of M* (λ₂ = λ₁, so V is not unique),
 * and σ₁² = λ₁ (the gradient's singular value σ₁|σ₁² − λ₁| exactly 0: Muon's part is not asserted there, (82) is).
 * The latter in float only: at P digits the square root of ĜᵀĜ's exactly-zero eigenvalue carries 10^(−P/2) whatever
 * P, so the exact mode's proveExact (err ≤ 10^(−P/2)) cannot resolve it (seen: 2.3e-20 at P = 40, d = 4, σ₁ = 2,
 * λ₁ = 4) and the case would be inconclusive, never holding.
 */
type Degenerate = 'none' | 'repeated λ' | 'σ² = λ';
/** λ ∈ [0, 4] (2 places), or one in six extreme, m·10⁻ʲ (m = 1 … 9, j = 3 … 5): κ of M*'s nonzero λ to 4e5. */
const lambda: Arbitrary<string> = fc.oneof(
  { arbitrary: decimalIn(0, 4, 2), weight: 5 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 3, max: 5 })).map(([m, j]) => (m * 10 ** -j).toFixed(j)), weight: 1 },
);
const casesOf = (dims: Arbitrary<number>, zeroDirection = true): Arbitrary<AppACase> => dims.chain((d) =>
  fc.record({
    d: fc.constant(d),
    V: basisArb(d === 1 ? 'signed-permutation' : 'givens', d),
    R: basisArb(d === 1 ? 'signed-permutation' : 'givens', d),
    // Half the cases have zeros (one entry in five), half none: with zeros per entry only, a full-rank M* at d = 50
    // would come once in 0.8⁻⁵⁰ ≈ 7e4 cases.
    lambdas: fc.boolean().chain((zeros) => fc.array(zeros ? fc.oneof({ arbitrary: lambda, weight: 4 }, { arbitrary: fc.constant('0'), weight: 1 }) : lambda, { minLength: d, maxLength: d })),
    sigma: fc.array(decimalIn(0.05, 2, 2), { minLength: d, maxLength: d }),
    degenerate: fc.constantFrom<Degenerate>('none', 'none', 'none', 'repeated λ', zeroDirection ? 'σ² = λ' : 'none'),
  }).map(({ degenerate, ...c }) =>
    degenerate === 'repeated λ' && d >= 2 ? { ...c, lambdas: c.lambdas.map((l, i) => (i === 1 ? c.lambdas[0]! : l)) }
      : degenerate === 'σ² = λ' ? { ...c, lambdas: [squareOf(c.sigma[0]!), ...c.lambdas.slice(1)] }
        : c),
);
const cases = casesOf(fc.integer({ min: 1, max: 4 }));
const exactCases = casesOf(fc.integer({ min: 1, max: 4 }), false);
/**
 * The deep profile's float cases: d = 5 … 50 (paper A's MF experiments reach d = 50) one case in four; the exact mode
 * (40 digits, checked against 80) stays at d ≤ 4.
 */
const deepCases = casesOf(fc.oneof({ arbitrary: fc.integer({ min: 1, max: 4 }), weight: 3 }, { arbitrary: fc.integer({ min: 5, max: 50 }), weight: 1 }));

/**
 * The implementation's gradient at U = VΣRᵀ, (∇fᵀ∇f)^{1/2} from its eigh, UᵀU, and the Muon and ScaledGD directions;
 * `sweeps` is the Jacobi sweep count of that eigh (its rounding grows with the number of rotations, see gradientNoise).
 */
function compute<T>(F: Field<T>, impl: Impl, c: AppACase): { H: Mat<T>; UtU: Mat<T>; muon: Mat<T>; scaled: Mat<T>; sweeps: number } {
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
  return { H, UtU, muon, scaled, sweeps: e.sweeps };
}

/** Exact decimal arithmetic for the case's own numbers (σ, λ have 2 places: σᵢ|σᵢ² − λᵢ| has 6, far below 40 digits). */
const EXACT = exactField(40);

/** σᵢ|σᵢ² − λᵢ| exactly (then as a double): a zero is a zero, not the rounding of 0.1·0.1 − 0.01 = 1.7e-18. */
function gradientSingularValues(c: AppACase): number[] {
  return c.sigma.map((x, i) => {
    const s = EXACT.of(x);
    return EXACT.toNumber(EXACT.mul(s, EXACT.abs(EXACT.sub(EXACT.mul(s, s), EXACT.of(c.lambdas[i]!)))));
  });
}

/*
 * The rounding of the computed gradient Ĝ, from the inputs on (first order in u; the neglected O(d²u²) part is below
 * 1e-14 of each term). The case's V, R, σ, λ are finite decimals that the field rounds on input (float64 rounds
 * 0.1 and the Givens entries): |V̂ − V| ≤ u|V| entrywise, and likewise R, σ, λ. Notation: s = ‖σ‖₂ = ‖U‖_F,
 * σ⁺ = max σ = ‖U‖₂, q = ‖σ²‖₂ = ‖UᵀU‖_F, ℓ = ‖λ‖₂ = ‖M*‖_F, ℓ⁺ = max λ = ‖M*‖₂, a⁺ = max|σᵢ² − λᵢ| = ‖UUᵀ − M*‖₂,
 * and for an orthogonal V, ‖|V|D‖_F = ‖diag D‖₂ (unit columns), ‖|V|‖₂ ≤ √d. A d-term product rounds by ≤ d·u·|A||B|.
 *  U = fl(fl(V̂Σ̂)R̂ᵀ):  ‖Û − U‖_F ≤ e_U = (4 + d√d)·u·s — V̂, σ̂, R̂ and the scaling u·s each, the product d√d·u·s.
 *  Ĝ = fl(Û·fl(ÛᵀÛ) − fl(V̂Λ̂)·fl(ÛᵀV̂)ᵀ) (P.mf's grad), against G = (UUᵀ − M*)U:
 *    (2σ⁺² + a⁺)·e_U        G's derivative (δU Uᵀ + U δUᵀ)U + (UUᵀ − M*)δU applied to Û − U;
 *    4·u·ℓ·σ⁺               M* as formed from V̂, λ̂ (3uℓ) and the rounding of V̂Λ̂ (uℓ), times ‖U‖₂;
 *    d·u·s²·σ⁺ + d·u·s·q    ÛᵀÛ (d·u·s², times ‖U‖₂) and Û·(ÛᵀÛ) (d·u·‖U‖_F‖UᵀU‖_F);
 *    d√d·u·s·ℓ⁺ + d·u·ℓ·s    ÛᵀV̂ (d·u·s√d, times ‖VΛ‖₂) and (V̂Λ̂)(ÛᵀV̂)ᵀ (d·u·‖VΛ‖_F‖UᵀV‖_F);
 *    u·(σ⁺·q + ℓ⁺·s)         the final subtraction, u·(‖UUᵀU‖_F + ‖M*U‖_F).
 * None of it scales with ‖G‖: at σᵢ² = λᵢ the gradient vanishes in exact arithmetic but Ĝ carries all of this.
 */
function gradientNoise(c: AppACase, u: number): number {
  const d = c.d;
  const s2 = c.sigma.map(Number);
  const l = c.lambdas.map(Number);
  const norm = (xs: readonly number[]): number => Math.sqrt(xs.reduce((a, x) => a + x * x, 0));
  const s = norm(s2);
  const sp = Math.max(...s2);
  const q = norm(s2.map((x) => x * x));
  const ell = norm(l);
  const lp = Math.max(...l);
  const ap = Math.max(...s2.map((x, i) => Math.abs(x * x - l[i]!)));
  const sd = Math.sqrt(d);
  const eU = (4 + d * sd) * u * s;
  return (2 * sp * sp + ap) * eU + 4 * u * ell * sp + d * u * s * s * sp + d * u * s * q + d * sd * u * s * lp + d * u * ell * s + u * (sp * q + lp * s);
}

/*
 * (82a)'s tolerance: Ĥ = fl(Q̂ diag(√μ̂₊) Q̂ᵀ) from the Jacobi eigh (Q̂, μ̂) of A = sym(fl(ĜᵀĜ)), against
 * Hpred = fl(R̂ diag(ĝ) R̂ᵀ). With N = gradientNoise, ĝ_F = ‖g‖₂ + N ≥ ‖Ĝ‖_F:
 *  - ‖|Ĝ| − |G|‖_F ≤ √2·‖Ĝ − G‖_F ≤ √2·N (Araki–Yamagami: |X| = (XᵀX)^{1/2} is √2-Lipschitz in Frobenius);
 *  - A and Q̂ diag(μ̂)Q̂ᵀ are ĜᵀĜ up to η = (d + 1 + 16m + d√d)·u·ĝ_F² (Frobenius): d·u·ĝ_F² forming ĜᵀĜ, u·ĝ_F²
 *    symmetrising, 16u·‖A‖_F per Jacobi rotation (a two-sided rotation is an exact one of a matrix within 2γ₆‖A‖_F,
 *    Higham ASNA Lemma 19.8, plus zeroing a_pq, within u·‖A‖_F of the exact rotation's) over m = sweeps·d(d − 1)/2
 *    rotations, and d√d·u·‖A‖_F for the off-diagonal left by Jacobi's stopping test |a_pq| ≤ d·u·√(a_pp a_qq);
 *    the projection onto the PSD cone (negative μ̂ clipped) does not increase the Frobenius distance to ĜᵀĜ, and √
 *    is operator monotone, so ‖√X₊ − √(ĜᵀĜ)‖₂ ≤ √‖X₊ − ĜᵀĜ‖₂ ≤ √η — not Lipschitz at 0: a zero (or tiny)
 *    σᵢ|σᵢ² − λᵢ| comes back as up to √η;
 *  - Q̂ is orthogonal only to 6m·u (γ₆ per accumulated rotation): 2·6m·u·h, h = ĝ_F + √η ≥ ‖√μ̂₊‖₂; the product
 *    Q̂ diag Q̂ᵀ rounds by (1 + d√d)·u·h;
 *  - the prediction: ĝᵢ = fl(σ̂ᵢ|fl(σ̂ᵢ²) − λ̂ᵢ|) is σᵢ|σᵢ² − λᵢ| within u·σᵢ(3σᵢ² + λᵢ + 3|σᵢ² − λᵢ|), and
 *    forming R̂ diag(ĝ) R̂ᵀ adds (3 + d√d)·u·‖g‖₂ (R̂ twice, the scaling, the product).
 * Entries: max|·| ≤ ‖·‖₂ ≤ ‖·‖_F. In the exact mode u = ½·10^(1−P), and 2·err covers the P-digit run.
 */
function rootTolerance(c: AppACase, u: number, sweeps: number): number {
  const d = c.d;
  const sd = Math.sqrt(d);
  const g = gradientSingularValues(c);
  const gn = Math.sqrt(g.reduce((a, x) => a + x * x, 0));
  const N = gradientNoise(c, u);
  const gF = gn + N;
  const m = (sweeps * d * (d - 1)) / 2;
  const eta = (d + 1 + 16 * m + d * sd) * u * gF * gF;
  const h = gF + Math.sqrt(eta);
  const predIn = Math.sqrt(c.sigma.reduce((a, x, i) => {
    const si = Number(x);
    const li = Number(c.lambdas[i]!);
    return a + (u * si * (3 * si * si + li + 3 * Math.abs(si * si - li))) ** 2;
  }, 0));
  return Math.SQRT2 * N + Math.sqrt(eta) + (12 * m + 1 + d * sd) * u * h + predIn + (3 + d * sd) * u * gn;
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
    hyp.real('λᵢ', 'λᵢ ≥ 0, zeros, repeated values, extreme ones (down to 1e-5: κ of the nonzero λ to 4e5) and σᵢ² = λᵢ (a zero gradient direction) drawn on purpose', 0, 4),
    hyp.int('d', 'd = k ∈ 1..4; deep float: up to 50', 1, 50),
  ],
  modes: { exact: highPrecision, float: float64Field },
  cases: { quick: { exact: 4, float: 40 }, default: { exact: 25, float: 300 }, deep: { exact: 800, float: 10000 } },
  generate: (mode, profile) => (mode === 'exact' ? exactCases : profile === 'deep' ? deepCases : cases),

  check(c, k) {
    const run = measured(k, { P: 40, compute: (F) => compute(F, k.impl, c), numbers: (x) => [...x.H.data, ...x.UtU.data, ...x.muon.data, ...x.scaled.data] });
    const F = run.field;
    const r = run.value;
    const { u } = run;
    const err = k.num(run.err);
    const d = c.d;
    const s = c.sigma.map(Number);
    const l = c.lambdas.map(Number);
    const g = gradientSingularValues(c); //                                                      σᵢ|σᵢ² − λᵢ|, exactly
    const gmax = Math.max(...g);
    const gsmall = Math.min(...g.filter((x) => x > 0), Infinity);
    const smin = Math.min(...s);
    const smax = Math.max(...s);
    const zeroDir = g.some((x) => x === 0);
    const noise = gradientNoise(c, u); //                                                        ‖Ĝ − G‖_F, argued above
    k.bin('d', d <= 4 ? String(d) : '5–50');
    k.bin('zero λ', l.some((x) => x === 0) ? 'some λᵢ = 0' : 'all λᵢ > 0');
    k.bin('repeated λ', new Set(c.lambdas.map(Number)).size < d ? 'yes' : 'no');
    k.bin('zero gradient direction', g.some((x) => x === 0) ? 'σᵢ² = λᵢ' : 'none');
    const nz = l.filter((x) => x > 0);
    const kappa = nz.length > 0 ? Math.max(...nz) / Math.min(...nz) : 1; //              κ of M*'s nonzero eigenvalues
    k.bin('κ(M*)', kappa < 1e2 ? '< 1e2' : kappa < 1e4 ? '1e2–1e4' : '≥ 1e4');
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

    // (82a): the rounding of the inputs and of Ĝ (gradientNoise, √2-Lipschitz through |·|), √ of the eigenvalues of
    // ĜᵀĜ (not Lipschitz at 0), Q̂'s orthogonality and the prediction's own rounding: rootTolerance. At σᵢ² = λᵢ the
    // exact ‖∇f‖ vanishes but the rounded inputs do not: in float64, fl(0.1)² − fl(0.01) = 1.7e-18.
    const tolH = rootTolerance(c, u, r.sweeps) + 2 * err;
    k.bound('(82) (∇fᵀ∇f)^{1/2} = R diag(σ|σ² − λ|) Rᵀ', maxAbs(F, sub(F, r.H, Hpred)), 0, { tol: tolH, why: '√2·N (gradient and input rounding) + √η (√ of ĜᵀĜ\'s eigenvalues) + eigenvectors, prediction (+2err)' });
    // (82b): U = VΣRᵀ is itself formed in the field (two d-term products: 2d·u·‖U‖ per entry, twice in UᵀU), UᵀU
    // and the prediction RΣ²Rᵀ are d-term products (d·u·‖U‖_F² and 2d·u·‖U‖_F²), and V, R are orthonormal to ~u in
    // float: 8d·u·‖U‖_F².
    const nU = Math.sqrt(s.reduce((a, x) => a + x * x, 0));
    k.bound('(82) UᵀU = R diag(σ²) Rᵀ', maxAbs(F, sub(F, r.UtU, UtUpred)), 0, { tol: 8 * d * u * nU * nU + 2 * err, why: '8d·u·‖U‖_F² (+2err): forming U, UᵀU and RΣ²Rᵀ' });
    // (80): (UᵀU)⁻¹ by Gauss–Jordan, cond(UᵀU) = (σ_max/σ_min)²: 8d·u·(σ_max/σ_min)²·‖direction‖, plus the
    // gradient noise N = gradientNoise (‖Ĝ − G‖_F, input rounding included) amplified by ‖(UᵀU)⁻¹‖₂ = 1/σ_min².
    const nS = Math.sqrt(s.reduce((a, x, i) => a + ((x * x - l[i]!) / x) ** 2, 0));
    const tolS = 8 * d * u * (smax / smin) ** 2 * (nS + 1) + noise / (smin * smin) + 2 * err;
    k.bound('(80) ScaledGD direction = V diag((σ² − λ)/σ) Rᵀ', maxAbs(F, sub(F, r.scaled, scaledPred)), 0, { tol: tolS, why: '8d·u·cond(UᵀU)·‖D‖ + gradient noise/σ_min² (+2err)' });
    // (79): the polar factor moves by ≤ 2‖Ĝ − G‖_F/σ_min(G) (R.-C. Li's bound), ‖Ĝ − G‖_F ≤ N — asserted only without a zero
    // σᵢ|σᵢ² − λᵢ|: a zero singular value makes msign discontinuous, and the case reports that branch instead.
    if (!zeroDir) {
      const tolM = 8 * d * u + (2 * noise) / gsmall + 2 * err;
      k.bound('(79) Muon direction = V sign(Σ² − Λ) Rᵀ', maxAbs(F, sub(F, r.muon, muonPred)), 0, { tol: tolM, why: '8d·u + 2·(gradient noise)/σ_min(G) (+2err): polar-factor perturbation' });
    }
  },

  noSearch: `its bounds are identities (79), (80), (82) of the aligned gradient, ScaledGD's and Muon's directions, checked to their rounding tolerance: the ratio is rounding noise`,
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
  bins: { d: ['1', '2', '3', '4', '5–50'], 'zero λ': ['some λᵢ = 0', 'all λᵢ > 0'], 'repeated λ': ['yes', 'no'], 'zero gradient direction': ['σᵢ² = λᵢ', 'none'], 'κ(M*)': ['< 1e2', '1e2–1e4', '≥ 1e4'] },
  deepOnly: { d: { bins: ['5–50'], why: 'cost: a case at d = 5 … 50 takes the gradient, a Jacobi eigh, msign and ScaledGD\'s inverse of up to 50×50 matrices, ~d³ each: up to ~2000× a 4×4 case; deep draws it one float case in four (exact mode stays at d ≤ 4)' } },
  branches: ['full-rank gradient', 'some λᵢ = 0', 'mixed signs of σ² − λ'],
});
