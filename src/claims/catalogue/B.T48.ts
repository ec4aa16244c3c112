import fc, { type Arbitrary } from 'fast-check';
import { frobNum, mfHessianForm, mfThirdDerivativeConstant, runOn } from '../../cases/bstruct.ts';
import { CONFIRM_PRECISION } from '../../cases/quadB.ts';
import { seed } from '../../generators/dyadic.ts';
import { convert, mat, toNumbers, type Mat } from '../../linalg/mat.ts';
import { float64 } from '../../arith/float64.ts';
import { frobenius, nuclear, spectral } from '../../linalg/norms.ts';
import { gaussian } from '../../random/matrices.ts';
import { psdTarget } from '../../random/psd.ts';
import { rng } from '../../random/rng.ts';
import { decimal, defineClaim, float64Field, hyp, probe } from '../kit/index.ts';

/*
 * (Notation: J′ is the catalogue's J̃ and J_{avg} its J̄ — combining accents do not render through KaTeX.)
 *
 * B.T48 — paper B Theorem 4.8 under Assumption 4.7 (bounded third derivative), §4.1 (v2); reconstructed sketch.
 *
 * Assumption 4.7: ‖∇²f(W) − ∇²f(W′)‖_op ≤ s‖W − W′‖_F. With J_t = vec(U_tV_tᵀ)ᵀ∇²f(W_t)vec(U_tV_tᵀ) (B's definition,
 * seed 003: "J_t = vec(U_tV_tᵀ)ᵀH_t vec(U_tV_tᵀ)", H_t the Hessian at W_t), Muon with a constant η satisfies
 *   (4.8step)  f(W_{t+1}) ≤ f(W_t) − η‖∇f(W_t)‖_* + (η²/2)J_t + (s/6)η³‖U_tV_tᵀ‖_F³      (Taylor, Nesterov Lemma 1.2.4),
 *   (4.8)      (1/T)Σ_{t<T}‖∇f(W_t)‖_* ≤ Δ/(ηT) + (η/2)J_{avg} + (s r^{3/2}/6)η²,  J_{avg} = (1/T)ΣJ_t,
 * with ‖U_tV_tᵀ‖_F² = rank ∇f(W_t) ≤ r = min(m, n) and Δ ≥ f(W_0) − f*. Summing (4.8step) and f(W_T) ≥ f* gives (4.8).
 *
 * Checked on P.mf, f(U) = ¼‖UUᵀ − M*‖_F² (U ∈ ℝ^{d×k}, M* ≻ 0 of condition κ, λ_max = 1), not quadratic, on the region
 * {‖U‖_op ≤ R} with R = max_t ‖W_t‖_op of the run: there s = 6R exactly (cases/bstruct.ts, mfThirdDerivativeConstant:
 * D³f(U)[E,E,E] = 6⟨UEᵀ, EEᵀ⟩ ≤ 6‖U‖_op‖E‖_F³, attained at U = R·uvᵀ, E = uvᵀ; the norm of a symmetric trilinear form is
 * attained on the diagonal, Banach 1938; the region is convex and contains every segment [W_t, W_{t+1}], the only
 * places the Taylor remainder is used). J_t in closed form, J = ½‖UOᵀ + OUᵀ‖_F² + ⟨UUᵀ − M*, OOᵀ⟩. f* = ¼Σ_{i>k}λ_i²
 * (Eckart–Young for a PSD target), taken from below. J_t may be negative (small U: ⟨−M*, OOᵀ⟩ dominates): both signs
 * are bins. Float64; a float failure is re-checked at 40 digits.
 */

export interface T48Case {
  readonly d: number;
  readonly k: number;
  readonly kappa: number;
  readonly seed: number;
  readonly T: number;
  /** log10 of the init scale α (U_0 = α·Gaussian/√d) and of η. */
  readonly logAlpha: number;
  readonly logEta: number;
  /** The s the bounds use, as a multiple of 6R: 1 (the claim) or, in the probe, 0 (Assumption 4.7 dropped). */
  readonly sScale?: number;
}

const casesOf = (o: { etaMin?: number } = {}): Arbitrary<T48Case> =>
  fc
    .record({
      d: fc.integer({ min: 1, max: 5 }),
      k: fc.integer({ min: 1, max: 5 }),
      logKappa: fc.integer({ min: 0, max: 1000 }),
      seed,
      T: fc.integer({ min: 1, max: 30 }),
      logAlpha: fc.integer({ min: -2000, max: 500 }),
      logEta: fc.integer({ min: Math.round((o.etaMin ?? -3) * 1000), max: 0 }),
    })
    .map(({ logKappa, logAlpha, logEta, ...r }) => ({ ...r, kappa: 100 ** (logKappa / 1000), logAlpha: logAlpha / 1000, logEta: logEta / 1000 }));

/** M* (d×d, full rank, λ_max = 1, κ), and U_0, as plain numbers from the case's seed. */
export function t48Data(c: T48Case): { M: Mat<number>; U0: Mat<number>; lambdas: number[] } {
  const r = rng(c.seed);
  const P = psdTarget(r.fork('M'), { d: c.d, r: c.d, kappa: c.d === 1 ? 1 : c.kappa, lambdaMax: 1, pattern: 'log-uniform' });
  const g = gaussian(r.fork('U0'), c.d, c.k);
  const a = 10 ** c.logAlpha / Math.sqrt(c.d);
  return { M: P.M, U0: mat(c.d, c.k, g.data.map((x) => a * x)), lambdas: [...P.lambdas] };
}

export default defineClaim<T48Case>({
  id: 'B.T48',
  title: 'Muon under bounded third derivative (Theorem 4.8): (1/T)Σ‖∇f(W_t)‖_* ≤ Δ/(ηT) + (η/2)J_{avg} + (s r^{3/2}/6)η², J_t = vec(UVᵀ)ᵀ∇²f(W_t)vec(UVᵀ)',
  source: { paper: 'B', where: 'Theorem 4.8 and Assumption 4.7, §4.1 (v2); J_t of condition (7)', equations: ['Assumption 4.7', '(4.8)', 'J_t'] },
  provenance: 'reconstructed',
  statement:
    'If ‖∇²f(W) − ∇²f(W′)‖_op ≤ s‖W − W′‖_F on a convex region containing the run, Muon with constant η: f(W_{t+1}) ≤ f(W_t) − η‖∇f(W_t)‖_* + (η²/2)J_t + (s/6)η³‖U_tV_tᵀ‖_F³ and (1/T)Σ‖∇f(W_t)‖_* ≤ Δ/(ηT) + (η/2)J_{avg} + (s r^{3/2}/6)η², J_{avg} = (1/T)ΣJ_t, Δ = f(W_0) − f*. Checked on P.mf with s = 6·max_t‖W_t‖_op.',
  hypotheses: [
    hyp.int('d, k', 'U ∈ ℝ^{d×k}, d, k ∈ [1, 5]', 1, 5),
    hyp.real('κ', 'M* ≻ 0, λ_max = 1, κ ∈ [1, 100]', 1, 100, { scale: 'log' }),
    hyp.real('α', 'U_0 = α·G/√d, α ∈ [1e-2, 10^0.5]', 1e-2, 10 ** 0.5, { scale: 'log' }),
    hyp.real('η', 'constant step η ∈ [1e-3, 1]', 1e-3, 1, { scale: 'log' }),
    hyp.int('T', 'T ∈ [1, 30]', 1, 30),
    hyp.structure('s', 'Assumption 4.7 with s = 6·max_t‖W_t‖_op, the exact constant of P.mf on the run’s region', { necessary: true }),
  ],
  modes: { float: float64Field },
  confirm: decimal(CONFIRM_PRECISION),
  cases: { quick: { float: 30 }, default: { float: 150 }, deep: { float: 4000 } },
  generate: () => casesOf(),

  check(c, k) {
    const { F, u, num: n } = k;
    const { d, T } = c;
    const kk = c.k;
    const data = t48Data(c);
    const toF = (A: Mat<number>) => (F.kind === 'float64' ? (A as unknown as Mat<typeof F.zero>) : convert(float64, F, A));
    const p = k.impl.problems.mf(k.la, { M: toF(data.M) }, kk);
    const W0 = toF(data.U0);
    const eta = F.of(10 ** c.logEta);
    const etaN = n(eta);
    const run = runOn(p, k.impl.optimizers.muon(), W0, T, eta);
    if (run.status !== 'completed') return k.inconclusive('non-finite run');
    const r = Math.min(d, kk);
    // f* = ¼Σ_{i>k}λ_i² of the M* actually formed, from below: its eigenvalues (Jacobi, 8d·u‖M‖_F) lowered by 16d·u‖M‖_F.
    const MF = n(frobenius(F, p.target));
    const lam = p.lambdas.map(n).sort((a, b) => b - a);
    let fstar = 0;
    for (let i = kk; i < d; i++) fstar += Math.max(0, lam[i] - 16 * d * u * MF) ** 2 / 4;
    const DeltaT = F.sub(run.losses[0], F.of(fstar));
    // s = 6R, R = max_t ‖W_t‖_op over t ≤ T (Jacobi: 8(d + k)u relative, inflated by it).
    const R = Math.max(...run.W.map((W) => n(spectral(F, W)))) * (1 + 8 * (d + kk) * u);
    const s = mfThirdDerivativeConstant(R) * (c.sScale ?? 1);
    const sT = F.of(s);
    const half = F.of(0.5);
    const sixth = F.div(F.one, F.of(6));
    let sumG = F.zero;
    let sumJ = F.zero;
    let tolSum = 0;
    let minJ = Infinity;
    let cubicShare = 0;
    const Mnum = toNumbers(F, p.target);
    const MFn = frobNum(Mnum);
    for (let t = 0; t < T; t++) {
      const O = run.D[t];
      const gNT = nuclear(F, run.G[t]);
      const J = mfHessianForm(k.la, run.W[t], p.target, O);
      sumG = F.add(sumG, gNT);
      sumJ = F.add(sumJ, J);
      minJ = Math.min(minJ, n(J));
      const oF = n(frobenius(F, O));
      const o3 = F.mul(F.mul(F.of(oF), F.of(oF)), F.of(oF));
      const lhs = F.sub(F.add(F.sub(run.losses[t + 1], run.losses[t]), F.mul(eta, gNT)), F.mul(F.mul(half, F.mul(eta, eta)), J));
      const rhs = F.mul(F.mul(F.mul(sixth, sT), F.mul(eta, F.mul(eta, eta))), o3);
      // Float error of one step (γ_n ≤ 1.01nu, shadows with ‖·‖_F): the losses ¼‖UUᵀ − M‖² to (2(k + 1) + d² + 3)u·S_t,
      // S_t = ¼(‖U‖_F² + ‖M‖_F)²; the rounded update δ (|δ| ≤ u(|W_{t+1}| + η|O|)) against ∇f: ‖G‖_F·‖δ‖_F, twice; the
      // computed gradient’s error ‖δG‖ ≤ (2k + d + 3)u(‖U‖_F³ + ‖M‖_F‖U‖_F) against ηO; msign and Jacobi 16(d + k)u·η‖G‖_*;
      // J to (2k + d² + 4)u·(2‖U‖_F²‖O‖_F² + (‖U‖_F² + ‖M‖_F)‖O‖_F²)·η²/2; ‖O‖_F³ to 3(dk + 2)u relative.
      const Wt = frobNum(toNumbers(F, run.W[t]));
      const Wn = frobNum(toNumbers(F, run.W[t + 1]));
      const gF = n(frobenius(F, run.G[t]));
      const S = (w: number): number => ((w * w + MFn) ** 2) / 4;
      const dl = u * (Wn + etaN * oF);
      const tt =
        1.01 * (2 * (kk + 1) + d * d + 3) * u * (S(Wt) + S(Wn)) +
        2.02 * gF * dl +
        etaN * oF * (2 * kk + d + 3) * 1.01 * u * (Wt ** 3 + MFn * Wt) +
        16 * (d + kk) * u * etaN * n(gNT) +
        1.01 * (2 * kk + d * d + 4) * u * (2 * Wt * Wt * oF * oF + (Wt * Wt + MFn) * oF * oF) * etaN * etaN / 2 +
        3 * (d * kk + 2) * u * n(rhs);
      tolSum += tt;
      const rem = n(lhs);
      if (rem > 0) cubicShare = Math.max(cubicShare, rem / n(rhs));
      k.bound('(4.8step) f_{t+1} ≤ f_t − η‖∇f‖_* + (η²/2)J_t + (s/6)η³‖U_tV_tᵀ‖_F³', lhs, rhs, { tol: tt, why: 'per step: rounded losses, update and gradient, msign/Jacobi 16(d + k)u, J_t and ‖O‖_F³ (see the comment)', at: t });
    }
    const TT = F.of(T);
    const Jbar = F.div(sumJ, TT);
    const lhs48 = F.div(sumG, TT);
    const rhs48 = F.add(F.add(F.div(DeltaT, F.mul(eta, TT)), F.mul(F.mul(half, eta), Jbar)), F.mul(F.mul(sixth, F.mul(sT, F.of(r ** 1.5))), F.mul(eta, eta)));
    k.bound('(4.8) (1/T)Σ‖∇f(W_t)‖_* ≤ Δ/(ηT) + (η/2)J_{avg} + (s r^{3/2}/6)η²', lhs48, rhs48, { tol: tolSum / (etaN * T) + (16 * d * u * MF * MF) / (etaN * T), why: 'the per-step errors summed over ηT, and f* from below (16d·u‖M‖_F on each eigenvalue)' });

    const sTerm = (s * r ** 1.5 * etaN * etaN) / 6;
    k.bin('k vs d', kk < d ? 'k < d' : 'k ≥ d');
    k.bin('J_{avg}', n(Jbar) > 0 ? 'J_{avg} > 0' : 'J_{avg} ≤ 0');
    k.bin('s-term share of the bound', sTerm / n(rhs48) < 0.01 ? '< 1 %' : '≥ 1 %');
    k.branch(minJ < 0 ? 'some J_t < 0 (nonconvex direction)' : 'every J_t ≥ 0');
    k.trace(() => ({ R, s, Jbar: n(Jbar), minJ, lhs: n(lhs48), rhs: n(rhs48), sTerm, worstRemainderShare: cubicShare }));
  },

  probes: [
    probe({
      id: 'no-third-derivative-term',
      hypothesis: 's',
      drops: 'Assumption 4.7’s s dropped (s = 0: the Hessian treated as constant), η ∈ [10^-0.5, 1]',
      cases: casesOf({ etaMin: -0.5 }).map((c) => ({ ...c, sScale: 0 })),
      runs: 30,
      what: '(4.8step)/(4.8) with s = 0',
    }),
    probe({
      id: 's-tenth',
      hypothesis: 's',
      drops: 'the region’s constant dropped: s ten times smaller than 6·max_t‖W_t‖_op, η ∈ [10^-0.5, 1]',
      cases: casesOf({ etaMin: -0.5 }).map((c) => ({ ...c, sScale: 0.1 })),
      runs: 30,
      what: '(4.8step)/(4.8) with s/10',
    }),
  ],
  bins: { 'k vs d': ['k < d', 'k ≥ d'], 'J_{avg}': ['J_{avg} > 0', 'J_{avg} ≤ 0'], 's-term share of the bound': ['< 1 %', '≥ 1 %'] },
  branches: ['some J_t < 0 (nonconvex direction)', 'every J_t ≥ 0'],
  search: {
    params: (c) => [c.logAlpha, c.logEta],
    withParams: (c, [a, e]) => (a! >= -2 && a! <= 0.5 && e! >= -3 && e! <= 0 ? { ...c, logAlpha: Math.round(a! * 1000) / 1000, logEta: Math.round(e! * 1000) / 1000 } : undefined),
    steps: [0.2, 0.2],
  },
});
