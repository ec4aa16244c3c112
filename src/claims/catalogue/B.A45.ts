import fc, { type Arbitrary } from 'fast-check';
import type { Field } from '../../arith/field.ts';
import { absMat, frobNum, gridGaussian, inField, linearData, linearIn, linearLossError, mulNum, runOn, type XRank } from '../../cases/bstruct.ts';
import { CONFIRM_PRECISION } from '../../cases/quadB.ts';
import { seed } from '../../generators/dyadic.ts';
import { add, inner, mat, sub, toNumbers, transpose, type Mat } from '../../linalg/mat.ts';
import { frobenius, nuclear } from '../../linalg/norms.ts';
import { decimal, defineClaim, float64Field, hyp, probe, rational, shapeBin, SHAPE_BINS } from '../kit/index.ts';

/*
 * B.A45 — paper B Assumption 4.5 (Λ-norm smoothness) and the comparison after it, §4.1 (v2); the sentence quoted,
 * the form reconstructed.
 *
 * Assumption 4.5: f(W′) ≤ f(W) + ⟨∇f(W), W′ − W⟩ + ½tr((W′ − W)Λ(W′ − W)ᵀ) for a PSD Λ. For the linear model
 * f(W) = (1/2B)‖WX − Y‖_F² (v2 (3)) it holds with Λ = XXᵀ/B, and with equality:
 *   (4.5=)  f(W + E) − f(W) − ⟨∇f(W), E⟩ = ½tr(EΛEᵀ)             (exact in Q: only +, −, ×, ÷B),
 * and ½tr(EΛEᵀ) ≤ ½‖Λ‖_*‖E‖² (tr(ΛEᵀE) ≤ ‖EᵀE‖_op tr Λ) ≤ ½r‖Λ‖_op‖E‖² (‖Λ‖_* ≤ rank Λ·‖Λ‖_op is not this; GD's side is
 * ½‖Λ‖_op‖E‖_F² ≤ ½r‖Λ‖_op‖E‖²). Hence, quoted: "if ‖Λ‖_op ≈ ‖Λ‖_* ≪ r‖Λ‖_op, then O(‖Λ‖_*Δε⁻²) ≪ O(r‖Λ‖_opΔε⁻²)":
 *   (Muon)  η = √(2Δ/(‖Λ‖_*T)):  per step f_{t+1} ≤ f_t − η‖G_t‖_* + (η²/2)‖Λ‖_*,  (1/T)Σ‖G_t‖_* ≤ √(2‖Λ‖_*Δ/T);
 *   (GD)    η = 1/‖Λ‖_op:        per step f_{t+1} ≤ f_t − ‖G_t‖_F²/(2‖Λ‖_op),  (1/T)Σ‖G_t‖_F² ≤ 2‖Λ‖_opΔ/T, so
 *           (1/T)Σ‖G_t‖_* ≤ √r·((1/T)Σ‖G_t‖_F²)^{1/2} ≤ √(2r‖Λ‖_opΔ/T).
 * Δ = f(W_0) (f ≥ 0, so Δ ≥ f(W_0) − f*: the bounds hold with it). The claim gates both rate bounds on the runs and
 * the per-step descent with Λ; which constant is smaller, and which run ends lower, are bins (the comparison is a
 * statement about bounds, not about every run).
 *
 * Exact mode (Q): (4.5=) at random W, E, and along GD runs with the rational step η = 1/tr Λ the per-step identity
 *   f(W_{t+1}) = f(W_t) − η‖G_t‖_F² + (η²/2)tr(G_tΛG_tᵀ).
 * Float mode: everything, with the float error of each quantity bounded by γ_n·(its absolute-value shadow) (the
 * standard sum-of-products bound; linearLossError in cases/bstruct.ts). A float failure is re-checked at 40 digits.
 */

export type LambdaVariant = 'true' | 'half' | 'diagonal';

export interface A45Case {
  readonly c: number;
  readonly d: number;
  readonly B: number;
  readonly xRank: XRank;
  /** Rank of the low-rank part of X (1 or 2). */
  readonly k: number;
  /** Label noise σ_Y (Y = W*X + σ_Y N). */
  readonly noise: number;
  readonly seed: number;
  readonly T: number;
  /** log10 of ‖W_0 − W*‖'s scale and of ‖E‖'s scale. */
  readonly logW: number;
  readonly logE: number;
  /** The Λ the claim's bounds use: XXᵀ/B (the claim) or, in the probes, a mis-specified one. */
  readonly lambda?: LambdaVariant;
  /** The constant Muon's step and bound use: ‖Λ‖_* (the claim) or, in a probe, ‖Λ‖_op. */
  readonly muonConstant?: 'nuclear' | 'op';
}

const casesOf = (exact: boolean): Arbitrary<A45Case> =>
  fc
    .record({
      c: fc.integer({ min: 1, max: exact ? 3 : 5 }),
      d: fc.integer({ min: 1, max: exact ? 3 : 5 }),
      B: fc.integer({ min: 1, max: exact ? 4 : 8 }),
      xRank: fc.constantFrom<XRank>('low', 'full'),
      k: fc.integer({ min: 1, max: 2 }),
      noise: fc.constantFrom(0, 0.1),
      seed,
      T: fc.integer({ min: 1, max: exact ? 2 : 30 }),
      logW: fc.integer({ min: -1000, max: 1000 }),
      logE: fc.integer({ min: -1000, max: 1000 }),
    })
    .map((r) => ({ ...r, logW: r.logW / 1000, logE: r.logE / 1000 }));

/** The Λ of the bounds: XXᵀ/B, or (probes) half of it, or its diagonal. */
function lambdaOf<T>(F: Field<T>, L: Mat<T>, v: LambdaVariant | undefined): Mat<T> {
  if (v === 'half') return mat(L.rows, L.cols, L.data.map((x) => F.mul(F.of(0.5), x)));
  if (v === 'diagonal') return mat(L.rows, L.cols, L.data.map((x, i) => (Math.floor(i / L.cols) === i % L.cols ? x : F.zero)));
  return L;
}

export default defineClaim<A45Case>({
  id: 'B.A45',
  title: 'Λ-norm smoothness (Assumption 4.5) of the linear model: f(W′) = f(W) + ⟨∇f, W′ − W⟩ + ½tr((W′ − W)Λ(W′ − W)ᵀ), Λ = XXᵀ/B; Muon’s rate with ‖Λ‖_*, GD’s with r‖Λ‖_op',
  source: { paper: 'B', where: 'Assumption 4.5 and the comparison after it, §4.1 (v2); linear model (3)', equations: ['Assumption 4.5', '(3)'] },
  provenance: 'reconstructed',
  statement:
    'For f(W) = (1/2B)‖WX − Y‖_F², W ∈ ℝ^{c×d}: f(W + E) − f(W) − ⟨∇f(W), E⟩ = ½tr(EΛEᵀ) with Λ = XXᵀ/B (exact in Q). Muon with η = √(2Δ/(‖Λ‖_*T)): f_{t+1} ≤ f_t − η‖∇f_t‖_* + (η²/2)‖Λ‖_* and (1/T)Σ‖∇f(W_t)‖_* ≤ √(2‖Λ‖_*Δ/T); GD with η = 1/‖Λ‖_op: (1/T)Σ‖∇f‖_F² ≤ 2‖Λ‖_opΔ/T and (1/T)Σ‖∇f‖_* ≤ √(2r‖Λ‖_opΔ/T), Δ = f(W_0), r = min(c, d). Quoted: "if ‖Λ‖_op ≈ ‖Λ‖_* ≪ r‖Λ‖_op, then O(‖Λ‖_*Δε⁻²) ≪ O(r‖Λ‖_opΔε⁻²)".',
  hypotheses: [
    hyp.int('c, d', 'W ∈ ℝ^{c×d}, c, d ∈ [1, 5] (Q: ≤ 3)', 1, 5),
    hyp.int('B', 'batch B ∈ [1, 8] (Q: ≤ 4)', 1, 8),
    hyp.choice('X', 'features of low effective rank (rank 1–2 + 1 % noise) or Gaussian', ['low', 'full']),
    hyp.structure('Λ', 'Λ = XXᵀ/B exactly (not a smaller or blockwise-diagonal surrogate)', { necessary: true }),
    hyp.structure('η', 'Muon η = √(2Δ/(‖Λ‖_*T)) with the nuclear norm of Λ; GD η = 1/‖Λ‖_op', { necessary: true }),
    hyp.int('T', 'T ∈ [1, 30] steps (Q: GD, ≤ 2)', 1, 30),
  ],
  modes: { exact: rational(), float: float64Field },
  confirm: decimal(CONFIRM_PRECISION),
  cases: { quick: { exact: 10, float: 40 }, default: { exact: 40, float: 200 }, deep: { exact: 500, float: 5000 } },
  generate: (mode) => casesOf(mode === 'exact'),

  check(c, k) {
    const { F, u, num: n } = k;
    const data = linearData({ ...c, seed: c.seed });
    const p = linearIn(k.la, data);
    const { X, Y } = data;
    const Lc = lambdaOf(F, p.Lambda, c.lambda);
    const W0num = mat(c.c, c.d, data.Wstar.data.map((x, i) => x + gridGaussian(`${c.seed}:W0`, c.c, c.d, 10 ** c.logW).data[i]));
    const Enum = gridGaussian(`${c.seed}:E`, c.c, c.d, 10 ** c.logE);
    const W0 = inField(F, W0num);
    const E = inField(F, Enum);
    const W1 = add(F, W0, E); // exact: both on the 2^-12 grid, |entries| < 2^11
    const G0 = p.grad(W0);
    const rem = F.sub(F.sub(p.loss(W1), p.loss(W0)), inner(F, G0, E));
    const quad = F.mul(F.of(0.5), inner(F, E, k.la.matmul(E, Lc))); // ½tr(EΛEᵀ) = ½⟨E, EΛ⟩
    // Float error (γ_n ≤ 1.01nu): f(W), f(W′) by linearLossError; ⟨G, E⟩ with G = (WX − Y)Xᵀ/B: γ_{d+B+cd+3} times
    // ⟨|A||X|ᵀ/B, |E|⟩, A = |W||X| + |Y|; ½⟨E, EΛ⟩ with Λ = fl(XXᵀ)/B: γ_{B+d+cd+3} times ½⟨|E|, |E|(|X||X|ᵀ/B)⟩.
    const Xa = absMat(X);
    const XXa = mulNum(Xa, transpose(Xa));
    const A0 = mat(c.c, c.B, mulNum(absMat(W0num), Xa).data.map((x, i) => x + Math.abs(Y.data[i])));
    const shadowInner = mulNum(A0, transpose(Xa)).data.reduce((s, x, i) => s + (x / c.B) * Math.abs(Enum.data[i]), 0);
    const Ea = absMat(Enum);
    const shadowQuad = 0.5 * mulNum(Ea, XXa).data.reduce((s, x, i) => s + (x / c.B) * Ea.data[i], 0);
    const W1num = mat(c.c, c.d, W0num.data.map((x, i) => x + Enum.data[i]));
    const tolId = linearLossError(W0num, X, Y, u) + linearLossError(W1num, X, Y, u) + 1.01 * u * ((c.d + c.B + c.c * c.d + 3) * shadowInner + (c.B + c.d + c.c * c.d + 3) * shadowQuad);
    const whyId = 'γ_n-bounds of f(W), f(W′), ⟨G, E⟩ and ½⟨E, EΛ⟩ by their absolute-value shadows (n = d + B + cd + 3 at most, plus 2(d + 1) + cB + 3 for f)';
    k.equal('(4.5=) f(W + E) − f(W) − ⟨∇f(W), E⟩ = ½tr(EΛEᵀ)', rem, quad, { tol: tolId, why: whyId });
    const eF = frobNum(Enum);
    k.bin('X', c.xRank);
    k.bin('shape', shapeBin(c.c, c.d));

    const trL = Lc.data.reduce((s, x, i) => (Math.floor(i / c.d) === i % c.d ? F.add(s, x) : s), F.zero); // ‖Λ‖_* = tr Λ (Λ ⪰ 0)

    if (k.exact) {
      // GD with the rational step η = 1/tr Λ: the per-step identity, exactly.
      if (n(trL) === 0) return k.branch('Q: Λ = 0');
      const eta = F.div(F.one, trL);
      const run = runOn(p, k.impl.optimizers.gd, W0, c.T, eta);
      for (let t = 0; t < c.T; t++) {
        const g = run.G[t];
        const pred = F.add(F.sub(run.losses[t], F.mul(eta, inner(F, g, g))), F.mul(F.mul(F.of(0.5), F.mul(eta, eta)), inner(F, g, k.la.matmul(g, Lc))));
        k.equal('(4.5=) Q, GD step: f_{t+1} = f_t − η‖G_t‖_F² + (η²/2)tr(G_tΛG_tᵀ)', run.losses[t + 1], pred, { at: t });
      }
      return k.branch('Q: identity along GD');
    }

    // ---- float (and the 40-digit re-check): the bounds with the norms, and the runs. Every side that can be tight is
    // formed in the field (a 40-digit re-check must not go through doubles).
    const r = Math.min(c.c, c.d);
    const nucL = n(trL);
    const eigT = k.la.eigh(Lc).values;
    const opLT = eigT.reduce((m, x) => (F.lt(m, x) ? x : m), F.zero);
    const opL = n(opLT);
    const LF = n(frobenius(F, Lc));
    const half = F.of(0.5);
    // ‖E‖ from Jacobi (8(c + d)u relative); tr Λ to (B + d + 2)u relative; ‖Λ‖_op from Jacobi to 16d·u‖Λ‖_F.
    const eOpT = k.la.svd(E).s[0] ?? F.zero;
    const relN = (8 * (c.c + c.d) + c.B + c.d + 2) * u;
    k.bound('½tr(EΛEᵀ) ≤ ½‖Λ‖_*‖E‖²', quad, F.mul(F.mul(half, F.mul(trL, F.mul(eOpT, eOpT))), F.of(1 + 3 * relN)), { tol: tolId, why: `${whyId}; norms to (8(c + d) + B + d + 2)u relative` });
    k.bound('½tr(EΛEᵀ) ≤ ½‖Λ‖_op‖E‖_F²', quad, F.mul(F.mul(half, F.mul(F.add(opLT, F.of(16 * c.d * u * LF)), inner(F, E, E))), F.of(1 + 4 * u)), { tol: tolId, why: `${whyId}; ‖Λ‖_op to 16d·u‖Λ‖_F` });
    if (nucL === 0) return k.branch('Λ = 0');

    const Delta = n(p.loss(W0));
    const eD = linearLossError(W0num, X, Y, u);
    if (!(Delta > 0)) return k.inconclusive('Δ = f(W_0) = 0');
    const LmT = c.muonConstant === 'op' ? opLT : trL;
    const Lm = n(LmT);
    const { T } = c;
    const num = (A: typeof W0): Mat<number> => toNumbers(F, A);
    // Per-step float error of f_{t+1} − f_t + η⟨G_t, D_t⟩ − (η²/2)tr(D_tΛD_tᵀ) for the rounded step W_{t+1} = W_t − ηD_t
    // (δ = W_{t+1} − (W_t − ηD_t), |δ| ≤ u(|W_{t+1}| + η|D|)): the two losses, ⟨G, δ⟩, the cross term of ½‖(−ηD + δ)X‖²/B,
    // and the computed gradient's own error |δG| ≤ γ_{d+B+3}|A_t||X|ᵀ/B against the step ‖ηD‖_F.
    const gradErr = (Wt: Mat<number>): number => {
      const At = mat(c.c, c.B, mulNum(absMat(Wt), Xa).data.map((x, i) => x + Math.abs(Y.data[i])));
      return (1.01 * (c.d + c.B + 3) * u * frobNum(mulNum(At, transpose(Xa)))) / c.B;
    };
    const stepTol = (Wt: Mat<number>, Wn: Mat<number>, Gt: Mat<number>, Dt: Mat<number>, eta: number): number => {
      const dl = mat(c.c, c.d, Wn.data.map((x, i) => u * (Math.abs(x) + eta * Math.abs(Dt.data[i]))));
      const gd = Gt.data.reduce((s, x, i) => s + Math.abs(x) * dl.data[i], 0);
      const ox = frobNum(mulNum(absMat(Dt), Xa)) * eta;
      const dx = frobNum(mulNum(dl, Xa));
      return linearLossError(Wt, X, Y, u) + linearLossError(Wn, X, Y, u) + 1.01 * gd + (ox * dx + dx * dx) / c.B + gradErr(Wt) * (eta * frobNum(Dt) + frobNum(dl));
    };

    // Muon, η = √(2Δ/(‖Λ‖_*T)).
    const etaM = Math.sqrt((2 * Delta) / (Lm * T));
    const etaMT = F.of(etaM);
    const muon = runOn(p, k.impl.optimizers.muon(), W0, T, etaMT);
    if (muon.status !== 'completed') return k.inconclusive('non-finite Muon run');
    const curvM = F.mul(F.mul(half, F.mul(etaMT, etaMT)), LmT); // (η²/2)‖Λ‖_*
    let sumM = F.zero;
    let tolM = eD;
    for (let t = 0; t < T; t++) {
      const gNT = nuclear(F, muon.G[t]);
      const gN = n(gNT);
      sumM = F.add(sumM, gNT);
      const Wt = num(muon.W[t]);
      // msign backward stable: ⟨G, Õ⟩ ≥ (1 − 8(c + d)u)‖G‖_*, ‖Õ‖² ≤ 1 + 16(c + d)u (B.T41); ‖G‖_* from Jacobi to 8(c + d)u.
      const tt = stepTol(Wt, num(muon.W[t + 1]), num(muon.G[t]), num(muon.D[t]), etaM) + 16 * (c.c + c.d) * u * etaM * gN + etaM * Math.sqrt(r) * gradErr(Wt) + ((etaM * etaM) / 2) * Lm * (16 * (c.c + c.d) + c.B + c.d + 2) * u;
      tolM += tt;
      k.bound('(Muon) f_{t+1} ≤ f_t − η‖∇f(W_t)‖_* + (η²/2)‖Λ‖_*', F.add(F.sub(muon.losses[t + 1], muon.losses[t]), F.mul(etaMT, gNT)), curvM, { tol: tt, why: 'per step: the two rounded losses, the rounded update δ, the gradient’s γ_{d+B+3} error, msign/Jacobi 16(c + d)u', at: t });
    }
    const avgMT = F.div(sumM, F.of(T));
    const rhsMT = F.add(F.div(p.loss(W0), F.mul(etaMT, F.of(T))), F.div(curvM, etaMT)); // Δ/(ηT) + η‖Λ‖_*/2 = √(2‖Λ‖_*Δ/T) at this η
    const avgM = n(avgMT);
    const rhsM = n(rhsMT);
    k.bound('(Muon) (1/T)Σ‖∇f(W_t)‖_* ≤ √(2‖Λ‖_*Δ/T)', avgMT, rhsMT, { tol: tolM / (etaM * T), why: 'Σ of the per-step errors and Δ’s, over ηT (the right side is Δ/(ηT) + η‖Λ‖_*/2 at the η run, = √(2‖Λ‖_*Δ/T))' });

    // GD, η = 1/‖Λ‖_op (GD’s constant is the Frobenius one whatever Λ the claim names: the problem's own).
    const opTrueT = c.lambda === undefined || c.lambda === 'true' ? opLT : k.la.eigh(p.Lambda).values.reduce((m, x) => (F.lt(m, x) ? x : m), F.zero);
    const opTrue = n(opTrueT);
    if (opTrue > 0) {
      const etaGT = F.div(F.one, opTrueT);
      const etaG = n(etaGT);
      const gd = runOn(p, k.impl.optimizers.gd, W0, T, etaGT);
      if (gd.status !== 'completed') return k.inconclusive('non-finite GD run');
      let sumF2 = F.zero;
      let sumN = F.zero;
      let tolG = eD;
      // ‖Λ‖_op from Jacobi to 16d·u‖Λ‖_F: the step 1/‖Λ‖_op is then at most (1 + ε)/L_true, ε = 16d·u‖Λ‖_F/‖Λ‖_op, and the
      // descent −η‖G‖²(1 − ηL/2) loses ε·η‖G‖²/2.
      const epsL = (16 * c.d * u * LF) / opTrue;
      for (let t = 0; t < T; t++) {
        const g2 = inner(F, gd.G[t], gd.G[t]);
        sumF2 = F.add(sumF2, g2);
        sumN = F.add(sumN, nuclear(F, gd.G[t]));
        const tt = stepTol(num(gd.W[t]), num(gd.W[t + 1]), num(gd.G[t]), num(gd.G[t]), etaG) + (epsL + 4 * u) * etaG * n(g2);
        tolG += tt;
        k.bound('(GD) f_{t+1} + ‖∇f(W_t)‖_F²/(2‖Λ‖_op) ≤ f_t', F.add(gd.losses[t + 1], F.mul(F.mul(half, etaGT), g2)), gd.losses[t], { tol: tt, why: 'per step: the rounded losses and update, ‖Λ‖_op to 16d·u‖Λ‖_F', at: t });
      }
      const rhsFT = F.div(F.mul(F.mul(F.of(2), opTrueT), p.loss(W0)), F.of(T));
      k.bound('(GD) (1/T)Σ‖∇f(W_t)‖_F² ≤ 2‖Λ‖_opΔ/T', F.div(sumF2, F.of(T)), rhsFT, { tol: (2 * opTrue * tolG) / T, why: '2‖Λ‖_op·Σ(per-step errors)/T' });
      const rhsG = Math.sqrt(r * n(rhsFT));
      const avgGD = n(sumN) / T;
      k.bound('(GD) (1/T)Σ‖∇f(W_t)‖_* ≤ √(2r‖Λ‖_opΔ/T)', avgGD, rhsG * (1 + 8 * (c.c + c.d) * u), { tol: Math.sqrt((r * 2 * opTrue * tolG) / T), why: '√(r·2‖Λ‖_op·Σ errors/T); Jacobi nuclear norms 8(c + d)u' });
      k.bin('run ending lower', F.lt(muon.losses[T], gd.losses[T]) ? 'Muon' : 'GD');
      k.trace(() => ({ nucL, opL, r, avgM, rhsM, avgGD, rhsG, fMuon: n(muon.losses[T]), fGD: n(gd.losses[T]) }));
    }
    // The comparison of the two constants (Muon ‖Λ‖_*, GD r‖Λ‖_op) as a bin.
    k.bin('constants', nucL < r * opL ? '‖Λ‖_* < r‖Λ‖_op' : '‖Λ‖_* ≥ r‖Λ‖_op');
    // Measured: (1/T)Σ‖∇f‖_* / √(2‖Λ‖_*Δ/T) > 1/2 in every case drawn (the Muon bound is within 2× on these runs).
    k.branch(avgM / rhsM > 0.5 ? '(Muon) within 2× of the bound' : '(Muon) loose');
  },

  probes: [
    probe({
      id: 'Lambda-half',
      hypothesis: 'Λ',
      drops: 'Λ = XXᵀ/B dropped: the bounds use Λ/2',
      cases: casesOf(true).map((c) => ({ ...c, lambda: 'half' as const })),
      runs: 20,
      what: 'Assumption 4.5 with Λ/2',
    }),
    probe({
      id: 'Lambda-diagonal',
      hypothesis: 'Λ',
      drops: 'Λ = XXᵀ/B dropped: its (blockwise-)diagonal part diag(Λ) in its place (Λ off-diagonal, d ≥ 2)',
      cases: casesOf(true).filter((c) => c.d >= 2).map((c) => ({ ...c, lambda: 'diagonal' as const })),
      runs: 20,
      what: 'Assumption 4.5 with diag(Λ)',
    }),
    probe({
      id: 'Muon-with-op-norm',
      hypothesis: 'η',
      drops: 'Muon’s constant ‖Λ‖_* dropped: ‖Λ‖_op in its step and bound (Gaussian X, c, d ≥ 2)',
      cases: casesOf(false).filter((c) => c.c >= 2 && c.d >= 2 && c.B >= 2).map((c) => ({ ...c, xRank: 'full' as const, muonConstant: 'op' as const })),
      runs: 20,
      what: 'the Muon bounds with ‖Λ‖_op',
      mode: 'float',
    }),
  ],
  bins: { X: ['low', 'full'], shape: SHAPE_BINS, constants: ['‖Λ‖_* < r‖Λ‖_op', '‖Λ‖_* ≥ r‖Λ‖_op'], 'run ending lower': ['Muon', 'GD'] },
  branches: ['Q: identity along GD', '(Muon) within 2× of the bound'],
  search: {
    params: (c) => [c.logW, c.logE],
    withParams: (c, [lw, le]) => (Math.abs(lw!) <= 1 && Math.abs(le!) <= 1 ? { ...c, logW: Math.round(lw! * 1000) / 1000, logE: Math.round(le! * 1000) / 1000 } : undefined),
    steps: [0.2, 0.2],
  },
});
